// siegel backup FILE and siegel restore FILE: a consistent copy while the server runs, and a
// new data directory from it. siegel check: the database read for damage.
#include <iostream>

#include "registry/backup.h"
#include "server/cli/cli_context.h"

namespace siegel::cli {

void AddBackupCommands(CLI::App& app, CliContext& context) {
  struct BackupOptions {
    std::string file;
    bool without_keys = false;
  };
  auto backup = std::make_shared<BackupOptions>();
  CLI::App* cmd = app.add_subcommand(
      "backup", "copy the registry to FILE (safe while serving) and the issuer keys to FILE.keys/");
  cmd->add_option("FILE", backup->file, "the backup file to write")->required();
  cmd->add_flag("--without-keys", backup->without_keys,
                "leave out the private keys (back them up some other way)");
  cmd->callback([&context, backup] {
    context.action = [&context, backup] {
      Status s = BackupDataDirectory(context.DataDir(), backup->file, !backup->without_keys);
      if (!s.ok()) return Fail(s.error());
      std::cout << backup->file << std::endl;
      return kExitOk;
    };
  });

  CLI::App* check = app.add_subcommand(
      "check",
      "read every page of the registry database for damage; damage found stops every write "
      "until a check finds the database sound again");
  check->callback([&context] {
    context.action = [&context] {
      auto registry = context.OpenRegistry();
      if (!registry.ok()) return Fail(registry.error());
      Status s = (*registry)->store().CheckIntegrity();
      if (!s.ok()) return Fail(s.error());
      std::cout << "the registry database in " << context.DataDir().string() << " is sound"
                << std::endl;
      return kExitOk;
    };
  });

  auto file = std::make_shared<std::string>();
  CLI::App* restore = app.add_subcommand(
      "restore", "make the data directory (--data, new or empty) from a backup FILE");
  restore->add_option("FILE", *file, "the backup file")->required();
  restore->callback([&context, file] {
    context.action = [&context, file] {
      Status s = RestoreDataDirectory(*file, context.DataDir());
      if (!s.ok()) return Fail(s.error());
      std::cout << context.DataDir().string() << std::endl;
      return kExitOk;
    };
  });
}

}  // namespace siegel::cli
