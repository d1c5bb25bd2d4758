// siegel init: a new data directory with database, first issuer key and programme ce-bw.
#include <iostream>

#include "credential/did_document.h"
#include "server/cli/cli_context.h"

namespace siegel::cli {
namespace {

struct InitOptions {
  std::string base_url;
  std::string issuer_name;
  std::string issuer_url;
  int64_t status_list_ttl = 60;
  bool without_four_eyes = false;
  bool allow_insecure_base_url = false;
};

int RunInit(const CliContext& context, const InitOptions& options) {
  if (!options.allow_insecure_base_url) {
    if (Status s = CheckResolvableByDidWeb(options.base_url); !s.ok()) {
      return Fail(Error::InvalidInput(
          s.message() + " (for a demo or test registry: siegel init --allow-insecure-base-url)"));
    }
  }
  siegel::InitOptions init;
  init.base_url = options.base_url;
  if (!options.issuer_name.empty()) init.issuer_name = options.issuer_name;
  init.issuer_url = options.issuer_url;
  init.status_list_ttl_seconds = options.status_list_ttl;
  init.four_eyes = !options.without_four_eyes;
  init.allow_insecure_base_url = options.allow_insecure_base_url;
  init.passphrase = KeyStore::PassphraseFromEnvironment();
  auto registry = Registry::Create(context.DataDir(), init);
  if (!registry.ok()) return Fail(registry.error());
  const RegistrySettings& s = (*registry)->settings();
  std::cout << "Created registry in " << context.DataDir().string() << "\n"
            << "  issuer:     " << s.issuer_name << "\n"
            << "  identifier: " << s.did << "\n"
            << "  key:        " << s.active_key_id << " (private key in "
            << (context.DataDir() / "keys" / (s.active_key_id + ".pem")).string()
            << (init.passphrase ? ", encrypted"
                                : ", not encrypted: set SIEGEL_KEY_PASSPHRASE to encrypt")
            << ")\n"
            << "  programme:  ce-bw (Cluster-Exzellenz Baden-Württemberg, 24 months, "
            << (init.four_eyes ? "four eyes: one issuer proposes, another approves"
                               : "four eyes OFF: one person may sign alone")
            << ")\n";
  return kExitOk;
}

}  // namespace

void AddInitCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<InitOptions>();
  CLI::App* cmd =
      app.add_subcommand("init", "create a new registry (database, issuer key, programme ce-bw)");
  cmd->add_option("--base-url", options->base_url,
                  "public address of the registry, e.g. https://siegel.bw.example")
      ->required();
  cmd->add_option("--issuer-name", options->issuer_name, "name of the issuing ministry");
  cmd->add_option("--issuer-url", options->issuer_url, "web address of the issuing ministry");
  cmd->add_option("--status-list-ttl", options->status_list_ttl,
                  "seconds a copy of a status list may be used without fetching it again: its "
                  "ttl and its Cache-Control max-age (default 60)");
  cmd->add_flag("--allow-insecure-base-url", options->allow_insecure_base_url,
                "accept an http:// base URL, an IP address or localhost, which no standard "
                "did:web resolver can resolve: for demo and test registries only");
  cmd->add_flag("--without-four-eyes", options->without_four_eyes,
                "start programme ce-bw with four eyes off, so that one person may sign alone "
                "(siegel issue --without-four-eyes); switching it on later is one step, off again "
                "needs a second administrator");
  cmd->callback([&context, options] {
    context.action = [&context, options] { return RunInit(context, *options); };
  });
}

}  // namespace siegel::cli
