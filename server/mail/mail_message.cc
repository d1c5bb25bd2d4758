#include "server/mail/mail_message.h"

#include <ctime>

#include "base/encoding.h"

namespace siegel::mail {
namespace {

bool PlainAscii(const std::string& text) {
  for (unsigned char ch : text) {
    if (ch < 0x20 || ch >= 0x7f) return false;
  }
  return true;
}

// RFC 5322 §3.3: "Wed, 02 Dec 2026 15:30:00 +0000".
std::string MailDate(UnixSeconds now) {
  std::time_t t = static_cast<std::time_t>(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buffer;
}

std::string DomainOf(const std::string& address) {
  auto at = address.rfind('@');
  return at == std::string::npos ? "localhost" : address.substr(at + 1);
}

}  // namespace

std::string EncodeHeaderText(const std::string& text) {
  if (PlainAscii(text) && text.size() <= 70) return text;
  // Encoded words of at most 39 bytes of text (52 characters of base64, 64 with the frame,
  // so that "Subject: " and a word fit in 78), never splitting a UTF-8 character (RFC 2047).
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = std::min(text.size(), i + 39);
    while (end < text.size() && end > i && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
      --end;
    }
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" +
           Base64Encode(Bytes(text.begin() + static_cast<std::ptrdiff_t>(i),
                              text.begin() + static_cast<std::ptrdiff_t>(end))) +
           "?=";
    i = end;
  }
  return out;
}

std::string FormatMessage(const QueuedMail& queued, const Sender& from, UnixSeconds now) {
  std::string m;
  m += "Date: " + MailDate(now) + "\r\n";
  // The address on a line of its own after an encoded name, to stay within 78 characters.
  m += "From: " + (from.name.empty() ? "" : EncodeHeaderText(from.name) + "\r\n ") + "<" +
       from.address + ">\r\n";
  m += "To: <" + queued.mail.recipient.address + ">\r\n";
  m += "Subject: " + EncodeHeaderText(queued.mail.subject) + "\r\n";
  // Unique across registries sending from one domain too: the row and when it was queued.
  std::string queued_at;
  for (char ch : queued.queued_at) {
    if (ch >= '0' && ch <= '9') queued_at += ch;
  }
  m += "Message-ID: <siegel." + std::to_string(queued.id) + "." + queued_at + "@" +
       DomainOf(from.address) + ">\r\n";
  m += "Content-Language: " + queued.mail.recipient.language + "\r\n";
  m += "Auto-Submitted: auto-generated\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: text/plain; charset=utf-8\r\n";
  m += "Content-Transfer-Encoding: 8bit\r\n";
  m += "\r\n";
  for (size_t start = 0; start < queued.mail.body.size();) {
    size_t end = queued.mail.body.find('\n', start);
    if (end == std::string::npos) end = queued.mail.body.size();
    std::string line = queued.mail.body.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    m += line + "\r\n";
    start = end + 1;
  }
  return m;
}

}  // namespace siegel::mail
