// Shared CLI plumbing.
#include "server/cli/cli_context.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace siegel::cli {

std::filesystem::path CliContext::DataDir() const {
  if (!data_option.empty()) return data_option;
  const char* env = std::getenv("SIEGEL_DATA");
  if (env != nullptr && *env != '\0') return env;
  return "data";
}

Actor CliContext::CurrentActor() const {
  for (const char* variable : {"SUDO_USER", "USER", "LOGNAME"}) {
    const char* value = std::getenv(variable);
    if (value != nullptr && *value != '\0') {
      std::string name = std::string("cli:") + value;
      return Actor{name, name, /*shell=*/true};
    }
  }
  const passwd* entry = ::getpwuid(::getuid());
  std::string name =
      std::string("cli:") + (entry != nullptr ? entry->pw_name : std::to_string(::getuid()));
  return Actor{name, name, /*shell=*/true};
}

bool CliContext::ReadOnly() const {
  if (read_only_option) return true;
  const char* env = std::getenv("SIEGEL_READ_ONLY");
  return env != nullptr && std::string(env) == "1";
}

Result<std::unique_ptr<Registry>> CliContext::OpenRegistry() const {
  return ReadOnly() ? Registry::OpenReadOnly(DataDir()) : Registry::Open(DataDir());
}

int ExitCodeFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
    case ErrorCode::kNotFound:
      return kExitUsage;
    case ErrorCode::kRefused:
    case ErrorCode::kConflict:
    case ErrorCode::kIo:
    case ErrorCode::kInternal:
    case ErrorCode::kDamaged:
      return kExitRefused;
  }
  return kExitRefused;
}

int Fail(const Error& error) {
  std::cerr << "siegel: " << error.message << std::endl;
  return ExitCodeFor(error.code);
}

CLI::Validator GivenDate() {
  return CLI::Validator(
      [](std::string& value) {
        return value.empty() ? std::string(
                                   "is empty; give a date such as 2026-03-15, or leave "
                                   "the option out for its default")
                             : std::string();
      },
      "DATE");
}

Result<std::optional<UnixSeconds>> OptionalTime(const std::string& option,
                                                const std::string& value) {
  if (value.empty()) return std::optional<UnixSeconds>();
  auto parsed = ParseDateOrDateTime(value);
  if (!parsed.ok()) return Error::InvalidInput(option + ": " + parsed.message());
  return std::optional<UnixSeconds>(*parsed);
}

Status ParseValidityOptions(const std::string& valid_from, const std::string& valid_until,
                            std::optional<UnixSeconds>* from, std::optional<UnixSeconds>* until) {
  auto parsed_from = OptionalTime("--valid-from", valid_from);
  if (!parsed_from.ok()) return parsed_from.error();
  auto parsed_until = OptionalTime("--valid-until", valid_until);
  if (!parsed_until.ok()) return parsed_until.error();
  *from = *parsed_from;
  *until = *parsed_until;
  return Status::Ok();
}

}  // namespace siegel::cli
