// The staff workflow: proposals and their approval by a second person, rejection, renewal
// proposals, revocation statements and the audit trail's filters.
#include "registry/staff_workflow.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "tests/registry/staff_fixture.h"

namespace siegel {
namespace {

// The revocation rules, typed out: each code's public wording, a note after it, and "other"
// only with a note.
TEST(RevocationStatementTest, EveryReasonHasItsWordingAndOtherNeedsANote) {
  const std::vector<std::tuple<std::string, std::string, std::string>> allowed = {
      {"assessment_withdrawn", "", "assessment withdrawn"},
      {"initiative_dissolved", "", "initiative dissolved"},
      {"issued_in_error", "falsche Initiative", "issued in error: falsche Initiative"},
      {"key_compromise", "", "key compromise"},
      {"other", "Beirat hat widerrufen", "other: Beirat hat widerrufen"},
  };
  for (const auto& [code, note, text] : allowed) {
    auto statement = RevocationStatement(code, note);
    ASSERT_TRUE(statement.ok()) << code << ": " << statement.message();
    EXPECT_EQ(*statement, text);
    // And back: the reason and what followed it.
    auto parsed = ParseRevocationStatement(*statement);
    ASSERT_TRUE(parsed.has_value()) << text;
    EXPECT_EQ(RevocationReasonCode(parsed->reason), code);
    EXPECT_EQ(parsed->rest, note.empty() ? "" : ": " + note);
  }
  EXPECT_FALSE(ParseRevocationStatement("otherwise fine").has_value());
  EXPECT_FALSE(ParseRevocationStatement("withdrawn").has_value());
  auto other = RevocationStatement("other", "");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.message(), "a revocation for another reason needs a note saying which");
  auto unknown = RevocationStatement("fraud", "");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.message(),
            "reasonCode must be one of assessment_withdrawn, initiative_dissolved, "
            "issued_in_error, key_compromise, other");
}

TEST_F(StaffTest, FourEyesProposerCannotApproveItsOwnProposal) {
  Assessment assessment = RecordAssessment();
  Proposal proposal = ProposeBy("anna", assessment.id);
  EXPECT_TRUE(registry_->certificates().SearchCertificates({})->total == 0)
      << "nothing is signed on proposal";
  auto own = registry_->workflow().ApproveProposal(proposal.id, "anna", Actor{"admin:anna"});
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().code, ErrorCode::kRefused);
  EXPECT_NE(own.message().find("four-eyes"), std::string::npos) << own.message();
  EXPECT_TRUE(registry_->certificates().SearchCertificates({})->total == 0);
  EXPECT_TRUE(registry_->workflow().GetProposal(proposal.id)->decision.empty());

  auto approved = registry_->workflow().ApproveProposal(proposal.id, "ben", Actor{"admin:ben"});
  ASSERT_TRUE(approved.ok()) << approved.message();
  EXPECT_EQ(approved->assessor, "VDI/VDE-IT");
  EXPECT_EQ(approved->board_decision_ref, "Beirat 2026/3");
  EXPECT_EQ(approved->valid_until, "2028-03-01T00:00:00Z");
  EXPECT_EQ(registry_->certificates().StatusOf(approved->id, now_).value(),
            CertificateStatus::kValid);
  Proposal decided = *registry_->workflow().GetProposal(proposal.id);
  EXPECT_EQ(decided.decision, "approved");
  EXPECT_EQ(decided.certificate_id, approved->id);
  EXPECT_EQ(
      registry_->workflow().ApproveProposal(proposal.id, "ben", Actor{"admin:ben"}).error().code,
      ErrorCode::kRefused);
}

TEST_F(StaffTest, TheDatabaseItselfRefusesASelfApproval) {
  Assessment assessment = RecordAssessment();
  Proposal proposal = ProposeBy("anna", assessment.id);
  SQLite::Database db((dir_.path() / "data" / "registry.db").string(), SQLite::OPEN_READWRITE);
  EXPECT_THROW(db.exec("UPDATE proposals SET decision = 'approved', decided_by = 'anna', "
                       "decided_at = 'x' WHERE id = " +
                       std::to_string(proposal.id)),
               SQLite::Exception);
}

