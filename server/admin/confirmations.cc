#include "server/admin/confirmations.h"

#include "registry/certificate_status.h"
#include "registry/registry.h"
#include "registry/workflow.h"
#include "server/admin/admin_pages.h"
#include "server/admin/admin_views.h"
#include "server/admin/fields.h"
#include "server/web/certificate_article.h"
#include "server/web/i18n.h"
#include "server/web/i18n_staff.h"

namespace siegel::admin {
namespace {

mstch::map Fact(const AdminCall& c, const std::string& key, const std::string& value) {
  return mstch::map{{"label", web::Text(Lang(c), key)}, {"value", value}};
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

  const web::Language language = Lang(c);
  mstch::array facts{Fact(c, "a_fact_holder",
                          initiative->name + (initiative->legal_entity.empty()
                                                  ? std::string()
                                                  : " (" + initiative->legal_entity + ")")),
                     Fact(c, "a_fact_programme", web::ProgrammeName(*programme, language)),
                     Fact(c, "a_fact_valid", Day(p->valid_from) + " – " + Day(p->valid_until))};
  if (!p->renews.empty()) facts.push_back(Fact(c, "a_fact_renews", p->renews));
  if (!p->replaces.empty()) {
    facts.push_back(Fact(c, "a_fact_replaces",
                         web::Fill(web::Text(language, "a_fact_replaces_value"), {p->replaces})));
  }
  std::string assessed =
      assessment->assessor + ", " + assessment->assessed_from + " – " + assessment->assessed_on;
  if (!assessment->level.empty()) assessed += ", " + assessment->level;
  facts.push_back(Fact(c, "a_assessment", assessed));
  if (!assessment->board_decision_date.empty() || !assessment->board_decision_ref.empty()) {
    facts.push_back(Fact(c, "a_board_decision",
                         assessment->board_decision_date + " " + assessment->board_decision_ref));
  }
  facts.push_back(Fact(c, "a_fact_proposed_by", p->proposed_by + ", " + Day(p->proposed_at)));
  if (!p->note.empty()) facts.push_back(Fact(c, "a_fact_note", p->note));
  std::string departure =
      DepartureInWords(language, p->valid_from, p->valid_until, programme->validity_months);
  const std::string heading =
      web::Fill(web::Text(language, "a_confirm_approve_heading"), {std::to_string(id)});
  // The certificate as its page will show it, signed in a rolled-back savepoint.
  auto trial = c.registry.workflow().PreviewProposal(id, c.actor());
  if (!trial.ok()) return SendError(c, trial.error(), back);
  const std::string preview = web::RenderCertificateArticle(
      language, c.registry.settings(),
      {*trial, initiative->name, initiative->legal_entity, web::ProgrammeName(*programme, language),
       CurrentStatus(*trial, c.registry.Now()), c.registry.Now()});
  mstch::map data{{"heading", heading},
                  {"facts", facts},
                  {"warning", departure},
                  {"preview", preview},
                  {"consequence", web::Text(language, "a_confirm_approve_consequence")},
                  {"action", "/admin/proposals/" + std::to_string(id) + "/approve"},
                  {"hidden", mstch::array{}},
                  {"button", web::Text(language, "a_confirm_approve_button")},
                  {"button_class", std::string()},
                  {"back", back}};
  Page(c, heading, "admin_confirm", std::move(data));
}

void ConfirmRevocation(AdminCall& c, const std::string& id) {
  const std::string back = "/admin/certificates/" + id;
  Fields in = Fields::FromForm(c.req);
  auto statement = RevocationStatement(in.Get("reasonCode"), in.Get("note"));
  if (!statement.ok()) {
    // Back to the form, with the reason chosen and the note beside its error.
    FormState state{"revoke", in, ExplainForStaff(Lang(c), statement.error()), 422};
    return CertificatePageFor(c, id, &state);
  }
  auto certificate = c.registry.certificates().GetCertificate(id);
  if (!certificate.ok()) return SendError(c, certificate.error(), back);
  auto initiative = c.registry.certificates().GetInitiative(certificate->initiative_slug);
  if (!initiative.ok()) return SendError(c, initiative.error(), back);
  const web::Language language = Lang(c);
  mstch::array facts{
      Fact(c, "a_certificate", id), Fact(c, "a_fact_holder", initiative->name),
      Fact(c, "a_fact_valid", Day(certificate->valid_from) + " – " + Day(certificate->valid_until)),
      Fact(c, "a_fact_public_reason", web::ReasonInWords(language, *statement))};
  const std::string heading = web::Fill(web::Text(language, "a_confirm_revoke_heading"), {id});
  mstch::map data{
      {"heading", heading},
      {"facts", facts},
      {"warning", std::string()},
      {"consequence", web::Text(language, "a_confirm_revoke_consequence")},
      {"action", back + "/revoke"},
      {"hidden",
       mstch::array{
           mstch::map{{"name", std::string("reasonCode")}, {"value", in.Get("reasonCode")}},
           mstch::map{{"name", std::string("note")}, {"value", in.Get("note")}}}},
      {"button", web::Text(language, "a_revoke_button")},
      {"button_class", std::string("danger")},
      {"back", back}};
  Page(c, heading, "admin_confirm", std::move(data));
}

}  // namespace siegel::admin
