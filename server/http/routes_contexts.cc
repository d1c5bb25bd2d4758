// GET /ns/siegel/v1: Siegel's own JSON-LD context, the same bytes from every registry, so
// JSON-LD processors that fetch contexts find every term of a label defined.
#include "credential/contexts.h"
#include "server/http/problem.h"
#include "server/http/server_context.h"

namespace siegel::http {

void AddContextRoutes(RouteTable& routes) {
  routes.Get(kSiegelContextPath, "context", Work::kQuick,
             [](const httplib::Request& req, httplib::Response& res) {
               static const std::shared_ptr<const CachedDocument> kDocument =
                   MakeDocument(SiegelContextDocument(), "application/ld+json");
               // A version's document never changes; a new one gets a new path.
               SendDocument(req, res, *kDocument, "public, max-age=604800, immutable");
             });
}

}  // namespace siegel::http