TEST_F(StaffTest, WithoutFourEyesTheProposerMayApprove) {
  SwitchFourEyesOff();
  Proposal proposal = ProposeBy("anna", RecordAssessment().id);
  EXPECT_TRUE(registry_->workflow().ApproveProposal(proposal.id, "anna", Actor{"admin:anna"}).ok());
}

TEST_F(StaffTest, ProposalThatCouldNotBeSignedIsRefusedAtOnce) {
  Assessment assessment = RecordAssessment();
  Proposal bad;
  bad.assessment_id = assessment.id;
  bad.valid_from = "2026-03-01";
  bad.valid_until = "2040-03-01";
  bad.proposed_by = "anna";
  auto refused = registry_->workflow().Propose(bad, Actor{"admin:anna"});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("not plausible"), std::string::npos) << refused.message();
  bad.valid_until = "2026-01-01";
  EXPECT_EQ(registry_->workflow().Propose(bad, Actor{"admin:anna"}).message(),
            "the validity must end after it starts");
  EXPECT_TRUE(registry_->workflow().ListProposals(false)->empty());
  EXPECT_TRUE(registry_->certificates().SearchCertificates({})->total == 0)
      << "the dry run left nothing behind";

  Proposal first = ProposeBy("anna", assessment.id);
  Proposal twice = first;
  EXPECT_EQ(registry_->workflow().Propose(twice, Actor{"admin:anna"}).error().code,
            ErrorCode::kConflict);
}

TEST_F(StaffTest, RejectionNeedsAReasonAndIsFinal) {
  Proposal proposal = ProposeBy("anna", RecordAssessment().id);
  EXPECT_FALSE(
      registry_->workflow().RejectProposal(proposal.id, "ben", "", Actor{"admin:ben"}).ok());
  ASSERT_TRUE(registry_->workflow()
                  .RejectProposal(proposal.id, "ben", "board minutes missing", Actor{"admin:ben"})
                  .ok());
  EXPECT_EQ(registry_->workflow().GetProposal(proposal.id)->decision, "rejected");
  EXPECT_FALSE(registry_->workflow().ApproveProposal(proposal.id, "ben", Actor{"admin:ben"}).ok());
  EXPECT_TRUE(registry_->workflow().ListProposals(true)->empty());
}

TEST_F(StaffTest, RenewalProposalSupersedesTheOldCertificate) {
  Proposal first = ProposeBy("anna", RecordAssessment().id);
  auto old = registry_->workflow().ApproveProposal(first.id, "ben", Actor{"admin:ben"});
  ASSERT_TRUE(old.ok()) << old.message();
  now_ = *ParseDateTimeStamp("2027-12-01T10:00:00Z");
  Assessment again = RecordAssessment();
  Proposal renewal;
  renewal.assessment_id = again.id;
  renewal.renews = old->id;
  renewal.valid_from = "2028-03-01";
  renewal.valid_until = "2030-03-01";
  renewal.proposed_by = "ben";
  auto proposed = registry_->workflow().Propose(renewal, Actor{"admin:ben"});
  ASSERT_TRUE(proposed.ok()) << proposed.message();
  auto renewed = registry_->workflow().ApproveProposal(proposed->id, "anna", Actor{"admin:anna"});
  ASSERT_TRUE(renewed.ok()) << renewed.message();
  EXPECT_EQ(renewed->supersedes, old->id);
  EXPECT_EQ(registry_->certificates().GetCertificate(old->id)->superseded_by, renewed->id);
}

// The programme's rule for a proposal's validity, typed out: kept to the day, or the sentence
// a proposer and an approver read.
TEST(ValidityDepartureTest, SaysHowAValidityDepartsFromTheProgrammesMonths) {
  const struct {
    const char* from;
    const char* until;
    const char* expected;
  } cases[] = {
      {"2026-03-01", "2028-03-01", ""},
      {"2026-01-31", "2028-01-31", ""},
      {"2026-03-01T00:00:00Z", "2028-03-01T00:00:00Z", ""},
      {"2026-03-01", "2031-03-01",
       "60 months instead of the programme's 24 months: ends on 2031-03-01, not 2028-03-01"},
      {"2026-03-01", "2028-03-31",
       "24 months and 30 days instead of the programme's 24 months: ends on 2028-03-31, not "
       "2028-03-01"},
      {"2026-03-01", "2028-02-29",
       "23 months and 28 days instead of the programme's 24 months: ends on 2028-02-29, not "
       "2028-03-01"},
      {"2026-03-01", "2026-03-02",
       "0 months and 1 day instead of the programme's 24 months: ends on 2026-03-02, not "
       "2028-03-01"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ValidityDeparture(c.from, c.until, 24), c.expected) << c.from << " " << c.until;
  }
}

