// Correcting a certificate issued with a wrong detail: one proposal, a second person's
// approval, and in that one step the corrected certificate (naming the old one) and the old
// one revoked as superseded. What can and cannot be replaced, and that nothing happens before
// the approval.
#include <gtest/gtest.h>

#include "tests/registry/issuance_from_registry.h"
#include "tests/registry/staff_fixture.h"

namespace siegel {
namespace {

class ReplacementTest : public StaffTest {
 protected:
  void SetUp() override {
    StaffTest::SetUp();
    assessment_ = RecordAssessment();
    Proposal p = ProposeBy("anna", assessment_.id);
    auto issued = registry_->workflow().ApproveProposal(p.id, "ben", Actor{"admin:ben"});
    ASSERT_TRUE(issued.ok()) << issued.message();
    old_ = *issued;
  }

  Result<Proposal> ProposeReplacement(const std::string& note, int64_t assessment_id = 0) {
    Proposal p;
    p.assessment_id = assessment_id == 0 ? assessment_.id : assessment_id;
    p.replaces = old_.id;
    p.note = note;
    p.proposed_by = "anna";
    return registry_->workflow().Propose(p, Actor{"admin:anna"});
  }

  // A corrected assessment: the board decision's reference was typed wrong.
  Assessment CorrectedAssessment() {
    Assessment a = assessment_;
    a.board_decision_ref = "Beirat 2026/4";
    auto recorded = registry_->workflow().RecordAssessment(a, kCli);
    EXPECT_TRUE(recorded.ok()) << recorded.message();
    return *recorded;
  }

  CredentialState Verified(const std::string& id) {
    auto c = registry_->certificates().GetCertificate(id);
    EXPECT_TRUE(c.ok());
    VerificationReport report = testing::VerifyAsPublished(*registry_, c->credential_json, now_);
    EXPECT_TRUE(report.verified) << report.reason;
    return report.state;
  }

  Assessment assessment_;
  Certificate old_;
};

TEST_F(ReplacementTest, TheApprovalIssuesTheCorrectedCertificateAndRevokesTheOldOneInOneStep) {
  Assessment corrected = CorrectedAssessment();
  auto proposed = ProposeReplacement("Aktenzeichen des Beirats falsch", corrected.id);
  ASSERT_TRUE(proposed.ok()) << proposed.message();
  EXPECT_EQ(proposed->replaces, old_.id);
  // The old period, unless the proposal says otherwise.
  EXPECT_EQ(proposed->valid_from, old_.valid_from);
  EXPECT_EQ(proposed->valid_until, old_.valid_until);
  // Nothing changes before the approval.
  EXPECT_EQ(Verified(old_.id), CredentialState::kValid);
  EXPECT_EQ(registry_->certificates().SearchCertificates({})->total, 1);
  // Four eyes: the proposer cannot approve.
  EXPECT_EQ(
      registry_->workflow().ApproveProposal(proposed->id, "anna", Actor{"admin:anna"}).error().code,
      ErrorCode::kRefused);
  EXPECT_EQ(Verified(old_.id), CredentialState::kValid);

  auto replacement = registry_->workflow().ApproveProposal(proposed->id, "ben", Actor{"admin:ben"});
  ASSERT_TRUE(replacement.ok()) << replacement.message();
  EXPECT_NE(replacement->id, old_.id);
  EXPECT_EQ(replacement->supersedes, old_.id);
  EXPECT_EQ(replacement->board_decision_ref, "Beirat 2026/4");
  EXPECT_EQ(replacement->valid_from, old_.valid_from);
  EXPECT_EQ(replacement->valid_until, old_.valid_until);
  Certificate old = *registry_->certificates().GetCertificate(old_.id);
  EXPECT_EQ(old.revocation_reason, "superseded: " + replacement->id);
  EXPECT_EQ(old.superseded_by, replacement->id);
  // What a verifier sees with only what the registry publishes: the old one revoked, the new
  // one valid, and the new credential naming the old one.
  EXPECT_EQ(Verified(old_.id), CredentialState::kRevoked);
  EXPECT_EQ(Verified(replacement->id), CredentialState::kValid);
  Json credential = Json::parse(replacement->credential_json);
  EXPECT_NE(credential.dump().find(old_.id), std::string::npos);
  auto history = registry_->certificates().StatusHistory(replacement->id);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->front().reason, "replaces " + old_.id);
}

TEST_F(ReplacementTest, AReplacementNeedsANoteAndAReplaceableCertificate) {
  auto silent = ProposeReplacement("  ");
  ASSERT_FALSE(silent.ok());
  EXPECT_EQ(silent.message(),
            "a replacement needs a note saying what was wrong with certificate " + old_.id);
  EXPECT_EQ(silent.error().field, "note");

  ASSERT_TRUE(registry_->lifecycle().Suspend(old_.id, "review", kCli).ok());
  auto suspended = ProposeReplacement("wrong name");
  EXPECT_EQ(suspended.message(), "certificate " + old_.id +
                                     " is suspended; reinstate it before replacing it, or "
                                     "revoke it");
  ASSERT_TRUE(registry_->lifecycle().Revoke(old_.id, "issued in error", kCli).ok());
  auto revoked = ProposeReplacement("wrong name");
  EXPECT_EQ(revoked.error().code, ErrorCode::kRefused);
  EXPECT_EQ(revoked.message(), "certificate " + old_.id +
                                   " is revoked; a revoked certificate is not replaced, a new "
                                   "label needs a new proposal");
}

TEST_F(ReplacementTest, OneOpenReplacementAtATimeAndNoneOfACertificateAlreadyReplaced) {
  auto first = ProposeReplacement("wrong legal entity");
  ASSERT_TRUE(first.ok()) << first.message();
  auto second = ProposeReplacement("wrong legal entity", CorrectedAssessment().id);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, ErrorCode::kConflict);
  EXPECT_EQ(second.message(), "proposal " + std::to_string(first->id) + " to replace certificate " +
                                  old_.id + " is still open; decide it first");
  auto replacement = registry_->workflow().ApproveProposal(first->id, "ben", Actor{"admin:ben"});
  ASSERT_TRUE(replacement.ok()) << replacement.message();
  auto again = ProposeReplacement("still wrong", CorrectedAssessment().id);
  ASSERT_FALSE(again.ok());
  // Revoked by its replacement: correct the new one instead.
  EXPECT_EQ(again.error().code, ErrorCode::kRefused);
}

