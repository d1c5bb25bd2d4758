// Staff accounts, sessions, API tokens and the four-eyes workflow on a real data directory.
#include "registry/staff.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "registry/password.h"
#include "registry/registry.h"
#include "registry/secret_token.h"
#include "tests/registry/staff_fixture.h"

namespace siegel {
namespace {

TEST(PasswordTest, Argon2idHashVerifiesOnlyTheRightPassword) {
  auto hash = HashPassword(kPassword);
  ASSERT_TRUE(hash.ok()) << hash.message();
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyPassword(kPassword, *hash));
  EXPECT_FALSE(VerifyPassword("correct horse 43", *hash));
  EXPECT_FALSE(VerifyPassword(kPassword, "$argon2id$garbage"));
  EXPECT_NE(*HashPassword(kPassword), *hash) << "every hash has its own salt";
}

TEST(PasswordTest, PolicyRefusesShortAndOneClassPasswords) {
  EXPECT_EQ(CheckPasswordPolicy("short1A").message(),
            "the password must have at least 12 characters");
  EXPECT_FALSE(CheckPasswordPolicy("aaaaaaaaaaaaaaaa").ok());
  EXPECT_TRUE(CheckPasswordPolicy("aaaaaaaaaaaaaaa1").ok());
}

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
  }
  auto other = RevocationStatement("other", "");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.message(), "a revocation for another reason needs a note saying which");
  auto unknown = RevocationStatement("fraud", "");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.message(),
            "reasonCode must be one of assessment_withdrawn, initiative_dissolved, "
            "issued_in_error, key_compromise, other");
}

TEST(SecretTokenTest, TokensAreRandomAndStoredAsHashes) {
  auto a = NewSecretToken("sgl_"), b = NewSecretToken("sgl_");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_EQ(a->rfind("sgl_", 0), 0u);
  EXPECT_EQ(a->size(), 4u + 43u);
  EXPECT_EQ(SecretTokenHash(*a).size(), 64u);
  EXPECT_NE(CsrfTokenFor(*a), CsrfTokenFor(*b));
  EXPECT_EQ(CsrfTokenFor(*a), CsrfTokenFor(*a));
}

TEST_F(StaffTest, PasswordCheckGivesOneMessageForEveryFailure) {
  EXPECT_TRUE(registry_->CheckPassword("anna", kPassword).ok());
  std::string wrong = registry_->CheckPassword("anna", "wrong password 1").message();
  std::string unknown = registry_->CheckPassword("nobody", kPassword).message();
  ASSERT_TRUE(registry_->DisableUser("vera", kCli).ok());
  std::string disabled = registry_->CheckPassword("vera", kPassword).message();
  EXPECT_EQ(wrong, "the user name or the password is wrong");
  EXPECT_EQ(unknown, wrong);
  EXPECT_EQ(disabled, wrong);
}

