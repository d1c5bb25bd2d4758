#include "server/mail/mail_rounds.h"

#include "server/mail/mail_wording.h"

namespace siegel::mail {
namespace {

Result<MailPlan> PlanAndWord(Registry& registry, std::vector<OutgoingMail>* mails) {
  auto plan = registry.mail().Plan();
  if (!plan.ok()) return plan.error();
  for (const MailOccasion& occasion : plan->occasions) {
    for (OutgoingMail& m : WordMail(occasion, registry.settings())) mails->push_back(std::move(m));
  }
  return plan;
}

}  // namespace

Result<std::vector<OutgoingMail>> WhatWouldBeQueued(Registry& registry) {
  std::vector<OutgoingMail> mails;
  auto plan = PlanAndWord(registry, &mails);
  if (!plan.ok()) return plan.error();
  return mails;
}

Result<MailRound> RunMailRound(Registry& registry, MailTransport& transport, const Sender& from,
                               int limit) {
  MailRound round;
  MailQueue& queue = registry.mail();
  auto abandoned = queue.ReleaseAbandonedClaims(MailActor());
  if (!abandoned.ok()) return abandoned.error();
  round.given_up += *abandoned;
  std::vector<OutgoingMail> mails;
  auto plan = PlanAndWord(registry, &mails);
  if (!plan.ok()) return plan.error();
  // Nothing new: no write (a round runs every minute).
  if (!mails.empty() || plan->saw_status_events) {
    if (Status s = queue.Enqueue(mails, plan->status_seq); !s.ok()) return s.error();
  }
  round.queued = static_cast<int>(mails.size());
  auto due = queue.Due(limit);
  if (!due.ok()) return due.error();
  for (const QueuedMail& queued : *due) {
    auto claimed = queue.Claim(queued.id);
    if (!claimed.ok()) return claimed.error();
    if (!*claimed) continue;  // another sender has it
    Status sent = transport.Send(from.address, queued.mail.recipient.address,
                                 FormatMessage(queued, from, registry.Now()));
    if (sent.ok()) {
      if (Status s = queue.RecordSent(queued.id, MailActor()); !s.ok()) return s.error();
      ++round.sent;
      continue;
    }
    round.errors.push_back(sent.error().message);
    if (Status s = queue.RecordFailure(queued.id, sent.error().message, MailActor()); !s.ok()) {
      return s.error();
    }
    if (queued.attempts + 1 >= MailQueue::kMaxAttempts) {
      ++round.given_up;
    } else {
      ++round.failed;
    }
  }
  return round;
}

}  // namespace siegel::mail
