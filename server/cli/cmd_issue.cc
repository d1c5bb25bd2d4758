// siegel issue: award a programme's label to an initiative. Prints only the new id on stdout.
#include <iostream>

#include "server/cli/cli_context.h"

namespace siegel::cli {
namespace {

struct IssueOptions {
  IssueRequest request;
  std::string valid_from, valid_until;
};

int RunIssue(const CliContext& context, IssueOptions options) {
  if (Status s = ParseValidityOptions(options.valid_from, options.valid_until,
                                      &options.request.valid_from, &options.request.valid_until);
      !s.ok()) {
    return Fail(s.error());
  }
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  auto certificate = (*registry)->Issue(options.request, context.CurrentActor());
  if (!certificate.ok()) return Fail(certificate.error());
  std::cout << certificate->id << std::endl;
  return kExitOk;
}

}  // namespace

void AddIssueCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<IssueOptions>();
  CLI::App* cmd = app.add_subcommand("issue", "issue a signed label certificate; prints its id");
  cmd->add_option("--initiative", options->request.initiative_slug, "slug of the initiative")
      ->required();
  cmd->add_option("--programme", options->request.programme_code,
                  "label programme (default ce-bw)");
  cmd->add_option("--valid-from", options->valid_from,
                  "start of validity, YYYY-MM-DD (default today)");
  cmd->add_option("--valid-until", options->valid_until,
                  "end of validity, YYYY-MM-DD (default: start + the programme's months)");
  cmd->add_option("--assessed-on", options->request.assessed_on,
                  "date of the external assessment, YYYY-MM-DD");
  cmd->add_option("--assessor", options->request.assessor,
                  "assessing organisation (default: the programme's)");
  cmd->add_option("--level", options->request.level, "level, for programmes that have levels");
  cmd->add_option("--board-decision-date", options->request.board_decision_date,
                  "date of the board's decision");
  cmd->add_option("--board-decision-ref", options->request.board_decision_ref,
                  "reference of the board's decision");
  cmd->callback([&context, options] {
    context.action = [&context, options] { return RunIssue(context, *options); };
  });
}

}  // namespace siegel::cli
