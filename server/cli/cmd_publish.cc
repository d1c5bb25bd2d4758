// siegel publish DIR: the registry's public side as static files for any web server, object
// store or CDN (server/publish/, docs/mirror.md): what changed since DIR was last written, or
// everything.
#include <iostream>

#include "server/cli/cli_context.h"
#include "server/publish/mirror_publisher.h"

namespace siegel::cli {
namespace {

struct PublishOptions {
  std::string directory;
  bool full = false;
  bool without_pdf = false;
};

int RunPublish(const CliContext& context, const PublishOptions& options) {
  auto publisher =
      publish::MirrorPublisher::Open(context.DataDir(), options.directory, !options.without_pdf);
  if (!publisher.ok()) return Fail(publisher.error());
  auto report = (*publisher)->Publish(options.full);
  if (!report.ok()) return Fail(report.error());
  std::cout << "siegel: published to " << options.directory << " ("
            << (report->full ? "everything" : "what changed") << ": " << report->certificates
            << " certificate(s), " << report->documents << " address(es), the log up to "
            << report->tree_size << "): " << report->files.written << " file(s) written ("
            << report->files.bytes << " bytes), " << report->files.unchanged << " unchanged"
            << std::endl;
  return kExitOk;
}

}  // namespace

void AddPublishCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<PublishOptions>();
  CLI::App* cmd = app.add_subcommand(
      "publish",
      "write the registry's public side as static files for a web server, object store or CDN "
      "(credentials, status, pages, badges, exports, feed, the issuer's documents and the "
      "transparency log as C2SP tlog-tiles); only what changed since DIR was last written is "
      "rendered, and only changed files are rewritten");
  cmd->add_option("DIR", options->directory, "the directory to publish into")->required();
  cmd->add_flag("--full", options->full,
                "render every certificate again (what the clock changed, such as an expiry, is "
                "in no log entry: run this daily)");
  cmd->add_flag("--without-pdf", options->without_pdf,
                "leave out the printable certificates (the costliest files by far)");
  cmd->callback([&context, options] {
    context.action = [&context, options] { return RunPublish(context, *options); };
  });
}

}  // namespace siegel::cli
