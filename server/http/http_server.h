// The public HTTP server over one data directory. Bind first (port 0 picks a free port),
// then Run() blocks until Stop() is called from another thread or a signal handler.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "registry/credential/result.h"
#include "server/admin/sign_in_throttle.h"

namespace httplib {
class Server;
}

namespace siegel::http {

struct ServerConfig {
  std::filesystem::path data_dir;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string tls_cert_file;  // both set: HTTPS
  std::string tls_key_file;
  // Threads for connections the event loops hand on (staff pages, large or chunked uploads),
  // one connection each; with HTTPS, for every connection.
  size_t threads = 64;
  size_t event_loops = 0;                  // plain HTTP: 0 means two per core
  int cache_max_age_seconds = 60;          // Cache-Control for status lists and issuer documents
  std::string access_log = "-";            // "-" standard error, "off", or a file
  admin::ThrottleLimits sign_in_throttle;  // failed sign-ins allowed per account and address
  // Verification requests per second and client address (0: no limit); a batch counts as 10.
  double verify_rate = 50;
  double verify_burst = 100;
};

class ServerContext;
class ConnectionServer;
}  // namespace siegel::http
namespace siegel::admin {
class AdminSide;
}  // namespace siegel::admin
namespace siegel::http {

class SiegelServer {
 public:
  explicit SiegelServer(ServerConfig config);
  ~SiegelServer();

  // Checks the data directory, builds the routes and binds the socket. Returns the port.
  Result<int> Bind();
  // Serves until Stop(). Returns false if the server failed.
  bool Run();
  void Stop();

 private:
  ServerConfig config_;
  std::unique_ptr<ServerContext> context_;
  std::unique_ptr<httplib::Server> server_;
  ConnectionServer* plain_ = nullptr;  // server_, when it serves plain HTTP
  std::unique_ptr<admin::AdminSide> admin_;
};

}  // namespace siegel::http
