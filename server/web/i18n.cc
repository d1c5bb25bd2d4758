// The strings live here, side by side, so a missing translation is visible in review.
#include "server/web/i18n.h"

#include <map>
#include <utility>

#include "registry/workflow.h"
#include "server/web/i18n_mail.h"
#include "server/web/i18n_staff.h"
#include "server/web/local_time.h"

namespace siegel::web {
namespace {

using Pair = std::pair<const char*, const char*>;  // German, English

const std::map<std::string, Pair>& Table() {
  static const std::map<std::string, Pair> kTable = {
      {"skip", {"Zum Inhalt springen", "Skip to content"}},
      {"navigation", {"Hauptnavigation", "Main navigation"}},
      {"registry", {"Register", "Registry"}},
      {"about", {"Über das Siegel", "About the label"}},
      {"nav_verify", {"Urkunde prüfen", "Check a certificate"}},
      {"badge_until", {"bis", "until"}},
      // The upload's checks, as people call them (the API keeps the technical names).
      {"check_size", {"Größe", "Size"}},
      {"check_parse", {"Lesbarkeit", "Readable"}},
      {"check_header", {"JWS-Kopf", "JWS header"}},
      {"check_payload", {"JWS-Inhalt", "JWS content"}},
      {"check_context", {"Vokabular (JSON-LD)", "Vocabulary (JSON-LD)"}},
      {"check_shape", {"Aufbau einer Urkunde", "Form of a certificate"}},
      {"check_issuer", {"Aussteller", "Issuer"}},
      {"check_status_entries", {"Statuseinträge", "Status entries"}},
      {"check_profile", {"Regeln dieses Registers", "This registry's rules"}},
      {"check_jwt_claims", {"JWT-Angaben", "JWT claims"}},
      {"check_proof", {"Form der Unterschrift", "Form of the signature"}},
      {"check_proof_purpose", {"Zweck der Unterschrift", "Purpose of the signature"}},
      {"check_key", {"Schlüssel des Registers", "The registry's key"}},
      {"check_signature", {"Unterschrift", "Signature"}},
      {"check_issued", {"Vom Register ausgestellt", "Issued by the registry"}},
      {"check_key_compromise", {"Schlüssel nicht kompromittiert", "Key not compromised"}},
      {"check_revocation", {"Nicht widerrufen", "Not revoked"}},
      {"check_suspension", {"Nicht ausgesetzt", "Not suspended"}},
      {"check_validity", {"Gültigkeitszeitraum", "Period of validity"}},
      {"failed_damaged",
       {"Die Datei ist beschädigt oder unvollständig.", "The file is damaged or incomplete."}},
      {"failed_form",
       {"Die Datei hat nicht die Form einer Urkunde dieses Registers.",
        "The file does not have the form of a certificate of this registry."}},
      {"failed_key",
       {"Die Urkunde ist nicht mit einem Schlüssel dieses Registers unterschrieben.",
        "The certificate is not signed with a key of this registry."}},
      {"failed_signature",
       {"Die Unterschrift passt nicht zum Inhalt: Die Datei wurde nach dem Unterschreiben "
        "verändert.",
        "The signature does not match the content: the file was changed after it was signed."}},
      {"failed_issued",
       {"Dieses Register hat genau diese Urkunde nicht ausgestellt.",
        "This registry did not issue exactly this certificate."}},
      {"failed_compromise",
       {"Unterschrieben mit einem Schlüssel, der als kompromittiert gilt, und nicht nachweislich "
        "davor.",
        "Signed with a key marked compromised, and not shown to be signed before."}},
      {"failed_status", {"Der Status ließ sich nicht prüfen.", "The status could not be checked."}},
      {"technical_reason", {"Technische Angabe", "Technical detail"}},
      {"badge_alt_prefix",
       {"Cluster-Exzellenz Baden-Württemberg, Status und Gültigkeit von",
        "Cluster Excellence Baden-Württemberg, status and validity of"}},
      {"embed_initiative_text",
       {"Dieses Abzeichen zeigt immer die aktuelle Urkunde der Initiative mit Status und "
        "Gültigkeit, auch nach jeder Re-Zertifizierung, und führt zu ihrer Prüfseite. Es muss "
        "nie ausgetauscht werden.",
        "This badge always shows the initiative's current certificate with its status and "
        "validity, after every re-certification too, and leads to its check page. It never "
        "needs replacing."}},
      {"home_verify",
       {"Eine Urkunde in der Hand? Prüfen Sie sie mit ihrer Nummer oder ihrer Datei.",
        "Holding a certificate? Check it by its number or its file."}},
      {"imprint", {"Impressum und Datenschutz", "Imprint and privacy"}},
      {"static_copy", {"Statische Kopie des Registers", "A static copy of the registry"}},
      {"static_copy_as_of",
       {"mit dem Stand seiner letzten Änderung vom", "as of its latest change on"}},
      {"static_copy_current", {"Den aktuellen Stand zeigt", "The current state is at"}},
      {"verify_heading", {"Prüfung eines Qualitätssiegels", "Quality label check"}},
      {"verify_result_heading", {"Ergebnis der Prüfung", "Result of the check"}},
      {"holder", {"Inhaber", "Holder"}},
      {"label", {"Siegel", "Label"}},
      {"level", {"Stufe", "Level"}},
      {"certificate", {"Urkunde", "Certificate"}},
      {"period", {"Gültigkeit", "Validity"}},
      {"issuer", {"Ausgestellt von", "Issued by"}},
      {"checked_at", {"Geprüft am", "Checked on"}},
      {"status_as_of", {"Stand der Statusangaben", "Status information as of"}},
      {"reason", {"Grund", "Reason"}},
      {"superseded_by", {"Verlängert durch", "Renewed by"}},
      {"replaced_by",
       {"Ersetzt durch die berichtigte Urkunde", "Replaced by the corrected certificate"}},
      {"download_credential",
       {"Signierte Urkunde (JSON) herunterladen", "Download the signed certificate (JSON)"}},
      {"status_json", {"Status als JSON", "Status as JSON"}},
      {"not_found", {"Unbekannte Urkunde", "Unknown certificate"}},
      {"not_found_meaning",
       {"Dieses Register kennt keine Urkunde mit dieser Nummer. Das Siegel lässt sich hier nicht "
        "bestätigen.",
        "This registry knows no certificate with this number. The label cannot be confirmed "
        "here."}},
      {"check_file", {"Eine Urkundendatei prüfen", "Check a certificate file"}},
      {"upload", {"Datei hochladen", "Upload a file"}},
      {"paste", {"oder den Inhalt einfügen", "or paste its content"}},
      {"verify_button", {"Prüfen", "Check"}},
      {"registry_entry", {"Eintrag im Register:", "Registry entry:"}},
      {"checks", {"Einzelne Prüfschritte", "The individual checks"}},
      {"check", {"Prüfschritt", "Check"}},
      {"result", {"Ergebnis", "Result"}},
      {"detail", {"Einzelheiten", "Details"}},
      {"check_another", {"Eine weitere Urkunde prüfen", "Check another certificate"}},
      {"not_certificate_file", {"Keine Urkunden-Datei", "Not a certificate file"}},
      {"checked_from_pdf",
       {"Geprüft wurde die signierte Urkunde, die die PDF-Datei als Anhang enthält.",
        "What was checked is the signed certificate the PDF file carries as an attachment."}},
      {"upload_empty",
       {"Es wurde keine Datei gewählt und kein Inhalt eingefügt. Scannen Sie den QR-Code auf der "
        "Urkunde, geben Sie die Urkunden-Nummer ein oder wählen Sie die Datei der Urkunde "
        "(.pdf, .json oder .jwt).",
        "No file was chosen and nothing was pasted. Scan the QR code on the certificate, type "
        "the certificate number, or choose the certificate's file (.pdf, .json or .jwt)."}},
      {"upload_pdf",
       {"Diese PDF-Datei enthält keine Urkunden-Datei, die sich hier prüfen lässt. Über ihre "
        "Echtheit sagt das nichts: Scannen Sie den QR-Code auf der Urkunde oder geben Sie die "
        "Urkunden-Nummer ein.",
        "This PDF holds no certificate file that can be checked here. That says nothing about "
        "whether it is genuine: scan the QR code on the certificate or type the certificate "
        "number."}},
      {"upload_image",
       {"Das ist ein Bild, etwa ein Foto oder ein Scan der Urkunde, keine Urkunden-Datei. Ein "
        "Bild lässt sich nicht auf Echtheit prüfen: Scannen Sie den QR-Code auf der Urkunde oder "
        "geben Sie die Urkunden-Nummer ein.",
        "This is an image, such as a photo or a scan of the certificate, not a certificate "
        "file. An image cannot be checked for authenticity: scan the QR code on the certificate "
        "or type the certificate number."}},
      {"upload_other",
       {"Diese Datei ist keine Urkunden-Datei (das ist die .json- oder .jwt-Datei, die das "
        "Register zu jeder Urkunde bereitstellt). Scannen Sie den QR-Code auf der Urkunde oder "
        "geben Sie die Urkunden-Nummer ein.",
        "This file is not a certificate file (the .json or .jwt file the registry provides for "
        "every certificate). Scan the QR code on the certificate or type the certificate "
        "number."}},
      {"lookup_number", {"Urkunden-Nummer", "Certificate number"}},
      {"error_404", {"Seite nicht gefunden", "Page not found"}},
      {"error_404_meaning",
       {"Unter dieser Adresse gibt es nichts. Vielleicht ist der Link unvollständig; die Suche "
        "auf der Startseite findet jede Initiative und jede Urkunde.",
        "There is nothing at this address. Perhaps the link is incomplete; the search on the "
        "home page finds every initiative and every certificate."}},
      {"error_400", {"Anfrage nicht verstanden", "Request not understood"}},
      {"error_400_meaning",
       {"Das Register konnte mit dieser Anfrage nichts anfangen. Gehen Sie zurück und prüfen "
        "Sie die Eingaben.",
        "The registry could not make sense of this request. Go back and check what was "
        "entered."}},
      {"error_429", {"Zu viele Anfragen", "Too many requests"}},
      {"error_429_meaning",
       {"Von Ihrer Adresse kamen in kurzer Zeit sehr viele Anfragen. Bitte warten Sie einen "
        "Moment und versuchen Sie es dann erneut.",
        "Very many requests came from your address in a short time. Please wait a moment, "
        "then try again."}},
      {"error_503", {"Vorübergehend nicht erreichbar", "Temporarily unavailable"}},
      {"error_503_meaning",
       {"Das Register kann gerade nicht antworten. Bitte versuchen Sie es in einigen Minuten "
        "erneut.",
        "The registry cannot answer right now. Please try again in a few minutes."}},
      {"error_500", {"Fehler im Register", "Error in the registry"}},
      {"error_500_meaning",
       {"Beim Beantworten dieser Anfrage ist im Register ein Fehler aufgetreten. Bitte "
        "versuchen Sie es später erneut.",
        "The registry failed while answering this request. Please try again later."}},
      {"error_home", {"Zur Startseite und Suche", "To the home page and search"}},
      {"error_detail", {"Technische Angaben", "Technical details"}},
      {"valid_on", {"Gültig an einem anderen Tag?", "Valid on another day?"}},
      {"status_on", {"Stand am", "As on"}},
      {"status_today", {"Stand heute", "As today"}},
      {"at_invalid",
       {"Das ist kein Datum (etwa 2026-03-15).", "That is not a date (such as 2026-03-15)."}},
      {"lookup_button", {"Nachschlagen", "Look up"}},
      {"awarded_to", {"verliehen an", "awarded to"}},
      {"assessor", {"Begutachtung", "Assessment"}},
      {"qr_caption", {"Aktueller Status:", "Current status:"}},
      // The printed certificate (PDF).
      {"download_pdf",
       {"Urkunde als PDF (mit der signierten Urkunde als Anhang)",
        "The certificate as PDF (carrying the signed certificate as an attachment)"}},
      {"pdf_heading", {"Urkunde", "Certificate"}},
      // The revocation reasons' public wording (registry/workflow.h records them in English).
      {"reason_assessment_withdrawn", {"Begutachtung zurückgezogen", "assessment withdrawn"}},
      {"reason_initiative_dissolved", {"Initiative aufgelöst", "initiative dissolved"}},
      {"reason_issued_in_error", {"irrtümlich ausgestellt", "issued in error"}},
      {"reason_key_compromise", {"Signaturschlüssel kompromittiert", "key compromise"}},
      {"reason_other", {"anderer Grund", "other"}},
      {"reason_superseded", {"ersetzt durch", "superseded by"}},
      {"pdf_preamble", {"Das Qualitätssiegel", "The quality label"}},
      {"pdf_award", {"wird verliehen an", "is awarded to"}},
      {"pdf_level", {"Stufe", "Level"}},
      {"pdf_validity", {"gültig vom %1 bis zum %2", "valid from %1 to %2"}},
      {"pdf_criteria", {"Was das Siegel bestätigt", "What the label certifies"}},
      {"pdf_assessed", {"Begutachtet von %1 am %2.", "Assessed by %1 on %2."}},
      {"pdf_board",
       {"Beschluss des Vergabegremiums vom %1", "Decision of the awarding board of %1"}},
      {"pdf_number", {"Urkunden-Nr.", "Certificate no."}},
      {"pdf_verify",
       {"Echtheit und aktuellen Status prüfen:", "Check authenticity and current status:"}},
      {"pdf_attachment",
       {"Diese PDF-Datei enthält die digital signierte Urkunde (W3C Verifiable Credential) als "
        "Anhang %1. Sie lässt sich ohne Verbindung mit siegel-verify prüfen oder unter %2 "
        "hochladen. Ausgestellt von %3.",
        "This PDF file carries the digitally signed certificate (a W3C Verifiable Credential) as "
        "the attachment %1. It can be checked offline with siegel-verify or uploaded at %2. "
        "Issued by %3."}},
      {"pdf_revoked", {"WIDERRUFEN", "REVOKED"}},
      {"pdf_suspended", {"AUSGESETZT", "SUSPENDED"}},
      {"pdf_since", {"seit %1", "since %1"}},
      {"pdf_not_in_force",
       {"Diese Urkunde ist nicht in Kraft.", "This certificate is not in force."}},
      {"embed_heading",
       {"Siegel auf der eigenen Website zeigen", "Show the label on your website"}},
      {"embed_text",
       {"Dieses Abzeichen zeigt immer den aktuellen Status und führt zur Prüfseite.",
        "This badge always shows the current status and leads to the check page."}},
      {"legal_entity", {"Rechtsträger", "Legal entity"}},
      {"management", {"Clustermanagement", "Cluster management"}},
      {"region", {"Region", "Region"}},
      {"fields", {"Technologiefeld", "Technology field"}},
      {"website", {"Website", "Website"}},
      {"timeline", {"Verlauf der Urkunden", "Certificate history"}},
      {"timeline_caption",
       {"Die Urkunden nach Gültigkeit, die neueste zuerst, mit ihrem Verlauf",
        "The certificates by validity, the newest first, with their history"}},
      {"history", {"Verlauf", "History"}},
      {"date", {"Datum", "Date"}},
      {"event", {"Ereignis", "Event"}},
      {"no_certificates", {"Noch keine Urkunden.", "No certificates yet."}},
      {"home_heading", {"Register der Qualitätssiegel", "Registry of quality labels"}},
      {"home_intro",
       {"Hier lässt sich prüfen, welche Clusterinitiativen und Landesnetzwerke ein gültiges "
        "Qualitätssiegel "
        "tragen, seit wann und bis wann.",
        "Check here which cluster initiatives and state-wide networks hold a valid quality label, "
        "since when "
        "and until when."}},
      {"valid_count_text",
       {"Initiativen tragen heute ein gültiges Siegel.", "initiatives hold a valid label today."}},
      {"search_text", {"Name oder Urkundennummer", "Name or certificate number"}},
      {"status", {"Status", "Status"}},
      {"all", {"alle", "all"}},
      {"search_button", {"Suchen", "Search"}},
      {"results", {"Ergebnisse", "Results"}},
      {"results_caption", {"Urkunden, die zur Suche passen", "Certificates matching the search"}},
      {"no_results", {"Keine Urkunde passt zur Suche.", "No certificate matches the search."}},
      {"pages", {"Seiten", "Pages"}},
      {"previous", {"Vorherige Seite", "Previous page"}},
      {"next", {"Nächste Seite", "Next page"}},
      {"ok", {"bestanden", "passed"}},
      {"failed", {"nicht bestanden", "failed"}},
      {"event_issued", {"ausgestellt", "issued"}},
      {"event_renewed", {"verlängert (Re-Zertifizierung)", "renewed (re-certification)"}},
      {"renews", {"Nachfolgerin von", "renews"}},
      {"replaces", {"berichtigt", "corrects"}},
      {"event_replacement",
       {"ausgestellt als berichtigte Urkunde", "issued as the corrected certificate"}},
      {"current_status", {"Aktueller Status", "Current status"}},
      {"embed_seal",
       {"Als rundes Siegel: &style=seal an die Adresse des Abzeichens anhängen.",
        "As a round seal: append &style=seal to the badge's address."}},
      {"event_suspended", {"ausgesetzt", "suspended"}},
      {"event_reinstated", {"wieder in Kraft", "reinstated"}},
      {"event_revoked", {"widerrufen", "revoked"}},
      {"event_expired", {"abgelaufen", "expired"}},
      {"log_heading", {"Im Transparenzlog", "In the transparency log"}},
      {"log_intro",
       {"Jede Änderung an dieser Urkunde steht in einem öffentlichen Log, das nur wachsen kann. "
        "Die Prüfpfade zeigen, dass diese Einträge in der signierten Baumwurzel (Checkpoint) "
        "enthalten sind; Einträge im Log:",
        "Every change to this certificate is in a public log that can only grow. The inclusion "
        "proofs show that these entries are in the signed tree head (checkpoint); entries in "
        "the log:"}},
      {"log_entry", {"Eintrag", "Entry"}},
      {"log_event", {"Ereignis", "Event"}},
      {"log_time", {"Zeitpunkt", "Time"}},
      {"log_proof", {"Prüfpfad", "Inclusion proof"}},
      {"log_checkpoint", {"Signierter Checkpoint", "Signed checkpoint"}},
      {"log_what", {"Was ist das Transparenzlog?", "What is the transparency log?"}},
      {"log_page_heading", {"Transparenzlog", "Transparency log"}},
      {"log_size_label", {"Einträge", "Entries"}},
      {"log_key_heading", {"Schlüssel des Logs", "The log's key"}},
      {"log_latest", {"Neueste Einträge", "Latest entries"}},
      {"log_api", {"Schnittstelle", "Interface"}},
      {"event_key-added", {"neuer Signaturschlüssel", "new signing key"}},
      {"event_key-compromised", {"Schlüssel kompromittiert", "key compromised"}},
  };
  return kTable;
}

const char* kMonthsEn[] = {"January", "February", "March",     "April",   "May",      "June",
                           "July",    "August",   "September", "October", "November", "December"};

}  // namespace

Language ChooseLanguage(const httplib::Request& req) {
  if (req.has_param("lang"))
    return req.get_param_value("lang") == "en" ? Language::kEnglish : Language::kGerman;
  std::string accept = req.get_header_value("Accept-Language");
  size_t de = accept.find("de"), en = accept.find("en");
  if (en != std::string::npos && (de == std::string::npos || en < de)) return Language::kEnglish;
  return Language::kGerman;
}

std::string LanguageCode(Language language) { return language == Language::kEnglish ? "en" : "de"; }

mstch::map Strings(Language language, bool with_staff) {
  mstch::map strings;
  for (const auto* table : {&Table(), &StaffTable()}) {
    if (table == &StaffTable() && !with_staff) break;
    for (const auto& [key, pair] : *table) {
      strings.emplace(key, std::string(language == Language::kEnglish ? pair.second : pair.first));
    }
  }
  return strings;
}

std::string Text(Language language, const std::string& key) {
  for (const auto* table : {&Table(), &StaffTable(), &MailTable()}) {
    auto it = table->find(key);
    if (it != table->end())
      return language == Language::kEnglish ? it->second.second : it->second.first;
  }
  return key;
}

std::string RegionName(const std::string& region, Language language) {
  static const std::map<std::string, std::string> kEnglish = {
      {"Regierungsbezirk Stuttgart", "Stuttgart government region"},
      {"Regierungsbezirk Karlsruhe", "Karlsruhe government region"},
      {"Regierungsbezirk Freiburg", "Freiburg government region"},
      {"Regierungsbezirk Tübingen", "Tübingen government region"},
      {"Baden-Württemberg (landesweit)", "Baden-Württemberg (state-wide)"}};
  if (language == Language::kGerman) return region;
  auto it = kEnglish.find(region);
  return it == kEnglish.end() ? region : it->second;
}

std::string TechnologyFieldName(const std::string& field, Language language) {
  static const std::map<std::string, std::string> kGerman = {
      {"Aerospace", "Luft- und Raumfahrt"},
      {"Aluminium processing", "Aluminiumverarbeitung"},
      {"Assembly and fastening", "Montage- und Befestigungstechnik"},
      {"Automotive", "Automobilwirtschaft"},
      {"Biotechnology", "Biotechnologie"},
      {"Creative industries", "Kreativwirtschaft"},
      {"Energy", "Energie"},
      {"Energy storage and smart grids", "Energiespeicher und intelligente Netze"},
      {"Hydrogen", "Wasserstoff"},
      {"Environmental technology", "Umwelttechnik"},
      {"Finance", "Finanzwirtschaft"},
      {"Forestry and timber", "Forst und Holz"},
      {"Health industry", "Gesundheitswirtschaft"},
      {"IT and software", "IT und Software"},
      {"Laboratory glass", "Laborglas"},
      {"Logistics", "Logistik"},
      {"Medical technology", "Medizintechnik"},
      {"Metal processing", "Metallverarbeitung"},
      {"Microsystems technology", "Mikrosystemtechnik"},
      {"Nanotechnology", "Nanotechnologie"},
      {"Organic electronics", "Organische Elektronik"},
      {"Packaging", "Verpackung"},
      {"Paper processing", "Papierverarbeitung"},
      {"Photonics", "Photonik"},
      {"Plastics", "Kunststoffe"},
      {"Precision engineering", "Feinwerktechnik"},
      {"Production technology and mechanical engineering", "Produktionstechnik und Maschinenbau"},
      {"Surface technology", "Oberflächentechnik"},
      {"Textiles", "Textil"},
      {"Valves and measurement technology", "Armaturen- und Messtechnik"},
      {"Ventilation", "Lüftungstechnik"},
  };
  if (language == Language::kEnglish) return field;
  auto it = kGerman.find(field);
  return it == kGerman.end() ? field : it->second;
}

std::string ProgrammeName(const Programme& programme, Language language) {
  return language == Language::kEnglish ? programme.name_en : programme.name_de;
}

std::string FormatDate(Language language, const std::string& text) {
  // A moment is dated by Berlin's calendar (a revocation at 23:30 UTC is on the next day there).
  std::string date_time = BerlinTime(text).date_time;
  if (date_time.size() < 10) return date_time;
  std::string year = date_time.substr(0, 4), month = date_time.substr(5, 2),
              day = date_time.substr(8, 2);
  if (language == Language::kGerman) return day + "." + month + "." + year;
  int m = std::stoi(month);
  if (m < 1 || m > 12) return date_time.substr(0, 10);
  return std::to_string(std::stoi(day)) + " " + kMonthsEn[m - 1] + " " + year;
}

std::string ReasonInWords(Language language, const std::string& reason) {
  std::optional<RecordedReason> recorded = ParseRevocationStatement(reason);
  if (!recorded) return reason;
  return Text(language, "reason_" + RevocationReasonCode(recorded->reason)) + recorded->rest;
}

std::string FormatLongDate(Language language, const std::string& text) {
  std::string date_time = BerlinTime(text).date_time;
  if (date_time.size() < 10) return date_time;
  int month = std::stoi(date_time.substr(5, 2));
  if (month < 1 || month > 12) return date_time.substr(0, 10);
  static const char* kMonthsDe[] = {"Januar",    "Februar", "März",     "April",
                                    "Mai",       "Juni",    "Juli",     "August",
                                    "September", "Oktober", "November", "Dezember"};
  std::string day = std::to_string(std::stoi(date_time.substr(8, 2)));
  std::string year = date_time.substr(0, 4);
  if (language == Language::kGerman) return day + ". " + kMonthsDe[month - 1] + " " + year;
  return day + " " + kMonthsEn[month - 1] + " " + year;
}

std::string FormatDateTime(Language language, const std::string& text) {
  LocalTime local = BerlinTime(text);
  if (local.date_time.size() < 16 || local.date_time == text) return FormatDate(language, text);
  const char* zone = language == Language::kGerman ? (local.summer ? "MESZ" : "MEZ")
                                                   : (local.summer ? "CEST" : "CET");
  // The Berlin wall clock, already converted (it carries no zone, so it is not converted again).
  return FormatDate(language, local.date_time) + ", " + local.date_time.substr(11, 5) + " " + zone;
}

StatusWords WordsFor(Language language, const std::string& status) {
  bool en = language == Language::kEnglish;
  if (status == "valid") {
    return {"valid", "✔", en ? "Valid" : "Gültig",
            en ? "The label is valid: the registry confirms it for this period."
               : "Das Siegel ist gültig: Das Register bestätigt es für diesen Zeitraum."};
  }
  if (status == "expired") {
    return {"expired", "◷", en ? "Expired" : "Abgelaufen",
            en ? "The label was valid, but its period has ended. It is not valid today."
               : "Das Siegel war gültig, sein Zeitraum ist aber abgelaufen. Heute ist es nicht "
                 "gültig."};
  }
  if (status == "not_yet_issued") {
    return {"not_yet_issued", "…", en ? "Not yet issued" : "Noch nicht ausgestellt",
            en ? "At that time the registry had not issued this certificate yet. It was not "
                 "valid then."
               : "Zu diesem Zeitpunkt hatte das Register diese Urkunde noch nicht ausgestellt. "
                 "Sie war damals nicht gültig."};
  }
  if (status == "not_yet_valid") {
    return {"not_yet_valid", "…", en ? "Not yet valid" : "Noch nicht gültig",
            en ? "The label has been awarded, but its period has not begun yet."
               : "Das Siegel ist verliehen, sein Zeitraum hat aber noch nicht begonnen."};
  }
  if (status == "suspended") {
    return {"suspended", "‖", en ? "Suspended" : "Ausgesetzt",
            en ? "The label is suspended for the time being (for example during a review). It is "
                 "not valid now."
               : "Das Siegel ist vorläufig ausgesetzt (etwa während einer Überprüfung). Es ist "
                 "derzeit nicht gültig."};
  }
  if (status == "revoked") {
    return {"revoked", "✖", en ? "Revoked" : "Widerrufen",
            en ? "The label has been revoked for good. It is not valid."
               : "Das Siegel wurde endgültig widerrufen. Es ist nicht gültig."};
  }
  if (status == "invalid") {
    return {"invalid", "✖", en ? "Not genuine" : "Nicht echt",
            en ? "This file is not a genuine certificate of this registry."
               : "Diese Datei ist keine echte Urkunde dieses Registers."};
  }
  return {
      "unknown", "?", en ? "Status unknown" : "Status unbekannt",
      en ? "The status could not be determined, so the label cannot be confirmed."
         : "Der Status ließ sich nicht feststellen; das Siegel kann daher nicht bestätigt werden."};
}

std::string HtmlEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '/':
        out += "&#x2F;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace siegel::web
