#include "server/pdf/certificate_pdf_content.h"

#include <initializer_list>

#include "pdf/attached_credential.h"
#include "registry/certificate_status.h"

namespace siegel::pdf {
namespace {

using web::Language;
using web::Text;

// A catalogue sentence with %1, %2, … filled in.
std::string Fill(Language language, const std::string& key,
                 std::initializer_list<std::string> values) {
  std::string text = Text(language, key);
  int n = 1;
  for (const std::string& value : values) {
    std::string marker = "%" + std::to_string(n++);
    if (size_t at = text.find(marker); at != std::string::npos) text.replace(at, 2, value);
  }
  return text;
}

std::string AssessmentLine(Language language, const Certificate& c) {
  std::string line;
  if (!c.assessor.empty() && !c.assessed_on.empty()) {
    line =
        Fill(language, "pdf_assessed", {c.assessor, web::FormatLongDate(language, c.assessed_on)});
  }
  if (!c.board_decision_date.empty()) {
    std::string board =
        Fill(language, "pdf_board", {web::FormatLongDate(language, c.board_decision_date)});
    if (!c.board_decision_ref.empty()) board += " (" + c.board_decision_ref + ")";
    line += (line.empty() ? "" : " ") + board + ".";
  }
  return line;
}

}  // namespace

std::string CredentialAttachmentName(const std::string& id) {
  return id + std::string(kCredentialAttachmentSuffix);
}

Result<CertificatePdfContent> CertificatePdfContentFor(const PublicRegistry& registry,
                                                       const std::string& id, Language language) {
  auto certificate = registry.certificates().GetCertificate(id);
  if (!certificate.ok()) return certificate.error();
  const Certificate& c = *certificate;
  auto history = registry.certificates().StatusHistory(id);
  if (!history.ok()) return history.error();
  auto programme = registry.certificates().GetProgramme(c.programme_code);
  if (!programme.ok()) return programme.error();
  auto initiative = registry.certificates().GetInitiative(c.initiative_slug);
  if (!initiative.ok()) return initiative.error();
  auto design = registry.designs().For(c.programme_code);
  if (!design.ok()) return design.error();
  const RegistrySettings& settings = registry.settings();

  CertificatePdfContent content;
  content.language = web::LanguageCode(language);
  std::string programme_name = web::ProgrammeName(*programme, language);
  content.title = programme_name + " – " + Text(language, "pdf_heading") + " " + c.id;
  content.issuer_name = settings.issuer_name;
  content.heading = Text(language, "pdf_heading");
  content.preamble = Text(language, "pdf_preamble");
  content.programme_name = programme_name;
  content.award = Text(language, "pdf_award");
  content.holder = initiative->name;
  if (!initiative->legal_entity.empty() && initiative->legal_entity != initiative->name) {
    content.holder_detail = Text(language, "legal_entity") + ": " + initiative->legal_entity;
  }
  if (!c.level.empty()) content.level = Text(language, "pdf_level") + ": " + c.level;
  content.validity = Fill(
      language, "pdf_validity",
      {web::FormatLongDate(language, c.valid_from), web::FormatLongDate(language, c.valid_until)});
  content.criteria_heading = Text(language, "pdf_criteria");
  content.criteria_text = programme->criteria_text;
  content.assessment = AssessmentLine(language, c);
  std::string issued_on = web::FormatLongDate(language, c.issued_at);
  content.place_and_date = design->place.empty() ? issued_on : design->place + ", " + issued_on;
  content.signatory_name = design->signatory_name;
  content.signatory_role =
      design->signatory_role.empty() ? settings.issuer_name : design->signatory_role;
  content.number_line = Text(language, "pdf_number") + " " + c.id;
  content.verify_url = settings.base_url + "/verify/" + c.id;
  content.verify_caption = Text(language, "pdf_verify") + "\n" + content.verify_url;
  content.attachment_note =
      Fill(language, "pdf_attachment",
           {CredentialAttachmentName(c.id), settings.base_url + "/verify", settings.issuer_name});
  content.logo_png = design->logo_png;
  content.seal_png = design->seal_png;
  content.seal_text = programme->id_prefix;
  content.created = c.issued_at;

  // The paper says what the registry says today: a revoked or suspended certificate is marked
  // across the page (an expired one speaks for itself through its printed period).
  CertificateStatus status = StatusAt(c, *history, registry.Now());
  if (status == CertificateStatus::kRevoked || status == CertificateStatus::kSuspended) {
    bool revoked = status == CertificateStatus::kRevoked;
    content.banner = Text(language, revoked ? "pdf_revoked" : "pdf_suspended");
    const std::string& since = revoked ? c.revoked_at : c.suspended_at;
    std::string reason =
        web::ReasonInWords(language, revoked ? c.revocation_reason : c.suspension_reason);
    content.banner_detail = Fill(language, "pdf_since", {web::FormatLongDate(language, since)});
    if (!reason.empty()) content.banner_detail += " · " + Text(language, "reason") + ": " + reason;
    content.banner_detail += " · " + Text(language, "pdf_not_in_force");
  }

  content.credential.name = CredentialAttachmentName(c.id);
  content.credential.media_type = "application/json";
  content.credential.description = programme_name + " " + c.id + " (W3C Verifiable Credential)";
  content.credential.content = c.credential_json;
  content.credential.modified = PdfDate(c.issued_at);
  return content;
}

Result<std::string> CertificatePdfFor(const PublicRegistry& registry, const std::string& id,
                                      Language language) {
  auto content = CertificatePdfContentFor(registry, id, language);
  if (!content.ok()) return content.error();
  return RenderCertificatePdf(*content);
}

}  // namespace siegel::pdf
