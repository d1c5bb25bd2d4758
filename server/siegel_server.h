// The server's wiring, in one place: which routes (public, staff, pages) over which registry
// services, behind the transport in server/http/ (which knows none of them). Bind first (port 0
// picks a free port), then Run() blocks until Stop() is called from another thread.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/timestamp.h"
#include "server/admin/sign_in_throttle.h"
#include "server/mail/mail_message.h"
#include "server/mail/smtp_transport.h"

namespace siegel::http {

struct ServerConfig {
  std::filesystem::path data_dir;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string tls_cert_file;  // both set: HTTPS
  std::string tls_key_file;
  // Worker threads for verification and registry-wide reads (0: two per core); the staff
  // side has staff_threads of its own. Workers never wait for a client: the event loops do
  // all reading and writing.
  size_t threads = 0;
  size_t staff_threads = 4;
  size_t event_loops = 0;                  // 0: two per core
  size_t max_connections = 10000;          // beyond it a connection gets 503
  int cache_max_age_seconds = 60;          // Cache-Control for status lists and issuer documents
  std::string access_log = "-";            // "-" standard error, "off", or a file
  admin::ThrottleLimits sign_in_throttle;  // failed sign-ins allowed per account and address
  // Verification requests per second and client address (0: no limit); a batch counts as 10.
  double verify_rate = 50;
  double verify_burst = 100;
  // Seconds: a request must arrive whole within request_timeout of its first byte; an idle
  // keep-alive connection closes after idle_timeout. (Tests shorten them.)
  int request_timeout_seconds = 10;
  int idle_timeout_seconds = 10;
  // Every status_list_refresh_seconds, status lists signed status_list_max_age_seconds ago or
  // earlier are signed again (periodic_task.h).
  int status_list_refresh_seconds = 300;
  int status_list_max_age_seconds = 3600;
  // The database is read for damage at start and then every integrity_check_seconds (0: never).
  int integrity_check_seconds = 3600;
  // Serve a registry that cannot be written (a read-only copy or mount, a full disk): opened
  // with Registry::OpenReadOnly, nothing signed or written, the staff side answers 503.
  bool read_only = false;
  // Reminders and status notices (server/mail/): sent through `smtp` every
  // mail_interval_seconds when a mail server is set; nothing is sent otherwise.
  std::optional<mail::SmtpConfig> smtp;
  mail::Sender mail_from;
  int mail_interval_seconds = 60;
  // Tests fix the time every answer is judged at (the recorded answers); empty: the system
  // clock.
  std::function<UnixSeconds()> clock_for_testing;
};

class ServerContext;
class HttpApplication;
class RouteTable;
class FrontDoor;
class TlsContext;
class PeriodicTask;
}  // namespace siegel::http
namespace siegel::admin {
class AdminSide;
}  // namespace siegel::admin
namespace siegel::http {

class SiegelServer {
 public:
  explicit SiegelServer(ServerConfig config);
  ~SiegelServer();

  // Checks the data directory and builds the routes, without a socket (Bind does it first).
  Status Prepare();
  // After Prepare: answers one whole request in-process, as a client would get it over the
  // network (status line, head, body), but without the front door's framing checks and
  // answer cache. `siegel publish` renders the public side through it, so that every mirrored
  // file is what the server itself answers.
  Result<std::string> AnswerInProcess(const std::string& request);
  // Checks the data directory, builds the routes and binds the socket. Returns the port.
  Result<int> Bind();
  // Serves until Stop(). Returns false if the server failed.
  bool Run();
  void Stop();
  // The routes with their costs, after Bind (for the test that checks them).
  const RouteTable& routes() const { return *routes_; }

 private:
  void RegisterRoutes();

  ServerConfig config_;
  std::unique_ptr<ServerContext> context_;
  std::unique_ptr<HttpApplication> app_;
  std::unique_ptr<RouteTable> routes_;
  std::unique_ptr<TlsContext> tls_;
  std::unique_ptr<admin::AdminSide> admin_;
  std::unique_ptr<FrontDoor> front_door_;
  std::vector<std::unique_ptr<PeriodicTask>> housekeeping_;
};

}  // namespace siegel::http