TEST_F(StaffTest, BadAccountInputIsRefusedAndChangesNothing) {
  EXPECT_FALSE(registry_->AddUser(User("Anna Upper", "x", Role::kViewer), kPassword, kCli).ok());
  EXPECT_FALSE(registry_->AddUser(User("carl", "Carl", Role::kViewer), "short", kCli).ok());
  EXPECT_EQ(registry_->AddUser(User("anna", "Again", Role::kAdmin), kPassword, kCli).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(registry_->GetUser("anna")->role, Role::kIssuer);
  EXPECT_EQ(registry_->ListUsers()->size(), 4u);
}

TEST_F(StaffTest, SessionsEndOnSignOutExpiryDisableAndPasswordReset) {
  auto session = registry_->StartSession("anna", 3600);
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(registry_->SessionPrincipal(*session)->actor_name, "admin:anna");
  now_ += 3601;
  EXPECT_FALSE(registry_->SessionPrincipal(*session).ok()) << "expired";

  auto second = registry_->StartSession("anna", 3600);
  ASSERT_TRUE(registry_->EndSession(*second).ok());
  EXPECT_FALSE(registry_->SessionPrincipal(*second).ok()) << "signed out";

  auto third = registry_->StartSession("anna", 3600);
  now_ += 10;
  ASSERT_TRUE(registry_->ResetPassword("anna", "another secret 7", kCli).ok());
  EXPECT_FALSE(registry_->SessionPrincipal(*third).ok()) << "password reset";
  EXPECT_FALSE(registry_->CheckPassword("anna", kPassword).ok());
  EXPECT_TRUE(registry_->CheckPassword("anna", "another secret 7").ok());

  auto fourth = registry_->StartSession("ben", 3600);
  ASSERT_TRUE(registry_->DisableUser("ben", kCli).ok());
  EXPECT_FALSE(registry_->SessionPrincipal(*fourth).ok()) << "disabled";
  EXPECT_FALSE(registry_->SessionPrincipal("made-up").ok());
}

TEST_F(StaffTest, ApiTokensCarryAtMostTheCreatorsRoleAndCanBeRevoked) {
  Principal anna = SignIn("anna");
  EXPECT_EQ(registry_->CreateApiToken("ci", Role::kAdmin, now_ + 86400, anna).error().code,
            ErrorCode::kRefused);
  EXPECT_FALSE(registry_->CreateApiToken("ci", Role::kViewer, now_ - 1, anna).ok());
  EXPECT_FALSE(registry_->CreateApiToken("ci", Role::kViewer, now_ + 400 * 86400, anna).ok());
  auto token = registry_->CreateApiToken("ci export", Role::kEditor, now_ + 86400, anna);
  ASSERT_TRUE(token.ok()) << token.message();
  auto principal = registry_->TokenPrincipal(token->token);
  ASSERT_TRUE(principal.ok()) << principal.message();
  EXPECT_EQ(principal->role, Role::kEditor);
  EXPECT_EQ(principal->username, "anna");
  EXPECT_TRUE(principal->via_token);
  EXPECT_EQ(registry_->CreateApiToken("chain", Role::kViewer, now_ + 60, *principal).error().code,
            ErrorCode::kRefused);

  ASSERT_TRUE(registry_->RevokeApiToken(token->record.id, kCli).ok());
  EXPECT_FALSE(registry_->TokenPrincipal(token->token).ok());
  EXPECT_EQ(registry_->RevokeApiToken(token->record.id, kCli).error().code, ErrorCode::kRefused);

  auto expiring = registry_->CreateApiToken("short", Role::kViewer, now_ + 60, anna);
  now_ += 61;
  EXPECT_FALSE(registry_->TokenPrincipal(expiring->token).ok()) << "expired";
}

TEST_F(StaffTest, NoSecretIsStoredInClear) {
  auto session = registry_->StartSession("anna", 3600);
  auto token = registry_->CreateApiToken("ci", Role::kViewer, now_ + 86400, SignIn("anna"));
  ASSERT_TRUE(session.ok() && token.ok());
  std::string stored = DatabaseText();
  EXPECT_EQ(stored.find(kPassword), std::string::npos);
  EXPECT_EQ(stored.find(*session), std::string::npos);
  EXPECT_EQ(stored.find(token->token), std::string::npos);
  EXPECT_NE(stored.find(SecretTokenHash(token->token)), std::string::npos);
}

TEST_F(StaffTest, FourEyesProposerCannotApproveItsOwnProposal) {
  Assessment assessment = RecordAssessment();
  Proposal proposal = ProposeBy("anna", assessment.id);
  EXPECT_TRUE(registry_->SearchCertificates({})->total == 0) << "nothing is signed on proposal";
  auto own = registry_->ApproveProposal(proposal.id, "anna", Actor{"admin:anna"});
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().code, ErrorCode::kRefused);
  EXPECT_NE(own.message().find("four-eyes"), std::string::npos) << own.message();
  EXPECT_TRUE(registry_->SearchCertificates({})->total == 0);
  EXPECT_TRUE(registry_->GetProposal(proposal.id)->decision.empty());

  auto approved = registry_->ApproveProposal(proposal.id, "ben", Actor{"admin:ben"});
  ASSERT_TRUE(approved.ok()) << approved.message();
  EXPECT_EQ(approved->assessor, "VDI/VDE-IT");
  EXPECT_EQ(approved->board_decision_ref, "Beirat 2026/3");
  EXPECT_EQ(approved->valid_until, "2028-03-01T00:00:00Z");
  EXPECT_EQ(registry_->StatusOf(approved->id, now_).value(), CertificateStatus::kValid);
  Proposal decided = *registry_->GetProposal(proposal.id);
  EXPECT_EQ(decided.decision, "approved");
  EXPECT_EQ(decided.certificate_id, approved->id);
  EXPECT_EQ(registry_->ApproveProposal(proposal.id, "ben", Actor{"admin:ben"}).error().code,
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
  EXPECT_TRUE(registry_->ApproveProposal(proposal.id, "anna", Actor{"admin:anna"}).ok());
}

TEST_F(StaffTest, ProposalThatCouldNotBeSignedIsRefusedAtOnce) {
  Assessment assessment = RecordAssessment();
  Proposal bad;
  bad.assessment_id = assessment.id;
  bad.valid_from = "2026-03-01";
  bad.valid_until = "2040-03-01";
  bad.proposed_by = "anna";
  auto refused = registry_->Propose(bad, Actor{"admin:anna"});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("not plausible"), std::string::npos) << refused.message();
  bad.valid_until = "2026-01-01";
  EXPECT_EQ(registry_->Propose(bad, Actor{"admin:anna"}).message(),
            "the validity must end after it starts");
  EXPECT_TRUE(registry_->ListProposals(false)->empty());
  EXPECT_TRUE(registry_->SearchCertificates({})->total == 0) << "the dry run left nothing behind";

  Proposal first = ProposeBy("anna", assessment.id);
  Proposal twice = first;
  EXPECT_EQ(registry_->Propose(twice, Actor{"admin:anna"}).error().code, ErrorCode::kConflict);
}

