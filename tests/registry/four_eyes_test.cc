// Four eyes that one person cannot defeat: administrator ada tries every way she has to
// approve her own proposal alone, and each is refused. Only a second person she does not
// control (eve, made by the operator) can approve.
#include "registry/registry.h"
#include "tests/registry/staff_fixture.h"

namespace siegel {
namespace {

TEST_F(FourEyesTest, TheProposerHerselfIsRefusedBySessionAndByToken) {
  ExpectApprovalRefused(SignIn("ada"), "cannot also approve");
  auto token =
      registry_->sessions().CreateApiToken("robot", Role::kIssuer, now_ + 3600, SignIn("ada"));
  ASSERT_TRUE(token.ok()) << token.message();
  Principal robot = registry_->sessions().TokenPrincipal(token->token).value();
  EXPECT_EQ(robot.actor().who(), "ada") << "a token acts for the person who made it";
  ExpectApprovalRefused(robot, "cannot also approve");
}

TEST_F(FourEyesTest, ASecondAccountOfTheProposerIsRefused) {
  Principal ada = SignIn("ada");
  // Directly: refused, the role issuer needs a second administrator.
  auto direct = registry_->accounts().AddUser(User("alice2", "Alice Zwei", Role::kIssuer),
                                              kPassword, ada.actor());
  ASSERT_FALSE(direct.ok());
  EXPECT_NE(direct.message().find("second administrator"), std::string::npos) << direct.message();
  EXPECT_FALSE(registry_->accounts().GetUser("alice2").ok());

  StaffChange add = ProposeChange("user.add", "alice2", Role::kIssuer, ada, "alice2 secret 99");
  EXPECT_FALSE(registry_->accounts().GetUser("alice2").ok()) << "nothing until approved";
  auto self = registry_->accounts().ApproveStaffChange(add.id, ada.actor());
  ASSERT_FALSE(self.ok());
  EXPECT_NE(self.message().find("cannot also approve"), std::string::npos) << self.message();
  // eve approves the account (she may not know why ada wants it) ...
  ASSERT_TRUE(registry_->accounts().ApproveStaffChange(add.id, SignIn("eve").actor()).ok());
  StaffUser alice2 = registry_->accounts().GetUser("alice2").value();
  EXPECT_EQ(alice2.created_by, "ada");
  EXPECT_EQ(alice2.password_set_by, "ada");
  ASSERT_TRUE(registry_->sessions().CheckPassword("alice2", "alice2 secret 99").ok());
  // ... but ada, signed in as alice2, is still ada.
  ExpectApprovalRefused(SignIn("alice2"), "ada created the account alice2");
}

TEST_F(FourEyesTest, AnAccountWhoseRoleTheProposerRaisedIsRefused) {
  Principal ada = SignIn("ada");
  auto direct = registry_->accounts().ChangeRole("vera", Role::kIssuer, ada.actor());
  ASSERT_FALSE(direct.ok());
  EXPECT_EQ(registry_->accounts().GetUser("vera")->role, Role::kViewer);
  StaffChange raise = ProposeChange("user.role", "vera", Role::kIssuer, ada);
  ASSERT_TRUE(registry_->accounts().ApproveStaffChange(raise.id, SignIn("eve").actor()).ok());
  EXPECT_EQ(registry_->accounts().GetUser("vera")->role, Role::kIssuer);
  ExpectApprovalRefused(SignIn("vera"), "ada gave the role of the account vera");
}

TEST_F(FourEyesTest, AnAccountWhosePasswordTheProposerSetIsRefused) {
  ASSERT_TRUE(
      registry_->accounts().ResetPassword("ben", "ben new secret 1", SignIn("ada").actor()).ok());
  ExpectApprovalRefused(SignIn("ben"), "ada set the password of the account ben");
  // Once ben chooses his own password through the operator, his approval counts again.
  ASSERT_TRUE(registry_->accounts().ResetPassword("ben", "ben own secret 2", kCli).ok());
  auto approved = registry_->workflow().ApproveProposal(proposal_.id, "ben", SignIn("ben").actor());
  ASSERT_TRUE(approved.ok()) << approved.message();
}

TEST_F(FourEyesTest, TheCommandLineCannotSignAloneWhileTheProgrammeNeedsFourEyes) {
  IssueRequest request;
  request.initiative_slug = "microtec-suedwest";
  auto alone = registry_->lifecycle().Issue(request, kCli);
  ASSERT_FALSE(alone.ok());
  EXPECT_EQ(alone.error().code, ErrorCode::kRefused);
  EXPECT_NE(alone.message().find("four-eyes principle"), std::string::npos) << alone.message();
  EXPECT_TRUE(registry_->certificates().SearchCertificates({})->total == 0);
  // The operator may be the second person for a staff account's proposal, never for its own.
  StaffChange mine;
  mine.kind = "user.role";
  mine.subject = "vera";
  mine.role = Role::kIssuer;
  auto proposed = registry_->accounts().ProposeStaffChange(mine, "", kCli);
  ASSERT_TRUE(proposed.ok()) << proposed.message();
  EXPECT_FALSE(registry_->accounts().ApproveStaffChange(proposed->id, kCli).ok());
}

TEST_F(FourEyesTest, TheAuditTrailNamesBothPeople) {
  auto approved = registry_->workflow().ApproveProposal(proposal_.id, "eve", SignIn("eve").actor());
  ASSERT_TRUE(approved.ok()) << approved.message();
  AuditFilter filter;
  filter.action = "proposal.approve";
  auto events = registry_->workflow().AuditLog(filter);
  ASSERT_TRUE(events.ok()) << events.message();
  ASSERT_EQ(events->size(), 1u);
  Json after = Json::parse((*events)[0].after_json);
  EXPECT_EQ(after["proposedBy"], "ada");
  EXPECT_EQ(after["decidedBy"], "eve");

  StaffChange raise = ProposeChange("user.role", "vera", Role::kIssuer, SignIn("ada"));
  ASSERT_TRUE(registry_->accounts().ApproveStaffChange(raise.id, SignIn("eve").actor()).ok());
  filter.action = "staff_change.approve";
  events = registry_->workflow().AuditLog(filter);
  ASSERT_EQ(events->size(), 1u);
  after = Json::parse((*events)[0].after_json);
  EXPECT_EQ(after["proposedBy"], "ada");
  EXPECT_EQ(after["decidedBy"], "eve");
  EXPECT_EQ((*events)[0].after_json.find("argon2"), std::string::npos);
}

}  // namespace
}  // namespace siegel
