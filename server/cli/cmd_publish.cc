// siegel publish DIR: the registry's public documents as static files for any web server,
// object store or CDN (server/publish/). So far the documents a verifier needs besides the
// credential (DID document, JWKS, status lists, JSON-LD context) and the transparency log as
// C2SP tlog-tiles.
#include <iostream>

#include "server/cli/cli_context.h"
#include "server/publish/issuer_documents.h"
#include "server/publish/log_tiles.h"

namespace siegel::cli {
namespace {

int RunPublish(const CliContext& context, const std::string& directory) {
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  publish::StaticDirectory out(directory);
  if (Status s = publish::PublishIssuerDocuments(**registry, out); !s.ok()) {
    return Fail(s.error());
  }
  if (Status s = publish::PublishLogTiles(**registry, out); !s.ok()) return Fail(s.error());
  const publish::WriteCounts& counts = out.counts();
  std::cout << "siegel: published to " << directory << ": " << counts.written
            << " file(s) written (" << counts.bytes << " bytes), " << counts.unchanged
            << " unchanged" << std::endl;
  return kExitOk;
}

}  // namespace

void AddPublishCommand(CLI::App& app, CliContext& context) {
  auto directory = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "publish",
      "write the public documents as static files: so far the DID document, JWKS, status "
      "lists, JSON-LD context and the transparency log as C2SP tlog-tiles (log/checkpoint, "
      "log/tile/…); only what changed is rewritten");
  cmd->add_option("DIR", *directory, "the directory to publish into")->required();
  cmd->callback([&context, directory] {
    context.action = [&context, directory] { return RunPublish(context, *directory); };
  });
}

}  // namespace siegel::cli
