// Server setup: the routes with what each costs, the headers every answer carries, the
// exception handler that never shows internals to a client, and the front door in front.
#include "server/siegel_server.h"

#include <httplib.h>

#include "registry/registry.h"
#include "server/admin/admin_router.h"
#include "server/http/front_door.h"
#include "server/http/http_application.h"
#include "server/http/periodic_task.h"
#include "server/http/problem.h"
#include "server/http/route_table.h"
#include "server/http/server_context.h"
#include "server/http/tls_context.h"
#include "server/mail/mail_rounds.h"
#include "server/web/error_pages.h"
#include "server/web/page.h"

namespace siegel::http {

SiegelServer::SiegelServer(ServerConfig config) : config_(std::move(config)) {}

// The front door's threads use the routes, the application and the context: it goes first.
SiegelServer::~SiegelServer() {
  front_door_.reset();
  housekeeping_.clear();
}

Status SiegelServer::Prepare() {
  if (app_) return Status::Ok();
  // Fail early, with the registry's own message, if the data directory is not usable.
  auto probe = config_.read_only ? Registry::OpenReadOnly(config_.data_dir)
                                 : Registry::Open(config_.data_dir);
  if (!probe.ok()) return probe.error();
  // The staff side signs: refuse to start with a key file others may read, or an encrypted
  // one without its passphrase, rather than fail at the first approval. A read-only server
  // signs nothing.
  if (!config_.read_only) {
    if (Status s = (*probe)->keys().CheckSigningKey(); !s.ok()) return s.error();
  }

  if (!config_.tls_cert_file.empty() || !config_.tls_key_file.empty()) {
    if (config_.tls_cert_file.empty() || config_.tls_key_file.empty()) {
      return Error::InvalidInput("--tls-cert and --tls-key must be given together");
    }
    auto tls = TlsContext::Load(config_.tls_cert_file, config_.tls_key_file);
    if (!tls.ok()) return tls.error();
    tls_ = std::move(tls).value();
  }
  context_ = std::make_unique<ServerContext>(
      config_.data_dir, config_.cache_max_age_seconds, config_.access_log, config_.verify_rate,
      config_.verify_burst, config_.read_only, config_.clock_for_testing);
  app_ = std::make_unique<HttpApplication>();
  routes_ = std::make_unique<RouteTable>(*app_);
  RegisterRoutes();
  return Status::Ok();
}

Result<std::string> SiegelServer::AnswerInProcess(const std::string& request) {
  if (!app_) return Error::Internal("the server's routes are not built (Prepare first)");
  PeerAddresses loopback{"127.0.0.1", 0, "127.0.0.1", 0};
  std::string answer;
  std::vector<AnswerTail> tail;
  app_->Answer(request, loopback, /*last=*/true, answer, tail);
  for (const AnswerTail& part : tail) {
    std::string body;
    if (Status s = part.stretch.file->Read(part.stretch.offset, part.stretch.length, body);
        !s.ok()) {
      return s.error();
    }
    answer += body;
    answer += part.after;
  }
  return answer;
}

Result<int> SiegelServer::Bind() {
  if (Status prepared = Prepare(); !prepared.ok()) return prepared.error();
  FrontDoorConfig door;
  door.host = config_.host;
  door.port = config_.port;
  door.max_connections = config_.max_connections;
  door.event_loops = config_.event_loops;
  door.compute_threads = config_.threads;
  door.staff_threads = config_.staff_threads;
  door.limits.request_timeout = std::chrono::seconds(config_.request_timeout_seconds);
  door.limits.idle_timeout = std::chrono::seconds(config_.idle_timeout_seconds);
  door.tls = tls_ ? tls_->get() : nullptr;
  // What the answers themselves say about keep-alive.
  app_->set_keep_alive_timeout(config_.idle_timeout_seconds);
  app_->set_keep_alive_max_count(door.limits.max_requests);
  app_->set_payload_max_length(kLargestBody);  // the front door's limits come first
  ServerContext* context = context_.get();
  door.change_count = [context] { return context->ChangeCount(); };
  door.on_cached_answer = [context](const std::string& method, const std::string& path,
                                    const char* route, int status, size_t bytes) {
    context->metrics().Record(route, status, 0);
    context->metrics().RecordCachedAnswer();
    context->access_log().Write(method, path, route, status, bytes, 0);
  };
  front_door_ = std::make_unique<FrontDoor>(
      door, *app_, *routes_,
      [context](const std::string& method, const std::string& path, int status) {
        context->metrics().Record("refused", status, 0);
        context->access_log().Write(method.empty() ? "-" : method, path.empty() ? "-" : path,
                                    "refused", status, 0, 0);
      });
  return front_door_->Bind();
}

void SiegelServer::RegisterRoutes() {
  HttpApplication& app = *app_;
  ServerContext* context = context_.get();
  bool read_only = config_.read_only;
  app.set_pre_routing_handler([read_only](const httplib::Request& req, httplib::Response& res) {
    BeginRequestTiming();
    if (read_only && IsStaffPath(req.path)) {
      SendProblem(res, 503,
                  "this server shows a read-only copy of the registry: nothing can be changed "
                  "here; the staff side is on the registry's own server");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  bool tls = tls_ != nullptr;
  app.set_post_routing_handler([context, tls](const httplib::Request& req, httplib::Response& res) {
    if (tls) res.set_header("Strict-Transport-Security", "max-age=31536000");
    // Staff routes are for this site only; everything public may be read from anywhere.
    if (!IsStaffPath(req.path)) {
      res.set_header("Access-Control-Allow-Origin", "*");
      res.set_header("Access-Control-Expose-Headers", "ETag");
    }
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    // Pages set their own policy (their stylesheet); everything else gets the strictest one.
    if (!res.has_header("Content-Security-Policy")) {
      res.set_header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    }
    double seconds = SecondsSinceRequestStart();
    context->metrics().Record(CurrentRoute(), res.status, seconds);
    context->access_log().Write(req.method, req.path, CurrentRoute(), res.status, res.body.size(),
                                seconds);
  });
  app.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        SendProblem(res, 500, "the server failed to answer this request");
      });
  // Every answer of 400 or more passes here before it is written: an empty one gets its
  // problem, and a browser gets the problem as a page in its language.
  app.set_error_handler([context](const httplib::Request& req, httplib::Response& res) {
    if (res.body.empty()) {
      std::string detail = res.status == 404   ? "there is nothing at this address"
                           : res.status == 413 ? "the request body is too large"
                           : res.status == 405 ? "this method is not allowed here"
                                               : "the request failed";
      SendProblem(res, res.status, detail);
    }
    web::ErrorPageForBrowsers(req, res, *context);
  });
  RouteTable& routes = *routes_;
  AddCertificateRoutes(routes, *context_);  // first: the busiest routes
  AddVerifyRoutes(routes, *context_);
  AddIssuerRoutes(routes, *context_);
  AddRegistryRoutes(routes, *context_);
  AddStatusListRoutes(routes, *context_);
  AddLogRoutes(routes, *context_);
  AddHealthRoutes(routes, *context_);
  AddMetricsRoutes(routes, *context_);
  AddOpenApiRoutes(routes, *context_);
  AddContextRoutes(routes);
  web::AddWebRoutes(routes, *context_);
  admin::AdminSettings admin_settings;
  admin_settings.secure_cookies = tls;
  admin_settings.throttle = config_.sign_in_throttle;
  admin_ = std::make_unique<admin::AdminSide>(routes, *context_, admin_settings);
  // CORS preflight: public GETs and the verify POSTs may be called from any web page.
  routes.Options(
      ".*", "preflight", Work::kQuick, [](const httplib::Request& req, httplib::Response& res) {
        res.status = 204;
        if (IsStaffPath(req.path)) return;  // no cross-origin calls to staff routes
        res.set_header("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS");
        res.set_header("Access-Control-Allow-Headers", "Content-Type, Accept, If-None-Match");
        res.set_header("Access-Control-Max-Age", "86400");
      });
}

bool SiegelServer::Run() {
  if (!front_door_) return false;
  if (!config_.read_only) {  // both write
    int64_t max_age = config_.status_list_max_age_seconds;
    std::function<UnixSeconds()> clock = config_.clock_for_testing;
    housekeeping_.push_back(std::make_unique<PeriodicTask>(
        "cannot sign the status lists again", config_.data_dir,
        std::chrono::seconds(config_.status_list_refresh_seconds),
        [max_age, clock](Registry& registry) {
          if (clock) registry.SetClockForTesting(clock);
          return registry.status_lists().RefreshStatusLists(max_age).status();
        }));
    if (config_.integrity_check_seconds > 0) {
      housekeeping_.push_back(std::make_unique<PeriodicTask>(
          "the integrity check failed; writes are refused until siegel check finds the "
          "database sound",
          config_.data_dir, std::chrono::seconds(config_.integrity_check_seconds),
          [](Registry& registry) { return registry.store().CheckIntegrity(); }));
    }
    if (config_.smtp) {
      mail::SmtpConfig smtp = *config_.smtp;
      mail::Sender from = config_.mail_from;
      housekeeping_.push_back(std::make_unique<PeriodicTask>(
          "cannot send e-mail", config_.data_dir,
          std::chrono::seconds(config_.mail_interval_seconds),
          [smtp, from, clock](Registry& registry) -> Status {
            if (clock) registry.SetClockForTesting(clock);
            mail::SmtpTransport transport(smtp);
            auto round = mail::RunMailRound(registry, transport, from);
            if (!round.ok()) return round.error();
            // Each failure is in the audit trail and tried again; the operator hears of it too.
            if (!round->errors.empty()) return Error::Io(round->errors.front());
            return Status::Ok();
          }));
    }
  }
  for (auto& task : housekeeping_) task->Start();
  bool ok = front_door_->Run();
  for (auto& task : housekeeping_) task->Stop();
  return ok;
}

void SiegelServer::Stop() {
  if (front_door_) front_door_->Stop();
}

}  // namespace siegel::http