// A validity other than the programme's 24 months needs the proposer's reason.
TEST_F(StaffTest, AProposalThatDepartsFromTheProgrammesRuleNeedsANote) {
  Assessment assessment = RecordAssessment();
  Proposal five_years;
  five_years.assessment_id = assessment.id;
  five_years.valid_from = "2026-03-01";
  five_years.valid_until = "2031-03-01";
  five_years.proposed_by = "anna";
  for (const char* note : {"", "  "}) {
    five_years.note = note;
    auto refused = registry_->workflow().Propose(five_years, Actor{"admin:anna"});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kInvalidInput);
    EXPECT_EQ(refused.message(),
              "the validity departs from the programme's rule (60 months instead of the "
              "programme's 24 months: ends on 2031-03-01, not 2028-03-01); say why in the note");
  }
  EXPECT_TRUE(registry_->workflow().ListProposals(true)->empty()) << "nothing recorded";
  five_years.note = "Beirat: fünf Jahre wegen Sonderprüfung";
  auto accepted = registry_->workflow().Propose(five_years, Actor{"admin:anna"});
  ASSERT_TRUE(accepted.ok()) << accepted.message();
  EXPECT_EQ(registry_->workflow().GetProposal(accepted->id)->note,
            "Beirat: fünf Jahre wegen Sonderprüfung");
}

// The staff overview's list: each certificate ending soon once, with days left rounded up and
// its renewal's state as it moves on, typed out step by step.
TEST_F(StaffTest, RenewalsDueListEachEndingCertificateOnceWithItsRenewalsState) {
  Proposal first = ProposeBy("anna", RecordAssessment().id);
  auto old = registry_->workflow().ApproveProposal(first.id, "ben", Actor{"admin:ben"});
  ASSERT_TRUE(old.ok()) << old.message();
  EXPECT_TRUE(registry_->workflow().RenewalsDue(180)->empty()) << "two years left";
  // 2027-12-01 10:00 to 2028-03-01 00:00 (2028 is a leap year): 90 days and 14 hours.
  now_ = *ParseDateTimeStamp("2027-12-01T10:00:00Z");
  auto due = registry_->workflow().RenewalsDue(180);
  ASSERT_TRUE(due.ok()) << due.message();
  ASSERT_EQ(due->size(), 1u);
  EXPECT_EQ((*due)[0].certificate.certificate.id, old->id);
  EXPECT_EQ((*due)[0].days_left, 91);
  EXPECT_EQ((*due)[0].state, RenewalState::kNone);
  EXPECT_TRUE(registry_->workflow().RenewalsDue(90)->empty()) << "91 days are not within 90";

  Assessment again = RecordAssessment();
  EXPECT_EQ((*registry_->workflow().RenewalsDue(180))[0].state, RenewalState::kAssessmentRecorded);

  Proposal renewal;
  renewal.assessment_id = again.id;
  renewal.renews = old->id;
  renewal.proposed_by = "ben";
  auto proposed = registry_->workflow().Propose(renewal, Actor{"admin:ben"});
  ASSERT_TRUE(proposed.ok()) << proposed.message();
  due = registry_->workflow().RenewalsDue(180);
  EXPECT_EQ((*due)[0].state, RenewalState::kProposed);
  EXPECT_EQ((*due)[0].proposal_id, proposed->id);

  auto renewed = registry_->workflow().ApproveProposal(proposed->id, "anna", Actor{"admin:anna"});
  ASSERT_TRUE(renewed.ok()) << renewed.message();
  due = registry_->workflow().RenewalsDue(180);
  ASSERT_EQ(due->size(), 1u) << "the renewal begins later: it is not due";
  EXPECT_EQ((*due)[0].state, RenewalState::kApproved);
  EXPECT_EQ((*due)[0].renewal_id, renewed->id);
  EXPECT_EQ(RenewalStateName((*due)[0].state), "approved");

  // A suspended certificate is not valid: not a renewal to prepare but a case to decide.
  ASSERT_TRUE(registry_->lifecycle().Suspend(old->id, "Prüfung", Actor{"admin:anna"}).ok());
  EXPECT_TRUE(registry_->workflow().RenewalsDue(180)->empty());
}

