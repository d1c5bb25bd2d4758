// siegel export --format csv|json: the public registry as open data, on stdout.
#include <iostream>

#include "registry/export.h"
#include "server/cli/cli_context.h"

namespace siegel::cli {
namespace {

int RunExport(const CliContext& context, const std::string& format) {
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  if (format == "csv") {
    auto csv = ExportCsv(**registry);
    if (!csv.ok()) return Fail(csv.error());
    std::cout << *csv;
  } else {
    auto json = ExportJson(**registry);
    if (!json.ok()) return Fail(json.error());
    std::cout << json->dump(2) << std::endl;
  }
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
