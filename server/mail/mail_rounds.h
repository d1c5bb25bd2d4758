// One round of the mail: what calls for e-mail is worded and queued, then what is due is sent,
// one message at a time, each claimed first and recorded after (registry/mail_queue.h).
// `siegel serve` runs a round every so often; `siegel mail` runs one.
#pragma once

#include <string>
#include <vector>

#include "registry/registry.h"
#include "server/mail/mail_message.h"
#include "server/mail/smtp_transport.h"

namespace siegel::mail {

// The sender recorded in the audit trail.
inline const Actor& MailActor() {
  static const Actor kActor("system:mail");
  return kActor;
}

// What calls for e-mail now and is not queued yet, worded (nothing is written).
Result<std::vector<OutgoingMail>> WhatWouldBeQueued(Registry& registry);

struct MailRound {
  int queued = 0;
  int sent = 0;
  int failed = 0;                   // tried again later
  int given_up = 0;                 // after the last attempt, or interrupted mid-sending
  std::vector<std::string> errors;  // what the mail server said, one per failure
};

// Queues what is due (wording it) and sends what waits, at most `limit` messages.
Result<MailRound> RunMailRound(Registry& registry, MailTransport& transport, const Sender& from,
                               int limit = 200);

}  // namespace siegel::mail
