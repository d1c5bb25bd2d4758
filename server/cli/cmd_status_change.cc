// siegel suspend|reinstate|revoke: status changes, effective in every public view at once.
#include <iostream>

#include "server/cli/cli_context.h"

namespace siegel::cli {
namespace {

struct ChangeOptions {
  std::string id;
  std::string reason;
};

int RunChange(const CliContext& context, const std::string& verb, const ChangeOptions& options) {
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  Actor actor = context.CurrentActor();
  Result<Certificate> changed = Error::Internal("unknown status change " + verb);
  if (verb == "suspend")
    changed = (*registry)->lifecycle().Suspend(options.id, options.reason, actor);
  if (verb == "reinstate")
    changed = (*registry)->lifecycle().Reinstate(options.id, actor, options.reason);
  if (verb == "revoke")
    changed = (*registry)->lifecycle().Revoke(options.id, options.reason, actor);
  if (!changed.ok()) return Fail(changed.error());
  static const std::map<std::string, std::string> kPast = {
      {"suspend", "suspended"}, {"reinstate", "reinstated"}, {"revoke", "revoked"}};
  std::cout << changed->id << " " << kPast.at(verb) << std::endl;
  return kExitOk;
}

void AddChange(CLI::App& app, CliContext& context, const std::string& verb, const std::string& help,
               bool needs_reason) {
  auto options = std::make_shared<ChangeOptions>();
  CLI::App* cmd = app.add_subcommand(verb, help);
  cmd->add_option("ID", options->id, "certificate id, e.g. CEBW-2026-0007")->required();
  CLI::Option* reason =
      cmd->add_option("--reason", options->reason, "why; shown publicly with the status");
  if (needs_reason) reason->required();
  cmd->callback([&context, options, verb] {
    context.action = [&context, options, verb] { return RunChange(context, verb, *options); };
  });
}

}  // namespace

void AddStatusChangeCommands(CLI::App& app, CliContext& context) {
  AddChange(app, context, "suspend", "suspend a certificate (temporary, e.g. under review)", true);
  AddChange(app, context, "reinstate", "lift a suspension", false);
  AddChange(app, context, "revoke", "revoke a certificate (final)", true);
}

}  // namespace siegel::cli
