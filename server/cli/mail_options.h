// The SMTP options `siegel serve` and `siegel mail` share, each also from a SIEGEL_* variable.
// The password only from a file or $SIEGEL_SMTP_PASSWORD, never on the command line (where
// every user of the machine could read it in the process list).
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "base/result.h"
#include "server/mail/mail_message.h"
#include "server/mail/smtp_transport.h"

namespace siegel::cli {

struct MailOptions {
  std::string smtp_url;
  std::string smtp_user;
  std::string smtp_password_file;
  std::string smtp_starttls = "required";
  std::string smtp_ca_file;
  std::string mail_from;
  std::string mail_from_name = "Register der Qualitätslabel";
};

struct MailSetup {
  mail::SmtpConfig smtp;
  mail::Sender from;
};

void AddMailOptions(CLI::App* cmd, MailOptions& options);
// nullopt when no --smtp-url was given; an error when the options do not fit together.
Result<std::optional<MailSetup>> MailSetupFrom(const MailOptions& options);

}  // namespace siegel::cli
