#include "server/mail/smtp_transport.h"

#include <curl/curl.h>

#include <cstring>
#include <memory>
#include <mutex>

namespace siegel::mail {
namespace {

struct Upload {
  const std::string& data;
  size_t offset = 0;
};

size_t ReadMessage(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  size_t room = size * count;
  size_t left = upload->data.size() - upload->offset;
  size_t n = left < room ? left : room;
  std::memcpy(buffer, upload->data.data() + upload->offset, n);
  upload->offset += n;
  return n;
}

bool StartsWith(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

}  // namespace

Result<StartTls> ParseStartTls(const std::string& text) {
  if (text == "required") return StartTls::kRequired;
  if (text == "if-offered") return StartTls::kIfOffered;
  if (text == "off") return StartTls::kOff;
  return Error::InvalidInput("--smtp-starttls must be required, if-offered or off, not \"" + text +
                             "\"");
}

Status CheckSmtpConfig(const SmtpConfig& config) {
  if (!StartsWith(config.url, "smtp://") && !StartsWith(config.url, "smtps://")) {
    return Error::InvalidInput(
        "--smtp-url must start with smtp:// or smtps://, e.g. "
        "smtp://mail.example.org:587");
  }
  if (StartsWith(config.url, "smtp://") && config.starttls != StartTls::kRequired &&
      !config.username.empty()) {
    return Error::InvalidInput(
        "a password is sent only over TLS: use --smtp-starttls required or an smtps:// URL");
  }
  return Status::Ok();
}

SmtpTransport::SmtpTransport(SmtpConfig config) : config_(std::move(config)) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Status SmtpTransport::Send(const std::string& from, const std::string& to,
                           const std::string& message) {
  std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
  if (!curl) return Error::Internal("cannot start an SMTP connection (libcurl)");
  CURL* h = curl.get();
  char error[CURL_ERROR_SIZE] = {0};
  Upload upload{message};
  std::string mail_from = "<" + from + ">";
  std::string rcpt = "<" + to + ">";
  struct curl_slist* recipients = curl_slist_append(nullptr, rcpt.c_str());
  std::unique_ptr<curl_slist, void (*)(curl_slist*)> recipients_owner(recipients,
                                                                      curl_slist_free_all);
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(h, CURLOPT_URL, config_.url.c_str());
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(h, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(h, CURLOPT_READFUNCTION, ReadMessage);
  curl_easy_setopt(h, CURLOPT_READDATA, &upload);
  curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT, config_.timeout_seconds);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  if (StartsWith(config_.url, "smtp://")) {
    long use_ssl = config_.starttls == StartTls::kRequired    ? CURLUSESSL_ALL
                   : config_.starttls == StartTls::kIfOffered ? CURLUSESSL_TRY
                                                              : CURLUSESSL_NONE;
    curl_easy_setopt(h, CURLOPT_USE_SSL, use_ssl);
  }
  if (!config_.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, config_.ca_file.c_str());
  if (!config_.username.empty()) {
    curl_easy_setopt(h, CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(h, CURLOPT_PASSWORD, config_.password.c_str());
  }
  CURLcode code = curl_easy_perform(h);
  if (code != CURLE_OK) {
    long reply = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &reply);
    std::string what = error[0] != '\0' ? error : curl_easy_strerror(code);
    return Error::Io("the mail server did not take the message for " + to + ": " + what +
                     (reply > 0 ? " (reply " + std::to_string(reply) + ")" : ""));
  }
  return Status::Ok();
}

}  // namespace siegel::mail
