// Staff accounts: bad input refused with nothing changed, and the roles and switches that need
// a second administrator.
#include "registry/staff_accounts.h"

#include "tests/registry/staff_fixture.h"

namespace siegel {
namespace {

TEST_F(StaffTest, BadAccountInputIsRefusedAndChangesNothing) {
  EXPECT_FALSE(
      registry_->accounts().AddUser(User("Anna Upper", "x", Role::kViewer), kPassword, kCli).ok());
  EXPECT_FALSE(
      registry_->accounts().AddUser(User("carl", "Carl", Role::kViewer), "short", kCli).ok());
  EXPECT_EQ(registry_->accounts()
                .AddUser(User("anna", "Again", Role::kAdmin), kPassword, kCli)
                .error()
                .code,
            ErrorCode::kConflict);
  EXPECT_EQ(registry_->accounts().GetUser("anna")->role, Role::kIssuer);
  EXPECT_EQ(registry_->accounts().ListUsers()->size(), 4u);
}

TEST_F(FourEyesTest, SwitchingTheRuleOffNeedsASecondAdministrator) {
  Principal ada = SignIn("ada");
  auto alone = registry_->accounts().SetFourEyes("ce-bw", false, ada.actor());
  ASSERT_FALSE(alone.ok());
  EXPECT_EQ(alone.error().code, ErrorCode::kRefused);
  EXPECT_TRUE(registry_->certificates().FourEyesRequired("ce-bw").value());
  EXPECT_FALSE(registry_->accounts().SetFourEyes("ce-bw", false, kCli).ok())
      << "the shell obeys it too";

  StaffChange off = ProposeChange("programme.four_eyes_off", "ce-bw", Role::kViewer, ada);
  EXPECT_FALSE(registry_->accounts().ApproveStaffChange(off.id, ada.actor()).ok());
  // An issuer is not enough: staff changes need an administrator.
  auto issuer = registry_->accounts().ApproveStaffChange(off.id, SignIn("anna").actor());
  ASSERT_FALSE(issuer.ok());
  EXPECT_NE(issuer.message().find("role admin"), std::string::npos) << issuer.message();
  EXPECT_TRUE(registry_->certificates().FourEyesRequired("ce-bw").value());
  ExpectApprovalRefused(ada, "cannot also approve");

  auto approved = registry_->accounts().ApproveStaffChange(off.id, SignIn("eve").actor());
  ASSERT_TRUE(approved.ok()) << approved.message();
  EXPECT_EQ(approved->decided_by, "eve");
  EXPECT_FALSE(registry_->certificates().FourEyesRequired("ce-bw").value());
  EXPECT_EQ(registry_->accounts().ApproveStaffChange(off.id, SignIn("eve").actor()).error().code,
            ErrorCode::kRefused)
      << "a decided change stays decided";
}

TEST_F(FourEyesTest, TheShellGivesHighRolesOnlyWhileSettingUp) {
  // ada and eve are two active administrators now: the setup is over.
  auto third =
      registry_->accounts().AddUser(User("otto", "Otto Example", Role::kAdmin), kPassword, kCli);
  ASSERT_FALSE(third.ok());
  EXPECT_NE(third.message().find("second administrator"), std::string::npos) << third.message();
  auto issuer =
      registry_->accounts().AddUser(User("otto", "Otto Example", Role::kIssuer), kPassword, kCli);
  EXPECT_FALSE(issuer.ok());
  EXPECT_TRUE(registry_->accounts()
                  .AddUser(User("otto", "Otto Example", Role::kEditor), kPassword, kCli)
                  .ok())
      << "roles below issuer need no second person";
  EXPECT_FALSE(registry_->accounts().ChangeRole("otto", Role::kIssuer, kCli).ok());
  EXPECT_TRUE(registry_->accounts().ChangeRole("anna", Role::kViewer, SignIn("ada").actor()).ok())
      << "lowering a role needs no second person";
}

TEST_F(FourEyesTest, TokensEndWhenTheRoleChangesOrThePasswordIsReset) {
  auto anna =
      registry_->sessions().CreateApiToken("ci", Role::kIssuer, now_ + 86400, SignIn("anna"));
  auto ben = registry_->sessions().CreateApiToken("ci", Role::kViewer, now_ + 86400, SignIn("ben"));
  ASSERT_TRUE(anna.ok() && ben.ok());
  ASSERT_TRUE(registry_->accounts().ChangeRole("anna", Role::kEditor, SignIn("ada").actor()).ok());
  EXPECT_FALSE(registry_->sessions().TokenPrincipal(anna->token).ok()) << "role changed";
  ASSERT_TRUE(registry_->sessions().TokenPrincipal(ben->token).ok());
  ASSERT_TRUE(registry_->accounts().ResetPassword("ben", "ben new secret 1", kCli).ok());
  EXPECT_FALSE(registry_->sessions().TokenPrincipal(ben->token).ok()) << "password reset";
}

}  // namespace
}  // namespace siegel
