// siegel renew ID: re-certification; a new certificate that supersedes ID. Prints the new id.
#include <iostream>

#include "server/cli/cli_context.h"

namespace siegel::cli {
namespace {

struct RenewOptions {
  std::string id;
  RenewRequest request;
  std::string valid_from, valid_until, level;
};

int RunRenew(const CliContext& context, RenewOptions options) {
  if (Status s = ParseValidityOptions(options.valid_from, options.valid_until,
                                      &options.request.valid_from, &options.request.valid_until);
      !s.ok()) {
    return Fail(s.error());
  }
  if (!options.level.empty()) options.request.level = options.level;
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  auto certificate = (*registry)->Renew(options.id, options.request, context.CurrentActor());
  if (!certificate.ok()) return Fail(certificate.error());
  std::cout << certificate->id << std::endl;
  return kExitOk;
}

}  // namespace

void AddRenewCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<RenewOptions>();
  CLI::App* cmd = app.add_subcommand(
      "renew", "re-certify: issue the successor of a certificate; prints its id");
  cmd->add_option("ID", options->id, "the certificate to renew")->required();
  cmd->add_option(
      "--valid-from", options->valid_from,
      "start of the new validity (default: the old end, if renewed within a year of it)");
  cmd->add_option("--valid-until", options->valid_until,
                  "end of the new validity (default: start + programme months)");
  cmd->add_option("--assessed-on", options->request.assessed_on,
                  "date of the re-assessment, YYYY-MM-DD");
  cmd->add_option("--assessor", options->request.assessor, "assessing organisation");
  cmd->add_option("--level", options->level, "level (default: the old certificate's)");
  cmd->add_option("--board-decision-date", options->request.board_decision_date,
                  "date of the board's decision");
  cmd->add_option("--board-decision-ref", options->request.board_decision_ref,
                  "reference of the board's decision");
  cmd->callback([&context, options] {
    context.action = [&context, options] { return RunRenew(context, *options); };
  });
}

}  // namespace siegel::cli
