// siegel issue: award a programme's label to an initiative. By default this records the
// assessment and a proposal for a second person (exit 3); with --without-four-eyes, where the
// programme allows it, it signs at once and prints only the new id on stdout.
#include <iostream>

#include "server/cli/signing_choice.h"

namespace siegel::cli {
namespace {

struct IssueOptions {
  std::string initiative_slug;
  std::string programme_code = "ce-bw";
  std::string valid_from, valid_until;
  AssessmentOptions assessment;
  bool without_four_eyes = false;
};

int RunIssue(const CliContext& context, const IssueOptions& options) {
  IssueRequest request;
  if (Status s = ParseValidityOptions(options.valid_from, options.valid_until, &request.valid_from,
                                      &request.valid_until);
      !s.ok()) {
    return Fail(s.error());
  }
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  if (!options.without_four_eyes) {
    return RecordProposal(**registry, context,
                          {options.initiative_slug, options.programme_code, "", options.valid_from,
                           options.valid_until},
                          options.assessment);
  }
  request.initiative_slug = options.initiative_slug;
  request.programme_code = options.programme_code;
  request.assessed_on = options.assessment.assessed_on;
  request.assessor = options.assessment.assessor;
  request.level = options.assessment.level;
  request.board_decision_date = options.assessment.board_decision_date;
  request.board_decision_ref = options.assessment.board_decision_ref;
  auto certificate = (*registry)->lifecycle().Issue(request, context.CurrentActor());
  if (!certificate.ok()) return Fail(certificate.error());
  std::cout << certificate->id << std::endl;
  return kExitOk;
}

}  // namespace

void AddIssueCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<IssueOptions>();
  CLI::App* cmd = app.add_subcommand(
      "issue",
      "propose a label certificate for a second person to approve (exit 3), or with "
      "--without-four-eyes sign it at once and print its id");
  cmd->add_option("--initiative", options->initiative_slug, "slug of the initiative")->required();
  cmd->add_option("--programme", options->programme_code, "label programme (default ce-bw)");
  cmd->add_option("--valid-from", options->valid_from,
                  "start of validity, YYYY-MM-DD (default today)")
      ->check(GivenDate());
  cmd->add_option("--valid-until", options->valid_until,
                  "end of validity, YYYY-MM-DD (default: start + the programme's months)")
      ->check(GivenDate());
  cmd->add_option("--assessed-on", options->assessment.assessed_on,
                  "date of the external assessment, YYYY-MM-DD (a proposal needs it)")
      ->check(GivenDate());
  cmd->add_option("--assessor", options->assessment.assessor,
                  "assessing organisation (default: the programme's)");
  cmd->add_option("--level", options->assessment.level, "level, for programmes that have levels");
  cmd->add_option("--board-decision-date", options->assessment.board_decision_date,
                  "date of the board's decision")
      ->check(GivenDate());
  cmd->add_option("--board-decision-ref", options->assessment.board_decision_ref,
                  "reference of the board's decision");
  AddSigningOptions(*cmd, options->assessment, options->without_four_eyes);
  cmd->callback([&context, options] {
    context.action = [&context, options] { return RunIssue(context, *options); };
  });
}

}  // namespace siegel::cli
