// What calls for e-mail and who receives it, and the queue's promises: once per occasion and
// recipient, claimed before sending, retried with growing waits, given up in the end, every
// sending audited.
#include "registry/mail_queue.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "tests/registry/mail_fixture.h"

namespace siegel {
namespace {

class MailQueueTest : public MailingStaffTest {
 protected:
  MailPlan Plan() {
    auto plan = registry_->mail().Plan();
    EXPECT_TRUE(plan.ok()) << plan.message();
    return plan.ok() ? *plan : MailPlan{};
  }

  // Queues every planned message with a one-line wording.
  int QueueAll() {
    MailPlan plan = Plan();
    std::vector<OutgoingMail> mails;
    for (const MailOccasion& o : plan.occasions) {
      for (const MailRecipient& r : o.recipients) {
        mails.push_back({o.key, o.certificate.certificate.id, r, "subject " + o.key, "body\n"});
      }
    }
    Status s = registry_->mail().Enqueue(mails, plan.status_seq);
    EXPECT_TRUE(s.ok()) << s.message();
    return static_cast<int>(mails.size());
  }

  static std::vector<std::string> Addresses(const MailOccasion& o) {
    std::vector<std::string> out;
    for (const MailRecipient& r : o.recipients) {
      out.push_back(r.address + "/" + r.language + (r.staff ? "/staff" : "/contact"));
    }
    return out;
  }

