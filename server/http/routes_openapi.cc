// GET /api/openapi.json: the OpenAPI description, with this registry's address as server.
#include "server/http/openapi_document.h"
#include "server/http/problem.h"
#include "server/http/server_context.h"

namespace siegel::http {

void AddOpenApiRoutes(RouteTable& routes, ServerContext& context) {
  routes.Get("/api/openapi.json", "openapi", Work::kQuick,
             [&context](const httplib::Request& req, httplib::Response& res) {
               int64_t generation = 0;
               const PublicRegistry* reader = context.Begin(res, &generation);
               if (reader == nullptr) return;
               auto doc = context.cache().Document(
                   generation, "openapi", [&]() -> Result<std::shared_ptr<const CachedDocument>> {
                     Json openapi = Json::parse(OpenApiDocument());
                     openapi["servers"] = {{{"url", reader->settings().base_url}}};
                     return MakeDocument(openapi.dump(2), "application/json");
                   });
               if (!doc.ok()) return SendError(res, doc.error());
               SendDocument(req, res, **doc, context.ShortCacheControl());
             });
}

}  // namespace siegel::http
