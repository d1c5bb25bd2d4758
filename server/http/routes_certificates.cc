// GET /api/v1/certificates (search), /api/v1/certificates/{id} (the signed credential, or its
// JWS by content negotiation) and /api/v1/certificates/{id}/status[?at=] (now or on a date).
#include <charconv>

#include "registry/certificate_status.h"
#include "server/http/log_json.h"
#include "server/http/problem.h"
#include "server/http/server_context.h"
#include "server/views.h"

namespace siegel::http {
namespace {

constexpr char kIdPattern[] = "([A-Za-z0-9-]{1,64})";

bool WantsJws(const httplib::Request& req) {
  return req.get_header_value("Accept").find("application/vc+jwt") != std::string::npos;
}

// The status document of docs/DESIGN.md §6, evaluated at `at`.
Json StatusDocument(const RegistrySettings& settings, const CachedCertificate& entry,
                    UnixSeconds at, UnixSeconds now) {
  const Certificate& c = entry.certificate;
  CertificateStatus status = StatusAt(c, entry.history, at);
  Json doc = {{"id", c.id},
              {"status", StatusName(status)},
              {"validFrom", c.valid_from},
              {"validUntil", c.valid_until},
              {"checkedAt", FormatDateTimeStamp(now)},
              {"at", FormatDateTimeStamp(at)},
              {"initiative", c.initiative_slug},
              {"programme", c.programme_code},
              {"credential", settings.base_url + "/api/v1/certificates/" + c.id},
              {"supersedes", c.supersedes.empty() ? Json() : Json(c.supersedes)},
              {"supersededBy", c.superseded_by.empty() ? Json() : Json(c.superseded_by)}};
  Json history = Json::array();
  for (const StatusEvent& event : entry.history) {
    auto when = ParseDateTimeStamp(event.at);
    if (!when.ok() || *when > at) continue;
    Json item = {{"event", event.event}, {"at", event.at}};
    if (!event.reason.empty()) item["reason"] = event.reason;
    history.push_back(item);
    if (event.event == "revoked") {
      doc["revokedAt"] = event.at;
      doc["revocationReason"] = event.reason;
    }
    if (event.event == "suspended") {
      doc["suspendedAt"] = event.at;
      doc["suspensionReason"] = event.reason;
    }
    if (event.event == "reinstated") {
      doc.erase("suspendedAt");
      doc.erase("suspensionReason");
    }
  }
  doc["history"] = history;
  return doc;
}

std::string PageLink(const CertificateQuery& query, const RegistrySettings& settings,
                     int64_t page) {
  std::string link = settings.base_url + "/api/v1/certificates?page=" + std::to_string(page) +
                     "&per_page=" + std::to_string(query.per_page);
  for (const auto& [name, value] :
       {std::pair<const char*, const std::string&>{"status", query.status},
        {"programme", query.programme},
        {"initiative", query.initiative},
        {"region", query.region},
        {"sector", query.sector},
        {"q", query.text}}) {
    if (!value.empty())
      link += std::string("&") + name + "=" + httplib::detail::encode_query_param(value);
  }
  return link;
}

// One page of the search as JSON: a registry-wide read, kept per generation by the caller.
Result<std::shared_ptr<const CachedDocument>> RenderSearch(const PublicRegistry& reader,
                                                           const CertificateQuery& query) {
  auto found = reader.certificates().SearchCertificates(query);
  if (!found.ok()) return found.error();
  Json items = Json::array();
  for (const CertificateSummary& summary : found->items) {
    items.push_back(views::CertificateSummaryJson(summary, reader.settings()));
  }
  int64_t pages = (found->total + query.per_page - 1) / query.per_page;
  const RegistrySettings& settings = reader.settings();
  Json body = {
      {"items", items},
      {"page", query.page},
      {"perPage", query.per_page},
      {"total", found->total},
      {"pages", pages},
      {"links",
       {{"self", PageLink(query, settings, query.page)},
        {"next", query.page < pages ? Json(PageLink(query, settings, query.page + 1)) : Json()},
        {"prev", query.page > 1 ? Json(PageLink(query, settings, query.page - 1)) : Json()}}}};
  return MakeDocument(body.dump(-1, ' ', false, Json::error_handler_t::replace),
                      "application/json");
}

void SearchCertificates(ServerContext& context, const httplib::Request& req,
                        httplib::Response& res) {
  int64_t generation = 0;
  const PublicRegistry* reader = context.Begin(res, &generation);
  if (reader == nullptr) return;
  CertificateQuery query;
  query.status = req.get_param_value("status");
  query.programme = req.get_param_value("programme");
  query.initiative = req.get_param_value("initiative");
  query.region = req.get_param_value("region");
  query.sector = req.get_param_value("sector");
  query.text = req.get_param_value("q");
  auto page = IntParam(req, "page", 1, 1, kMaxPage);
  if (!page.ok()) return SendError(res, page.error());
  auto per_page = IntParam(req, "per_page", 50, 1, 500);
  if (!per_page.ok()) return SendError(res, per_page.error());
  query.page = *page;
  query.per_page = *per_page;
  std::string key = SearchCacheKey("api-certificates", query);
  auto found = context.cache().RegistryWide(generation, *reader, key,
                                            [&]() -> Result<std::shared_ptr<const CachedDocument>> {
                                              return RenderSearch(*reader, query);
                                            });
  if (!found.ok()) return SendError(res, found.error());
  SendDocument(req, res, **found, "no-cache");
}

}  // namespace

void AddCertificateRoutes(RouteTable& routes, ServerContext& context) {
  // The hottest route first: cpp-httplib tries the patterns in registration order.
  routes.Get(std::string("/api/v1/certificates/") + kIdPattern + "/status", "certificate_status",
             Work::kQuick, [&context](const httplib::Request& req, httplib::Response& res) {
               int64_t generation = 0;
               const PublicRegistry* reader = context.Begin(res, &generation);
               if (reader == nullptr) return;
               UnixSeconds now = reader->Now();
               UnixSeconds at = now;
               if (req.has_param("at")) {
                 auto parsed = ParseDateOrDateTime(req.get_param_value("at"));
                 if (!parsed.ok())
                   return SendProblem(res, 400, "parameter at: " + parsed.message());
                 at = *parsed;
               }
               auto entry = context.cache().CertificateEntry(generation, req.matches[1], *reader);
               if (!entry.ok()) return SendError(res, entry.error());
               if (req.has_param("at")) {
                 return SendJson(req, res, StatusDocument(reader->settings(), **entry, at, now),
                                 "no-cache");
               }
               const CachedCertificate& cached = **entry;
               std::shared_ptr<const CachedDocument> doc;
               {
                 std::lock_guard<std::mutex> lock(cached.status_mutex);
                 if (cached.status_second != now) {
                   cached.status_now =
                       MakeDocument(StatusDocument(reader->settings(), cached, now, now).dump(),
                                    "application/json");
                   cached.status_second = now;
                 }
                 doc = cached.status_now;
               }
               SendDocument(req, res, *doc, "no-cache");
             });

  routes.Get(std::string("/api/v1/certificates/") + kIdPattern, "certificate", Work::kQuick,
             [&context](const httplib::Request& req, httplib::Response& res) {
               int64_t generation = 0;
               const PublicRegistry* reader = context.Begin(res, &generation);
               if (reader == nullptr) return;
               auto entry = context.cache().CertificateEntry(generation, req.matches[1], *reader);
               if (!entry.ok()) return SendError(res, entry.error());
               // Saved by a browser under a name that says what it is (the id is [A-Za-z0-9-]).
               bool jws = WantsJws(req);
               res.set_header("Content-Disposition", "attachment; filename=\"" +
                                                         (*entry)->certificate.id +
                                                         (jws ? ".jwt\"" : ".json\""));
               // A credential is signed once and never changes: it may be cached for long.
               SendDocument(req, res, jws ? *(*entry)->jws : *(*entry)->credential,
                            "public, max-age=86400", /*varies_by_accept=*/true);
             });

  // The Open Badges 3.0 form (credential/open_badge_form.h), for wallets and OB tools.
  routes.Get(
      std::string("/api/v1/certificates/") + kIdPattern + "/open-badge", "certificate_open_badge",
      Work::kQuick, [&context](const httplib::Request& req, httplib::Response& res) {
        int64_t generation = 0;
        const PublicRegistry* reader = context.Begin(res, &generation);
        if (reader == nullptr) return;
        auto entry = context.cache().CertificateEntry(generation, req.matches[1], *reader);
        if (!entry.ok()) return SendError(res, entry.error());
        std::shared_ptr<const CachedDocument> doc;
        {
          std::lock_guard<std::mutex> lock((*entry)->open_badge_mutex);
          if (!(*entry)->open_badge) {
            auto form = reader->open_badge_forms().SignedForm((*entry)->certificate.id);
            if (!form.ok()) return SendError(res, form.error());
            (*entry)->open_badge = MakeDocument(std::move(form).value(), "application/vc");
          }
          doc = (*entry)->open_badge;
        }
        res.set_header("Content-Disposition",
                       "attachment; filename=\"" + (*entry)->certificate.id + ".openbadge.json\"");
        // Its bytes change only when the registry's active key does.
        SendDocument(req, res, *doc, "public, max-age=3600");
      });

  routes.Get(std::string("/api/v1/certificates/") + kIdPattern + "/log", "certificate_log",
             Work::kQuick, [&context](const httplib::Request& req, httplib::Response& res) {
               int64_t generation = 0;
               const PublicRegistry* reader = context.Begin(res, &generation);
               if (reader == nullptr) return;
               auto entry = context.cache().CertificateEntry(generation, req.matches[1], *reader);
               // The log says what was issued even when the stored record no longer matches
               // it: that is how a verifier finds out which one is wrong.
               if (!entry.ok() && entry.error().code != ErrorCode::kDamaged) {
                 return SendError(res, entry.error());
               }
               auto log = CertificateLogDocument(context, generation, *reader, req.matches[1]);
               if (!log.ok()) return SendError(res, log.error());
               SendDocument(req, res, **log, "no-cache");
             });

  routes.Get("/api/v1/certificates", "certificates", Work::kCompute,
             [&context](const httplib::Request& req, httplib::Response& res) {
               SearchCertificates(context, req, res);
             });
}

}  // namespace siegel::http
