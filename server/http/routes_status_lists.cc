// GET /status/{programme}/{purpose}: the signed BitstringStatusListCredential.
#include "server/http/problem.h"
#include "server/http/server_context.h"

namespace siegel::http {

void AddStatusListRoutes(RouteTable& routes, ServerContext& context) {
  routes.Get(R"(/status/([a-z0-9-]{1,63})/(revocation|suspension))", "status_list", Work::kQuick,
             [&context](const httplib::Request& req, httplib::Response& res) {
               int64_t generation = 0;
               const PublicRegistry* reader = context.Begin(res, &generation);
               if (reader == nullptr) return;
               std::string programme = req.matches[1], purpose_name = req.matches[2];
               StatusPurpose purpose = *ParsePurpose(purpose_name);  // the pattern allows no other
               auto doc = context.cache().Document(
                   generation, "status/" + programme + "/" + purpose_name,
                   [&]() -> Result<std::shared_ptr<const CachedDocument>> {
                     auto list =
                         reader->status_lists().SoundStatusListCredential(programme, purpose);
                     if (!list.ok()) return list.error();
                     return MakeDocument(std::move(list).value(), "application/vc");
                   });
               if (!doc.ok()) return SendError(res, doc.error());
               // As long as the list itself says a copy may be used (its ttl).
               SendDocument(
                   req, res, **doc,
                   "public, max-age=" + std::to_string(reader->settings().status_list_ttl_seconds));
             });
}

}  // namespace siegel::http
