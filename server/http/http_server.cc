// Server setup: event loops for the public's requests and a fixed pool of threads for the
// rest, TCP_NODELAY, security headers and the exception handler that never shows internals
// to a client.
#include "server/http/http_server.h"

#include <httplib.h>

#include <algorithm>
#include <string_view>
#include <thread>

#include "registry/registry.h"
#include "server/admin/admin_router.h"
#include "server/http/connection_server.h"
#include "server/http/event_loop_policy.h"
#include "server/http/problem.h"
#include "server/http/server_context.h"
#include "server/web/page.h"

namespace siegel::http {

namespace {
// Two per core: a loop that the scheduler preempts (for the client on the same machine, or
// any other process) holds up every connection it serves; with two per core it holds up half
// as many. Measured on two cores under wrk: p99 0.6-0.7 ms with four loops, 1.4-3.9 ms with
// two, the same rate; eight lost 15% of it.
size_t EventLoopCount(size_t configured) {
  if (configured > 0) return configured;
  return 2 * std::max<size_t>(1, std::thread::hardware_concurrency());
}
}  // namespace

SiegelServer::SiegelServer(ServerConfig config) : config_(std::move(config)) {}
SiegelServer::~SiegelServer() = default;

Result<int> SiegelServer::Bind() {
  // Fail early, with the registry's own message, if the data directory is not usable.
  auto probe = Registry::Open(config_.data_dir);
  if (!probe.ok()) return probe.error();
  // The staff side signs: refuse to start with a key file others may read, or an encrypted
  // one without its passphrase, rather than fail at the first approval.
  if (Status s = (*probe)->CheckSigningKey(); !s.ok()) return s.error();

  if (!config_.tls_cert_file.empty() || !config_.tls_key_file.empty()) {
    if (config_.tls_cert_file.empty() || config_.tls_key_file.empty()) {
      return Error::InvalidInput("--tls-cert and --tls-key must be given together");
    }
    auto tls = std::make_unique<httplib::SSLServer>(config_.tls_cert_file.c_str(),
                                                    config_.tls_key_file.c_str());
    if (!tls->is_valid()) {
      return Error::InvalidInput("cannot load the TLS certificate " + config_.tls_cert_file +
                                 " or key " + config_.tls_key_file);
    }
    // TLS 1.2 at least; for 1.2 only forward-secret AEAD suites (1.3's are all of that kind).
    SSL_CTX* ssl = tls->ssl_context();
    if (SSL_CTX_set_min_proto_version(ssl, TLS1_2_VERSION) != 1 ||
        SSL_CTX_set_cipher_list(ssl,
                                "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                                "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305") != 1) {
      return Error::Internal("cannot configure TLS");
    }
    SSL_CTX_set_options(ssl, SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);
    server_ = std::move(tls);
  } else {
    auto plain = std::make_unique<ConnectionServer>();
    plain_ = plain.get();
    server_ = std::move(plain);
  }
  context_ = std::make_unique<ServerContext>(config_.data_dir, config_.cache_max_age_seconds,
                                             config_.access_log, config_.verify_rate,
                                             config_.verify_burst);

  size_t threads = config_.threads;
  // For plain HTTP the accepting side's tasks only pass each connection to an event loop.
  size_t accepting = plain_ ? 1 : threads;
  server_->new_task_queue = [accepting] { return new httplib::ThreadPool(accepting); };
  server_->set_tcp_nodelay(true);
  // cpp-httplib's default sets SO_REUSEPORT, which lets a second `siegel serve` on the same
  // port start too, and the kernel then splits the public's requests between the two, with
  // whatever registry each one serves. SO_REUSEADDR alone lets a restart bind at once and a
  // second server fail with "in use".
  server_->set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  server_->set_keep_alive_max_count(10000);
  server_->set_keep_alive_timeout(10);
  server_->set_read_timeout(10, 0);
  server_->set_write_timeout(10, 0);
  server_->set_payload_max_length(
      8 << 20);  // a batch of 1,000 credentials fits; single verify is checked lower
  if (plain_) {
    plain_->set_answers_in_loop(AnsweredInEventLoop);
    plain_->StartLoops(EventLoopCount(config_.event_loops), threads);
  }

  ServerContext* context = context_.get();
  server_->set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    BeginRequestTiming();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  bool tls = !config_.tls_cert_file.empty();
  server_->set_post_routing_handler(
      [context, tls](const httplib::Request& req, httplib::Response& res) {
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
        context->access_log().Write(req.method, req.path, CurrentRoute(), res.status,
                                    res.body.size(), seconds);
      });
  server_->set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        SendProblem(res, 500, "the server failed to answer this request");
      });
  server_->set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) {
      std::string detail = res.status == 404   ? "there is nothing at this address"
                           : res.status == 413 ? "the request body is too large"
                           : res.status == 405 ? "this method is not allowed here"
                                               : "the request failed";
      SendProblem(res, res.status, detail);
    }
  });
  // CORS preflight: public GETs and the verify POSTs may be called from any web page.
  server_->Options(".*", [](const httplib::Request& req, httplib::Response& res) {
    SetCurrentRoute("preflight");
    res.status = 204;
    if (IsStaffPath(req.path)) return;  // no cross-origin calls to staff routes
    res.set_header("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS");
    res.set_header("Access-Control-Allow-Headers", "Content-Type, Accept, If-None-Match");
    res.set_header("Access-Control-Max-Age", "86400");
  });
  AddCertificateRoutes(*server_, *context_);  // first: the busiest routes
  AddVerifyRoutes(*server_, *context_);
  AddIssuerRoutes(*server_, *context_);
  AddRegistryRoutes(*server_, *context_);
  AddStatusListRoutes(*server_, *context_);
  AddLogRoutes(*server_, *context_);
  AddHealthRoutes(*server_, *context_);
  AddMetricsRoutes(*server_, *context_);
  AddOpenApiRoutes(*server_, *context_);
  web::AddWebRoutes(*server_, *context_);
  admin::AdminSettings admin_settings;
  admin_settings.secure_cookies = !config_.tls_cert_file.empty();
  admin_settings.throttle = config_.sign_in_throttle;
  admin_ = std::make_unique<admin::AdminSide>(*server_, *context_, admin_settings);

  int port = config_.port == 0
                 ? server_->bind_to_any_port(config_.host)
                 : (server_->bind_to_port(config_.host, config_.port) ? config_.port : -1);
  if (port <= 0) {
    return Error::Io("cannot listen on " + config_.host + ":" + std::to_string(config_.port) +
                     " (is the port in use?)");
  }
  return port;
}

bool SiegelServer::Run() {
  if (!server_) return false;
  bool ok = server_->listen_after_bind();
  if (plain_) plain_->FinishConnections();
  return ok;
}

void SiegelServer::Stop() {
  if (plain_) {
    plain_->StopAndWake();
  } else if (server_) {
    server_->stop();
  }
}

}  // namespace siegel::http
