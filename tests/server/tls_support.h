// Development TLS material for the server tests, made once per test process with the
// project's own certs/make-dev-cert (nothing is committed).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "server/siegel_server.h"
#include "tests/process_support.h"

namespace siegel::testing {

inline const std::filesystem::path& DevCertificates() {
  static std::unique_ptr<TempDir> dir;
  static std::filesystem::path certs;
  if (!dir) {
    dir = std::make_unique<TempDir>();
    certs = dir->path() / "certs";
    auto made = RunProcess(
        {"/bin/bash", std::string(SIEGEL_SOURCE_DIR) + "/certs/make-dev-cert", certs.string()});
    if (made.exit_code != 0) throw std::runtime_error("make-dev-cert failed: " + made.err);
  }
  return certs;
}

inline void ServeTls(http::ServerConfig& config) {
  config.tls_cert_file = (DevCertificates() / "dev-cert.pem").string();
  config.tls_key_file = (DevCertificates() / "dev-key.pem").string();
}

}  // namespace siegel::testing
