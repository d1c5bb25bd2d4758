// siegel renew ID: re-certification, a new certificate that supersedes ID. Like siegel issue it
// records a proposal by default (exit 3); with --without-four-eyes it signs and prints the id.
#include <iostream>

#include "server/cli/signing_choice.h"

namespace siegel::cli {
namespace {

struct RenewOptions {
  std::string id;
  std::string valid_from, valid_until;
  AssessmentOptions assessment;
  bool without_four_eyes = false;
};

int RunRenew(const CliContext& context, const RenewOptions& options) {
  RenewRequest request;
  if (Status s = ParseValidityOptions(options.valid_from, options.valid_until, &request.valid_from,
                                      &request.valid_until);
      !s.ok()) {
    return Fail(s.error());
  }
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  if (!options.without_four_eyes) {
    auto old = (*registry)->certificates().GetCertificate(options.id);
    if (!old.ok()) return Fail(old.error());
    AssessmentOptions assessment = options.assessment;
    if (assessment.level.empty()) assessment.level = old->level;
    return RecordProposal(**registry, context,
                          {old->initiative_slug, old->programme_code, old->id, options.valid_from,
                           options.valid_until},
                          assessment);
  }
  if (!options.assessment.level.empty()) request.level = options.assessment.level;
  request.assessed_on = options.assessment.assessed_on;
  request.assessor = options.assessment.assessor;
  request.board_decision_date = options.assessment.board_decision_date;
  request.board_decision_ref = options.assessment.board_decision_ref;
  auto certificate = (*registry)->lifecycle().Renew(options.id, request, context.CurrentActor());
  if (!certificate.ok()) return Fail(certificate.error());
  std::cout << certificate->id << std::endl;
  return kExitOk;
}

}  // namespace

void AddRenewCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<RenewOptions>();
  CLI::App* cmd = app.add_subcommand(
      "renew",
      "re-certify: propose the successor of a certificate (exit 3), or with --without-four-eyes "
      "sign it at once and print its id");
  cmd->add_option("ID", options->id, "the certificate to renew")->required();
  cmd->add_option(
         "--valid-from", options->valid_from,
         "start of the new validity (default: the old end, if renewed within a year of it)")
      ->check(GivenDate());
  cmd->add_option("--valid-until", options->valid_until,
                  "end of the new validity (default: start + programme months)")
      ->check(GivenDate());
  cmd->add_option("--assessed-on", options->assessment.assessed_on,
                  "date of the re-assessment, YYYY-MM-DD (a proposal needs it)")
      ->check(GivenDate());
  cmd->add_option("--assessor", options->assessment.assessor, "assessing organisation");
  cmd->add_option("--level", options->assessment.level, "level (default: the old certificate's)");
  cmd->add_option("--board-decision-date", options->assessment.board_decision_date,
                  "date of the board's decision")
      ->check(GivenDate());
  cmd->add_option("--board-decision-ref", options->assessment.board_decision_ref,
                  "reference of the board's decision");
  AddSigningOptions(*cmd, options->assessment, options->without_four_eyes);
  cmd->callback([&context, options] {
    context.action = [&context, options] { return RunRenew(context, *options); };
  });
}

}  // namespace siegel::cli
