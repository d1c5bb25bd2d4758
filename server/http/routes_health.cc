// GET /healthz: the database answers and its schema is current.
#include <nlohmann/json.hpp>

#include "server/http/server_context.h"

namespace siegel::http {

void AddHealthRoutes(httplib::Server& server, ServerContext& context) {
  server.Get("/healthz", [&context](const httplib::Request&, httplib::Response& res) {
    int64_t generation = 0;
    if (context.Begin(res, &generation) == nullptr) return;  // Begin answered 503
    res.set_header("Cache-Control", "no-store");
    res.set_content(nlohmann::json{{"status", "ok"}, {"generation", generation}}.dump(), "application/json");
  });
}

}  // namespace siegel::http
