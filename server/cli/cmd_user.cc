// siegel user add|list|disable|reset-password: staff accounts for bootstrap and recovery.
// Passwords are read from the terminal without echo, or as one line from standard input
// (for scripts); never from the command line, where `ps` and shell history would show them.
#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "registry/validation.h"
#include "server/cli/cli_context.h"

namespace siegel::cli {
namespace {

std::string ReadLineWithoutEcho(const std::string& prompt) {
  std::cerr << prompt << std::flush;
  termios old_settings{};
  bool terminal = tcgetattr(STDIN_FILENO, &old_settings) == 0;
  if (terminal) {
    termios quiet = old_settings;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old_settings);
    std::cerr << "\n";
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

Result<std::string> ReadNewPassword() {
  if (isatty(STDIN_FILENO)) {
    std::string first = ReadLineWithoutEcho("New password: ");
    std::string second = ReadLineWithoutEcho("Repeat it: ");
    if (first != second) return Error::InvalidInput("the two passwords differ; nothing changed");
    return first;
  }
  std::string line;
  if (!std::getline(std::cin, line)) {
    return Error::InvalidInput("give the password as one line on standard input");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

struct AddOptions {
  std::string username;
  std::string display_name;
  std::string role = "viewer";
  std::string language = "de";
  std::string email;
};

int RunAdd(const CliContext& context, const AddOptions& options) {
  auto role = ParseRole(options.role);
  if (!role) return Fail(Error::InvalidInput("--role must be viewer, editor, issuer or admin"));
  if (!ParseStaffLanguage(options.language)) {
    return Fail(Error::InvalidInput("--language must be de or en"));
  }
  if (Status s = ValidateEmailAddress("--email", options.email); !s.ok()) return Fail(s.error());
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  auto password = ReadNewPassword();
  if (!password.ok()) return Fail(password.error());
  StaffUser user;
  user.username = options.username;
  user.display_name = options.display_name;
  user.role = *role;
  user.language = options.language;
  user.email = options.email;
  Actor actor = context.CurrentActor();
  auto outcome = (*registry)->accounts().AddUserOrPropose(user, *password, actor);
  if (!outcome.ok()) return Fail(outcome.error());
  if (const std::optional<StaffChange>& waiting = *outcome) {
    std::cerr << "siegel: staff change " << waiting->id << " recorded: the account "
              << user.username << " with the role " << RoleName(user.role)
              << " exists once another administrator approves it at "
              << (*registry)->settings().base_url << "/admin/users\n";
    return kExitProposed;
  }
  std::cout << user.username << std::endl;
  return kExitOk;
}

int RunList(const CliContext& context) {
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  auto users = (*registry)->accounts().ListUsers();
  if (!users.ok()) return Fail(users.error());
  for (const StaffUser& u : *users) {
    std::cout << u.username << "\t" << RoleName(u.role) << "\t"
              << (u.disabled_at.empty() ? "active" : "disabled since " + u.disabled_at) << "\t"
              << u.display_name << "\n";
  }
  return kExitOk;
}

int RunDisable(const CliContext& context, const std::string& username) {
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  if (Status s = (*registry)->accounts().DisableUser(username, context.CurrentActor()); !s.ok())
    return Fail(s.error());
  return kExitOk;
}

int RunResetPassword(const CliContext& context, const std::string& username) {
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  if (auto user = (*registry)->accounts().GetUser(username); !user.ok()) return Fail(user.error());
  auto password = ReadNewPassword();
  if (!password.ok()) return Fail(password.error());
  if (Status s = (*registry)->accounts().ResetPassword(username, *password, context.CurrentActor());
      !s.ok())
    return Fail(s.error());
  return kExitOk;
}

struct TokenOptions {
  std::string username;
  std::string name;
  std::string role;
  std::string expires;
};

// For automation set up from the shell: the token acts for the user, with at most its role.
int RunToken(const CliContext& context, const TokenOptions& options) {
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  auto user = (*registry)->accounts().GetUser(options.username);
  if (!user.ok()) return Fail(user.error());
  if (!user->disabled_at.empty())
    return Fail(Error::Refused("user " + options.username + " is disabled"));
  auto role = options.role.empty() ? std::optional<Role>(user->role) : ParseRole(options.role);
  if (!role) return Fail(Error::InvalidInput("--role must be viewer, editor, issuer or admin"));
  auto expires = ParseDateOrDateTime(options.expires);
  if (!expires.ok()) return Fail(Error::InvalidInput("--expires: " + expires.message()));
  Principal creator;
  creator.username = user->username;
  creator.role = user->role;
  creator.actor_name = context.CurrentActor().name + " for " + user->username;
  creator.person = context.CurrentActor().who();  // the operator holds it, not the user
  auto token = (*registry)->sessions().CreateApiToken(options.name, *role, *expires, creator);
  if (!token.ok()) return Fail(token.error());
  std::cout << token->token << std::endl;
  return kExitOk;
}

}  // namespace

void AddUserCommand(CLI::App& app, CliContext& context) {
  CLI::App* group = app.add_subcommand("user", "staff accounts for the /admin pages and API");
  group->require_subcommand(1);

  auto add = std::make_shared<AddOptions>();
  CLI::App* cmd = group->add_subcommand(
      "add", "create a staff account; the password is read from the terminal or standard input");
  cmd->add_option("--username", add->username, "sign-in name, e.g. a.schmidt")->required();
  cmd->add_option("--name", add->display_name, "the person's name, shown in the audit log")
      ->required();
  cmd->add_option("--role", add->role, "viewer (default), editor, issuer or admin");
  cmd->add_option("--language", add->language,
                  "the staff pages' language for this person: de (default) or en");
  cmd->add_option("--email", add->email, "e-mail address for reminders");
  cmd->callback(
      [&context, add] { context.action = [&context, add] { return RunAdd(context, *add); }; });

  CLI::App* list = group->add_subcommand("list", "list staff accounts");
  list->callback([&context] { context.action = [&context] { return RunList(context); }; });

  auto name = std::make_shared<std::string>();
  CLI::App* disable = group->add_subcommand(
      "disable", "disable an account: its sessions end and its API tokens stop working");
  disable->add_option("USERNAME", *name, "the account")->required();
  disable->callback([&context, name] {
    context.action = [&context, name] { return RunDisable(context, *name); };
  });

  auto token = std::make_shared<TokenOptions>();
  CLI::App* token_cmd = group->add_subcommand(
      "token", "create an API token acting for a user; prints it once (keep it secret)");
  token_cmd->add_option("USERNAME", token->username, "the user the token acts for")->required();
  token_cmd->add_option("--name", token->name, "what the token is for, e.g. nightly export")
      ->required();
  token_cmd->add_option("--role", token->role, "at most the user's role (default: the user's)");
  token_cmd->add_option("--expires", token->expires, "expiry date, at most a year ahead")
      ->required();
  token_cmd->callback([&context, token] {
    context.action = [&context, token] { return RunToken(context, *token); };
  });

  auto reset_name = std::make_shared<std::string>();
  CLI::App* reset = group->add_subcommand(
      "reset-password", "set a new password (read like for add); the user's sessions end");
  reset->add_option("USERNAME", *reset_name, "the account")->required();
  reset->callback([&context, reset_name] {
    context.action = [&context, reset_name] { return RunResetPassword(context, *reset_name); };
  });
}

}  // namespace siegel::cli
