// GET /healthz: the database answers. GET /metrics: Prometheus text format.
#include "server/http/problem.h"
#include "server/http/server_context.h"

namespace siegel::http {

void AddHealthRoutes(RouteTable& routes, ServerContext& context) {
  routes.Get("/healthz", "healthz", Work::kQuick,
             [&context](const httplib::Request& req, httplib::Response& res) {
               int64_t generation = 0;
               if (context.Begin(res, &generation) == nullptr) return;  // Begin answered 503
               SendJson(req, res, Json{{"status", "ok"}, {"generation", generation}}, "no-cache");
             });
}

void AddMetricsRoutes(RouteTable& routes, ServerContext& context) {
  routes.Get("/metrics", "metrics", Work::kCompute,
             [&context](const httplib::Request& req, httplib::Response& res) {
               int64_t generation = 0;
               Registry* reader = context.Begin(res, &generation);
               if (reader == nullptr) return;
               auto counts = reader->CountByStatus();
               if (!counts.ok()) return SendError(res, counts.error());
               SendDocument(
                   req, res,
                   *MakeDocument(context.metrics().Render(*counts), "text/plain; version=0.0.4"),
                   "no-cache");
             });
}

}  // namespace siegel::http
