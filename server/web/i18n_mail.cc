#include "server/web/i18n_mail.h"

namespace siegel::web {

const std::map<std::string, std::pair<const char*, const char*>>& MailTable() {
  static const std::map<std::string, std::pair<const char*, const char*>> kTable = {
      {"m_greeting", {"Guten Tag,", "Hello,"}},
      {"m_greeting_person", {"Guten Tag {},", "Dear {},"}},
      {"m_closing", {"Mit freundlichen Grüßen", "Kind regards"}},
      {"m_automatic",
       {"Diese Nachricht wurde vom Register der Qualitätslabel automatisch versandt. Bitte "
        "antworten Sie nicht auf diese Adresse.",
        "This message was sent automatically by the register of quality labels. Please do not "
        "reply to this address."}},
      {"m_verify_link", {"Urkunde prüfen: {}", "Check the certificate: {}"}},
      {"m_staff_link", {"In der Verwaltung: {}", "On the staff pages: {}"}},
      // Reminders, to the initiative's contact.
      {"m_reminder_subject",
       {"Erinnerung: Ihr Label „{}“ endet in {} Tagen ({})",
        "Reminder: your label “{}” ends in {} days ({})"}},
      {"m_reminder_contact",
       {"das Label „{}“ der Initiative {} (Urkunde {}) ist gültig bis zum {}, also noch {} "
        "Tage.",
        "The label “{}” of {} (certificate {}) is valid until {}, that is for {} more days."}},
      {"m_reminder_contact_next",
       {"Für die Zeit danach ist eine erneute Begutachtung nötig. Bitte setzen Sie sich "
        "rechtzeitig mit dem Ministerium in Verbindung, damit das Label ohne Unterbrechung "
        "weiter gilt.",
        "A new assessment is needed for the time after that. Please contact the ministry in "
        "good time so that the label continues without a gap."}},
      // Reminders, to the staff responsible.
      {"m_reminder_staff_subject",
       {"Erinnerung: Urkunde {} ({}) endet in {} Tagen",
        "Reminder: certificate {} ({}) ends in {} days"}},
      {"m_reminder_staff",
       {"die Urkunde {} der Initiative {} („{}“) endet am {}, in {} Tagen.",
        "Certificate {} of {} (“{}”) ends on {}, in {} days."}},
      {"m_renewal_state", {"Stand der Re-Zertifizierung: {}", "Renewal: {}"}},
      // Status changes.
      {"m_status_subject", {"Urkunde {} ({}): {}", "Certificate {} ({}): {}"}},
      {"m_status_contact",
       {"der Status der Urkunde {} der Initiative {} für das Label „{}“ hat sich geändert: {} "
        "am {}.",
        "The status of certificate {} of {} for the label “{}” has changed: {} on {}."}},
      {"m_status_reason", {"Grund: {}", "Reason: {}"}},
      {"m_status_valid_until", {"Gültig bis: {}", "Valid until: {}"}},
  };
  return kTable;
}

}  // namespace siegel::web
