// siegel export --format csv|json: the public registry as open data, on stdout.
#include <iostream>

#include "registry/export.h"
#include "server/cli/cli_context.h"

namespace siegel::cli {
namespace {

int RunExport(const CliContext& context, const std::string& format) {
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  // Written as it is read: the export of a large registry needs no more memory than a small one.
  TextSink to_stdout = [](std::string_view text) -> Status {
    if (!std::cout.write(text.data(), static_cast<std::streamsize>(text.size()))) {
      return Error::Io("cannot write the export to standard output");
    }
    return Status::Ok();
  };
  Status written = format == "csv" ? WriteExportCsv((*registry)->public_view(), to_stdout)
                                   : WriteExportJson((*registry)->public_view(), to_stdout);
  if (written.ok() && !std::cout.flush()) {
    written = Error::Io("cannot write the export to standard output");
  }
  if (!written.ok()) return Fail(written.error());
  return kExitOk;
}

}  // namespace

void AddExportCommand(CLI::App& app, CliContext& context) {
  auto format = std::make_shared<std::string>("json");
  CLI::App* cmd =
      app.add_subcommand("export", "the public registry as open data (CSV or JSON) on stdout");
  cmd->add_option("--format", *format, "json (default) or csv")
      ->check(CLI::IsMember({"csv", "json"}));
  cmd->callback([&context, format] {
    context.action = [&context, format] { return RunExport(context, *format); };
  });
}

}  // namespace siegel::cli
