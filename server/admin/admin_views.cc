// The staff pages themselves: what each shows, rendered from the registry (admin_pages.cc
// routes to them).
#include "server/admin/admin_views.h"

#include <set>

#include "registry/certificate_status.h"
#include "registry/regions.h"
#include "registry/technology_fields.h"
#include "server/admin/admin_pages.h"
#include "server/admin/audit_in_words.h"
#include "server/admin/form_errors.h"
#include "server/admin/operations.h"
#include "server/admin/staff_operations.h"
#include "server/admin/view_parts.h"
#include "server/http/problem.h"
#include "server/web/i18n_staff.h"
#include "server/web/page.h"

namespace siegel::admin {
namespace {

using web::Language;

// Fixed texts for ?notice=…: nothing from the address is ever shown as a message.
std::string NoticeText(Language language, const std::string& code) {
  static const std::set<std::string> kNotices = {"created",
                                                 "imported",
                                                 "imported_awards",
                                                 "programme_created",
                                                 "noted",
                                                 "saved",
                                                 "assessed",
                                                 "proposed",
                                                 "approved",
                                                 "rejected",
                                                 "suspended",
                                                 "reinstated",
                                                 "revoked",
                                                 "token_revoked",
                                                 "user_added",
                                                 "user_disabled",
                                                 "user_enabled",
                                                 "user_enabled_viewer",
                                                 "password_reset",
                                                 "preferences_saved",
                                                 "role_changed",
                                                 "staff_change_proposed",
                                                 "staff_change_approved",
                                                 "staff_change_rejected",
                                                 "rotated",
                                                 "compromised",
                                                 "reissued"};
  if (!kNotices.count(code)) return "";
  return web::Text(language, "a_notice_" + code);
}

// The error sentences of a refused form, keyed by input, for its template ("err.assessor").
mstch::map ProblemData(const FormState* retry) {
  mstch::map err;
  if (retry != nullptr && !retry->problem.input.empty()) {
    err.emplace(retry->problem.input, retry->problem.sentence);
  }
  return err;
}

}  // namespace

void AddRetry(mstch::map& form, const FormState* retry, const std::string& name) {
  bool this_form = retry != nullptr && retry->form == name;
  form.emplace("err", ProblemData(this_form ? retry : nullptr));
  // Above the form, always when it was refused: the sentence names what to correct.
  form.emplace("form_error", this_form ? retry->problem.sentence : std::string());
}

std::string Kept(const FormState* retry, const std::string& form, const std::string& input,
                 const std::string& stored) {
  if (retry != nullptr && retry->form == form) return retry->input.Get(input);
  return stored;
}

namespace {

mstch::array ProposalRows(AdminCall& c, const std::vector<Proposal>& proposals) {
  mstch::array rows;
  bool can_issue = RoleAllows(c.principal.role, Role::kIssuer);
  for (const Proposal& p : proposals) {
    bool open = p.decision.empty();
    // The approver sees at once when a proposal departs from the programme's rule.
    auto programme = c.registry.certificates().GetProgramme(p.programme_code);
    std::string departure = programme.ok() ? DepartureInWords(Lang(c), p.valid_from, p.valid_until,
                                                              programme->validity_months)
                                           : std::string();
    // Whose label and on which assessment, in words (the slug alone says little).
    auto initiative = c.registry.certificates().GetInitiative(p.initiative_slug);
    auto assessment = c.registry.workflow().GetAssessment(p.assessment_id);
    std::string assessed;
    if (assessment.ok()) {
      assessed = assessment->assessor + ", " + assessment->assessed_on;
      if (!assessment->level.empty()) assessed += ", " + assessment->level;
      if (!assessment->score.empty()) assessed += ", " + assessment->score;  // staff see it
      if (!assessment->board_decision_ref.empty() || !assessment->board_decision_date.empty()) {
        assessed +=
            "; " + StaffText(c, "a_board_decision") + " " + assessment->board_decision_date +
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
        {"replaces", p.replaces},
        {"valid_from", Day(p.valid_from)},
        {"valid_until", Day(p.valid_until)},
        {"note", p.note},
        {"proposed_by", p.proposed_by},
        {"proposed_at", Day(p.proposed_at)},
        {"decision", p.decision.empty() ? p.decision : StaffText(c, "a_decision_" + p.decision)},
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

mstch::array CertificateRows(Language language, const std::vector<CertificateSummary>& list) {
  mstch::array rows;
  for (const auto& s : list) {
    rows.push_back(mstch::map{{"id", s.certificate.id},
                              {"initiative", s.certificate.initiative_slug},
                              {"name", s.initiative_name},
                              {"valid_until", Day(s.certificate.valid_until)},
                              {"status", web::WordsFor(language, StatusName(s.status)).label}});
  }
  return rows;
}

mstch::array FieldChoices(Language language, const std::vector<std::string>& chosen) {
  mstch::array out;
  int n = 0;
  for (const std::string& field : TechnologyFields()) {
    bool checked = std::find(chosen.begin(), chosen.end(), field) != chosen.end();
    out.push_back(mstch::map{{"field", field},
                             {"label", web::TechnologyFieldName(field, language)},
                             {"checked", checked},
                             {"n", std::to_string(n++)}});
  }
  return out;
}

// The initiative form's values: what the clerk typed when it comes back, else the record.
mstch::map InitiativeFormData(Language language, const Initiative& stored, const FormState* retry,
                              const std::string& form) {
  bool typed = retry != nullptr && retry->form == form;
  auto value = [&](const std::string& input, const std::string& record) {
    return typed ? retry->input.Get(input) : record;
  };
  std::vector<std::string> fields =
      typed ? retry->input.List("technologyFields") : stored.technology_fields;
  bool network = typed ? retry->input.Get("kind") == "state_network"
                       : stored.kind == InitiativeKind::kStateNetwork;
  mstch::map data{{"slug", value("slug", stored.slug)},
                  {"name", value("name", stored.name)},
                  {"legal_entity", value("legalEntity", stored.legal_entity)},
                  {"state_network", network},
                  {"region", value("region", stored.region)},
                  {"website", value("website", stored.website)},
                  {"management", value("managementOrganisation", stored.management_organisation)},
                  {"description", value("description", stored.description)},
                  {"contact_email", value("contactEmail", stored.contact_email)},
                  {"fields", FieldChoices(language, fields)}};
  mstch::array regions;
  const std::string region = typed ? retry->input.Get("region") : stored.region;
  for (const std::string& known : Regions()) {
    regions.push_back(mstch::map{{"value", known},
                                 {"label", web::RegionName(known, language)},
                                 {"selected", known == region}});
  }
  if (!region.empty() && !IsKnownRegion(region)) {
    // A record from before the list keeps its region until someone picks one of the list.
    regions.push_back(mstch::map{{"value", region}, {"label", region}, {"selected", true}});
  }
  data.emplace("regions", regions);
  AddRetry(data, retry, form);
  return data;
}

}  // namespace

std::string Day(const std::string& date_time) { return date_time.substr(0, 10); }

std::string DepartureInWords(Language language, const std::string& from, const std::string& until,
                             int months) {
  auto facts = MeasureValidityDeparture(from, until, months);
  if (!facts) return {};
  if (language == Language::kEnglish) return ValidityDeparture(from, until, months);
  std::string length = std::to_string(facts->months) + (facts->months == 1 ? " Monat" : " Monate");
  if (facts->days > 0) {
    length += " und " + std::to_string(facts->days) + (facts->days == 1 ? " Tag" : " Tage");
  }
  return length + " statt der " + std::to_string(months) + " Monate des Programms: endet am " +
         facts->end + ", nicht am " + facts->rule_end;
}

std::string StaffText(const AdminCall& c, const std::string& key) {
  return web::Text(Lang(c), key);
}

Language Lang(const AdminCall& c) {
  return c.principal.language == "en" ? Language::kEnglish : Language::kGerman;
}

void Page(AdminCall& c, const std::string& title, const std::string& name, mstch::map data,
          int status) {
  data.emplace("notice", NoticeText(Lang(c), c.req.get_param_value("notice")));
  SendAdminPage(c.res, c.registry.settings(), &c, title, name, std::move(data), status);
}

void Redirect(AdminCall& c, const std::string& to) {
  c.res.status = 303;
  c.res.set_header("Location", to);
}

void SendError(AdminCall& c, const Error& error, const std::string& back) {
  int status = http::HttpStatusFor(error.code);
  std::string message =
      status >= 500 ? StaffText(c, "a_try_later") : ExplainForStaff(Lang(c), error).sentence;
  SendAdminPage(
      c.res, c.registry.settings(), &c, StaffText(c, "a_not_done"), "admin_message",
      mstch::map{{"heading", StaffText(c, "a_not_done")}, {"message", message}, {"back", back}},
      status);
}

int ValidityMonths(AdminCall& c, const std::string& programme_code) {
  auto programme = c.registry.certificates().GetProgramme(programme_code);
  return programme.ok() ? programme->validity_months : 24;
}

std::string NoteLabel(AdminCall& c, int months) {
  return web::Fill(StaffText(c, "a_note_needed"), {std::to_string(months)});
}

namespace {

// What a renewal's state says to the clerk, and where to go on.
mstch::map RenewalRow(AdminCall& c, const RenewalDue& due) {
  const Certificate& cert = due.certificate.certificate;
  std::string state, link;
  switch (due.state) {
    case RenewalState::kNone:
      state = StaffText(c, "a_renewal_none");
      link = "/admin/initiatives/" + cert.initiative_slug;
      break;
    case RenewalState::kAssessmentRecorded:
      state = StaffText(c, "a_renewal_assessed");
      link = "/admin/certificates/" + cert.id;
      break;
    case RenewalState::kProposed:
      state = web::Fill(StaffText(c, "a_renewal_proposed"), {std::to_string(due.proposal_id)});
      link = "/admin/proposals";
      break;
    case RenewalState::kApproved:
      state = web::Fill(StaffText(c, "a_renewal_done"), {due.renewal_id});
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
  for (const RenewalDue& d : *due) renewals.push_back(RenewalRow(c, d));
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
  Page(c, StaffText(c, "a_home_heading"), "admin_home", std::move(data));
}

void Initiatives(AdminCall& c, const FormState* retry) {
  auto list = c.registry.certificates().ListInitiatives();
  if (!list.ok()) return SendError(c, list.error(), "/admin");
  // Search in name, short name, legal entity and region; each row with the certificate that
  // stands for the initiative now (its badge's), its status and end.
  const std::string query = c.req.get_param_value("q");
  auto lower = [](std::string text) {
    for (char& ch : text) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return text;
  };
  const std::string needle = lower(query);
  const UnixSeconds now = c.registry.Now();
  mstch::array rows;
  for (const Initiative& i : *list) {
    if (!needle.empty() &&
        lower(i.name + " " + i.slug + " " + i.legal_entity + " " + i.region).find(needle) ==
            std::string::npos) {
      continue;
    }
    mstch::map row{{"slug", i.slug}, {"name", i.name}, {"region", i.region}};
    auto held = c.registry.certificates().CertificatesOf(i.slug, "ce-bw");
    if (held.ok()) {
      if (const Certificate* current = CurrentCertificate(*held, now)) {
        web::StatusWords words = web::WordsFor(Lang(c), StatusName(CurrentStatus(*current, now)));
        row.emplace("certificate", current->id);
        row.emplace("status", words.symbol + " " + words.label);
        row.emplace("status_css", words.css);
        row.emplace("valid_until", Day(current->valid_until));
      }
    }
    rows.push_back(std::move(row));
  }
  Page(c, StaffText(c, "a_initiatives"), "admin_initiatives",
       mstch::map{{"initiatives", rows},
                  {"q", query},
                  {"none_found", rows.empty() && !query.empty()},
                  {"create", InitiativeFormData(Lang(c), Initiative{}, retry, "create")}},
       retry != nullptr ? retry->status : 200);
}

void InitiativePage(AdminCall& c, const FormState* retry) {
  InitiativePageFor(c, c.req.matches[1], retry);
}

void InitiativePageFor(AdminCall& c, const std::string& slug, const FormState* retry) {
  auto initiative = c.registry.certificates().GetInitiative(slug);
  if (!initiative.ok()) return SendError(c, initiative.error(), "/admin/initiatives");
  auto assessments = c.registry.workflow().ListAssessments(slug);
  if (!assessments.ok()) return SendError(c, assessments.error(), "/admin/initiatives");
  mstch::array assessment_rows;
  UnixSeconds today = c.registry.Now() - c.registry.Now() % 86400;
  // With more than one programme, each assessment says which it is for, and the form asks.
  auto programmes = c.registry.certificates().ListProgrammes();
  if (!programmes.ok()) return SendError(c, programmes.error(), "/admin/initiatives");
  const bool several = programmes->size() > 1;
  auto programme_name = [&](const std::string& code) {
    for (const Programme& p : *programmes) {
      if (p.code == code) return web::ProgrammeName(p, Lang(c));
    }
    return code;
  };
  for (const Assessment& a : *assessments) {
    // The proposal form starts from the programme's rule: from today, for its months.
    int months = ValidityMonths(c, a.programme_code);
    const std::string form = "propose:" + std::to_string(a.id);
    mstch::map propose{
        {"id", std::to_string(a.id)},
        {"valid_from", Kept(retry, form, "validFrom", FormatDate(today))},
        {"valid_until", Kept(retry, form, "validUntil", FormatDate(AddMonths(today, months)))},
        {"note", Kept(retry, form, "note", "")},
        {"note_label", NoteLabel(c, months)}};
    AddRetry(propose, retry, form);
    assessment_rows.push_back(
        mstch::map{{"id", std::to_string(a.id)},
                   {"programme", several ? programme_name(a.programme_code) : std::string()},
                   {"propose", propose},
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
    edit_rows.push_back(mstch::map{{"at", web::FormatDateTime(Lang(c), r.at)},
                                   {"actor", r.actor},
                                   {"action", ActionInWords(Lang(c), r.action)}});
  }
  const Initiative& i = *initiative;
  const std::string a = "assessment";
  mstch::map assessment_form{
      {"slug", i.slug},
      {"assessor", Kept(retry, a, "assessor", "")},
      {"assessed_from", Kept(retry, a, "assessedFrom", "")},
      {"assessed_on", Kept(retry, a, "assessedOn", "")},
      {"level", Kept(retry, a, "level", "")},
      {"score", Kept(retry, a, "score", "")},
      {"score_public", retry != nullptr && retry->form == a && retry->input.Flag("scorePublic")},
      {"board_date", Kept(retry, a, "boardDecisionDate", "")},
      {"board_ref", Kept(retry, a, "boardDecisionRef", "")}};
  if (several) {
    const std::string chosen = Kept(retry, a, "programme", DefaultProgramme().code);
    mstch::array options;
    for (const Programme& p : *programmes) {
      options.push_back(mstch::map{{"code", p.code},
                                   {"name", web::ProgrammeName(p, Lang(c))},
                                   {"selected", p.code == chosen}});
    }
    assessment_form.emplace("programmes", options);
    assessment_form.emplace("choose_programme", true);
  }
  AddRetry(assessment_form, retry, a);
  auto notes = c.registry.notes().List(slug);
  if (!notes.ok()) return SendError(c, notes.error(), "/admin/initiatives");
  mstch::array note_rows;
  for (const InitiativeNote& note : *notes) {
    note_rows.push_back(mstch::map{{"text", note.text},
                                   {"by", note.written_by},
                                   {"at", web::FormatDateTime(Lang(c), note.written_at)}});
  }
  mstch::map note_form{{"slug", i.slug}, {"note", Kept(retry, "note", "note", "")}};
  AddRetry(note_form, retry, "note");
  mstch::map edit_form = InitiativeFormData(Lang(c), i, retry, "edit");
  edit_form["slug"] = i.slug;
  Page(c, i.name, "admin_initiative",
       mstch::map{{"slug", i.slug},
                  {"name", i.name},
                  {"assessments", assessment_rows},
                  {"certificates", CertificateRows(Lang(c), certificates->items)},
                  {"assessment_form", assessment_form},
                  {"edit_form", edit_form},
                  {"notes", note_rows},
                  {"note_form", note_form},
                  {"edits", edit_rows}},
       retry != nullptr ? retry->status : 200);
}

void Proposals(AdminCall& c) {
  auto proposals = c.registry.workflow().ListProposals(false);
  if (!proposals.ok()) return SendError(c, proposals.error(), "/admin");
  Page(c, StaffText(c, "a_proposals"), "admin_proposals",
       mstch::map{{"proposals", ProposalRows(c, *proposals)}});
}

void Audit(AdminCall& c) {
  Fields in = Fields::FromForm(c.req);
  auto filter = AuditFilterFrom(in);
  if (!filter.ok()) return SendError(c, filter.error(), "/admin/audit");
  filter->limit = 200;
  auto records = c.registry.workflow().AuditLog(*filter);
  if (!records.ok()) return SendError(c, records.error(), "/admin/audit");
  const Language language = Lang(c);
  mstch::array rows;
  for (const AuditRecord& r : *records) {
    mstch::array changes;
    for (const AuditChange& change : AuditChanges(language, r.before_json, r.after_json)) {
      changes.push_back(mstch::map{{"field", change.field},
                                   {"before", change.before},
                                   {"after", change.after},
                                   {"had_before", !change.before.empty()}});
    }
    rows.push_back(mstch::map{{"seq", std::to_string(r.seq)},
                              {"at", web::FormatDateTime(language, r.at)},
                              {"actor", r.actor},
                              {"action", ActionInWords(language, r.action)},
                              {"code", r.action},
                              {"subject", r.subject},
                              {"has_changes", !changes.empty()},
                              {"changes", changes}});
  }
  // The filter names actions in words; the address keeps the recorded code.
  mstch::array actions;
  for (const std::string& code : KnownAuditActions()) {
    actions.push_back(mstch::map{{"code", code},
                                 {"words", ActionInWords(language, code)},
                                 {"selected", code == filter->action}});
  }
  std::string query = c.req.target.find('?') == std::string::npos
                          ? ""
                          : c.req.target.substr(c.req.target.find('?'));
  Page(c, StaffText(c, "a_audit_heading"), "admin_audit",
       mstch::map{{"records", rows},
                  {"actor", filter->actor},
                  {"actions", actions},
                  {"subject", filter->subject},
                  {"from", filter->from},
                  {"to", filter->to},
                  {"csv_query", query}});
}

}  // namespace siegel::admin
