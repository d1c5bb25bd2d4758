// Audit trail and status history rows; the schema's triggers keep both append-only.
#include "registry/audit.h"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

namespace siegel {

void AppendAudit(SQLite::Database& db, const std::string& at, const Actor& actor,
                 const std::string& action, const std::string& subject, const Json& before,
                 const Json& after) {
  SQLite::Statement insert(
      db,
      "INSERT INTO audit_events (at, actor, action, subject, before_json, after_json) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, at);
  insert.bind(2, actor.name);
  insert.bind(3, action);
  insert.bind(4, subject);
  if (before.is_null()) {
    insert.bind(5);
  } else {
    insert.bind(5, before.dump());
  }
  if (after.is_null()) {
    insert.bind(6);
  } else {
    insert.bind(6, after.dump());
  }
  insert.exec();
}

void AppendStatusEvent(SQLite::Database& db, const StatusEvent& event) {
  SQLite::Statement insert(db,
                           "INSERT INTO status_events (certificate_id, event, at, reason, actor) "
                           "VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, event.certificate_id);
  insert.bind(2, event.event);
  insert.bind(3, event.at);
  insert.bind(4, event.reason);
  insert.bind(5, event.actor);
  insert.exec();
}

Json AuditView(const Certificate& c) {
  Json view = {{"id", c.id},
               {"initiative", c.initiative_slug},
               {"programme", c.programme_code},
               {"validFrom", c.valid_from},
               {"validUntil", c.valid_until}};
  if (!c.supersedes.empty()) view["supersedes"] = c.supersedes;
  if (!c.revoked_at.empty())
    view["revoked"] = {{"at", c.revoked_at}, {"reason", c.revocation_reason}};
  if (!c.suspended_at.empty())
    view["suspended"] = {{"at", c.suspended_at}, {"reason", c.suspension_reason}};
  return view;
}

Json InitiativeAuditView(const Initiative& i) {
  return Json{{"slug", i.slug},
              {"name", i.name},
              {"legalEntity", i.legal_entity},
              {"kind", KindName(i.kind)},
              {"region", i.region},
              {"technologyFields", i.technology_fields},
              {"website", i.website},
              {"managementOrganisation", i.management_organisation},
              {"description", i.description},
              {"contactEmail", i.contact_email}};
}

Json AssessmentAuditView(const Assessment& a) {
  return Json{{"id", a.id},
              {"initiative", a.initiative_slug},
              {"programme", a.programme_code},
              {"assessor", a.assessor},
              {"assessedFrom", a.assessed_from},
              {"assessedOn", a.assessed_on},
              {"level", a.level},
              {"score", a.score},
              {"scorePublic", a.score_public},
              {"boardDecisionDate", a.board_decision_date},
              {"boardDecisionRef", a.board_decision_ref},
              {"recordedBy", a.recorded_by},
              {"recordedAt", a.recorded_at}};
}

Json ProposalAuditView(const Proposal& p) {
  return Json{{"id", p.id},
              {"assessment", p.assessment_id},
              {"initiative", p.initiative_slug},
              {"programme", p.programme_code},
              {"renews", p.renews},
              {"replaces", p.replaces},
              {"validFrom", p.valid_from},
              {"validUntil", p.valid_until},
              {"note", p.note},
              {"proposedBy", p.proposed_by},
              {"proposedAt", p.proposed_at},
              {"decision", p.decision},
              {"decidedBy", p.decided_by},
              {"decidedAt", p.decided_at},
              {"decisionNote", p.decision_note},
              {"certificate", p.certificate_id}};
}

Json ProgrammeAuditView(const Programme& p) {
  return Json{{"code", p.code},
              {"nameDe", p.name_de},
              {"nameEn", p.name_en},
              {"description", p.description},
              {"validityMonths", p.validity_months},
              {"criteria", p.criteria_text},
              {"criteriaUrl", p.criteria_url},
              {"assessor", p.assessor_default},
              {"prefix", p.id_prefix},
              {"levels", p.levels}};
}

}  // namespace siegel
