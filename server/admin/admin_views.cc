// The staff pages themselves: what each shows, rendered from the registry (admin_pages.cc
// routes to them).
#include "server/admin/admin_views.h"

#include "registry/certificate_status.h"
#include "registry/technology_fields.h"
#include "server/admin/admin_pages.h"
#include "server/admin/operations.h"
#include "server/admin/staff_operations.h"
#include "server/http/problem.h"
#include "server/web/page.h"

namespace siegel::admin {
namespace {

using web::Language;

// Fixed texts for ?notice=…: nothing from the address is ever shown as a message.
std::string NoticeText(const std::string& code) {
  static const std::map<std::string, std::string> kNotices = {
      {"created", "The initiative was created."},
      {"saved", "The changes were saved; the public pages show them now."},
      {"assessed", "The assessment was recorded."},
      {"proposed", "The certificate was proposed. Another issuer must approve it."},
      {"approved", "The certificate was approved, signed and published."},
      {"rejected", "The proposal was rejected."},
      {"suspended", "The certificate is suspended; the verification page and badge say so now."},
      {"reinstated", "The certificate is valid again."},
      {"revoked", "The certificate is revoked. Revocation is final."},
      {"token_revoked", "The API token was revoked."},
      {"user_added", "The account was created."},
      {"user_disabled", "The account was disabled; its sessions ended."},
      {"role_changed", "The role was changed; the account's API tokens ended."},
      {"staff_change_proposed",
       "Proposed. Another administrator must approve it; nothing changes until then."},
      {"staff_change_approved", "The change was approved and made."},
      {"staff_change_rejected", "The change was rejected."},
      {"rotated", "A new key signs from now on; the old one stays published for verification."},
      {"compromised", "The key is marked compromised. Sign the affected certificates again."},
      {"reissued", "The certificate was signed again with the active key."},
  };
  auto it = kNotices.find(code);
  return it == kNotices.end() ? "" : it->second;
}

mstch::array ProposalRows(AdminCall& c, const std::vector<Proposal>& proposals) {
  mstch::array rows;
  bool can_issue = RoleAllows(c.principal.role, Role::kIssuer);
  for (const Proposal& p : proposals) {
    bool open = p.decision.empty();
    // The approver sees at once when a proposal departs from the programme's rule.
    auto programme = c.registry.certificates().GetProgramme(p.programme_code);
    std::string departure =
        programme.ok() ? ValidityDeparture(p.valid_from, p.valid_until, programme->validity_months)
                       : std::string();
    // Whose label and on which assessment, in words (the slug alone says little).
    auto initiative = c.registry.certificates().GetInitiative(p.initiative_slug);
    auto assessment = c.registry.workflow().GetAssessment(p.assessment_id);
    std::string assessed;
    if (assessment.ok()) {
      assessed = assessment->assessor + ", " + assessment->assessed_on;
      if (!assessment->level.empty()) assessed += ", level " + assessment->level;
      if (!assessment->score.empty()) assessed += ", " + assessment->score;  // staff see it
      if (!assessment->board_decision_ref.empty() || !assessment->board_decision_date.empty()) {
        assessed +=
            "; board decision " + assessment->board_decision_date +
            (assessment->board_decision_ref.empty() ? "" : " " + assessment->board_decision_ref);
      }
    }
    rows.push_back(mstch::map{
        {"initiative_name", initiative.ok() ? initiative->name : p.initiative_slug},
        {"assessment", assessed},
        {"departure", departure},
        {"id", std::to_string(p.id)},
        {"initiative", p.initiative_slug},
        {"programme", p.programme_code},
        {"renews", p.renews},
        {"valid_from", Day(p.valid_from)},
        {"valid_until", Day(p.valid_until)},
        {"note", p.note},
        {"proposed_by", p.proposed_by},
        {"proposed_at", Day(p.proposed_at)},
        {"decision", p.decision},
        {"decided_by", p.decided_by},
        {"decision_note", p.decision_note},
        {"certificate", p.certificate_id},
        {"open", open},
        {"can_decide", open && can_issue},
        {"own", p.proposed_by == c.principal.username},
    });
  }
  return rows;
}

mstch::array CertificateRows(const std::vector<CertificateSummary>& list) {
  mstch::array rows;
  for (const auto& s : list) {
    rows.push_back(mstch::map{{"id", s.certificate.id},
                              {"initiative", s.certificate.initiative_slug},
                              {"name", s.initiative_name},
                              {"valid_until", Day(s.certificate.valid_until)},
                              {"status", StatusName(s.status)}});
  }
  return rows;
}

mstch::array FieldChoices(const std::vector<std::string>& chosen) {
  mstch::array out;
  int n = 0;
  for (const std::string& field : TechnologyFields()) {
    bool checked = std::find(chosen.begin(), chosen.end(), field) != chosen.end();
    out.push_back(mstch::map{{"field", field}, {"checked", checked}, {"n", std::to_string(n++)}});
  }
  return out;
}

std::string StaffChangeText(const StaffChange& change) {
  if (change.kind == "user.add") {
    return "new account " + change.subject + " (" + change.display_name + ") with the role " +
           RoleName(change.role);
  }
  if (change.kind == "user.role")
    return "the role " + RoleName(change.role) + " for " + change.subject;
  return "four eyes off for programme " + change.subject;
}

}  // namespace

std::string Day(const std::string& date_time) { return date_time.substr(0, 10); }

void Page(AdminCall& c, const std::string& title, const std::string& name, mstch::map data) {
  data.emplace("notice", NoticeText(c.req.get_param_value("notice")));
  SendAdminPage(c.res, c.registry.settings(), &c, title, name, std::move(data));
}

void Redirect(AdminCall& c, const std::string& to) {
  c.res.status = 303;
  c.res.set_header("Location", to);
}

void SendError(AdminCall& c, const Error& error, const std::string& back) {
  int status = http::HttpStatusFor(error.code);
  std::string message =
      status >= 500 ? "The registry could not do this now; try again later." : error.message;
  SendAdminPage(
      c.res, c.registry.settings(), &c, "Not done", "admin_message",
      mstch::map{{"heading", std::string("Not done")}, {"message", message}, {"back", back}},
      status);
}

namespace {

// The programme's validity in months, where a proposal form starts from (24 when the
// programme cannot be read: the form still shows, and the proposal is checked when made).
int ValidityMonths(AdminCall& c, const std::string& programme_code) {
  auto programme = c.registry.certificates().GetProgramme(programme_code);
  return programme.ok() ? programme->validity_months : 24;
}

// What a renewal's state says to the clerk, and where to go on.
mstch::map RenewalRow(const RenewalDue& due) {
  const Certificate& cert = due.certificate.certificate;
  std::string state, link;
  switch (due.state) {
    case RenewalState::kNone:
      state = "Nothing yet: record the new assessment";
      link = "/admin/initiatives/" + cert.initiative_slug;
      break;
    case RenewalState::kAssessmentRecorded:
      state = "Assessment recorded: propose the renewal";
      link = "/admin/certificates/" + cert.id;
      break;
    case RenewalState::kProposed:
      state = "Proposed (no. " + std::to_string(due.proposal_id) + "): waiting for approval";
      link = "/admin/proposals";
      break;
    case RenewalState::kApproved:
      state = "Renewed: " + due.renewal_id;
      link = "/admin/certificates/" + due.renewal_id;
      break;
  }
  return mstch::map{{"id", cert.id},
                    {"initiative", cert.initiative_slug},
                    {"name", due.certificate.initiative_name},
                    {"valid_until", Day(cert.valid_until)},
                    {"days_left", std::to_string(due.days_left)},
                    {"renewal", state},
                    {"renewal_css", RenewalStateName(due.state)},
                    {"renewal_link", link}};
}

}  // namespace

void Dashboard(AdminCall& c) {
  mstch::map data;
  // One list, the soonest end first: a certificate appears once, with what to do next.
  auto due = c.registry.workflow().RenewalsDue(180);
  if (!due.ok()) return SendError(c, due.error(), "/admin");
  mstch::array renewals;
  for (const RenewalDue& d : *due) renewals.push_back(RenewalRow(d));
  data.emplace("renewals", renewals);
  // Open proposals: those the signed-in person may decide first, then those waiting for others.
  auto proposals = c.registry.workflow().ListProposals(true);
  if (!proposals.ok()) return SendError(c, proposals.error(), "/admin");
  bool can_issue = RoleAllows(c.principal.role, Role::kIssuer);
  std::vector<Proposal> yours, others;
  for (const Proposal& p : *proposals) {
    (can_issue && p.proposed_by != c.principal.username ? yours : others).push_back(p);
  }
  data.emplace("proposals", ProposalRows(c, yours));
  data.emplace("others", mstch::map{{"proposals", ProposalRows(c, others)}});
  data.emplace("has_others", !others.empty());
  Page(c, "Staff overview", "admin_home", std::move(data));
}

void Initiatives(AdminCall& c) {
  auto list = c.registry.certificates().ListInitiatives();
  if (!list.ok()) return SendError(c, list.error(), "/admin");
  mstch::array rows;
  for (const Initiative& i : *list) {
    rows.push_back(mstch::map{{"slug", i.slug}, {"name", i.name}, {"region", i.region}});
  }
  Page(c, "Initiatives", "admin_initiatives",
       mstch::map{{"initiatives", rows}, {"fields", FieldChoices({})}});
}

void InitiativePage(AdminCall& c) {
  std::string slug = c.req.matches[1];
  auto initiative = c.registry.certificates().GetInitiative(slug);
  if (!initiative.ok()) return SendError(c, initiative.error(), "/admin/initiatives");
  auto assessments = c.registry.workflow().ListAssessments(slug);
  if (!assessments.ok()) return SendError(c, assessments.error(), "/admin/initiatives");
  mstch::array assessment_rows;
  UnixSeconds today = c.registry.Now() - c.registry.Now() % 86400;
  for (const Assessment& a : *assessments) {
    // The proposal form starts from the programme's rule: from today, for its months.
    int months = ValidityMonths(c, a.programme_code);
    assessment_rows.push_back(mstch::map{{"id", std::to_string(a.id)},
                                         {"propose_from", FormatDate(today)},
                                         {"propose_until", FormatDate(AddMonths(today, months))},
                                         {"validity_months", std::to_string(months)},
                                         {"assessor", a.assessor},
                                         {"assessed_from", a.assessed_from},
                                         {"assessed_on", a.assessed_on},
                                         {"level", a.level},
                                         {"score", a.score},
                                         {"board_date", a.board_decision_date},
                                         {"board_ref", a.board_decision_ref}});
  }
  CertificateQuery query;
  query.initiative = slug;
  query.per_page = 500;
  auto certificates = c.registry.certificates().SearchCertificates(query);
  if (!certificates.ok()) return SendError(c, certificates.error(), "/admin/initiatives");
  AuditFilter history;
  history.subject = slug;
  history.action = "initiative.";
  auto edits = c.registry.workflow().AuditLog(history);
  if (!edits.ok()) return SendError(c, edits.error(), "/admin/initiatives");
  mstch::array edit_rows;
  for (const AuditRecord& r : *edits) {
    edit_rows.push_back(mstch::map{{"at", r.at}, {"actor", r.actor}, {"action", r.action}});
  }
  const Initiative& i = *initiative;
  Page(c, i.name, "admin_initiative",
       mstch::map{{"slug", i.slug},
                  {"name", i.name},
                  {"legal_entity", i.legal_entity},
                  {"state_network", i.kind == InitiativeKind::kStateNetwork},
                  {"region", i.region},
                  {"website", i.website},
                  {"management", i.management_organisation},
                  {"description", i.description},
                  {"fields", FieldChoices(i.technology_fields)},
                  {"assessments", assessment_rows},
                  {"has_assessments", !assessment_rows.empty()},
                  {"certificates", CertificateRows(certificates->items)},
                  {"edits", edit_rows}});
}

void CertificatePage(AdminCall& c) {
  std::string id = c.req.matches[1];
  auto certificate = c.registry.certificates().GetCertificate(id);
  if (!certificate.ok()) return SendError(c, certificate.error(), "/admin");
  auto history = c.registry.certificates().StatusHistory(id);
  if (!history.ok()) return SendError(c, history.error(), "/admin");
  const Certificate& cert = *certificate;
  CertificateStatus status = StatusAt(cert, *history, c.registry.Now());
  mstch::array events;
  for (const StatusEvent& e : *history) {
    events.push_back(
        mstch::map{{"at", e.at}, {"event", e.event}, {"reason", e.reason}, {"actor", e.actor}});
  }
  auto assessments = c.registry.workflow().ListAssessments(cert.initiative_slug);
  mstch::array assessment_rows;
  if (assessments.ok()) {
    for (const Assessment& a : *assessments) {
      assessment_rows.push_back(
          mstch::map{{"id", std::to_string(a.id)}, {"label", a.assessed_on + ", " + a.assessor}});
    }
  }
  bool revoked = status == CertificateStatus::kRevoked;
  bool suspended = status == CertificateStatus::kSuspended;
  int months = ValidityMonths(c, cert.programme_code);
  Page(c, "Certificate " + id, "admin_certificate",
       mstch::map{{"id", id},
                  {"slug", cert.initiative_slug},
                  {"status", StatusName(status)},
                  {"valid_from", Day(cert.valid_from)},
                  {"valid_until", Day(cert.valid_until)},
                  {"issued_by", cert.issued_by},
                  {"superseded_by", cert.superseded_by},
                  {"events", events},
                  {"can_suspend", !revoked && !suspended},
                  {"can_reinstate", suspended},
                  {"can_revoke", !revoked},
                  {"can_renew", !revoked && !suspended && cert.superseded_by.empty() &&
                                    !assessment_rows.empty()},
                  {"renew_from", Day(cert.valid_until)},
                  {"renew_until",
                   FormatDate(AddMonths(ParseDateTimeStamp(cert.valid_until).value(), months))},
                  {"validity_months", std::to_string(months)},
                  {"assessments", assessment_rows}});
}

void Proposals(AdminCall& c) {
  auto proposals = c.registry.workflow().ListProposals(false);
  if (!proposals.ok()) return SendError(c, proposals.error(), "/admin");
  Page(c, "Proposals", "admin_proposals", mstch::map{{"proposals", ProposalRows(c, *proposals)}});
}

void Audit(AdminCall& c) {
  Fields in = Fields::FromForm(c.req);
  auto filter = AuditFilterFrom(in);
  if (!filter.ok()) return SendError(c, filter.error(), "/admin/audit");
  filter->limit = 200;
  auto records = c.registry.workflow().AuditLog(*filter);
  if (!records.ok()) return SendError(c, records.error(), "/admin/audit");
  mstch::array rows;
  for (const AuditRecord& r : *records) {
    rows.push_back(mstch::map{{"seq", std::to_string(r.seq)},
                              {"at", r.at},
                              {"actor", r.actor},
                              {"action", r.action},
                              {"subject", r.subject},
                              {"before", r.before_json},
                              {"after", r.after_json}});
  }
  std::string query = c.req.target.find('?') == std::string::npos
                          ? ""
                          : c.req.target.substr(c.req.target.find('?'));
  Page(c, "Audit log", "admin_audit",
       mstch::map{{"records", rows},
                  {"actor", filter->actor},
                  {"action", filter->action},
                  {"subject", filter->subject},
                  {"from", filter->from},
                  {"to", filter->to},
                  {"csv_query", query}});
}

void Tokens(AdminCall& c, const std::string& new_token) {
  auto tokens = c.registry.sessions().ListApiTokens();
  if (!tokens.ok()) return SendError(c, tokens.error(), "/admin");
  bool admin = RoleAllows(c.principal.role, Role::kAdmin);
  mstch::array rows;
  for (const ApiTokenRecord& t : *tokens) {
    if (!admin && t.created_by != c.principal.username) continue;
    rows.push_back(mstch::map{{"id", std::to_string(t.id)},
                              {"name", t.name},
                              {"role", RoleName(t.role)},
                              {"created_by", t.created_by},
                              {"expires", Day(t.expires_at)},
                              {"revoked", Day(t.revoked_at)},
                              {"can_revoke", admin && t.revoked_at.empty()}});
  }
  mstch::array roles;
  for (Role role : {Role::kViewer, Role::kEditor, Role::kIssuer, Role::kAdmin}) {
    if (RoleAllows(c.principal.role, role)) roles.push_back(mstch::map{{"role", RoleName(role)}});
  }
  Page(c, "API tokens", "admin_tokens",
       mstch::map{{"tokens", rows}, {"roles", roles}, {"new_token", new_token}});
}

void Users(AdminCall& c) {
  auto users = c.registry.accounts().ListUsers();
  if (!users.ok()) return SendError(c, users.error(), "/admin");
  auto changes = c.registry.accounts().ListStaffChanges(/*open_only=*/true);
  if (!changes.ok()) return SendError(c, changes.error(), "/admin");
  mstch::array rows;
  for (const StaffUser& u : *users) {
    bool other = u.username != c.principal.username;
    mstch::array roles;
    for (Role role : {Role::kViewer, Role::kEditor, Role::kIssuer, Role::kAdmin}) {
      roles.push_back(mstch::map{{"role", RoleName(role)}, {"selected", role == u.role}});
    }
    rows.push_back(mstch::map{{"username", u.username},
                              {"display_name", u.display_name},
                              {"role", RoleName(u.role)},
                              {"disabled", Day(u.disabled_at)},
                              {"can_change", u.disabled_at.empty() && other},
                              {"roles", roles}});
  }
  mstch::array waiting;
  for (const StaffChange& change : *changes) {
    waiting.push_back(mstch::map{{"id", std::to_string(change.id)},
                                 {"what", StaffChangeText(change)},
                                 {"proposed_by", change.proposed_by},
                                 {"proposed_at", Day(change.proposed_at)},
                                 {"own", change.proposed_by == c.principal.username}});
  }
  Page(c, "Staff accounts", "admin_users", mstch::map{{"users", rows}, {"changes", waiting}});
}

void Keys(AdminCall& c) {
  auto keys = KeysOverview(c.registry);
  if (!keys.ok()) return SendError(c, keys.error(), "/admin");
  mstch::array rows;
  for (const Json& k : (*keys)["items"]) {
    mstch::array affected;
    for (const Json& id : k["affectedCertificates"]) {
      affected.push_back(mstch::map{{"id", id.get<std::string>()}});
    }
    std::string compromised = k["compromisedAt"];
    std::string retired = k["retiredAt"];
    rows.push_back(mstch::map{
        {"key_id", k["keyId"].get<std::string>()},
        {"multikey", k["publicKeyMultibase"].get<std::string>()},
        {"created", k["createdAt"].get<std::string>()},
        {"state", k["active"].get<bool>() ? std::string("active (signs new certificates)")
                  : !compromised.empty()  ? "compromised since " + compromised
                  : !retired.empty()      ? "retired " + Day(retired) + ", still published"
                                          : std::string("published")},
        {"can_compromise", compromised.empty()},
        {"affected", affected}});
  }
  Page(c, "Issuer keys", "admin_keys", mstch::map{{"keys", rows}});
}

// Runs an operation for a form; on success redirects to `to(result)`.
void Form(AdminCall& c, const Result<Json>& result, const std::string& back,
          const std::function<std::string(const Json&)>& to) {
  if (!result.ok()) return SendError(c, result.error(), back);
  Redirect(c, to(*result));
}

}  // namespace siegel::admin
