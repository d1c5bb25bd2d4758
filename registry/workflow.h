// The certificate workflow's records: an external assessment, the proposal that a
// certificate be issued (or renewed) on it, and the reasons a certificate is revoked for.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/result.h"

namespace siegel {

struct Assessment {
  int64_t id = 0;
  std::string initiative_slug;
  std::string programme_code = "ce-bw";
  std::string assessor;
  std::string assessed_from;  // YYYY-MM-DD: the assessment's first day
  std::string assessed_on;    // YYYY-MM-DD: its last day (the date on the certificate)
  std::string level;
  std::string score;  // e.g. "27 of 31 criteria"; shown publicly only if score_public
  bool score_public = false;
  std::string board_decision_date;
  std::string board_decision_ref;
  std::string recorded_by;
  std::string recorded_at;
};

struct Proposal {
  int64_t id = 0;
  int64_t assessment_id = 0;
  std::string initiative_slug;  // from the assessment
  std::string programme_code;   // from the assessment
  std::string renews;           // the certificate a re-certification supersedes, or empty
  // The certificate this one corrects, or empty: on approval the old one is revoked
  // ("superseded") and the new one, naming it in `supersedes`, issued in the same step.
  std::string replaces;
  std::string valid_from;
  std::string valid_until;
  std::string note;
  std::string proposed_by;
  std::string proposed_at;
  std::string decision;  // "", "approved" or "rejected"
  std::string decided_by;
  std::string decided_at;
  std::string decision_note;
  std::string certificate_id;  // set when approved
};

// How a proposed validity departs from the programme's rule (`months` from its start): empty
// when it keeps to it (to the day), else a sentence for the proposer and the approver ("30
// months instead of the programme's 24: ends on 2029-03-01, not 2028-03-01").
std::string ValidityDeparture(const std::string& valid_from, const std::string& valid_until,
                              int months);

// The same departure as facts, for sentences in other languages; nothing when it keeps to
// the rule (or a date does not parse).
struct ValidityDepartureFacts {
  int months = 0;        // the proposed validity's whole months
  int days = 0;          // and days beyond them
  int rule_months = 0;   // the programme's rule
  std::string end;       // the proposed end, 2029-03-01
  std::string rule_end;  // where the rule would end it
};
std::optional<ValidityDepartureFacts> MeasureValidityDeparture(const std::string& valid_from,
                                                               const std::string& valid_until,
                                                               int months);

// Revocation reasons a ministry records (the public sees the reason's wording and the note).
enum class RevocationReason {
  kAssessmentWithdrawn,
  kInitiativeDissolved,
  kIssuedInError,
  kKeyCompromise,
  kOther,
  // Replaced by a corrected certificate (only through an approved replacement, never chosen
  // for a revocation by hand): "superseded: CEBW-2026-0013".
  kSuperseded
};
std::string RevocationReasonCode(RevocationReason reason);  // "assessment_withdrawn", …
std::optional<RevocationReason> ParseRevocationReason(const std::string& code);
std::string RevocationReasonText(RevocationReason reason);  // "assessment withdrawn", …
// The public statement of a revocation from a reason code and a note: the reason's wording,
// then the note ("issued in error: wrong initiative"). The rules: the code must be known,
// and "other" needs a note saying which.
Result<std::string> RevocationStatement(const std::string& code, const std::string& note);
// The other way: the standard reason a recorded statement begins with and what follows it
// ("" or ": note"); nullopt for other wording (a reason recorded before the codes, a
// suspension's reason).
struct RecordedReason {
  RevocationReason reason;
  std::string rest;
};
std::optional<RecordedReason> ParseRevocationStatement(const std::string& statement);

}  // namespace siegel