  std::vector<std::string> Column(const std::string& sql) {
    SQLite::Database db((dir_.path() / "data" / "registry.db").string());
    SQLite::Statement q(db, sql);
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
  }
};

TEST_F(MailQueueTest, TheIssuanceIsAnnouncedToTheContactAndBothPeopleOfTheFourEyes) {
  MailPlan plan = Plan();
  ASSERT_EQ(plan.occasions.size(), 1u);
  const MailOccasion& o = plan.occasions[0];
  EXPECT_EQ(o.kind, MailOccasion::Kind::kStatusChange);
  EXPECT_EQ(o.event.event, "issued");
  EXPECT_EQ(o.certificate.certificate.id, id_);
  EXPECT_EQ(o.certificate.initiative_name, "microTEC Südwest");
  EXPECT_EQ(Addresses(o), (std::vector<std::string>{"kontakt@microtec.example/de/contact",
                                                    "anna@ministerium.example/de/staff",
                                                    "ben@ministerium.example/en/staff"}));
}

TEST_F(MailQueueTest, AnOccasionQueuedOnceIsNeverPlannedOrQueuedAgain) {
  EXPECT_EQ(QueueAll(), 3);
  EXPECT_TRUE(Plan().occasions.empty());
  // Queuing the same messages again (a second sender, a retried round) adds no row.
  std::vector<OutgoingMail> again = {
      {"status:1", id_, {"anna@ministerium.example", "de", true, "anna"}, "s", "b"}};
  ASSERT_TRUE(registry_->mail().Enqueue(again, 0).ok());
  EXPECT_EQ(Column("SELECT COUNT(*) FROM mail_queue"), std::vector<std::string>{"3"});
}

TEST_F(MailQueueTest, RemindersAt180And90And30DaysEachOnceAndOnlyTheLatestThresholdReached) {
  QueueAll();                                          // the issuance notice
  now_ = *ParseDateTimeStamp("2027-06-01T10:00:00Z");  // 274 days left: nothing yet
  EXPECT_TRUE(Plan().occasions.empty());
  now_ = *ParseDateTimeStamp("2027-11-10T10:00:00Z");  // 112 days left
  MailPlan plan = Plan();
  ASSERT_EQ(plan.occasions.size(), 1u);
  EXPECT_EQ(plan.occasions[0].key, "reminder:" + id_ + ":180");
  EXPECT_EQ(plan.occasions[0].days_left, 112);
  EXPECT_EQ(plan.occasions[0].renewal, "none");
  EXPECT_EQ(Addresses(plan.occasions[0]).size(), 3u);
  QueueAll();
  now_ = *ParseDateTimeStamp("2027-11-20T10:00:00Z");  // 102 days: the 180 reminder is out
  EXPECT_TRUE(Plan().occasions.empty());
  // The server was off from 90 until 25 days before the end: only the 30-day reminder goes.
  now_ = *ParseDateTimeStamp("2028-02-05T10:00:00Z");
  plan = Plan();
  ASSERT_EQ(plan.occasions.size(), 1u);
  EXPECT_EQ(plan.occasions[0].key, "reminder:" + id_ + ":30");
  EXPECT_EQ(plan.occasions[0].days_left, 25);
}

TEST_F(MailQueueTest, NoReminderOnceTheRenewalIsSigned) {
  QueueAll();
  now_ = *ParseDateTimeStamp("2027-12-05T10:00:00Z");  // 87 days left
  ASSERT_EQ(Plan().occasions.size(), 1u);
  Assessment a;
  a.initiative_slug = "microtec-suedwest";
  a.assessor = "VDI/VDE-IT";
  a.assessed_from = "2027-11-01";
  a.assessed_on = "2027-11-20";
  ASSERT_TRUE(registry_->workflow().RecordAssessment(a, kCli).ok());
  auto assessments = registry_->workflow().ListAssessments("microtec-suedwest");
  ASSERT_TRUE(assessments.ok());
  Proposal renewal;
  renewal.assessment_id = assessments->front().id;
  renewal.renews = id_;
  renewal.proposed_by = "anna";
  auto proposed = registry_->workflow().Propose(renewal, Actor{"admin:anna"});
  ASSERT_TRUE(proposed.ok()) << proposed.message();
  // Proposed, not yet signed: the reminder still goes, saying so.
  ASSERT_EQ(Plan().occasions.size(), 1u);
  EXPECT_EQ(Plan().occasions[0].renewal, "proposed");
  ASSERT_TRUE(registry_->workflow().ApproveProposal(proposed->id, "ben", Actor{"admin:ben"}).ok());
  MailPlan plan = Plan();
  // Only the new certificate's issuance notice: no reminder for the renewed one.
  ASSERT_EQ(plan.occasions.size(), 1u);
  EXPECT_EQ(plan.occasions[0].kind, MailOccasion::Kind::kStatusChange);
  EXPECT_NE(plan.occasions[0].certificate.certificate.id, id_);
}

TEST_F(MailQueueTest, EveryStatusChangeIsAnnouncedAndADisabledAccountGetsNothing) {
  QueueAll();
  ASSERT_TRUE(registry_->accounts().DisableUser("anna", SignIn("ada").actor()).ok());
  ASSERT_TRUE(registry_->lifecycle().Suspend(id_, "review", kCli).ok());
  ASSERT_TRUE(registry_->lifecycle().Reinstate(id_, kCli).ok());
  ASSERT_TRUE(registry_->lifecycle().Revoke(id_, "issued in error: wrong name", kCli).ok());
  MailPlan plan = Plan();
  std::vector<std::string> events;
  for (const MailOccasion& o : plan.occasions) {
    events.push_back(o.event.event);
    EXPECT_EQ(Addresses(o), (std::vector<std::string>{"kontakt@microtec.example/de/contact",
                                                      "ben@ministerium.example/en/staff"}));
  }
  EXPECT_EQ(events, (std::vector<std::string>{"suspended", "reinstated", "revoked"}));
  EXPECT_EQ(plan.occasions[2].event.reason, "issued in error: wrong name");
}

TEST_F(MailQueueTest, WithoutAnyoneResponsibleTheIssuersAndAdministratorsWithAnAddressHearOfIt) {
  QueueAll();
  ASSERT_TRUE(registry_->accounts().DisableUser("anna", SignIn("ada").actor()).ok());
  ASSERT_TRUE(registry_->accounts().DisableUser("ben", SignIn("ada").actor()).ok());
  ASSERT_TRUE(registry_->lifecycle().Suspend(id_, "review", kCli).ok());
  MailPlan plan = Plan();
  ASSERT_EQ(plan.occasions.size(), 1u);
  EXPECT_EQ(Addresses(plan.occasions[0]),
            (std::vector<std::string>{"kontakt@microtec.example/de/contact",
                                      "ada@ministerium.example/de/staff"}));
}

TEST_F(MailQueueTest, PastStatusChangesCanBeLeftUnannounced) {
  ASSERT_TRUE(registry_->mail().SkipPastStatusChanges().ok());
  EXPECT_TRUE(Plan().occasions.empty());
  ASSERT_TRUE(registry_->lifecycle().Suspend(id_, "review", kCli).ok());
  EXPECT_EQ(Plan().occasions.size(), 1u);
}

TEST_F(MailQueueTest, AClaimedMessageIsNotClaimedTwiceAndASentOneIsFinalAndAudited) {
  QueueAll();
  auto due = registry_->mail().Due(10);
  ASSERT_TRUE(due.ok());
  ASSERT_EQ(due->size(), 3u);
  int64_t first = due->front().id;
  EXPECT_TRUE(registry_->mail().Claim(first).value());
  EXPECT_FALSE(registry_->mail().Claim(first).value());
  EXPECT_EQ(registry_->mail().Due(10)->size(), 2u);
  ASSERT_TRUE(registry_->mail().RecordSent(first, Actor{"system:mail"}).ok());
  EXPECT_EQ(registry_->mail().RecordSent(first, Actor{"system:mail"}).error().code,
            ErrorCode::kConflict);
  EXPECT_FALSE(registry_->mail().Claim(first).value());
  EXPECT_EQ(Column("SELECT action || ' ' || subject || ' ' || json_extract(after_json, '$.to') "
                   "FROM audit_events WHERE action LIKE 'mail.%'"),
            std::vector<std::string>{"mail.sent " + id_ + " kontakt@microtec.example"});
  // The database itself keeps a sent message from being marked for sending again.
  SQLite::Database db((dir_.path() / "data" / "registry.db").string(), SQLite::OPEN_READWRITE);
  SQLite::Statement unsend(db, "UPDATE mail_queue SET sent_at = NULL WHERE id = ?");
  unsend.bind(1, static_cast<int64_t>(first));
  EXPECT_THROW(unsend.exec(), SQLite::Exception);
  EXPECT_THROW(db.exec("DELETE FROM mail_queue"), SQLite::Exception);
}

TEST_F(MailQueueTest, AFailureIsTriedAgainLaterWithGrowingWaitsAndGivenUpAfterTheLastAttempt) {
  QueueAll();
  int64_t id = registry_->mail().Due(1)->front().id;
  UnixSeconds start = now_;
  std::vector<int64_t> waits;
  for (int attempt = 1; attempt <= MailQueue::kMaxAttempts; ++attempt) {
    auto due = registry_->mail().Due(10);
    ASSERT_TRUE(
        std::any_of(due->begin(), due->end(), [&](const QueuedMail& m) { return m.id == id; }))
        << "attempt " << attempt;
    ASSERT_TRUE(registry_->mail().Claim(id).value());
    ASSERT_TRUE(
        registry_->mail().RecordFailure(id, "451 try again later", Actor{"system:mail"}).ok());
    auto recent = registry_->mail().Recent(10);
    auto row = std::find_if(recent->begin(), recent->end(),
                            [&](const QueuedMail& m) { return m.id == id; });
    EXPECT_EQ(row->attempts, attempt);
    EXPECT_EQ(row->last_error, "451 try again later");
    if (attempt == MailQueue::kMaxAttempts) {
      EXPECT_FALSE(row->given_up_at.empty());
      break;
    }
    // Not due before its time.
    EXPECT_FALSE(registry_->mail().Claim(id).value());
    UnixSeconds next = *ParseDateTimeStamp(row->next_attempt_at);
    waits.push_back(next - now_);
    now_ = next;
  }
  EXPECT_EQ(waits, (std::vector<int64_t>{60, 120, 240, 480, 960, 1920, 3840, 7680, 15360}));
  now_ = start + 30 * 86400;
  EXPECT_FALSE(registry_->mail().Claim(id).value());  // given up: never again
  EXPECT_EQ(Column("SELECT action FROM audit_events WHERE action LIKE 'mail.%' ORDER BY seq DESC "
                   "LIMIT 2"),
            (std::vector<std::string>{"mail.given_up", "mail.failed"}));
}

TEST_F(MailQueueTest, AClaimLeftByADeadSenderIsGivenUpAsUncertainNotSentAgain) {
  QueueAll();
  int64_t id = registry_->mail().Due(1)->front().id;
  ASSERT_TRUE(registry_->mail().Claim(id).value());
  EXPECT_EQ(registry_->mail().ReleaseAbandonedClaims(Actor{"system:mail"}).value(), 0);
  now_ += MailQueue::kClaimTimeoutSeconds + 1;
  EXPECT_EQ(registry_->mail().ReleaseAbandonedClaims(Actor{"system:mail"}).value(), 1);
  EXPECT_FALSE(registry_->mail().Claim(id).value());
  EXPECT_EQ(Column("SELECT action FROM audit_events WHERE action = 'mail.uncertain'").size(), 1u);
  EXPECT_EQ(registry_->mail().Due(10)->size(), 2u);
}

}  // namespace
}  // namespace siegel
