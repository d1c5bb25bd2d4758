// The certificate pages of the staff side: one certificate with its history and the forms that
// act on it (suspend, reinstate, renew, replace, revoke), and the list of all certificates.
#include "registry/certificate_status.h"
#include "registry/regions.h"
#include "registry/technology_fields.h"
#include "server/admin/admin_pages.h"
#include "server/admin/admin_views.h"
#include "server/admin/audit_in_words.h"
#include "server/admin/form_errors.h"
#include "server/admin/operations.h"
#include "server/admin/staff_operations.h"
#include "server/admin/view_parts.h"
#include "server/http/problem.h"
#include "server/web/i18n_staff.h"
#include "server/web/page.h"

namespace siegel::admin {

using web::Language;

void CertificatePage(AdminCall& c, const FormState* retry) {
  CertificatePageFor(c, c.req.matches[1], retry);
}

void CertificatePageFor(AdminCall& c, const std::string& id, const FormState* retry) {
  auto certificate = c.registry.certificates().GetCertificate(id);
  if (!certificate.ok()) return SendError(c, certificate.error(), "/admin");
  auto history = c.registry.certificates().StatusHistory(id);
  if (!history.ok()) return SendError(c, history.error(), "/admin");
  const Certificate& cert = *certificate;
  CertificateStatus status = StatusAt(cert, *history, c.registry.Now());
  mstch::array events;
  for (const StatusEvent& e : *history) {
    events.push_back(mstch::map{{"at", web::FormatDateTime(Lang(c), e.at)},
                                {"event", StaffText(c, "event_" + e.event)},
                                {"reason", web::ReasonInWords(Lang(c), e.reason)},
                                {"actor", e.actor}});
  }
  auto assessments = c.registry.workflow().ListAssessments(cert.initiative_slug);
  // The initiative's assessments for the renewal or replacement form, the one chosen before a
  // refusal selected again.
  auto assessment_rows_for = [&](const char* form) {
    const std::string chosen = Kept(retry, form, "assessment", "");
    mstch::array rows;
    if (!assessments.ok()) return rows;
    for (const Assessment& a : *assessments) {
      rows.push_back(mstch::map{
          {"id", std::to_string(a.id)},
          {"label",
           a.assessed_on + ", " + a.assessor +
               (a.board_decision_ref.empty() ? std::string() : ", " + a.board_decision_ref)},
          {"selected", chosen == std::to_string(a.id)}});
    }
    return rows;
  };
  mstch::array assessment_rows = assessment_rows_for("renew");
  bool revoked = status == CertificateStatus::kRevoked;
  bool suspended = status == CertificateStatus::kSuspended;
  int months = ValidityMonths(c, cert.programme_code);
  auto form_with = [&](const std::string& name, mstch::map values) -> mstch::node {
    values.emplace("id", id);
    AddRetry(values, retry, name);
    return values;
  };
  mstch::map data{{"id", id},
                  {"heading", web::Fill(StaffText(c, "a_certificate_heading"), {id})},
                  {"slug", cert.initiative_slug},
                  {"status", web::WordsFor(Lang(c), StatusName(status)).label},
                  {"valid_from", Day(cert.valid_from)},
                  {"valid_until", Day(cert.valid_until)},
                  {"issued_by", cert.issued_by},
                  {"superseded_by", cert.superseded_by},
                  {"replaced", cert.revocation_reason.rfind("superseded: ", 0) == 0},
                  {"events", events}};
  if (!revoked && !suspended) {
    data.emplace("suspend_form",
                 form_with("suspend", {{"reason", Kept(retry, "suspend", "reason", "")}}));
  }
  if (suspended) {
    data.emplace("reinstate_form",
                 form_with("reinstate", {{"reason", Kept(retry, "reinstate", "reason", "")}}));
  }
  if (!revoked && !suspended && cert.superseded_by.empty() && !assessment_rows.empty()) {
    std::string until = FormatDate(AddMonths(ParseDateTimeStamp(cert.valid_until).value(), months));
    data.emplace("renew_form",
                 form_with("renew", {{"assessments", assessment_rows},
                                     {"valid_from",
                                      Kept(retry, "renew", "validFrom", Day(cert.valid_until))},
                                     {"valid_until", Kept(retry, "renew", "validUntil", until)},
                                     {"note", Kept(retry, "renew", "note", "")},
                                     {"note_label", NoteLabel(c, months)}}));
  }
  if (!revoked && !suspended && cert.superseded_by.empty() && !assessment_rows.empty()) {
    data.emplace(
        "replace_form",
        form_with("replace",
                  {{"assessments", assessment_rows_for("replace")},
                   {"valid_from", Kept(retry, "replace", "validFrom", Day(cert.valid_from))},
                   {"valid_until", Kept(retry, "replace", "validUntil", Day(cert.valid_until))},
                   {"note", Kept(retry, "replace", "note", "")}}));
  }
  if (!revoked) {
    const std::string chosen_reason = Kept(retry, "revoke", "reasonCode", "assessment_withdrawn");
    mstch::array reasons;
    for (const char* code : {"assessment_withdrawn", "initiative_dissolved", "issued_in_error",
                             "key_compromise", "other"}) {
      reasons.push_back(mstch::map{{"code", std::string(code)},
                                   {"label", StaffText(c, std::string("a_reason_") + code)},
                                   {"selected", chosen_reason == code}});
    }
    data.emplace("revoke_form", form_with("revoke", {{"reasons", reasons},
                                                     {"note", Kept(retry, "revoke", "note", "")}}));
  }
  Page(c, web::Fill(StaffText(c, "a_certificate_heading"), {id}), "admin_certificate",
       std::move(data), retry != nullptr ? retry->status : 200);
}

void Certificates(AdminCall& c) {
  // The registry's own search: number, holder or legal entity; a status now; 50 a page.
  CertificateQuery query;
  query.text = c.req.get_param_value("q");
  query.status = c.req.get_param_value("status");
  query.per_page = 50;
  const std::string page_text = c.req.get_param_value("page");
  if (!page_text.empty()) {
    auto page = ParseId(page_text, "page");
    if (!page.ok()) return SendError(c, page.error(), "/admin/certificates");
    query.page = std::min<int64_t>(*page, 100000);
  }
  auto found = c.registry.certificates().SearchCertificates(query);
  if (!found.ok()) return SendError(c, found.error(), "/admin/certificates");
  mstch::array rows;
  for (const CertificateSummary& s : found->items) {
    web::StatusWords words = web::WordsFor(Lang(c), StatusName(s.status));
    rows.push_back(mstch::map{{"id", s.certificate.id},
                              {"initiative", s.certificate.initiative_slug},
                              {"name", s.initiative_name},
                              {"status", words.symbol + " " + words.label},
                              {"status_css", words.css},
                              {"valid_from", Day(s.certificate.valid_from)},
                              {"valid_until", Day(s.certificate.valid_until)}});
  }
  mstch::array statuses;
  for (const char* status : {"valid", "suspended", "revoked", "expired", "not_yet_valid"}) {
    statuses.push_back(mstch::map{{"code", std::string(status)},
                                  {"label", web::WordsFor(Lang(c), status).label},
                                  {"selected", query.status == status}});
  }
  const int64_t pages = (found->total + query.per_page - 1) / query.per_page;
  auto link = [&](int64_t page) {
    return "/admin/certificates?q=" + httplib::detail::encode_query_param(query.text) +
           "&status=" + query.status + "&page=" + std::to_string(page);
  };
  Page(c, StaffText(c, "a_certificates"), "admin_certificates",
       mstch::map{{"certificates", rows},
                  {"q", query.text},
                  {"statuses", statuses},
                  {"total",
                   web::Fill(StaffText(c, "a_certificates_found"), {std::to_string(found->total)})},
                  {"none_found", rows.empty()},
                  {"previous", query.page > 1 ? link(query.page - 1) : std::string()},
                  {"next", query.page < pages ? link(query.page + 1) : std::string()}});
}
}  // namespace siegel::admin
