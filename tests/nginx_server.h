// Debian's nginx started by a test on 127.0.0.1 with a site configuration of ours (one of
// deploy/nginx/, with its addresses and paths replaced), stopped with the test.
#pragma once

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "tests/process_support.h"

namespace siegel::testing {

inline constexpr char kNginxBinary[] = "/usr/sbin/nginx";

inline bool NginxInstalled() { return access(kNginxBinary, X_OK) == 0; }

// `text` with `from` (which must be there) replaced by `to`; empty if `from` is missing, so
// that a changed deploy file fails the test that starts it rather than running another site.
inline std::string ReplaceIn(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  if (at == std::string::npos) return "";
  return text.replace(at, from.size(), to);
}

class NginxServer {
 public:
  // Runs nginx with `site` (an http-level include) from `dir`, which it keeps its files in;
  // waits until `port` accepts connections. started() says whether it came up.
  NginxServer(const std::filesystem::path& dir, const std::string& site, int port) : dir_(dir) {
    std::filesystem::create_directories(dir / "tmp");
    WriteFile(dir / "site.conf", site);
    const std::string temp = (dir / "tmp").string();
    std::string main_conf = std::string(geteuid() == 0 ? "user root;\n" : "") +
                            "worker_processes 1;\npid " + (dir / "nginx.pid").string() +
                            ";\nerror_log " + (dir / "error.log").string() +
                            ";\nevents { worker_connections 256; }\nhttp {\n  access_log off;\n" +
                            "  client_body_temp_path " + temp + "/body;\n  proxy_temp_path " +
                            temp + "/proxy;\n  fastcgi_temp_path " + temp +
                            "/fastcgi;\n  uwsgi_temp_path " + temp + "/uwsgi;\n  scgi_temp_path " +
                            temp + "/scgi;\n  include " + (dir / "site.conf").string() + ";\n}\n";
    WriteFile(dir / "nginx.conf", main_conf);
    process_ = std::make_unique<ChildProcess>(std::vector<std::string>{
        kNginxBinary, "-c", (dir / "nginx.conf").string(), "-g", "daemon off;"});
    for (int i = 0; i < 300 && !Listening(port); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    started_ = Listening(port);
  }
  ~NginxServer() {
    if (process_) process_->Terminate();
  }
  bool started() const { return started_; }
  std::string ErrorLog() const {
    std::error_code error;
    return std::filesystem::exists(dir_ / "error.log", error) ? ReadFile(dir_ / "error.log") : "";
  }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<ChildProcess> process_;
  bool started_ = false;
};

}  // namespace siegel::testing
