#include "server/admin/confirmations.h"

#include "registry/registry.h"
#include "registry/workflow.h"
#include "server/admin/admin_pages.h"
#include "server/admin/admin_views.h"
#include "server/admin/fields.h"

namespace siegel::admin {
namespace {

mstch::map Fact(const std::string& label, const std::string& value) {
  return mstch::map{{"label", label}, {"value", value}};
}

}  // namespace

bool Confirmed(const AdminCall& c) { return Fields::FromForm(c.req).Get("confirmed") == "yes"; }

void ConfirmApproval(AdminCall& c, int64_t id) {
  const std::string back = "/admin/proposals";
  if (Status may = c.registry.workflow().MayApprove(id, c.principal.username, c.actor());
      !may.ok()) {
    return SendError(c, may.error(), back);
  }
  auto p = c.registry.workflow().GetProposal(id);
  if (!p.ok()) return SendError(c, p.error(), back);
  auto assessment = c.registry.workflow().GetAssessment(p->assessment_id);
  if (!assessment.ok()) return SendError(c, assessment.error(), back);
  auto initiative = c.registry.certificates().GetInitiative(p->initiative_slug);
  if (!initiative.ok()) return SendError(c, initiative.error(), back);
  auto programme = c.registry.certificates().GetProgramme(p->programme_code);
  if (!programme.ok()) return SendError(c, programme.error(), back);

  mstch::array facts{
      Fact("Holder", initiative->name + (initiative->legal_entity.empty()
                                             ? std::string()
                                             : " (" + initiative->legal_entity + ")")),
      Fact("Label", programme->name_en),
      Fact("Valid", Day(p->valid_from) + " – " + Day(p->valid_until))};
  if (!p->renews.empty()) facts.push_back(Fact("Renews", p->renews));
  std::string assessed =
      assessment->assessor + ", " + assessment->assessed_from + " – " + assessment->assessed_on;
  if (!assessment->level.empty()) assessed += ", level " + assessment->level;
  facts.push_back(Fact("Assessment", assessed));
  if (!assessment->board_decision_date.empty() || !assessment->board_decision_ref.empty()) {
    facts.push_back(Fact("Board decision",
                         assessment->board_decision_date + " " + assessment->board_decision_ref));
  }
  facts.push_back(Fact("Proposed by", p->proposed_by + ", " + Day(p->proposed_at)));
  if (!p->note.empty()) facts.push_back(Fact("Note", p->note));
  std::string departure =
      ValidityDeparture(p->valid_from, p->valid_until, programme->validity_months);
  mstch::map data{
      {"heading", "Sign proposal " + std::to_string(id) + "?"},
      {"facts", facts},
      {"warning", departure},
      {"consequence",
       std::string("Signing publishes the certificate at once: its page, badge and status "
                   "answers change for everyone, and it enters the transparency log. A signed "
                   "certificate cannot be taken back, only revoked.")},
      {"action", "/admin/proposals/" + std::to_string(id) + "/approve"},
      {"hidden", mstch::array{}},
      {"button", std::string("Sign and publish")},
      {"button_class", std::string()},
      {"back", back}};
  Page(c, "Sign proposal " + std::to_string(id) + "?", "admin_confirm", std::move(data));
}

void ConfirmRevocation(AdminCall& c, const std::string& id) {
  const std::string back = "/admin/certificates/" + id;
  Fields in = Fields::FromForm(c.req);
  auto statement = RevocationStatement(in.Get("reasonCode"), in.Get("note"));
  if (!statement.ok()) return SendError(c, statement.error(), back);
  auto certificate = c.registry.certificates().GetCertificate(id);
  if (!certificate.ok()) return SendError(c, certificate.error(), back);
  auto initiative = c.registry.certificates().GetInitiative(certificate->initiative_slug);
  if (!initiative.ok()) return SendError(c, initiative.error(), back);
  mstch::array facts{
      Fact("Certificate", id), Fact("Holder", initiative->name),
      Fact("Valid", Day(certificate->valid_from) + " – " + Day(certificate->valid_until)),
      Fact("Public reason", *statement)};
  mstch::map data{
      {"heading", "Revoke " + id + " for good?"},
      {"facts", facts},
      {"warning", std::string()},
      {"consequence",
       std::string("Revocation is final: everyone sees the certificate as revoked at once, with "
                   "this reason; it cannot be reinstated. A mistake in a detail is corrected by "
                   "a new certificate.")},
      {"action", back + "/revoke"},
      {"hidden",
       mstch::array{
           mstch::map{{"name", std::string("reasonCode")}, {"value", in.Get("reasonCode")}},
           mstch::map{{"name", std::string("note")}, {"value", in.Get("note")}}}},
      {"button", std::string("Revoke for good")},
      {"button_class", std::string("danger")},
      {"back", back}};
  Page(c, "Revoke " + id + "?", "admin_confirm", std::move(data));
}

}  // namespace siegel::admin
