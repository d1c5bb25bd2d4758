#include "server/mail/mail_wording.h"

#include <string>

#include "server/web/i18n.h"
#include "server/web/i18n_staff.h"

namespace siegel::mail {
namespace {

using web::Fill;
using web::Language;
using web::Text;

std::string ProgrammeIn(const MailOccasion& o, Language language) {
  return language == Language::kEnglish ? o.programme_name_en : o.programme_name_de;
}

std::string RenewalInWords(const MailOccasion& o, Language language) {
  if (o.renewal == "proposed") {
    return Fill(Text(language, "a_renewal_proposed"), {std::to_string(o.renewal_proposal)});
  }
  if (o.renewal == "assessment") return Text(language, "a_renewal_assessed");
  return Text(language, "a_renewal_none");
}

OutgoingMail Word(const MailOccasion& o, const MailRecipient& to,
                  const RegistrySettings& settings) {
  Language language = to.language == "en" ? Language::kEnglish : Language::kGerman;
  const Certificate& c = o.certificate.certificate;
  std::string programme = ProgrammeIn(o, language);
  std::string verify_url =
      settings.base_url + "/verify/" + c.id + "?lang=" + web::LanguageCode(language);
  std::vector<std::string> lines;
  OutgoingMail mail;
  mail.occasion = o.key;
  mail.certificate_id = c.id;
  mail.recipient = to;
  lines.push_back(to.staff ? Fill(Text(language, "m_greeting_person"), {to.name})
                           : Text(language, "m_greeting"));
  lines.emplace_back();
  std::string days = std::to_string(o.days_left);
  std::string until = web::FormatDate(language, c.valid_until);
  if (o.kind == MailOccasion::Kind::kReminder) {
    if (to.staff) {
      mail.subject = Fill(Text(language, "m_reminder_staff_subject"),
                          {c.id, o.certificate.initiative_name, days});
      lines.push_back(Fill(Text(language, "m_reminder_staff"),
                           {c.id, o.certificate.initiative_name, programme, until, days}));
      lines.push_back(Fill(Text(language, "m_renewal_state"), {RenewalInWords(o, language)}));
    } else {
      mail.subject = Fill(Text(language, "m_reminder_subject"), {programme, days, c.id});
      lines.push_back(Fill(Text(language, "m_reminder_contact"),
                           {programme, o.certificate.initiative_name, c.id, until, days}));
      lines.emplace_back();
      lines.push_back(Text(language, "m_reminder_contact_next"));
    }
  } else {
    std::string event = Text(language, "event_" + o.event.event);
    mail.subject =
        Fill(Text(language, "m_status_subject"), {c.id, o.certificate.initiative_name, event});
    lines.push_back(
        Fill(Text(language, "m_status_contact"), {c.id, o.certificate.initiative_name, programme,
                                                  event, web::FormatDate(language, o.event.at)}));
    if (!o.event.reason.empty()) {
      lines.push_back(
          Fill(Text(language, "m_status_reason"), {web::ReasonInWords(language, o.event.reason)}));
    }
    if (o.event.event == "issued" || o.event.event == "reinstated") {
      lines.push_back(Fill(Text(language, "m_status_valid_until"), {until}));
    }
  }
  lines.emplace_back();
  lines.push_back(Fill(Text(language, "m_verify_link"), {verify_url}));
  if (to.staff)
    lines.push_back(Fill(Text(language, "m_staff_link"), {settings.base_url + "/admin"}));
  lines.emplace_back();
  lines.push_back(Text(language, "m_closing"));
  lines.push_back(settings.issuer_name);
  lines.emplace_back();
  lines.push_back("-- ");
  lines.push_back(Text(language, "m_automatic"));
  for (const std::string& line : lines) mail.body += line + "\n";
  return mail;
}

}  // namespace

std::vector<OutgoingMail> WordMail(const MailOccasion& occasion, const RegistrySettings& settings) {
  std::vector<OutgoingMail> mails;
  for (const MailRecipient& to : occasion.recipients) mails.push_back(Word(occasion, to, settings));
  return mails;
}

}  // namespace siegel::mail
