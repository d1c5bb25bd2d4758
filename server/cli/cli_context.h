// What every `siegel` subcommand shares: the data directory, the acting user, exit codes.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "registry/registry.h"

namespace siegel::cli {

// Exit codes of docs/DESIGN.md §5.
constexpr int kExitOk = 0;
constexpr int kExitRefused = 1;
constexpr int kExitUsage = 2;
// The command recorded a proposal that a second person must approve; nothing changed yet.
constexpr int kExitProposed = 3;

class CliContext {
 public:
  std::string data_option;        // --data, given anywhere on the command line
  bool read_only_option = false;  // --read-only, given anywhere on the command line
  std::function<int()> action;    // set by the subcommand that was chosen

  // --data, then $SIEGEL_DATA, then ./data.
  std::filesystem::path DataDir() const;
  // "cli:<login name>", recorded in the audit trail.
  Actor CurrentActor() const;
  // --read-only, or $SIEGEL_READ_ONLY=1.
  bool ReadOnly() const;
  // The registry of DataDir(), read-only if asked.
  Result<std::unique_ptr<Registry>> OpenRegistry() const;
};

// Prints "siegel: <message>" to stderr and returns the exit code for the error.
int Fail(const Error& error);
int ExitCodeFor(ErrorCode code);

// Parses a date or date-time option; empty stays unset.
Result<std::optional<UnixSeconds>> OptionalTime(const std::string& option,
                                                const std::string& value);

// Parses --valid-from and --valid-until (either may be empty) into `from` and `until`.
Status ParseValidityOptions(const std::string& valid_from, const std::string& valid_until,
                            std::optional<UnixSeconds>* from, std::optional<UnixSeconds>* until);

// One registration function per subcommand file.
// For date options: a value given empty is an error (leave the option out for its default),
// never taken silently as "today".
CLI::Validator GivenDate();

void AddInitCommand(CLI::App& app, CliContext& context);
void AddDemoCommand(CLI::App& app, CliContext& context);
void AddInitiativeCommand(CLI::App& app, CliContext& context);
void AddImportCommand(CLI::App& app, CliContext& context);
void AddIssueCommand(CLI::App& app, CliContext& context);
void AddRenewCommand(CLI::App& app, CliContext& context);
void AddStatusChangeCommands(CLI::App& app, CliContext& context);
void AddShowCommand(CLI::App& app, CliContext& context);
void AddDesignCommand(CLI::App& app, CliContext& context);
void AddListCommand(CLI::App& app, CliContext& context);
void AddKeysCommand(CLI::App& app, CliContext& context);
void AddServeCommand(CLI::App& app, CliContext& context);
void AddExportCommand(CLI::App& app, CliContext& context);
void AddUserCommand(CLI::App& app, CliContext& context);
void AddBackupCommands(CLI::App& app, CliContext& context);
void AddMailCommand(CLI::App& app, CliContext& context);
void AddPublishCommand(CLI::App& app, CliContext& context);

}  // namespace siegel::cli
