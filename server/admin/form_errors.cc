#include "server/admin/form_errors.h"

#include <map>
#include <utility>

#include "server/web/i18n_staff.h"

namespace siegel::admin {
namespace {

using Pair = std::pair<const char*, const char*>;  // German, English

struct InputLabel {
  const char* input;  // the form's input name
  Pair label;
};

// The registry names inputs as its messages do ("assessment end"); the forms by their API
// names, and the clerk by the labels on the page.
const std::map<std::string, InputLabel>& Inputs() {
  static const std::map<std::string, InputLabel> kInputs = {
      {"initiative slug", {"slug", {"Kurzname", "Short name"}}},
      {"initiative name", {"name", {"Name", "Name"}}},
      {"legal entity", {"legalEntity", {"Rechtsträger", "Legal entity"}}},
      {"region", {"region", {"Region", "Region"}}},
      {"management organisation",
       {"managementOrganisation", {"Managementorganisation", "Management organisation"}}},
      {"description", {"description", {"Beschreibung", "Description"}}},
      {"website", {"website", {"Website", "Website"}}},
      {"technology field", {"technologyFields", {"Technologiefelder", "Technology fields"}}},
      {"assessor", {"assessor", {"Gutachter", "Assessor"}}},
      {"assessment start", {"assessedFrom", {"Erster Tag der Begutachtung", "First day"}}},
      {"assessment end", {"assessedOn", {"Letzter Tag der Begutachtung", "Last day"}}},
      {"board decision date",
       {"boardDecisionDate", {"Datum des Beiratsbeschlusses", "Board decision date"}}},
      {"board decision reference",
       {"boardDecisionRef", {"Aktenzeichen des Beiratsbeschlusses", "Board decision reference"}}},
      {"score", {"score", {"Punkte", "Score"}}},
      {"level", {"level", {"Stufe", "Level"}}},
      {"valid from", {"validFrom", {"Gültig ab", "Valid from"}}},
      {"valid until", {"validUntil", {"Gültig bis", "Valid until"}}},
      {"note", {"note", {"Vermerk", "Note"}}},
      {"reason", {"reason", {"Grund", "Reason"}}},
      {"password", {"password", {"Neues Passwort", "New password"}}},
      {"current password", {"current", {"Aktuelles Passwort", "Current password"}}},
      {"repeated password", {"repeat", {"Neues Passwort wiederholen", "Repeat the new password"}}},
      {"the e-mail address", {"email", {"E-Mail-Adresse", "E-mail address"}}},
      {"programme code", {"code", {"Kennung", "Code"}}},
      {"certificate id prefix", {"prefix", {"Präfix der Urkundennummern", "Certificate prefix"}}},
      {"programme name (de)", {"nameDe", {"Name (deutsch)", "Name (German)"}}},
      {"programme name (en)", {"nameEn", {"Name (englisch)", "Name (English)"}}},
      {"programme description", {"description", {"Beschreibung", "Description"}}},
      {"programme criteria", {"criteria", {"Kriterien", "Criteria"}}},
      {"criteria URL", {"criteriaUrl", {"Adresse der Kriterien", "Criteria address"}}},
      {"default assessor", {"assessor", {"Gutachter", "Assessor"}}},
      {"validity months", {"validityMonths", {"Gültigkeit in Monaten", "Validity in months"}}},
      {"contact e-mail",
       {"contactEmail", {"E-Mail-Adresse der Kontaktperson", "Contact's e-mail address"}}},
  };
  return kInputs;
}

// One sentence per kind of problem: "{label}" is the input's label, "{}" the error's values
// in order.
const std::map<std::string, Pair>& Sentences() {
  static const std::map<std::string, Pair> kSentences = {
      {"text_required", {"Bitte füllen Sie „{label}“ aus.", "Please fill in \"{label}\"."}},
      {"text_too_long",
       {"„{label}“ ist zu lang: höchstens {} Bytes.",
        "\"{label}\" is too long: at most {} bytes."}},
      {"text_control",
       {"„{label}“ enthält ein unsichtbares Steuerzeichen. Bitte tippen Sie den Text neu, statt "
        "ihn einzufügen.",
        "\"{label}\" contains an invisible control character. Please type the text instead of "
        "pasting it."}},
      {"slug",
       {"„{}“ passt nicht als Kurzname: 2 bis 63 Kleinbuchstaben, Ziffern und Bindestriche "
        "dazwischen, zum Beispiel microtec-suedwest.",
        "\"{}\" does not fit as a short name: 2 to 63 lowercase letters, digits and inner "
        "hyphens, for example microtec-suedwest."}},
      {"unknown_column",
       {"Die Spalte „{}“ kennt der Import nicht. Möglich sind: Kurzname, Name, Rechtsträger, "
        "Art, Region, Technologiefelder, Website, Managementorganisation, Beschreibung.",
        "The column \"{}\" is not one the import knows. Possible are: slug, name, legal "
        "entity, kind, region, technology fields, website, management organisation, "
        "description."}},
      {"missing_column",
       {"Die Spalte „{}“ fehlt; Kurzname (slug) und Name sind nötig.",
        "The column \"{}\" is missing; slug and name are required."}},
      {"overlaps",
       {"Die Initiative hat schon die Urkunde {}, gültig bis {}, und die neue würde sich mit ihr "
        "überschneiden. Schlagen Sie stattdessen eine Re-Zertifizierung dieser Urkunde vor.",
        "The initiative already holds certificate {}, valid until {}, which the new one would "
        "overlap. Propose a renewal of that certificate instead."}},
      {"proposal_open",
       {"Zu dieser Begutachtung ist Vorschlag {} noch offen. Entscheiden Sie ihn zuerst.",
        "Proposal {} for this assessment is still open. Decide it first."}},
      {"validity_months",
       {"Die Gültigkeit muss zwischen 1 und 120 Monaten liegen.",
        "The validity must be between 1 and 120 months."}},
      {"prefix_form",
       {"Das Präfix „{}“ muss aus 1 bis 12 Großbuchstaben oder Ziffern bestehen und mit einem "
        "Buchstaben beginnen.",
        "The prefix \"{}\" must be 1 to 12 capital letters or digits, starting with a letter."}},
      {"programme_taken",
       {"Es gibt schon ein Programm mit der Kennung „{}“ oder dem Präfix „{}“.",
        "A programme with the code \"{}\" or the prefix \"{}\" exists already."}},
      {"unknown_initiative",
       {"Es gibt keine Initiative mit dem Kurznamen „{}“. Importieren Sie zuerst die Initiativen.",
        "There is no initiative with the short name \"{}\". Import the initiatives first."}},
      {"overlaps_row",
       {"Der Zeitraum überschneidet sich mit dem in Zeile {} für dieselbe Initiative.",
        "The period overlaps the one in row {} for the same initiative."}},
      {"replacement_open",
       {"Vorschlag {} zum Ersetzen der Urkunde {} ist noch offen. Entscheiden Sie ihn zuerst.",
        "Proposal {} to replace certificate {} is still open. Decide it first."}},
      {"replacement_note",
       {"Bitte schreiben Sie in den Vermerk, was an der Urkunde {} falsch war.",
        "Please say in the note what was wrong with certificate {}."}},
      {"replace_revoked",
       {"Die Urkunde {} ist widerrufen und wird nicht ersetzt; ein neues Label braucht einen "
        "neuen Vorschlag.",
        "Certificate {} is revoked and is not replaced; a new label needs a new proposal."}},
      {"replace_suspended",
       {"Die Urkunde {} ist ausgesetzt. Setzen Sie sie wieder in Kraft, bevor Sie sie ersetzen, "
        "oder widerrufen Sie sie.",
        "Certificate {} is suspended. Reinstate it before replacing it, or revoke it."}},
      {"replace_superseded",
       {"Die Urkunde {} wurde schon durch {} erneuert oder ersetzt. Korrigieren Sie {}.",
        "Certificate {} was already renewed or replaced by {}. Correct {} instead."}},
      {"proposal_decided",
       {"Über Vorschlag {} ist schon entschieden ({}).", "Proposal {} was already decided ({})."}},
      {"four_eyes_own",
       {"Vier-Augen-Prinzip: {} hat diese Urkunde vorgeschlagen und kann sie nicht auch "
        "freigeben; das muss eine andere ausstellende Person tun.",
        "Four-eyes principle: {} proposed this certificate and cannot also approve it; another "
        "issuer must."}},
      {"slug_twice",
       {"Der Kurzname „{}“ steht zweimal in der Datei.",
        "The short name \"{}\" is in the file twice."}},
      {"slug_taken",
       {"Es gibt schon eine Initiative mit dem Kurznamen „{}“. Bitte wählen Sie einen anderen.",
        "There is already an initiative with the short name \"{}\". Please choose another."}},
      {"not_url",
       {"„{}“ ist keine Web-Adresse. Bitte geben Sie sie mit http:// oder https:// an.",
        "\"{}\" is not a web address. Please give it with http:// or https://."}},
      {"not_date",
       {"„{}“ ist kein Datum. Bitte geben Sie ein Datum wie 2026-03-15 an.",
        "\"{}\" is not a date. Please give a date such as 2026-03-15."}},
      {"implausible_date",
       {"Das Datum {} bei „{label}“ ist nicht plausibel: Es muss zwischen 2000 und 2099 liegen.",
        "The date {} for \"{label}\" is not plausible: it must lie between 2000 and 2099."}},
      {"not_email",
       {"„{}“ ist keine E-Mail-Adresse. Bitte geben Sie sie wie name@beispiel.de an.",
        "\"{}\" is not an e-mail address. Please give it as name@example.org."}},
      {"assessment_order",
       {"Die Begutachtung kann nicht enden, bevor sie beginnt: Der letzte Tag liegt vor dem "
        "ersten.",
        "The assessment cannot end before it starts: the last day lies before the first."}},
      {"assessment_future",
       {"Der letzte Tag der Begutachtung ({}) liegt in der Zukunft. Erfassen Sie die "
        "Begutachtung, wenn sie abgeschlossen ist.",
        "The last day of the assessment ({}) lies in the future. Record the assessment once it "
        "is finished."}},
      {"validity_order",
       {"Die Gültigkeit muss nach ihrem Beginn enden.", "The validity must end after it starts."}},
      {"validity_departure",
       {"Die Gültigkeit weicht von der Regel des Programms ab ({} statt {} Monate: Ende am {} "
        "statt am {}). Bitte begründen Sie das im Vermerk.",
        "The validity departs from the programme's rule ({} instead of {} months: ends on {} "
        "instead of {}). Please say why in the note."}},
      {"revocation_note",
       {"Bei einem anderen Grund nennen Sie ihn bitte im Vermerk.",
        "For another reason, please say which in the note."}},
      {"reject_note",
       {"Bitte sagen Sie, warum der Vorschlag abgelehnt wird.",
        "Please say why the proposal is rejected."}},
      {"unknown_level",
       {"„{}“ ist keine Stufe dieses Programms.", "\"{}\" is not a level of this programme."}},
      {"unknown_region",
       {"„{}“ ist keine der Regionen der Liste. Bitte wählen Sie eine aus.",
        "\"{}\" is not one of the listed regions. Please choose one."}},
      {"unknown_field",
       {"„{}“ steht nicht in der Liste der Technologiefelder.",
        "\"{}\" is not in the list of technology fields."}},
      {"password_short",
       {"Das Passwort muss mindestens 12 Zeichen haben.",
        "The password must have at least 12 characters."}},
      {"password_long",
       {"Das Passwort darf höchstens 1024 Zeichen haben.",
        "The password may have at most 1024 characters."}},
      {"password_classes",
       {"Das Passwort muss mindestens zwei Arten von Zeichen mischen: Kleinbuchstaben, "
        "Großbuchstaben, Ziffern, andere Zeichen.",
        "The password must mix at least two kinds of characters: lowercase, uppercase, digits, "
        "others."}},
      {"password_wrong",
       {"Das aktuelle Passwort stimmt nicht; das Passwort wurde nicht geändert.",
        "The current password is wrong; the password was not changed."}},
      {"password_same",
       {"Das neue Passwort ist das bisherige. Bitte wählen Sie ein anderes.",
        "The new password is the current one. Please choose a different one."}},
      {"password_mismatch",
       {"Die beiden neuen Passwörter stimmen nicht überein.",
        "The two new passwords do not match."}},
  };
  return kSentences;
}

std::string Replace(std::string text, const std::string& token, const std::string& value) {
  for (size_t at = text.find(token); at != std::string::npos;
       at = text.find(token, at + value.size())) {
    text.replace(at, token.size(), value);
  }
  return text;
}

}  // namespace

FormProblem ExplainForStaff(web::Language language, const Error& error) {
  const bool en = language == web::Language::kEnglish;
  FormProblem problem;
  auto input = Inputs().find(error.field);
  std::string label = error.field;
  if (input != Inputs().end()) {
    problem.input = input->second.input;
    label = en ? input->second.label.second : input->second.label.first;
  }
  auto sentence = Sentences().find(error.problem);
  if (sentence != Sentences().end()) {
    std::string text = en ? sentence->second.second : sentence->second.first;
    problem.sentence = web::Fill(Replace(text, "{label}", label), error.values);
    return problem;
  }
  // Not described for forms: the registry's own sentence, as a sentence.
  std::string text = error.message;
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  if (!text.empty() && text.back() != '.') text += '.';
  problem.sentence = text;
  return problem;
}

}  // namespace siegel::admin
