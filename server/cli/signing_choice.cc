// siegel issue / renew without --without-four-eyes: an assessment and a proposal, never a
// signature. The web's approval (another person's) signs.
#include "server/cli/signing_choice.h"

#include <iostream>

namespace siegel::cli {

int RecordProposal(Registry& registry, const CliContext& context, const ProposalTarget& target,
                   const AssessmentOptions& options) {
  if (options.assessed_on.empty()) {
    return Fail(Error::InvalidInput(
        "a proposal needs the date of the assessment (--assessed-on YYYY-MM-DD)"));
  }
  auto programme = registry.certificates().GetProgramme(target.programme_code);
  if (!programme.ok()) return Fail(programme.error());
  Actor actor = context.CurrentActor();
  Assessment assessment;
  assessment.initiative_slug = target.initiative_slug;
  assessment.programme_code = target.programme_code;
  assessment.assessor = options.assessor.empty() ? programme->assessor_default : options.assessor;
  assessment.assessed_on = options.assessed_on;
  assessment.assessed_from =
      options.assessed_from.empty() ? options.assessed_on : options.assessed_from;
  assessment.level = options.level;
  assessment.board_decision_date = options.board_decision_date;
  assessment.board_decision_ref = options.board_decision_ref;
  auto recorded = registry.workflow().RecordAssessment(assessment, actor);
  if (!recorded.ok()) return Fail(recorded.error());

  Proposal proposal;
  proposal.assessment_id = recorded->id;
  proposal.renews = target.renews;
  proposal.valid_from = target.valid_from;
  proposal.valid_until = target.valid_until;
  proposal.note = options.note;
  proposal.proposed_by = actor.who();
  auto proposed = registry.workflow().Propose(proposal, actor);
  if (!proposed.ok()) {
    Error error = proposed.error();
    error.message += " (assessment " + std::to_string(recorded->id) + " stays recorded)";
    return Fail(error);
  }
  std::cerr << "siegel: proposal " << proposed->id << " recorded for " << target.initiative_slug
            << " (valid " << proposed->valid_from.substr(0, 10) << " to "
            << proposed->valid_until.substr(0, 10) << "); nothing is signed until a second "
            << "person approves it at " << registry.settings().base_url << "/admin/proposals\n";
  return kExitProposed;
}

void AddSigningOptions(CLI::App& cmd, AssessmentOptions& assessment, bool& without_four_eyes) {
  cmd.add_option("--assessed-from", assessment.assessed_from,
                 "first day of the assessment, YYYY-MM-DD (default: --assessed-on)")
      ->check(GivenDate());
  cmd.add_option("--note", assessment.note,
                 "why the validity departs from the programme's rule (needed then); the approver "
                 "reads it beside the warning");
  cmd.add_flag("--without-four-eyes", without_four_eyes,
               "sign at once, alone; only for a programme with four eyes switched off (the audit "
               "trail records it). Without it, the command records a proposal that another "
               "person approves, and exits 3");
}

}  // namespace siegel::cli
