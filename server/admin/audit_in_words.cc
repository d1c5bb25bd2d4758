#include "server/admin/audit_in_words.h"

#include <map>
#include <set>
#include <utility>

#include "base/json_strict.h"

namespace siegel::admin {
namespace {

using Pair = std::pair<const char*, const char*>;  // German, English

const std::vector<std::pair<std::string, Pair>>& Actions() {
  static const std::vector<std::pair<std::string, Pair>> kActions = {
      {"certificate.issue", {"Urkunde ausgestellt", "Certificate issued"}},
      {"certificate.renew", {"Urkunde erneuert (Re-Zertifizierung)", "Certificate renewed"}},
      {"certificate.suspend", {"Urkunde ausgesetzt", "Certificate suspended"}},
      {"certificate.reinstate", {"Urkunde wieder in Kraft gesetzt", "Certificate reinstated"}},
      {"certificate.revoke", {"Urkunde widerrufen", "Certificate revoked"}},
      {"certificate.reissue",
       {"Urkunde neu unterschrieben (Schlüssel kompromittiert)",
        "Certificate signed again (key compromised)"}},
      {"certificate.signed_alone",
       {"Urkunde ohne zweite Person unterschrieben", "Certificate signed without a second person"}},
      {"proposal.create", {"Urkunde vorgeschlagen", "Certificate proposed"}},
      {"proposal.approve", {"Vorschlag freigegeben", "Proposal approved"}},
      {"proposal.reject", {"Vorschlag abgelehnt", "Proposal rejected"}},
      {"assessment.record", {"Begutachtung erfasst", "Assessment recorded"}},
      {"initiative.add", {"Initiative angelegt", "Initiative created"}},
      {"initiative.edit", {"Initiative bearbeitet", "Initiative edited"}},
      {"initiative.note", {"Vermerk zur Initiative", "Note on the initiative"}},
      {"programme.add", {"Programm angelegt", "Programme created"}},
      {"programme.edit", {"Programm bearbeitet", "Programme edited"}},
      {"programme.four_eyes", {"Vier-Augen-Prinzip eingeschaltet", "Four eyes switched on"}},
      {"programme.four_eyes_off", {"Vier-Augen-Prinzip ausgeschaltet", "Four eyes switched off"}},
      {"certificate_design.set", {"Gestaltung der Urkunde geändert", "Certificate design changed"}},
      {"user.add", {"Konto angelegt", "Account created"}},
      {"user.role", {"Rolle geändert", "Role changed"}},
      {"user.disable", {"Konto gesperrt", "Account disabled"}},
      {"user.enable", {"Konto wieder freigeschaltet", "Account enabled again"}},
      {"user.reset_password", {"Passwort neu gesetzt", "Password reset"}},
      {"user.change_password", {"Eigenes Passwort geändert", "Own password changed"}},
      {"user.preferences", {"Eigene Einstellungen geändert", "Own settings changed"}},
      {"staff_change.propose", {"Kontoänderung vorgeschlagen", "Account change proposed"}},
      {"staff_change.approve", {"Kontoänderung freigegeben", "Account change approved"}},
      {"staff_change.reject", {"Kontoänderung abgelehnt", "Account change rejected"}},
      {"token.create", {"API-Schlüssel angelegt", "API token created"}},
      {"token.revoke", {"API-Schlüssel widerrufen", "API token revoked"}},
      {"key.rotate", {"Signaturschlüssel gewechselt", "Signing key rotated"}},
      {"key.compromise",
       {"Signaturschlüssel als kompromittiert gemeldet", "Signing key reported compromised"}},
      {"status_list.repair", {"Statusliste repariert", "Status list repaired"}},
      {"mail.sent", {"E-Mail versandt", "E-mail sent"}},
      {"mail.failed",
       {"E-Mail nicht angenommen (wird erneut versucht)", "E-mail not accepted (tried again)"}},
      {"mail.given_up", {"E-Mail aufgegeben", "E-mail given up"}},
      {"mail.uncertain",
       {"E-Mail-Versand unterbrochen (nicht wiederholt)",
        "E-mail sending interrupted (not repeated)"}},
  };
  return kActions;
}

// The fields people change most, in words; others keep their recorded names.
const std::map<std::string, Pair>& Fields() {
  static const std::map<std::string, Pair> kFields = {
      {"revoked.at", {"Widerrufen am", "Revoked at"}},
      {"revoked.reason", {"Grund des Widerrufs", "Reason for the revocation"}},
      {"suspended.at", {"Ausgesetzt am", "Suspended at"}},
      {"suspended.reason", {"Grund der Aussetzung", "Reason for the suspension"}},
      {"status", {"Status", "Status"}},
      {"validFrom", {"Gültig ab", "Valid from"}},
      {"validUntil", {"Gültig bis", "Valid until"}},
      {"reason", {"Grund", "Reason"}},
      {"note", {"Vermerk", "Note"}},
      {"role", {"Rolle", "Role"}},
      {"name", {"Name", "Name"}},
      {"displayName", {"Name", "Name"}},
      {"legalEntity", {"Rechtsträger", "Legal entity"}},
      {"region", {"Region", "Region"}},
      {"website", {"Website", "Website"}},
      {"description", {"Beschreibung", "Description"}},
      {"technologyFields", {"Technologiefelder", "Technology fields"}},
      {"managementOrganisation", {"Managementorganisation", "Management organisation"}},
      {"kind", {"Art", "Kind"}},
      {"disabled", {"Gesperrt", "Disabled"}},
      {"language", {"Sprache", "Language"}},
      {"email", {"E-Mail-Adresse", "E-mail address"}},
      {"to", {"An", "To"}},
      {"subject", {"Betreff", "Subject"}},
      {"attempts", {"Versuche", "Attempts"}},
      {"error", {"Antwort des Mailservers", "The mail server's answer"}},
      {"occasion", {"Anlass", "Occasion"}},
      {"assessor", {"Gutachter", "Assessor"}},
      {"assessedOn", {"Letzter Tag der Begutachtung", "Last day of the assessment"}},
      {"assessedFrom", {"Erster Tag der Begutachtung", "First day of the assessment"}},
      {"level", {"Stufe", "Level"}},
      {"decision", {"Entscheidung", "Decision"}},
      {"proposedBy", {"Vorgeschlagen von", "Proposed by"}},
      {"decidedBy", {"Entschieden von", "Decided by"}},
      {"certificate", {"Urkunde", "Certificate"}},
      {"fourEyes", {"Vier-Augen-Prinzip", "Four eyes"}},
      {"passwordChangedAt", {"Passwort geändert am", "Password changed at"}},
      {"tokensEnded", {"Beendete API-Schlüssel", "API tokens ended"}},
  };
  return kFields;
}

std::string Text(const Json& value) {
  if (value.is_null()) return "";
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "✔" : "–";
  if (value.is_array()) {
    std::string out;
    for (const Json& item : value) out += (out.empty() ? "" : ", ") + Text(item);
    return out;
  }
  return value.dump();
}

// Leaves of `value` under `prefix` (objects are walked, everything else is a leaf).
void Flatten(const Json& value, const std::string& prefix, std::map<std::string, Json>& out) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      Flatten(it.value(), prefix.empty() ? it.key() : prefix + "." + it.key(), out);
    }
    return;
  }
  if (!prefix.empty()) out[prefix] = value;
}

