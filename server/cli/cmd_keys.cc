// siegel keys list|rotate|compromise|reissue: the issuer keys, their rotation, and what to do
// when one leaks.
#include <iostream>

#include "server/cli/cli_context.h"

namespace siegel::cli {
namespace {

int RunList(const CliContext& context) {
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  auto keys = (*registry)->keys().ListKeys();
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

int RunRotate(const CliContext& context) {
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  auto key = (*registry)->keys().RotateKey(context.CurrentActor());
  if (!key.ok()) return Fail(key.error());
  std::cout << key->key_id << std::endl;
  return kExitOk;
}

int RunCompromise(const CliContext& context, const std::string& key_id, const std::string& since) {
  auto when = ParseDateOrDateTime(since);
  if (!when.ok()) return Fail(Error::InvalidInput("--since: " + when.message()));
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  auto affected = (*registry)->keys().MarkKeyCompromised(key_id, *when, context.CurrentActor());
  if (!affected.ok()) return Fail(affected.error());
  for (const std::string& id : *affected) std::cout << id << "\n";
  std::cerr << "siegel: " << affected->size() << " certificate(s) signed with " << key_id
            << " since then no longer verify; sign them again with: siegel keys reissue ID..."
            << std::endl;
  return kExitOk;
}

int RunReissue(const CliContext& context, const std::vector<std::string>& ids) {
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  for (const std::string& id : ids) {
    auto reissued = (*registry)->keys().ReissueCertificate(id, context.CurrentActor());
    if (!reissued.ok()) return Fail(reissued.error());
    std::cout << id << " -> " << reissued->id << std::endl;
  }
  return kExitOk;
}

}  // namespace

void AddKeysCommand(CLI::App& app, CliContext& context) {
  CLI::App* group = app.add_subcommand("keys", "issuer signing keys");
  group->require_subcommand(1);
  CLI::App* list = group->add_subcommand("list", "list issuer keys with their state");
  list->callback([&context] { context.action = [&context] { return RunList(context); }; });

  CLI::App* rotate = group->add_subcommand(
      "rotate", "make a new signing key; the old one stays published for verification");
  rotate->callback([&context] { context.action = [&context] { return RunRotate(context); }; });

  auto key_id = std::make_shared<std::string>();
  auto since = std::make_shared<std::string>();
  CLI::App* compromise = group->add_subcommand(
      "compromise",
      "mark a key compromised since a time: what it signed from then on fails verification; "
      "prints the affected certificates");
  compromise->add_option("KEY", *key_id, "the key id, e.g. key-1")->required();
  compromise->add_option("--since", *since, "when it was compromised (date or date-time, UTC)")
      ->required();
  compromise->callback([&context, key_id, since] {
    context.action = [&context, key_id, since] { return RunCompromise(context, *key_id, *since); };
  });

  auto ids = std::make_shared<std::vector<std::string>>();
  CLI::App* reissue = group->add_subcommand(
      "reissue", "sign certificates again with the active key (the old ones are revoked)");
  reissue->add_option("ID", *ids, "certificate ids")->required();
  reissue->callback(
      [&context, ids] { context.action = [&context, ids] { return RunReissue(context, *ids); }; });
}

}  // namespace siegel::cli
