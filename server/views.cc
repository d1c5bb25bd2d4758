// Record views: stable field names in camelCase, empty optional fields left out.
#include "server/views.h"

namespace siegel::views {
namespace {

void PutIfSet(Json& out, const char* name, const std::string& value) {
  if (!value.empty()) out[name] = value;
}

}  // namespace

Json InitiativeJson(const Initiative& i) {
  Json out = {{"slug", i.slug}, {"name", i.name}, {"kind", KindName(i.kind)}};
  PutIfSet(out, "legalEntity", i.legal_entity);
  PutIfSet(out, "region", i.region);
  if (!i.technology_fields.empty()) out["technologyFields"] = i.technology_fields;
  PutIfSet(out, "website", i.website);
  PutIfSet(out, "managementOrganisation", i.management_organisation);
  PutIfSet(out, "description", i.description);
  out["createdAt"] = i.created_at;
  return out;
}

Json CertificateJson(const Certificate& c, CertificateStatus status,
                     const std::vector<StatusEvent>& history) {
  Json out = {{"id", c.id},
              {"status", StatusName(status)},
              {"initiative", c.initiative_slug},
              {"programme", c.programme_code},
              {"validFrom", c.valid_from},
              {"validUntil", c.valid_until},
              {"issuedAt", c.issued_at},
              {"issuedBy", c.issued_by},
              {"keyId", c.key_id}};
  PutIfSet(out, "level", c.level);
  PutIfSet(out, "assessedOn", c.assessed_on);
  PutIfSet(out, "assessor", c.assessor);
  PutIfSet(out, "boardDecisionDate", c.board_decision_date);
  PutIfSet(out, "boardDecisionRef", c.board_decision_ref);
  PutIfSet(out, "supersedes", c.supersedes);
  PutIfSet(out, "supersededBy", c.superseded_by);
  PutIfSet(out, "revokedAt", c.revoked_at);
  PutIfSet(out, "revocationReason", c.revocation_reason);
  PutIfSet(out, "suspendedAt", c.suspended_at);
  PutIfSet(out, "suspensionReason", c.suspension_reason);
  Json events = Json::array();
  for (const StatusEvent& e : history) {
    Json item = {{"event", e.event}, {"at", e.at}, {"actor", e.actor}};
    PutIfSet(item, "reason", e.reason);
    events.push_back(item);
  }
  out["history"] = events;
  return out;
}

Json ProgrammeJson(const Programme& p) {
  Json out = {{"code", p.code},
              {"name", {{"de", p.name_de}, {"en", p.name_en}}},
              {"description", p.description},
              {"validityMonths", p.validity_months},
              {"criteria", p.criteria_text},
              {"certificatePrefix", p.id_prefix},
              {"levels", p.levels}};
  PutIfSet(out, "criteriaUrl", p.criteria_url);
  PutIfSet(out, "defaultAssessor", p.assessor_default);
  return out;
}

Json CertificateSummaryJson(const CertificateSummary& summary, const RegistrySettings& settings) {
  const Certificate& c = summary.certificate;
  Json out = {{"id", c.id},
              {"status", StatusName(summary.status)},
              {"initiative", {{"slug", c.initiative_slug}, {"name", summary.initiative_name}}},
              {"programme", c.programme_code},
              {"validFrom", c.valid_from},
              {"validUntil", c.valid_until},
              {"issuedAt", c.issued_at},
              {"supersedes", c.supersedes.empty() ? Json() : Json(c.supersedes)},
              {"supersededBy", c.superseded_by.empty() ? Json() : Json(c.superseded_by)},
              {"links",
               {{"credential", settings.base_url + "/api/v1/certificates/" + c.id},
                {"status", settings.base_url + "/api/v1/certificates/" + c.id + "/status"},
                {"verify", settings.base_url + "/verify/" + c.id}}}};
  PutIfSet(out, "level", c.level);
  return out;
}

}  // namespace siegel::views
