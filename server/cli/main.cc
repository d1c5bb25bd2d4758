// siegel: the registry's command-line interface. One file per subcommand; this only dispatches.
#include <iostream>

#include "server/cli/cli_context.h"

int main(int argc, char** argv) {
  using namespace siegel::cli;
  CLI::App app{"siegel: the public registry of quality labels and their signed certificates"};
  app.set_version_flag("--version", "siegel 0.1.0");
  app.require_subcommand(1);
  app.fallthrough();  // --data may follow the subcommand
  CliContext context;
  app.add_option("--data", context.data_option,
                 "data directory (default: $SIEGEL_DATA, then ./data)")
      ->type_name("DIR");
  app.add_flag("--read-only", context.read_only_option,
               "open the registry only to read it, writing nothing at all (a read-only copy or "
               "mount, a full disk); also $SIEGEL_READ_ONLY=1");

  AddInitCommand(app, context);
  AddDemoCommand(app, context);
  AddInitiativeCommand(app, context);
  AddImportCommand(app, context);
  AddIssueCommand(app, context);
  AddRenewCommand(app, context);
  AddStatusChangeCommands(app, context);
  AddShowCommand(app, context);
  AddDesignCommand(app, context);
  AddListCommand(app, context);
  AddKeysCommand(app, context);
  AddServeCommand(app, context);
  AddExportCommand(app, context);
  AddUserCommand(app, context);
  AddBackupCommands(app, context);
  AddMailCommand(app, context);
  AddPublishCommand(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "siegel: " << e.what() << "\n(run siegel --help, or siegel COMMAND --help)"
              << std::endl;
    return kExitUsage;
  }
  if (!context.action) {
    std::cerr << "siegel: choose a command (run siegel --help)" << std::endl;
    return kExitUsage;
  }
  try {
    return context.action();
  } catch (const std::exception& e) {
    std::cerr << "siegel: unexpected failure: " << e.what() << std::endl;
    return kExitRefused;
  }
}