TEST_F(ReplacementTest, ACertificateRevokedWhileTheProposalWaitedIsNotReplaced) {
  auto proposed = ProposeReplacement("wrong level");
  ASSERT_TRUE(proposed.ok());
  ASSERT_TRUE(registry_->lifecycle().Revoke(old_.id, "assessment withdrawn", kCli).ok());
  auto approval = registry_->workflow().ApproveProposal(proposed->id, "ben", Actor{"admin:ben"});
  ASSERT_FALSE(approval.ok());
  EXPECT_NE(approval.message().find("is revoked"), std::string::npos) << approval.message();
  EXPECT_EQ(registry_->certificates().SearchCertificates({})->total, 1) << "nothing was issued";
  EXPECT_TRUE(registry_->workflow().GetProposal(proposed->id)->decision.empty());
}

TEST_F(ReplacementTest, ARejectedReplacementLeavesTheCertificateAsItWas) {
  auto proposed = ProposeReplacement("wrong level");
  ASSERT_TRUE(proposed.ok());
  ASSERT_TRUE(registry_->workflow()
                  .RejectProposal(proposed->id, "ben", "not wrong", Actor{"admin:ben"})
                  .ok());
  EXPECT_EQ(Verified(old_.id), CredentialState::kValid);
  EXPECT_TRUE(registry_->certificates().GetCertificate(old_.id)->superseded_by.empty());
}

TEST(RevocationReasonTest, SupersededIsReadBackButNeverChosenByHand) {
  auto recorded = ParseRevocationStatement("superseded: CEBW-2026-0013");
  ASSERT_TRUE(recorded.has_value());
  EXPECT_EQ(recorded->reason, RevocationReason::kSuperseded);
  EXPECT_EQ(recorded->rest, ": CEBW-2026-0013");
  EXPECT_FALSE(RevocationStatement("superseded", "CEBW-2026-0013").ok());
}

}  // namespace
}  // namespace siegel
