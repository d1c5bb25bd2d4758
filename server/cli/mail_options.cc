#include "server/cli/mail_options.h"

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

namespace siegel::cli {

void AddMailOptions(CLI::App* cmd, MailOptions& options) {
  cmd->add_option("--smtp-url", options.smtp_url,
                  "the mail server for reminders and notices: smtp://HOST:PORT (STARTTLS) or "
                  "smtps://HOST:PORT; without it no e-mail is sent")
      ->envname("SIEGEL_SMTP_URL");
  cmd->add_option("--smtp-user", options.smtp_user, "user name at the mail server, if it asks")
      ->envname("SIEGEL_SMTP_USER");
  cmd->add_option("--smtp-password-file", options.smtp_password_file,
                  "file holding the mail server password (or $SIEGEL_SMTP_PASSWORD)")
      ->envname("SIEGEL_SMTP_PASSWORD_FILE");
  cmd->add_option("--smtp-starttls", options.smtp_starttls,
                  "for smtp://: required (default), if-offered, or off")
      ->envname("SIEGEL_SMTP_STARTTLS");
  cmd->add_option("--smtp-ca-file", options.smtp_ca_file,
                  "PEM file of CAs to trust for the mail server beyond the system's")
      ->envname("SIEGEL_SMTP_CA_FILE");
  cmd->add_option("--mail-from", options.mail_from,
                  "the sender address of reminders and notices, e.g. siegel@ministerium.example")
      ->envname("SIEGEL_MAIL_FROM");
  cmd->add_option("--mail-from-name", options.mail_from_name,
                  "the sender's name (default: Register der Qualitätslabel)")
      ->envname("SIEGEL_MAIL_FROM_NAME");
}

Result<std::optional<MailSetup>> MailSetupFrom(const MailOptions& options) {
  if (options.smtp_url.empty()) return std::optional<MailSetup>();
  MailSetup setup;
  setup.smtp.url = options.smtp_url;
  setup.smtp.username = options.smtp_user;
  setup.smtp.ca_file = options.smtp_ca_file;
  auto starttls = mail::ParseStartTls(options.smtp_starttls);
  if (!starttls.ok()) return starttls.error();
  setup.smtp.starttls = *starttls;
  if (!options.smtp_password_file.empty()) {
    std::ifstream in(options.smtp_password_file);
    if (!in) {
      return Error::Io("cannot read --smtp-password-file " + options.smtp_password_file);
    }
    std::getline(in, setup.smtp.password);
  } else if (const char* password = std::getenv("SIEGEL_SMTP_PASSWORD")) {
    setup.smtp.password = password;
  }
  if (!setup.smtp.password.empty() && setup.smtp.username.empty()) {
    return Error::InvalidInput("a mail server password needs --smtp-user");
  }
  if (Status s = mail::CheckSmtpConfig(setup.smtp); !s.ok()) return s.error();
  static const std::regex kAddress(R"(^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$)");
  if (!std::regex_match(options.mail_from, kAddress)) {
    return Error::InvalidInput(
        "--mail-from must be the sender's e-mail address, e.g. siegel@ministerium.example");
  }
  setup.from.address = options.mail_from;
  setup.from.name = options.mail_from_name;
  return std::optional<MailSetup>(std::move(setup));
}

}  // namespace siegel::cli
