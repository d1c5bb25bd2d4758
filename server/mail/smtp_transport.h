// Sending one message through an SMTP server, with libcurl: smtp:// with STARTTLS (required by
// default, so that a password never crosses the network in the clear), smtps:// for TLS from
// the first byte, authentication when a user is given. A transport is the seam the tests and
// `siegel mail --dry-run` use; the real one talks to a real server.
#pragma once

#include <string>

#include "base/result.h"

namespace siegel::mail {

enum class StartTls { kRequired, kIfOffered, kOff };

struct SmtpConfig {
  std::string url;       // "smtp://mail.example.org:587" or "smtps://mail.example.org:465"
  std::string username;  // empty: no authentication
  std::string password;
  StartTls starttls = StartTls::kRequired;  // for smtp:// (smtps:// is TLS throughout)
  std::string ca_file;                      // trusted CAs beyond the system's (a development CA)
  long timeout_seconds = 30;
};

// Parses --smtp-starttls: "required", "if-offered" or "off".
Result<StartTls> ParseStartTls(const std::string& text);
// Refuses what cannot work: no URL, another scheme, a password over plain SMTP.
Status CheckSmtpConfig(const SmtpConfig& config);

class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Hands `message` (RFC 5322, CRLF lines) to the mail server for `to`; an error says what the
  // server or the connection answered.
  virtual Status Send(const std::string& from, const std::string& to,
                      const std::string& message) = 0;
};

class SmtpTransport : public MailTransport {
 public:
  explicit SmtpTransport(SmtpConfig config);
  Status Send(const std::string& from, const std::string& to, const std::string& message) override;

 private:
  SmtpConfig config_;
};

}  // namespace siegel::mail
