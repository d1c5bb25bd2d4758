// E-mail reminders and status notices, as a queue in the registry's database. The registry
// decides what calls for a message (a certificate 180, 90 or 30 days before its end, with no
// renewal signed yet; any change of a certificate's status) and who receives it (the
// initiative's contact and the responsible staff); the server words the messages
// (server/mail/) and sends them. A message reaches a recipient once per occasion: the queue
// refuses a second row for it, a sent row can never be marked for sending again, and a sender
// claims a row before it speaks to the mail server, so two senders never send the same one.
// Every sending, and every message given up, is in the audit trail. No HTTP, no SMTP here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "registry/certificate_queries.h"
#include "registry/model.h"

namespace siegel {

class RegistryStore;
class StaffWorkflow;

// The days before a certificate's end at which reminders go out, latest first.
inline constexpr int kReminderDays[] = {180, 90, 30};

struct MailRecipient {
  std::string address;
  std::string language;  // "de" | "en"
  bool staff = false;    // a staff account, or the initiative's contact
  std::string name;      // the account's display name, or the initiative's name
};

// Something that calls for e-mail, with the recipients who have not had it yet.
struct MailOccasion {
  enum class Kind { kReminder, kStatusChange };
  Kind kind = Kind::kReminder;
  std::string key;        // "reminder:<id>:<days>" or "status:<event seq>"
  int reminder_days = 0;  // 180, 90 or 30 (a reminder)
  int days_left = 0;      // until the certificate ends (a reminder)
  std::string renewal;    // a reminder: "none", "assessment" or "proposed" (RenewalStateName)
  int64_t renewal_proposal = 0;  // the open proposal, if "proposed"
  StatusEvent event;             // what changed (a status change)
  CertificateSummary certificate;
  std::string programme_name_de, programme_name_en;
  std::vector<MailRecipient> recipients;
};

struct MailPlan {
  std::vector<MailOccasion> occasions;
  int64_t status_seq = 0;          // the last status event looked at
  bool saw_status_events = false;  // whether any status event was new to the plan
};

// One message to one recipient, as worded for them.
struct OutgoingMail {
  std::string occasion;
  std::string certificate_id;
  MailRecipient recipient;
  std::string subject;
  std::string body;  // plain text, lines separated by "\n"
};

struct QueuedMail {
  int64_t id = 0;
  OutgoingMail mail;
  std::string queued_at;
  int attempts = 0;
  std::string next_attempt_at;
  std::string last_error;
  std::string sent_at;      // empty until sent
  std::string given_up_at;  // empty unless given up
};

class MailQueue {
 public:
  // Attempts before a message is given up (the waits between them grow from one minute to
  // six hours, so a mail server down for a day loses nothing).
  static constexpr int kMaxAttempts = 10;
  // A claim older than this belongs to a sender that died mid-conversation.
  static constexpr int64_t kClaimTimeoutSeconds = 600;

  MailQueue(RegistryStore& store, const CertificateQueries& queries, const StaffWorkflow& workflow)
      : store_(store), queries_(queries), workflow_(workflow) {}

  // What calls for e-mail now and is not queued yet.
  Result<MailPlan> Plan() const;
  // Queues the messages (a message already queued for its occasion and recipient is left as
  // it is) and records that status events up to `status_seq` are dealt with.
  Status Enqueue(const std::vector<OutgoingMail>& mails, int64_t status_seq);
  // Status changes made so far are not announced (a demo or an import of past certificates).
  Status SkipPastStatusChanges();

  // Messages waiting whose time has come, oldest first.
  Result<std::vector<QueuedMail>> Due(int limit) const;
  // Takes a due message for sending; false if another sender has it or it is no longer due.
  Result<bool> Claim(int64_t id);
  // After the mail server accepted it: sent, for good, and in the audit trail.
  Status RecordSent(int64_t id, const Actor& actor);
  // After a failed attempt: tried again later, or given up after kMaxAttempts (audited).
  Status RecordFailure(int64_t id, const std::string& error, const Actor& actor);
  // Claims left by a sender that died: whether the message arrived is unknown, so it is not
  // sent again but given up, saying so in the audit trail. Answers how many.
  Result<int> ReleaseAbandonedClaims(const Actor& actor);

  // The newest messages, sent or not, for the staff pages and `siegel mail --list`.
  Result<std::vector<QueuedMail>> Recent(int limit) const;

 private:
  // Fills in the certificate, its programme's names and who receives what about it.
  Result<bool> Describe(const std::string& certificate_id, MailOccasion* occasion) const;

  RegistryStore& store_;
  const CertificateQueries& queries_;
  const StaffWorkflow& workflow_;
};

}  // namespace siegel
