// GET /api/v1/certificates/{id} (the signed credential, or its JWS by content negotiation)
// and GET /api/v1/certificates/{id}/status[?at=] (the status now or on a given date).
#include "registry/certificate_status.h"
#include "server/http/problem.h"
#include "server/http/server_context.h"

namespace siegel::http {
namespace {

constexpr char kIdPattern[] = "([A-Za-z0-9-]{1,64})";

bool WantsJws(const httplib::Request& req) {
  return req.get_header_value("Accept").find("application/vc+jwt") != std::string::npos;
}

// The status document of DESIGN.md §6, evaluated at `at`.
Json StatusDocument(const RegistrySettings& settings, const CachedCertificate& entry, UnixSeconds at,
                    UnixSeconds now) {
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

}  // namespace

void AddCertificateRoutes(httplib::Server& server, ServerContext& context) {
  server.Get(std::string("/api/v1/certificates/") + kIdPattern,
             [&context](const httplib::Request& req, httplib::Response& res) {
               int64_t generation = 0;
               Registry* reader = context.Begin(res, &generation);
               if (reader == nullptr) return;
               auto entry = context.cache().CertificateEntry(generation, req.matches[1], *reader);
               if (!entry.ok()) return SendError(res, entry.error());
               res.set_header("Vary", "Accept");
               SendDocument(req, res, WantsJws(req) ? *(*entry)->jws : *(*entry)->credential);
             });

  server.Get(std::string("/api/v1/certificates/") + kIdPattern + "/status",
             [&context](const httplib::Request& req, httplib::Response& res) {
               int64_t generation = 0;
               Registry* reader = context.Begin(res, &generation);
               if (reader == nullptr) return;
               UnixSeconds now = reader->Now();
               UnixSeconds at = now;
               if (req.has_param("at")) {
                 auto parsed = ParseDateOrDateTime(req.get_param_value("at"));
                 if (!parsed.ok()) return SendProblem(res, 400, "parameter at: " + parsed.message());
                 at = *parsed;
               }
               auto entry = context.cache().CertificateEntry(generation, req.matches[1], *reader);
               if (!entry.ok()) return SendError(res, entry.error());
               res.set_header("Cache-Control", "no-cache");
               res.set_content(StatusDocument(reader->settings(), **entry, at, now).dump(), "application/json");
             });
}

}  // namespace siegel::http
