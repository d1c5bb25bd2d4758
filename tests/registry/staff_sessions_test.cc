// Signing in: password hashes and policy, session cookies and API tokens, none stored in
// clear.
#include "registry/staff_sessions.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "registry/password.h"
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
  EXPECT_TRUE(registry_->sessions().CheckPassword("anna", kPassword).ok());
  std::string wrong = registry_->sessions().CheckPassword("anna", "wrong password 1").message();
  std::string unknown = registry_->sessions().CheckPassword("nobody", kPassword).message();
  ASSERT_TRUE(registry_->accounts().DisableUser("vera", kCli).ok());
  std::string disabled = registry_->sessions().CheckPassword("vera", kPassword).message();
  EXPECT_EQ(wrong, "the user name or the password is wrong");
  EXPECT_EQ(unknown, wrong);
  EXPECT_EQ(disabled, wrong);
}

TEST_F(StaffTest, SessionsEndOnSignOutExpiryDisableAndPasswordReset) {
  auto session = registry_->sessions().StartSession("anna", 3600);
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(registry_->sessions().SessionPrincipal(*session)->actor_name, "admin:anna");
  now_ += 3601;
  EXPECT_FALSE(registry_->sessions().SessionPrincipal(*session).ok()) << "expired";

  auto second = registry_->sessions().StartSession("anna", 3600);
  ASSERT_TRUE(registry_->sessions().EndSession(*second).ok());
  EXPECT_FALSE(registry_->sessions().SessionPrincipal(*second).ok()) << "signed out";

  auto third = registry_->sessions().StartSession("anna", 3600);
  now_ += 10;
  ASSERT_TRUE(registry_->accounts().ResetPassword("anna", "another secret 7", kCli).ok());
  EXPECT_FALSE(registry_->sessions().SessionPrincipal(*third).ok()) << "password reset";
  EXPECT_FALSE(registry_->sessions().CheckPassword("anna", kPassword).ok());
  EXPECT_TRUE(registry_->sessions().CheckPassword("anna", "another secret 7").ok());

  auto fourth = registry_->sessions().StartSession("ben", 3600);
  ASSERT_TRUE(registry_->accounts().DisableUser("ben", kCli).ok());
  EXPECT_FALSE(registry_->sessions().SessionPrincipal(*fourth).ok()) << "disabled";
  EXPECT_FALSE(registry_->sessions().SessionPrincipal("made-up").ok());
}

TEST_F(StaffTest, ApiTokensCarryAtMostTheCreatorsRoleAndCanBeRevoked) {
  Principal anna = SignIn("anna");
  EXPECT_EQ(
      registry_->sessions().CreateApiToken("ci", Role::kAdmin, now_ + 86400, anna).error().code,
      ErrorCode::kRefused);
  EXPECT_FALSE(registry_->sessions().CreateApiToken("ci", Role::kViewer, now_ - 1, anna).ok());
  EXPECT_FALSE(
      registry_->sessions().CreateApiToken("ci", Role::kViewer, now_ + 400 * 86400, anna).ok());
  auto token = registry_->sessions().CreateApiToken("ci export", Role::kEditor, now_ + 86400, anna);
  ASSERT_TRUE(token.ok()) << token.message();
  auto principal = registry_->sessions().TokenPrincipal(token->token);
  ASSERT_TRUE(principal.ok()) << principal.message();
  EXPECT_EQ(principal->role, Role::kEditor);
  EXPECT_EQ(principal->username, "anna");
  EXPECT_TRUE(principal->via_token);
  EXPECT_EQ(registry_->sessions()
                .CreateApiToken("chain", Role::kViewer, now_ + 60, *principal)
                .error()
                .code,
            ErrorCode::kRefused);

  ASSERT_TRUE(registry_->sessions().RevokeApiToken(token->record.id, kCli).ok());
  EXPECT_FALSE(registry_->sessions().TokenPrincipal(token->token).ok());
  EXPECT_EQ(registry_->sessions().RevokeApiToken(token->record.id, kCli).error().code,
            ErrorCode::kRefused);

  auto expiring = registry_->sessions().CreateApiToken("short", Role::kViewer, now_ + 60, anna);
  now_ += 61;
  EXPECT_FALSE(registry_->sessions().TokenPrincipal(expiring->token).ok()) << "expired";
}

TEST_F(StaffTest, NoSecretIsStoredInClear) {
  auto session = registry_->sessions().StartSession("anna", 3600);
  auto token =
      registry_->sessions().CreateApiToken("ci", Role::kViewer, now_ + 86400, SignIn("anna"));
  ASSERT_TRUE(session.ok() && token.ok());
  std::string stored = DatabaseText();
  EXPECT_EQ(stored.find(kPassword), std::string::npos);
  EXPECT_EQ(stored.find(*session), std::string::npos);
  EXPECT_EQ(stored.find(token->token), std::string::npos);
  EXPECT_NE(stored.find(SecretTokenHash(token->token)), std::string::npos);
}

}  // namespace
}  // namespace siegel
