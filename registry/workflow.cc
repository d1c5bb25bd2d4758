// Revocation reasons: their codes, their public wording, and the rules for a revocation's
// statement.
#include "registry/workflow.h"

#include "base/timestamp.h"

namespace siegel {

namespace {
constexpr RevocationReason kReasons[] = {
    RevocationReason::kAssessmentWithdrawn, RevocationReason::kInitiativeDissolved,
    RevocationReason::kIssuedInError, RevocationReason::kKeyCompromise, RevocationReason::kOther};
// Every reason a recorded statement may begin with: those chosen by hand, and a replacement's.
constexpr RevocationReason kRecordedReasons[] = {RevocationReason::kAssessmentWithdrawn,
                                                 RevocationReason::kInitiativeDissolved,
                                                 RevocationReason::kIssuedInError,
                                                 RevocationReason::kKeyCompromise,
                                                 RevocationReason::kOther,
                                                 RevocationReason::kSuperseded};
}  // namespace

std::optional<ValidityDepartureFacts> MeasureValidityDeparture(const std::string& valid_from,
                                                               const std::string& valid_until,
                                                               int months) {
  auto from = ParseDateOrDateTime(valid_from);
  auto until = ParseDateOrDateTime(valid_until);
  if (!from.ok() || !until.ok()) return std::nullopt;
  ValidityDepartureFacts facts;
  facts.rule_months = months;
  facts.rule_end = FormatDate(AddMonths(*from, months));
  facts.end = FormatDate(*until);
  if (facts.end == facts.rule_end) return std::nullopt;
  // Its length in whole months and days, for the sentence.
  while (facts.months < 1200 && AddMonths(*from, facts.months + 1) <= *until) ++facts.months;
  facts.days = static_cast<int>((*until - AddMonths(*from, facts.months)) / 86400);
  return facts;
}

std::string ValidityDeparture(const std::string& valid_from, const std::string& valid_until,
                              int months) {
  auto facts = MeasureValidityDeparture(valid_from, valid_until, months);
  if (!facts) return {};
  std::string length = std::to_string(facts->months) + (facts->months == 1 ? " month" : " months");
  if (facts->days > 0) {
    length += " and " + std::to_string(facts->days) + (facts->days == 1 ? " day" : " days");
  }
  return length + " instead of the programme's " + std::to_string(months) + " months: ends on " +
         facts->end + ", not " + facts->rule_end;
}

std::string RevocationReasonCode(RevocationReason reason) {
  switch (reason) {
    case RevocationReason::kAssessmentWithdrawn:
      return "assessment_withdrawn";
    case RevocationReason::kInitiativeDissolved:
      return "initiative_dissolved";
    case RevocationReason::kIssuedInError:
      return "issued_in_error";
    case RevocationReason::kKeyCompromise:
      return "key_compromise";
    case RevocationReason::kOther:
      return "other";
    case RevocationReason::kSuperseded:
      return "superseded";
  }
  return "other";
}

std::optional<RevocationReason> ParseRevocationReason(const std::string& code) {
  for (RevocationReason reason : kReasons) {
    if (RevocationReasonCode(reason) == code) return reason;
  }
  return std::nullopt;
}

std::string RevocationReasonText(RevocationReason reason) {
  std::string text = RevocationReasonCode(reason);
  for (char& c : text) {
    if (c == '_') c = ' ';
  }
  return text;
}

std::optional<RecordedReason> ParseRevocationStatement(const std::string& statement) {
  for (RevocationReason reason : kRecordedReasons) {
    std::string text = RevocationReasonText(reason);
    if (statement.compare(0, text.size(), text) != 0) continue;
    // The whole phrase, or the phrase and a note: "other" is no prefix of "otherwise".
    std::string rest = statement.substr(text.size());
    if (rest.empty() || rest.compare(0, 2, ": ") == 0) return RecordedReason{reason, rest};
  }
  return std::nullopt;
}

Result<std::string> RevocationStatement(const std::string& code, const std::string& note) {
  std::optional<RevocationReason> reason = ParseRevocationReason(code);
  if (!reason) {
    std::string codes;
    for (RevocationReason known : kReasons) {
      codes += (codes.empty() ? "" : ", ") + RevocationReasonCode(known);
    }
    return Error::InvalidInput("reasonCode must be one of " + codes);
  }
  if (*reason == RevocationReason::kOther && note.empty()) {
    return Error::InvalidInput("a revocation for another reason needs a note saying which")
        .About("note", "revocation_note");
  }
  return RevocationReasonText(*reason) + (note.empty() ? "" : ": " + note);
}

}  // namespace siegel
