// A queued e-mail as an Internet message (RFC 5322): UTF-8 plain text, 8bit, the subject and
// sender's name as RFC 2047 encoded words, marked as automatic (RFC 3834) so that
// out-of-office replies stay away.
#pragma once

#include <string>

#include "base/timestamp.h"
#include "registry/mail_queue.h"

namespace siegel::mail {

struct Sender {
  std::string address;  // "siegel@ministerium.example"
  std::string name;     // "Register der Qualitätslabel"
};

// A header value as encoded words when it is not plain ASCII, folded so that no line is longer
// than 78 characters.
std::string EncodeHeaderText(const std::string& text);

// The whole message, lines ending in CRLF. `message_id` is unique for the queued row.
std::string FormatMessage(const QueuedMail& queued, const Sender& from, UnixSeconds now);

}  // namespace siegel::mail
