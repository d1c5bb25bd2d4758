// Server setup: TCP_NODELAY, a fixed worker pool, security headers and the exception
// handler that never shows internals to a client.
#include "server/http/http_server.h"

#include <httplib.h>

#include "registry/registry.h"
#include "server/http/problem.h"
#include "server/http/server_context.h"

namespace siegel::http {

SiegelServer::SiegelServer(ServerConfig config) : config_(std::move(config)) {}
SiegelServer::~SiegelServer() = default;

Result<int> SiegelServer::Bind() {
  // Fail early, with the registry's own message, if the data directory is not usable.
  auto probe = Registry::Open(config_.data_dir);
  if (!probe.ok()) return probe.error();

  if (!config_.tls_cert_file.empty() || !config_.tls_key_file.empty()) {
    if (config_.tls_cert_file.empty() || config_.tls_key_file.empty()) {
      return Error::InvalidInput("--tls-cert and --tls-key must be given together");
    }
    auto tls = std::make_unique<httplib::SSLServer>(config_.tls_cert_file.c_str(), config_.tls_key_file.c_str());
    if (!tls->is_valid()) {
      return Error::InvalidInput("cannot load the TLS certificate " + config_.tls_cert_file + " or key " +
                                 config_.tls_key_file);
    }
    server_ = std::move(tls);
  } else {
    server_ = std::make_unique<httplib::Server>();
  }
  context_ = std::make_unique<ServerContext>(config_.data_dir);

  size_t threads = config_.threads;
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server_->set_tcp_nodelay(true);
  server_->set_keep_alive_max_count(1000);
  server_->set_payload_max_length(1 << 20);
  server_->set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    res.set_header("Access-Control-Allow-Origin", "*");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "no-referrer");
    res.set_header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  });
  server_->set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    SendProblem(res, 500, "the server failed to answer this request");
  });
  server_->set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) {
      SendProblem(res, res.status, res.status == 404 ? "there is nothing at this address" : "the request failed");
    }
  });
  AddIssuerRoutes(*server_, *context_);
  AddCertificateRoutes(*server_, *context_);
  AddStatusListRoutes(*server_, *context_);
  AddHealthRoutes(*server_, *context_);

  int port = config_.port == 0 ? server_->bind_to_any_port(config_.host)
                               : (server_->bind_to_port(config_.host, config_.port) ? config_.port : -1);
  if (port <= 0) {
    return Error::Io("cannot listen on " + config_.host + ":" + std::to_string(config_.port) +
                     " (is the port in use?)");
  }
  return port;
}

bool SiegelServer::Run() { return server_ && server_->listen_after_bind(); }

void SiegelServer::Stop() {
  if (server_) server_->stop();
}

}  // namespace siegel::http
