// How `siegel issue` and `siegel renew` sign: by default they record the assessment and a
// proposal that a second person approves (/admin/proposals), as the web does; only with
// --without-four-eyes, and only for a programme that has four eyes switched off, does the
// operator sign alone (the audit trail says so).
#pragma once

#include <string>

#include "server/cli/cli_context.h"

namespace siegel::cli {

// The assessment behind a certificate, as the issue and renew options give it.
struct AssessmentOptions {
  std::string assessed_from;  // default: assessed_on
  std::string assessed_on;
  std::string assessor;  // default: the programme's
  std::string level;
  std::string board_decision_date;
  std::string board_decision_ref;
  // Why the proposal departs from the programme's rule, when it does (the approver reads it).
  std::string note;
};

struct ProposalTarget {
  std::string initiative_slug;
  std::string programme_code;
  std::string renews;                   // the certificate a renewal supersedes, or empty
  std::string valid_from, valid_until;  // as given; empty takes the issuance default
};

// Records the assessment and the proposal, tells stderr what waits for whom, and returns
// kExitProposed (or the failure's exit code).
int RecordProposal(Registry& registry, const CliContext& context, const ProposalTarget& target,
                   const AssessmentOptions& assessment);

// Adds --assessed-from and --without-four-eyes, the options issue and renew share.
void AddSigningOptions(CLI::App& cmd, AssessmentOptions& assessment, bool& without_four_eyes);

}  // namespace siegel::cli
