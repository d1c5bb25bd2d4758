// siegel keys list: the issuer keys and their state. (Rotation comes with the staff work.)
#include <iostream>

#include "server/cli/cli_context.h"

namespace siegel::cli {
namespace {

int RunList(const CliContext& context) {
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  auto keys = (*registry)->ListKeys();
  if (!keys.ok()) return Fail(keys.error());
  for (const IssuerKeyRecord& k : *keys) {
    std::string state = !k.compromised_at.empty() ? "compromised since " + k.compromised_at
                        : !k.retired_at.empty()   ? "retired since " + k.retired_at
                        : k.key_id == (*registry)->settings().active_key_id ? "active"
                                                                            : "published";
    std::cout << k.key_id << "\t" << state << "\tcreated " << k.created_at << "\t"
              << k.public_key_multibase << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddKeysCommand(CLI::App& app, CliContext& context) {
  CLI::App* group = app.add_subcommand("keys", "issuer signing keys");
  group->require_subcommand(1);
  CLI::App* list = group->add_subcommand("list", "list issuer keys with their state");
  list->callback([&context] { context.action = [&context] { return RunList(context); }; });
}

}  // namespace siegel::cli
