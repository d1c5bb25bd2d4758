// A real SMTP server for the tests: Debian's python3-aiosmtpd running tests/tools/smtp_sink.py
// on 127.0.0.1, started and stopped by the test. Each message it accepted is read back as
// JSON: envelope, whether TLS and authentication were used, and the message itself.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "tests/process_support.h"
#include "tests/test_support.h"

namespace siegel::testing {

struct SmtpSinkOptions {
  std::string tls_cert, tls_key;  // offer and require STARTTLS
  std::string user, password;     // require AUTH
  int refuse = 0;                 // answer the first messages "451 try again later"
};

class SmtpSink {
 public:
  explicit SmtpSink(const SmtpSinkOptions& options = {}) {
    std::vector<std::string> argv = {"/usr/bin/python3",
                                     std::string(SIEGEL_SOURCE_DIR) + "/tests/tools/smtp_sink.py",
                                     (dir_.path() / "mail").string()};
    if (!options.tls_cert.empty()) {
      argv.insert(argv.end(), {"--tls-cert", options.tls_cert, "--tls-key", options.tls_key});
    }
    if (!options.user.empty()) {
      argv.insert(argv.end(), {"--user", options.user, "--password", options.password});
    }
    if (options.refuse > 0) argv.insert(argv.end(), {"--refuse", std::to_string(options.refuse)});
    process_ = std::make_unique<ChildProcess>(argv);
    std::string line = process_->ReadLine();
    if (line.rfind("listening ", 0) != 0) {
      ADD_FAILURE() << "the SMTP server did not start (scripts/test installs python3-aiosmtpd): "
                    << line;
      return;
    }
    port_ = std::stoi(line.substr(10));
  }

  int port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  // The messages accepted so far, in order.
  std::vector<nlohmann::json> Messages() const {
    std::vector<std::filesystem::path> files;
    std::error_code ignored;
    for (const auto& entry : std::filesystem::directory_iterator(dir_.path() / "mail", ignored)) {
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::vector<nlohmann::json> out;
    for (const auto& file : files) out.push_back(nlohmann::json::parse(ReadFile(file)));
    return out;
  }

  // Waits until `count` messages arrived (or `seconds` passed) and answers them.
  std::vector<nlohmann::json> WaitFor(size_t count, int seconds = 20) const {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (Messages().size() < count && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return Messages();
  }

 private:
  TempDir dir_;
  std::unique_ptr<ChildProcess> process_;
  int port_ = 0;
};

}  // namespace siegel::testing