TEST_F(StaffTest, AuditLogFiltersByActorActionSubjectAndDate) {
  Proposal proposal = ProposeBy("anna", RecordAssessment().id);
  ASSERT_TRUE(registry_->workflow().ApproveProposal(proposal.id, "ben", Actor{"admin:ben"}).ok());
  AuditFilter by_actor;
  by_actor.actor = "ben";
  auto ben = registry_->workflow().AuditLog(by_actor);
  ASSERT_TRUE(ben.ok());
  for (const auto& r : *ben) EXPECT_NE(r.actor.find("ben"), std::string::npos) << r.actor;
  AuditFilter by_action;
  by_action.action = "proposal.";
  EXPECT_EQ(registry_->workflow().AuditLog(by_action)->size(), 2u);
  AuditFilter by_date;
  by_date.from = "2026-03-02";  // the registry's creation ran on the real clock, in the future
  by_date.to = "2026-03-31";
  EXPECT_TRUE(registry_->workflow().AuditLog(by_date)->empty());
  by_date.from = "2026-03-01";
  by_date.to = "2026-03-01";
  EXPECT_FALSE(registry_->workflow().AuditLog(by_date)->empty());
  AuditFilter bad;
  bad.from = "yesterday";
  EXPECT_FALSE(registry_->workflow().AuditLog(bad).ok());
}

// Past awards from a spreadsheet: all rows or none, and a dry run keeps nothing.
TEST_F(StaffTest, PastAwardsAreProposedAllOrNothing) {
  auto award = [](const std::string& assessed_on, const std::string& from,
                  const std::string& until) {
    AwardToPropose a;
    a.assessment.initiative_slug = "microtec-suedwest";
    a.assessment.assessor = "VDI/VDE-IT";
    a.assessment.assessed_from = assessed_on;
    a.assessment.assessed_on = assessed_on;
    a.proposal.valid_from = from;
    a.proposal.valid_until = until;
    a.proposal.proposed_by = "anna";
    return a;
  };
  const std::vector<AwardToPropose> good = {award("2024-02-10", "2024-03-01", "2026-03-01"),
                                            award("2026-02-10", "2026-03-01", "2028-03-01")};
  std::vector<AwardToPropose> one_bad = good;
  one_bad.push_back(award("2099-02-10", "2028-03-01", "2030-03-01"));  // assessed in the future
  auto count = [&](const char* table) {
    SQLite::Database db((dir_.path() / "data" / "registry.db").string());
    SQLite::Statement q(db, std::string("SELECT COUNT(*) FROM ") + table);
    q.executeStep();
    return q.getColumn(0).getInt();
  };
  auto refused = registry_->workflow().ProposeAwards(one_bad, Actor{"admin:anna"}, false);
  ASSERT_TRUE(refused.ok()) << refused.message();
  ASSERT_EQ(refused->size(), 3u);
  EXPECT_TRUE((*refused)[0].ok());
  EXPECT_TRUE((*refused)[1].ok());
  EXPECT_EQ((*refused)[2].message(), "the assessment end 2099-02-10 is in the future");
  EXPECT_EQ(count("assessments"), 0) << "the good rows were not kept either";
  EXPECT_EQ(count("proposals"), 0);
  auto tried = registry_->workflow().ProposeAwards(good, Actor{"admin:anna"}, true);
  ASSERT_TRUE(tried.ok());
  EXPECT_TRUE((*tried)[0].ok() && (*tried)[1].ok());
  EXPECT_EQ(count("proposals"), 0) << "a dry run keeps nothing";
  auto done = registry_->workflow().ProposeAwards(good, Actor{"admin:anna"}, false);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(count("assessments"), 2);
  EXPECT_EQ(count("proposals"), 2);
  EXPECT_EQ((*done)[1]->valid_until, "2028-03-01T00:00:00Z");
}

}  // namespace
}  // namespace siegel