std::map<std::string, Json> Leaves(const std::string& text) {
  std::map<std::string, Json> out;
  if (text.empty()) return out;
  auto json = ParseStrictJson(text);
  if (!json.ok()) {
    out["?"] = text;  // not JSON: shown as recorded
    return out;
  }
  Flatten(*json, "", out);
  return out;
}

// Long texts (a description, a credential) are cut: the log keeps the whole of them.
std::string Shortened(std::string text) {
  constexpr size_t kMax = 160;
  if (text.size() <= kMax) return text;
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;  // UTF-8
  return text.substr(0, cut) + " …";
}

}  // namespace

std::string ActionInWords(web::Language language, const std::string& action) {
  for (const auto& [code, words] : Actions()) {
    if (code == action) return language == web::Language::kEnglish ? words.second : words.first;
  }
  return action;
}

const std::vector<std::string>& KnownAuditActions() {
  static const std::vector<std::string> kCodes = [] {
    std::vector<std::string> codes;
    for (const auto& [code, words] : Actions()) codes.push_back(code);
    return codes;
  }();
  return kCodes;
}

std::vector<AuditChange> AuditChanges(web::Language language, const std::string& before_json,
                                      const std::string& after_json) {
  std::map<std::string, Json> before = Leaves(before_json), after = Leaves(after_json);
  std::set<std::string> keys;
  for (const auto& [key, value] : before) keys.insert(key);
  for (const auto& [key, value] : after) keys.insert(key);
  std::vector<AuditChange> changes;
  for (const std::string& key : keys) {
    auto b = before.find(key), a = after.find(key);
    Json old_value = b == before.end() ? Json() : b->second;
    Json new_value = a == after.end() ? Json() : a->second;
    if (old_value == new_value) continue;
    // The whole path in words where it has them ("revoked.reason"), else its last name.
    auto words = Fields().find(key);
    if (words == Fields().end()) {
      words =
          Fields().find(key.substr(key.rfind('.') == std::string::npos ? 0 : key.rfind('.') + 1));
    }
    std::string field = words == Fields().end()               ? key
                        : language == web::Language::kEnglish ? words->second.second
                                                              : words->second.first;
    changes.push_back({field, Shortened(Text(old_value)), Shortened(Text(new_value))});
  }
  return changes;
}

}  // namespace siegel::admin