TEST_F(StaffTest, RejectionNeedsAReasonAndIsFinal) {
  Proposal proposal = ProposeBy("anna", RecordAssessment().id);
  EXPECT_FALSE(registry_->RejectProposal(proposal.id, "ben", "", Actor{"admin:ben"}).ok());
  ASSERT_TRUE(
      registry_->RejectProposal(proposal.id, "ben", "board minutes missing", Actor{"admin:ben"})
          .ok());
  EXPECT_EQ(registry_->GetProposal(proposal.id)->decision, "rejected");
  EXPECT_FALSE(registry_->ApproveProposal(proposal.id, "ben", Actor{"admin:ben"}).ok());
  EXPECT_TRUE(registry_->ListProposals(true)->empty());
}

TEST_F(StaffTest, RenewalProposalSupersedesTheOldCertificate) {
  Proposal first = ProposeBy("anna", RecordAssessment().id);
  auto old = registry_->ApproveProposal(first.id, "ben", Actor{"admin:ben"});
  ASSERT_TRUE(old.ok()) << old.message();
  now_ = *ParseDateTimeStamp("2027-12-01T10:00:00Z");
  Assessment again = RecordAssessment();
  Proposal renewal;
  renewal.assessment_id = again.id;
  renewal.renews = old->id;
  renewal.valid_from = "2028-03-01";
  renewal.valid_until = "2030-03-01";
  renewal.proposed_by = "ben";
  auto proposed = registry_->Propose(renewal, Actor{"admin:ben"});
  ASSERT_TRUE(proposed.ok()) << proposed.message();
  auto renewed = registry_->ApproveProposal(proposed->id, "anna", Actor{"admin:anna"});
  ASSERT_TRUE(renewed.ok()) << renewed.message();
  EXPECT_EQ(renewed->supersedes, old->id);
  EXPECT_EQ(registry_->GetCertificate(old->id)->superseded_by, renewed->id);
}

TEST_F(StaffTest, InitiativeEditKeepsBeforeAndAfterInTheAuditTrail) {
  Initiative changed = *registry_->GetInitiative("microtec-suedwest");
  changed.name = "microTEC Südwest (neu)";
  changed.technology_fields = {"Microsystems technology"};
  ASSERT_TRUE(registry_->UpdateInitiative(changed, Actor{"admin:anna"}).ok());
  EXPECT_EQ(registry_->GetInitiative("microtec-suedwest")->name, "microTEC Südwest (neu)");
  changed.website = "javascript:alert(1)";
  EXPECT_FALSE(registry_->UpdateInitiative(changed, Actor{"admin:anna"}).ok());
  AuditFilter filter;
  filter.action = "initiative.edit";
  auto log = registry_->AuditLog(filter);
  ASSERT_TRUE(log.ok()) << log.message();
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ((*log)[0].actor, "admin:anna");
  EXPECT_NE((*log)[0].before_json.find("\"microTEC Südwest\""), std::string::npos);
  EXPECT_NE((*log)[0].after_json.find("(neu)"), std::string::npos);
}

TEST_F(StaffTest, AuditLogFiltersByActorActionSubjectAndDate) {
  Proposal proposal = ProposeBy("anna", RecordAssessment().id);
  ASSERT_TRUE(registry_->ApproveProposal(proposal.id, "ben", Actor{"admin:ben"}).ok());
  AuditFilter by_actor;
  by_actor.actor = "ben";
  auto ben = registry_->AuditLog(by_actor);
  ASSERT_TRUE(ben.ok());
  for (const auto& r : *ben) EXPECT_NE(r.actor.find("ben"), std::string::npos) << r.actor;
  AuditFilter by_action;
  by_action.action = "proposal.";
  EXPECT_EQ(registry_->AuditLog(by_action)->size(), 2u);
  AuditFilter by_date;
  by_date.from = "2026-03-02";  // the registry's creation ran on the real clock, in the future
  by_date.to = "2026-03-31";
  EXPECT_TRUE(registry_->AuditLog(by_date)->empty());
  by_date.from = "2026-03-01";
  by_date.to = "2026-03-01";
  EXPECT_FALSE(registry_->AuditLog(by_date)->empty());
  AuditFilter bad;
  bad.from = "yesterday";
  EXPECT_FALSE(registry_->AuditLog(bad).ok());
}

TEST_F(StaffTest, ExpiringCertificatesAreListedSoonestFirst) {
  Proposal proposal = ProposeBy("anna", RecordAssessment().id);
  auto certificate = registry_->ApproveProposal(proposal.id, "ben", Actor{"admin:ben"});
  ASSERT_TRUE(certificate.ok());
  EXPECT_TRUE(registry_->ExpiringCertificates(180)->empty());
  now_ = *ParseDateTimeStamp("2027-12-01T00:00:00Z");
  ASSERT_EQ(registry_->ExpiringCertificates(180)->size(), 1u);
  EXPECT_TRUE(registry_->ExpiringCertificates(30)->empty());
  EXPECT_FALSE(registry_->ExpiringCertificates(0).ok());
}

}  // namespace
}  // namespace siegel
