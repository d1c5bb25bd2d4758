#include "registry/mail_queue.h"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>

#include "registry/audit.h"
#include "registry/registry_store.h"
#include "registry/sql_guard.h"
#include "registry/staff_workflow.h"

namespace siegel {
namespace {

constexpr const char* kQueuedColumns =
    "id, occasion, certificate_id, recipient, recipient_kind, language, subject, body, "
    "queued_at, attempts, next_attempt_at, last_error, COALESCE(sent_at, ''), "
    "COALESCE(given_up_at, '')";

QueuedMail ReadQueued(SQLite::Statement& q) {
  QueuedMail m;
  m.id = q.getColumn(0).getInt64();
  m.mail.occasion = q.getColumn(1).getString();
  m.mail.certificate_id = q.getColumn(2).getString();
  m.mail.recipient.address = q.getColumn(3).getString();
  m.mail.recipient.staff = q.getColumn(4).getString() == "staff";
  m.mail.recipient.language = q.getColumn(5).getString();
  m.mail.subject = q.getColumn(6).getString();
  m.mail.body = q.getColumn(7).getString();
  m.queued_at = q.getColumn(8).getString();
  m.attempts = q.getColumn(9).getInt();
  m.next_attempt_at = q.getColumn(10).getString();
  m.last_error = q.getColumn(11).getString();
  m.sent_at = q.getColumn(12).getString();
  m.given_up_at = q.getColumn(13).getString();
  return m;
}

// One minute after the first failure, doubling up to six hours.
int64_t RetryDelaySeconds(int attempts) {
  int64_t delay = 60;
  for (int i = 1; i < attempts && delay < 6 * 3600; ++i) delay *= 2;
  return std::min<int64_t>(delay, 6 * 3600);
}

Json AuditOf(const QueuedMail& m) {
  return Json{{"to", m.mail.recipient.address},
              {"subject", m.mail.subject},
              {"occasion", m.mail.occasion},
              {"attempts", m.attempts}};
}

}  // namespace

Result<bool> MailQueue::Describe(const std::string& certificate_id, MailOccasion* occasion) const {
  auto certificate = queries_.GetCertificate(certificate_id);
  if (!certificate.ok()) return certificate.error();
  auto initiative = queries_.GetInitiative(certificate->initiative_slug);
  if (!initiative.ok()) return initiative.error();
  auto programme = queries_.GetProgramme(certificate->programme_code);
  if (!programme.ok()) return programme.error();
  occasion->certificate.certificate = std::move(certificate).value();
  occasion->certificate.certificate.credential_json.clear();
  occasion->certificate.certificate.credential_jws.clear();
  occasion->certificate.initiative_name = initiative->name;
  occasion->programme_name_de = programme->name_de;
  occasion->programme_name_en = programme->name_en;
  return Guard("the recipients of an e-mail", [&]() -> Result<bool> {
    std::vector<MailRecipient> everyone;
    if (!initiative->contact_email.empty()) {
      everyone.push_back({initiative->contact_email, "de", false, initiative->name});
    }
    // The people who proposed and approved the certificate; where none of them has an active
    // account with an address, every issuer and administrator who has one, so that no
    // reminder falls through.
    SQLite::Statement responsible(
        store_.db(),
        "SELECT email, language, display_name FROM users WHERE disabled_at IS NULL AND "
        "email <> '' AND username IN (SELECT proposed_by FROM proposals WHERE certificate_id = "
        "?1 UNION SELECT decided_by FROM proposals WHERE certificate_id = ?1) ORDER BY username");
    responsible.bind(1, certificate_id);
    std::vector<MailRecipient> staff;
    while (responsible.executeStep()) {
      staff.push_back({responsible.getColumn(0).getString(), responsible.getColumn(1).getString(),
                       true, responsible.getColumn(2).getString()});
    }
    if (staff.empty()) {
      SQLite::Statement officers(store_.db(),
                                 "SELECT email, language, display_name FROM users WHERE "
                                 "disabled_at IS NULL AND email <> '' AND role IN ('issuer', "
                                 "'admin') ORDER BY username");
      while (officers.executeStep()) {
        staff.push_back({officers.getColumn(0).getString(), officers.getColumn(1).getString(), true,
                         officers.getColumn(2).getString()});
      }
    }
    everyone.insert(everyone.end(), staff.begin(), staff.end());
    SQLite::Statement queued(store_.db(),
                             "SELECT 1 FROM mail_queue WHERE occasion = ? AND recipient = ?");
    for (MailRecipient& r : everyone) {
      queued.reset();
      queued.bind(1, occasion->key);
      queued.bind(2, r.address);
      bool already = queued.executeStep();
      bool twice = std::any_of(occasion->recipients.begin(), occasion->recipients.end(),
                               [&](const MailRecipient& o) { return o.address == r.address; });
      if (!already && !twice) occasion->recipients.push_back(std::move(r));
    }
    return !occasion->recipients.empty();
  });
}

Result<MailPlan> MailQueue::Plan() const {
  MailPlan plan;
  auto due = workflow_.RenewalsDue(kReminderDays[0]);
  if (!due.ok()) return due.error();
  for (const RenewalDue& d : *due) {
    // Once the renewal is signed, there is nothing to remind anyone of.
    if (d.state == RenewalState::kApproved) continue;
    int days = kReminderDays[0];
    for (int threshold : kReminderDays) {
      if (d.days_left <= threshold) days = threshold;
    }
    MailOccasion occasion;
    occasion.kind = MailOccasion::Kind::kReminder;
    occasion.key = "reminder:" + d.certificate.certificate.id + ":" + std::to_string(days);
    occasion.reminder_days = days;
    occasion.days_left = static_cast<int>(d.days_left);
    occasion.renewal = RenewalStateName(d.state);
    occasion.renewal_proposal = d.proposal_id;
    auto wanted = Describe(d.certificate.certificate.id, &occasion);
    if (!wanted.ok()) return wanted.error();
    if (*wanted) plan.occasions.push_back(std::move(occasion));
  }
  auto events = Guard(
      "status changes to announce", [&]() -> Result<std::vector<std::pair<int64_t, StatusEvent>>> {
        SQLite::Statement q(
            store_.db(),
            "SELECT seq, certificate_id, event, at, reason, actor FROM status_events "
            "WHERE seq > (SELECT status_seq FROM mail_progress WHERE id = 1) "
            "ORDER BY seq LIMIT 1000");
        std::vector<std::pair<int64_t, StatusEvent>> out;
        while (q.executeStep()) {
          StatusEvent e;
          e.certificate_id = q.getColumn(1).getString();
          e.event = q.getColumn(2).getString();
          e.at = q.getColumn(3).getString();
          e.reason = q.getColumn(4).getString();
          e.actor = q.getColumn(5).getString();
          out.emplace_back(q.getColumn(0).getInt64(), std::move(e));
        }
        SQLite::Statement seen(store_.db(), "SELECT status_seq FROM mail_progress WHERE id = 1");
        plan.status_seq = seen.executeStep() ? seen.getColumn(0).getInt64() : 0;
        return out;
      });
  if (!events.ok()) return events.error();
  for (auto& [seq, event] : *events) {
    MailOccasion occasion;
    occasion.kind = MailOccasion::Kind::kStatusChange;
    occasion.key = "status:" + std::to_string(seq);
    occasion.event = std::move(event);
    auto wanted = Describe(occasion.event.certificate_id, &occasion);
    if (!wanted.ok()) return wanted.error();
    if (*wanted) plan.occasions.push_back(std::move(occasion));
    plan.status_seq = seq;
    plan.saw_status_events = true;
  }
  return plan;
}

Status MailQueue::Enqueue(const std::vector<OutgoingMail>& mails, int64_t status_seq) {
  return store_.Write(
      [&]() -> Status {
        std::string now = FormatDateTimeStamp(store_.Now());
        SQLite::Statement insert(
            store_.db(),
            "INSERT OR IGNORE INTO mail_queue (occasion, certificate_id, recipient, "
            "recipient_kind, language, subject, body, queued_at, next_attempt_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (const OutgoingMail& m : mails) {
          insert.reset();
          insert.bind(1, m.occasion);
          insert.bind(2, m.certificate_id);
          insert.bind(3, m.recipient.address);
          insert.bind(4, m.recipient.staff ? "staff" : "contact");
          insert.bind(5, m.recipient.language == "en" ? "en" : "de");
          insert.bind(6, m.subject);
          insert.bind(7, m.body);
          insert.bind(8, now);
          insert.bind(9, now);
          insert.exec();
        }
        SQLite::Statement progress(
            store_.db(), "UPDATE mail_progress SET status_seq = MAX(status_seq, ?) WHERE id = 1");
        progress.bind(1, status_seq);
        progress.exec();
        return Status::Ok();
      },
      /*public_change=*/false);
}

Status MailQueue::SkipPastStatusChanges() {
  return store_.Write(
      [&]() -> Status {
        store_.db().exec(
            "UPDATE mail_progress SET status_seq = (SELECT COALESCE(MAX(seq), 0) FROM "
            "status_events) WHERE id = 1");
        return Status::Ok();
      },
      /*public_change=*/false);
}

Result<std::vector<QueuedMail>> MailQueue::Due(int limit) const {
  return Guard("the mail queue", [&]() -> Result<std::vector<QueuedMail>> {
    SQLite::Statement q(store_.db(), std::string("SELECT ") + kQueuedColumns +
                                         " FROM mail_queue WHERE sent_at IS NULL AND "
                                         "given_up_at IS NULL AND claimed_at IS NULL AND "
                                         "next_attempt_at <= ? ORDER BY id LIMIT ?");
    q.bind(1, FormatDateTimeStamp(store_.Now()));
    q.bind(2, limit);
    std::vector<QueuedMail> out;
    while (q.executeStep()) out.push_back(ReadQueued(q));
    return out;
  });
}

Result<std::vector<QueuedMail>> MailQueue::Recent(int limit) const {
  return Guard("the mail queue", [&]() -> Result<std::vector<QueuedMail>> {
    SQLite::Statement q(store_.db(), std::string("SELECT ") + kQueuedColumns +
                                         " FROM mail_queue ORDER BY id DESC LIMIT ?");
    q.bind(1, limit);
    std::vector<QueuedMail> out;
    while (q.executeStep()) out.push_back(ReadQueued(q));
    return out;
  });
}

Result<bool> MailQueue::Claim(int64_t id) {
  bool claimed = false;
  Status s = store_.Write(
      [&]() -> Status {
        std::string now = FormatDateTimeStamp(store_.Now());
        SQLite::Statement claim(store_.db(),
                                "UPDATE mail_queue SET claimed_at = ?1 WHERE id = ?2 AND "
                                "sent_at IS NULL AND given_up_at IS NULL AND claimed_at IS NULL "
                                "AND next_attempt_at <= ?1");
        claim.bind(1, now);
        claim.bind(2, id);
        claimed = claim.exec() == 1;
        return Status::Ok();
      },
      /*public_change=*/false);
  if (!s.ok()) return s.error();
  return claimed;
}

Status MailQueue::RecordSent(int64_t id, const Actor& actor) {
  return store_.Write(
      [&]() -> Status {
        std::string now = FormatDateTimeStamp(store_.Now());
        SQLite::Statement sent(store_.db(),
                               "UPDATE mail_queue SET sent_at = ?, claimed_at = NULL, "
                               "attempts = attempts + 1 WHERE id = ? AND sent_at IS NULL");
        sent.bind(1, now);
        sent.bind(2, id);
        if (sent.exec() != 1) {
          return Error::Conflict("e-mail " + std::to_string(id) + " is not waiting to be sent");
        }
        SQLite::Statement q(
            store_.db(), std::string("SELECT ") + kQueuedColumns + " FROM mail_queue WHERE id = ?");
        q.bind(1, id);
        q.executeStep();
        QueuedMail m = ReadQueued(q);
        AppendAudit(store_.db(), now, actor, "mail.sent", m.mail.certificate_id, Json(),
                    AuditOf(m));
        return Status::Ok();
      },
      /*public_change=*/false);
}

Status MailQueue::RecordFailure(int64_t id, const std::string& error, const Actor& actor) {
  return store_.Write(
      [&]() -> Status {
        UnixSeconds now = store_.Now();
        SQLite::Statement q(store_.db(), std::string("SELECT ") + kQueuedColumns +
                                             " FROM mail_queue WHERE id = ? AND sent_at IS NULL "
                                             "AND given_up_at IS NULL");
        q.bind(1, id);
        if (!q.executeStep()) {
          return Error::Conflict("e-mail " + std::to_string(id) + " is not waiting to be sent");
        }
        QueuedMail m = ReadQueued(q);
        m.attempts += 1;
        m.last_error = error.substr(0, 500);
        bool give_up = m.attempts >= kMaxAttempts;
        SQLite::Statement update(store_.db(),
                                 "UPDATE mail_queue SET attempts = ?, last_error = ?, "
                                 "claimed_at = NULL, next_attempt_at = ?, given_up_at = ? "
                                 "WHERE id = ?");
        update.bind(1, m.attempts);
        update.bind(2, m.last_error);
        update.bind(3, FormatDateTimeStamp(now + RetryDelaySeconds(m.attempts)));
        if (give_up) {
          update.bind(4, FormatDateTimeStamp(now));
        } else {
          update.bind(4);
        }
        update.bind(5, id);
        update.exec();
        Json after = AuditOf(m);
        after["error"] = m.last_error;
        AppendAudit(store_.db(), FormatDateTimeStamp(now), actor,
                    give_up ? "mail.given_up" : "mail.failed", m.mail.certificate_id, Json(),
                    after);
        return Status::Ok();
      },
      /*public_change=*/false);
}

Result<int> MailQueue::ReleaseAbandonedClaims(const Actor& actor) {
  int released = 0;
  Status s = store_.Write(
      [&]() -> Status {
        UnixSeconds now = store_.Now();
        SQLite::Statement q(store_.db(), std::string("SELECT ") + kQueuedColumns +
                                             " FROM mail_queue WHERE claimed_at IS NOT NULL AND "
                                             "claimed_at < ? AND sent_at IS NULL AND "
                                             "given_up_at IS NULL");
        q.bind(1, FormatDateTimeStamp(now - kClaimTimeoutSeconds));
        SQLite::Statement update(store_.db(),
                                 "UPDATE mail_queue SET given_up_at = ?, claimed_at = NULL, "
                                 "last_error = ? WHERE id = ?");
        const std::string why =
            "the sender stopped while talking to the mail server; the message may or may not "
            "have arrived, so it is not sent again";
        std::vector<QueuedMail> abandoned;
        while (q.executeStep()) abandoned.push_back(ReadQueued(q));
        for (const QueuedMail& m : abandoned) {
          update.reset();
          update.bind(1, FormatDateTimeStamp(now));
          update.bind(2, why);
          update.bind(3, m.id);
          update.exec();
          Json after = AuditOf(m);
          after["error"] = why;
          AppendAudit(store_.db(), FormatDateTimeStamp(now), actor, "mail.uncertain",
                      m.mail.certificate_id, Json(), after);
          ++released;
        }
        return Status::Ok();
      },
      /*public_change=*/false);
  if (!s.ok()) return s.error();
  return released;
}

}  // namespace siegel
