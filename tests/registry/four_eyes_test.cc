// Four eyes that one person cannot defeat: administrator ada tries every way she has to
// approve her own proposal alone, and each is refused. Only a second person she does not
// control (eve, made by the operator) can approve.
#include "registry/registry.h"
#include "tests/registry/staff_fixture.h"

namespace siegel {
namespace {

class FourEyesTest : public StaffTest {
 protected:
  void SetUp() override {
    StaffTest::SetUp();
    // The operator sets the registry up with a second administrator.
    ASSERT_TRUE(registry_->AddUser(User("eve", "Eve Example", Role::kAdmin), kPassword, kCli).ok());
    proposal_ = ProposeBy("ada", RecordAssessment().id);
  }

  // A staff change proposed by `who`, expected to be accepted as a proposal.
  StaffChange ProposeChange(const std::string& kind, const std::string& subject, Role role,
                            const Principal& who, const std::string& password = "") {
    StaffChange change;
    change.kind = kind;
    change.subject = subject;
    change.role = role;
    change.display_name = subject + " Example";
    auto proposed = registry_->ProposeStaffChange(change, password, who.actor());
    EXPECT_TRUE(proposed.ok()) << proposed.message();
    return proposed.ok() ? *proposed : StaffChange{};
  }

  // ada's certificate proposal, approved by `who`: must be refused with `reason` and sign nothing.
  void ExpectApprovalRefused(const Principal& who, const std::string& reason) {
    auto approved = registry_->ApproveProposal(proposal_.id, who.username, who.actor());
    ASSERT_FALSE(approved.ok()) << who.username << " approved ada's proposal";
    EXPECT_EQ(approved.error().code, ErrorCode::kRefused);
    EXPECT_NE(approved.message().find(reason), std::string::npos) << approved.message();
    EXPECT_TRUE(registry_->SearchCertificates({})->total == 0);
    EXPECT_TRUE(registry_->GetProposal(proposal_.id)->decision.empty());
  }

