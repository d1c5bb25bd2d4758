// GET /api/v1/programmes, /api/v1/initiatives and /api/v1/initiatives/{slug}.
#include "server/http/problem.h"
#include "server/http/server_context.h"
#include "server/views.h"

namespace siegel::http {

void AddRegistryRoutes(RouteTable& routes, ServerContext& context) {
  routes.Get("/api/v1/programmes", "programmes", Work::kQuick,
             [&context](const httplib::Request& req, httplib::Response& res) {
               int64_t generation = 0;
               const PublicRegistry* reader = context.Begin(res, &generation);
               if (reader == nullptr) return;
               auto programmes = reader->certificates().ListProgrammes();
               if (!programmes.ok()) return SendError(res, programmes.error());
               Json items = Json::array();
               for (const Programme& p : *programmes) items.push_back(views::ProgrammeJson(p));
               SendJson(req, res, Json{{"items", items}}, context.ShortCacheControl());
             });

  routes.Get(
      "/api/v1/initiatives", "initiatives", Work::kCompute,
      [&context](const httplib::Request& req, httplib::Response& res) {
        int64_t generation = 0;
        const PublicRegistry* reader = context.Begin(res, &generation);
        if (reader == nullptr) return;
        auto initiatives = reader->certificates().ListInitiatives();
        if (!initiatives.ok()) return SendError(res, initiatives.error());
        Json items = Json::array();
        for (const Initiative& i : *initiatives) {
          if (req.has_param("region") && i.region != req.get_param_value("region")) continue;
          Json item = views::InitiativeJson(i);
          item["links"] = {{"self", reader->settings().base_url + "/api/v1/initiatives/" + i.slug}};
          items.push_back(item);
        }
        SendJson(req, res, Json{{"items", items}, {"total", items.size()}}, "no-cache");
      });

  routes.Get(
      R"(/api/v1/initiatives/([a-z0-9-]{1,63}))", "initiative", Work::kQuick,
      [&context](const httplib::Request& req, httplib::Response& res) {
        int64_t generation = 0;
        const PublicRegistry* reader = context.Begin(res, &generation);
        if (reader == nullptr) return;
        auto initiative = reader->certificates().GetInitiative(req.matches[1]);
        if (!initiative.ok()) return SendError(res, initiative.error());
        CertificateQuery query;
        query.initiative = initiative->slug;
        query.per_page = 500;
        auto certificates = reader->certificates().SearchCertificates(query);
        if (!certificates.ok()) return SendError(res, certificates.error());
        Json body = views::InitiativeJson(*initiative);
        body["certificates"] = Json::array();
        for (const CertificateSummary& s : certificates->items) {
          body["certificates"].push_back(views::CertificateSummaryJson(s, reader->settings()));
        }
        SendJson(req, res, body, "no-cache");
      });
}

}  // namespace siegel::http
