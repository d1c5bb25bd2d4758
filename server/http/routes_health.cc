// GET /healthz: the database answers and no check has found it damaged. GET /metrics: Prometheus
// text format.
#include "server/http/problem.h"
#include "server/http/server_context.h"

namespace siegel::http {

void AddHealthRoutes(RouteTable& routes, ServerContext& context) {
  routes.Get("/healthz", "healthz", Work::kQuick,
             [&context](const httplib::Request& req, httplib::Response& res) {
               int64_t generation = 0;
               const PublicRegistry* reader = context.Begin(res, &generation);
               if (reader == nullptr) return;  // Begin answered 503
               // A damaged database still answers most reads, but it is not healthy: writes
               // are refused, and whoever watches this must restore it.
               if (std::optional<std::string> damage = reader->store().KnownDamage()) {
                 res.status = 503;
                 res.set_header("Cache-Control", "no-store");
                 res.set_content(Json{{"status", "damaged"},
                                      {"detail", "the integrity check at " + *damage},
                                      {"generation", generation}}
                                     .dump(),
                                 "application/json");
                 return;
               }
               SendJson(req, res, Json{{"status", "ok"}, {"generation", generation}}, "no-cache");
             });
}

void AddMetricsRoutes(RouteTable& routes, ServerContext& context) {
  routes.Get("/metrics", "metrics", Work::kCompute,
             [&context](const httplib::Request& req, httplib::Response& res) {
               int64_t generation = 0;
               const PublicRegistry* reader = context.Begin(res, &generation);
               if (reader == nullptr) return;
               auto counts = reader->certificates().CountByStatus();
               if (!counts.ok()) return SendError(res, counts.error());
               SendDocument(
                   req, res,
                   *MakeDocument(context.metrics().Render(*counts), "text/plain; version=0.0.4"),
                   "no-cache");
             });
}

}  // namespace siegel::http