  Proposal proposal_;
};

TEST_F(FourEyesTest, TheProposerHerselfIsRefusedBySessionAndByToken) {
  ExpectApprovalRefused(SignIn("ada"), "cannot also approve");
  auto token = registry_->CreateApiToken("robot", Role::kIssuer, now_ + 3600, SignIn("ada"));
  ASSERT_TRUE(token.ok()) << token.message();
  Principal robot = registry_->TokenPrincipal(token->token).value();
  EXPECT_EQ(robot.actor().who(), "ada") << "a token acts for the person who made it";
  ExpectApprovalRefused(robot, "cannot also approve");
}

TEST_F(FourEyesTest, ASecondAccountOfTheProposerIsRefused) {
  Principal ada = SignIn("ada");
  // Directly: refused, the role issuer needs a second administrator.
  auto direct =
      registry_->AddUser(User("alice2", "Alice Zwei", Role::kIssuer), kPassword, ada.actor());
  ASSERT_FALSE(direct.ok());
  EXPECT_NE(direct.message().find("second administrator"), std::string::npos) << direct.message();
  EXPECT_FALSE(registry_->GetUser("alice2").ok());

  StaffChange add = ProposeChange("user.add", "alice2", Role::kIssuer, ada, "alice2 secret 99");
  EXPECT_FALSE(registry_->GetUser("alice2").ok()) << "nothing until approved";
  auto self = registry_->ApproveStaffChange(add.id, ada.actor());
  ASSERT_FALSE(self.ok());
  EXPECT_NE(self.message().find("cannot also approve"), std::string::npos) << self.message();
  // eve approves the account (she may not know why ada wants it) ...
  ASSERT_TRUE(registry_->ApproveStaffChange(add.id, SignIn("eve").actor()).ok());
  StaffUser alice2 = registry_->GetUser("alice2").value();
  EXPECT_EQ(alice2.created_by, "ada");
  EXPECT_EQ(alice2.password_set_by, "ada");
  ASSERT_TRUE(registry_->CheckPassword("alice2", "alice2 secret 99").ok());
  // ... but ada, signed in as alice2, is still ada.
  ExpectApprovalRefused(SignIn("alice2"), "ada created the account alice2");
}

TEST_F(FourEyesTest, AnAccountWhoseRoleTheProposerRaisedIsRefused) {
  Principal ada = SignIn("ada");
  auto direct = registry_->ChangeRole("vera", Role::kIssuer, ada.actor());
  ASSERT_FALSE(direct.ok());
  EXPECT_EQ(registry_->GetUser("vera")->role, Role::kViewer);
  StaffChange raise = ProposeChange("user.role", "vera", Role::kIssuer, ada);
  ASSERT_TRUE(registry_->ApproveStaffChange(raise.id, SignIn("eve").actor()).ok());
  EXPECT_EQ(registry_->GetUser("vera")->role, Role::kIssuer);
  ExpectApprovalRefused(SignIn("vera"), "ada gave the role of the account vera");
}

TEST_F(FourEyesTest, AnAccountWhosePasswordTheProposerSetIsRefused) {
  ASSERT_TRUE(registry_->ResetPassword("ben", "ben new secret 1", SignIn("ada").actor()).ok());
  ExpectApprovalRefused(SignIn("ben"), "ada set the password of the account ben");
  // Once ben chooses his own password through the operator, his approval counts again.
  ASSERT_TRUE(registry_->ResetPassword("ben", "ben own secret 2", kCli).ok());
  auto approved = registry_->ApproveProposal(proposal_.id, "ben", SignIn("ben").actor());
  ASSERT_TRUE(approved.ok()) << approved.message();
}

TEST_F(FourEyesTest, SwitchingTheRuleOffNeedsASecondAdministrator) {
  Principal ada = SignIn("ada");
  auto alone = registry_->SetFourEyes("ce-bw", false, ada.actor());
  ASSERT_FALSE(alone.ok());
  EXPECT_EQ(alone.error().code, ErrorCode::kRefused);
  EXPECT_TRUE(registry_->FourEyesRequired("ce-bw").value());
  EXPECT_FALSE(registry_->SetFourEyes("ce-bw", false, kCli).ok()) << "the shell obeys it too";

  StaffChange off = ProposeChange("programme.four_eyes_off", "ce-bw", Role::kViewer, ada);
  EXPECT_FALSE(registry_->ApproveStaffChange(off.id, ada.actor()).ok());
  // An issuer is not enough: staff changes need an administrator.
  auto issuer = registry_->ApproveStaffChange(off.id, SignIn("anna").actor());
  ASSERT_FALSE(issuer.ok());
  EXPECT_NE(issuer.message().find("role admin"), std::string::npos) << issuer.message();
  EXPECT_TRUE(registry_->FourEyesRequired("ce-bw").value());
  ExpectApprovalRefused(ada, "cannot also approve");

  auto approved = registry_->ApproveStaffChange(off.id, SignIn("eve").actor());
  ASSERT_TRUE(approved.ok()) << approved.message();
  EXPECT_EQ(approved->decided_by, "eve");
  EXPECT_FALSE(registry_->FourEyesRequired("ce-bw").value());
  EXPECT_EQ(registry_->ApproveStaffChange(off.id, SignIn("eve").actor()).error().code,
            ErrorCode::kRefused)
      << "a decided change stays decided";
}

TEST_F(FourEyesTest, TheCommandLineCannotSignAloneWhileTheProgrammeNeedsFourEyes) {
  IssueRequest request;
  request.initiative_slug = "microtec-suedwest";
  auto alone = registry_->Issue(request, kCli);
  ASSERT_FALSE(alone.ok());
  EXPECT_EQ(alone.error().code, ErrorCode::kRefused);
  EXPECT_NE(alone.message().find("four-eyes principle"), std::string::npos) << alone.message();
  EXPECT_TRUE(registry_->SearchCertificates({})->total == 0);
  // The operator may be the second person for a staff account's proposal, never for its own.
  StaffChange mine;
  mine.kind = "user.role";
  mine.subject = "vera";
  mine.role = Role::kIssuer;
  auto proposed = registry_->ProposeStaffChange(mine, "", kCli);
  ASSERT_TRUE(proposed.ok()) << proposed.message();
  EXPECT_FALSE(registry_->ApproveStaffChange(proposed->id, kCli).ok());
}

TEST_F(FourEyesTest, TheShellGivesHighRolesOnlyWhileSettingUp) {
  // ada and eve are two active administrators now: the setup is over.
  auto third = registry_->AddUser(User("otto", "Otto Example", Role::kAdmin), kPassword, kCli);
  ASSERT_FALSE(third.ok());
  EXPECT_NE(third.message().find("second administrator"), std::string::npos) << third.message();
  auto issuer = registry_->AddUser(User("otto", "Otto Example", Role::kIssuer), kPassword, kCli);
  EXPECT_FALSE(issuer.ok());
  EXPECT_TRUE(registry_->AddUser(User("otto", "Otto Example", Role::kEditor), kPassword, kCli).ok())
      << "roles below issuer need no second person";
  EXPECT_FALSE(registry_->ChangeRole("otto", Role::kIssuer, kCli).ok());
  EXPECT_TRUE(registry_->ChangeRole("anna", Role::kViewer, SignIn("ada").actor()).ok())
      << "lowering a role needs no second person";
}

TEST_F(FourEyesTest, TokensEndWhenTheRoleChangesOrThePasswordIsReset) {
  auto anna = registry_->CreateApiToken("ci", Role::kIssuer, now_ + 86400, SignIn("anna"));
  auto ben = registry_->CreateApiToken("ci", Role::kViewer, now_ + 86400, SignIn("ben"));
  ASSERT_TRUE(anna.ok() && ben.ok());
  ASSERT_TRUE(registry_->ChangeRole("anna", Role::kEditor, SignIn("ada").actor()).ok());
  EXPECT_FALSE(registry_->TokenPrincipal(anna->token).ok()) << "role changed";
  ASSERT_TRUE(registry_->TokenPrincipal(ben->token).ok());
  ASSERT_TRUE(registry_->ResetPassword("ben", "ben new secret 1", kCli).ok());
  EXPECT_FALSE(registry_->TokenPrincipal(ben->token).ok()) << "password reset";
}

TEST_F(FourEyesTest, TheAuditTrailNamesBothPeople) {
  auto approved = registry_->ApproveProposal(proposal_.id, "eve", SignIn("eve").actor());
  ASSERT_TRUE(approved.ok()) << approved.message();
  AuditFilter filter;
  filter.action = "proposal.approve";
  auto events = registry_->AuditLog(filter);
  ASSERT_TRUE(events.ok()) << events.message();
  ASSERT_EQ(events->size(), 1u);
  Json after = Json::parse((*events)[0].after_json);
  EXPECT_EQ(after["proposedBy"], "ada");
  EXPECT_EQ(after["decidedBy"], "eve");

  StaffChange raise = ProposeChange("user.role", "vera", Role::kIssuer, SignIn("ada"));
  ASSERT_TRUE(registry_->ApproveStaffChange(raise.id, SignIn("eve").actor()).ok());
  filter.action = "staff_change.approve";
  events = registry_->AuditLog(filter);
  ASSERT_EQ(events->size(), 1u);
  after = Json::parse((*events)[0].after_json);
  EXPECT_EQ(after["proposedBy"], "ada");
  EXPECT_EQ(after["decidedBy"], "eve");
  EXPECT_EQ((*events)[0].after_json.find("argon2"), std::string::npos);
}

}  // namespace
}  // namespace siegel
