// Issuer key rotation and compromise: old signatures keep verifying after a rotation, what a
// compromised key signed after the compromise fails, and re-issuing restores a valid label.
#include "registry/issuer_keys.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sys/stat.h>

#include "credential/verifier.h"
#include "registry/registry.h"
#include "tests/registry/issuance_from_registry.h"
#include "tests/registry/registry_fixture.h"
#include "tests/test_support.h"

namespace siegel {
namespace {

const Actor kAdmin{"admin:ada"};

class KeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitOptions options;
    options.four_eyes = false;  // one person signs, through Issue
    options.base_url = "https://labels.example.org";
    auto created = Registry::Create(dir_.path() / "data", options);
    ASSERT_TRUE(created.ok()) << created.message();
    registry_ = std::move(created).value();
    registry_->SetClockForTesting([this] { return now_; });
    for (const char* slug : {"alpha", "beta", "gamma"}) {
      Initiative initiative;
      initiative.slug = slug;
      initiative.name = std::string("Initiative ") + slug;
      ASSERT_TRUE(registry_->records().AddInitiative(initiative, kAdmin).ok());
    }
  }

  Certificate Issue(const std::string& slug) {
    IssueRequest request;
    request.initiative_slug = slug;
    auto issued = registry_->lifecycle().Issue(request, kAdmin);
    EXPECT_TRUE(issued.ok()) << issued.message();
    return *issued;
  }

  // Verifies with only what the registry publishes now.
  VerificationReport Verify(const std::string& id) {
    return testing::VerifyAsPublished(
        *registry_, registry_->certificates().GetCertificate(id)->credential_json, now_);
  }

  testing::TempDir dir_;
  std::unique_ptr<Registry> registry_;
  // The registry and its first key are created on the real clock; the test's clock runs on
  // from there.
  UnixSeconds now_ = NowUnixSeconds() + 60;
};

TEST_F(KeysTest, RotationKeepsOldCertificatesValidAndSignsNewOnesWithTheNewKey) {
  Certificate before = Issue("alpha");
  now_ += 3600;
  auto rotated = registry_->keys().RotateKey(kAdmin);
  ASSERT_TRUE(rotated.ok()) << rotated.message();
  EXPECT_EQ(rotated->key_id, "key-2");
  EXPECT_EQ(registry_->settings().active_key_id, "key-2");
  Certificate after = Issue("beta");
  EXPECT_EQ(after.key_id, "key-2");
  EXPECT_EQ(Verify(before.id).state, CredentialState::kValid) << Verify(before.id).reason;
  EXPECT_EQ(Verify(after.id).state, CredentialState::kValid) << Verify(after.id).reason;
  auto keys = registry_->keys().ListKeys();
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_FALSE((*keys)[0].retired_at.empty()) << "key-1 is retired";
  EXPECT_TRUE((*keys)[1].retired_at.empty());
  std::string list =
      *registry_->status_lists().StatusListCredential("ce-bw", StatusPurpose::kRevocation);
  EXPECT_NE(list.find("#key-2"), std::string::npos) << "status lists are signed with the new key";
  EXPECT_NE(registry_->keys().DidDocument()->dump().find("#key-1"), std::string::npos)
      << "the old key stays published";
}

TEST_F(KeysTest, AnotherProcessSignsWithTheRotatedKeyAtOnce) {
  auto other = Registry::Open(dir_.path() / "data");  // e.g. the running server
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(registry_->keys().RotateKey(kAdmin).ok());
  IssueRequest request;
  request.initiative_slug = "gamma";
  auto issued = (*other)->lifecycle().Issue(request, kAdmin);
  ASSERT_TRUE(issued.ok()) << issued.message();
  EXPECT_EQ(issued->key_id, "key-2");
}

TEST_F(KeysTest, WhatACompromisedKeySignedAfterTheCompromiseFailsAndCanBeReissued) {
  Certificate early = Issue("alpha");
  now_ += 86400;
  UnixSeconds compromise = now_;
  now_ += 3600;
  Certificate late = Issue("beta");
  now_ += 3600;
  auto affected = registry_->keys().MarkKeyCompromised("key-1", compromise, kAdmin);
  ASSERT_TRUE(affected.ok()) << affected.message();
  EXPECT_EQ(*affected, std::vector<std::string>{late.id});
  EXPECT_EQ(registry_->settings().active_key_id, "key-2") << "the active key was replaced";

  EXPECT_EQ(Verify(early.id).state, CredentialState::kValid) << Verify(early.id).reason;
  VerificationReport refused = Verify(late.id);
  EXPECT_EQ(refused.state, CredentialState::kInvalid);
  EXPECT_NE(refused.reason.find("compromised"), std::string::npos) << refused.reason;

  auto reissued = registry_->keys().ReissueCertificate(late.id, kAdmin);
  ASSERT_TRUE(reissued.ok()) << reissued.message();
  EXPECT_EQ(reissued->key_id, "key-2");
  EXPECT_EQ(reissued->supersedes, late.id);
  EXPECT_EQ(reissued->valid_until, late.valid_until);
  EXPECT_EQ(Verify(reissued->id).state, CredentialState::kValid) << Verify(reissued->id).reason;
  EXPECT_EQ(registry_->certificates().StatusOf(late.id, now_).value(), CertificateStatus::kRevoked);
  EXPECT_TRUE(
      registry_->keys().CertificatesSignedWith("key-1", FormatDateTimeStamp(compromise))->empty());
  EXPECT_EQ(registry_->keys().ReissueCertificate(reissued->id, kAdmin).error().code,
            ErrorCode::kRefused);
}

TEST_F(KeysTest, BadCompromiseRequestsAreRefusedAndChangeNothing) {
  EXPECT_EQ(registry_->keys().MarkKeyCompromised("key-9", now_, kAdmin).error().code,
            ErrorCode::kNotFound);
  EXPECT_FALSE(registry_->keys().MarkKeyCompromised("key-1", now_ + 60, kAdmin).ok()) << "future";
  EXPECT_EQ(registry_->settings().active_key_id, "key-1");
  EXPECT_TRUE(registry_->keys().ListKeys()->front().compromised_at.empty());
  ASSERT_TRUE(registry_->keys().MarkKeyCompromised("key-1", now_ - 60, kAdmin).ok());
  EXPECT_EQ(registry_->keys().MarkKeyCompromised("key-1", now_, kAdmin).error().code,
            ErrorCode::kRefused);
}

TEST_F(RegistryTest, KeyFileIsPrivateAndNeverInTheDatabase) {
  struct stat info;
  ASSERT_EQ(::stat((dir_.path() / "data/keys/key-1.pem").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);
  ASSERT_EQ(::stat((dir_.path() / "data").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 077, 0);
  std::string pem = testing::ReadFile(dir_.path() / "data/keys/key-1.pem");
  std::string body = pem.substr(pem.find('\n') + 1, 40);
  std::string database = testing::ReadFile(dir_.path() / "data/registry.db");
  EXPECT_EQ(database.find(body), std::string::npos);
  EXPECT_EQ(database.find("PRIVATE KEY"), std::string::npos);
  Json did = *registry_->keys().DidDocument();
  EXPECT_EQ(did.dump().find("\"d\""), std::string::npos);
}

TEST_F(RegistryTest, ReadableKeyFileIsRefused) {
  ::chmod((dir_.path() / "data/keys/key-1.pem").c_str(), 0644);
  auto reopened = Registry::Open(dir_.path() / "data");
  ASSERT_TRUE(reopened.ok());
  auto issued = (*reopened)->lifecycle().Issue(Request(), kStaff);
  ASSERT_FALSE(issued.ok());
  EXPECT_NE(issued.message().find("is readable by other users; run: chmod 600"), std::string::npos);
}

TEST_F(RegistryTest, EncryptedKeyNeedsThePassphrase) {
  testing::TempDir other;
  InitOptions options;
  options.four_eyes = false;  // one person signs, through Issue
  options.base_url = "https://labels.example.org";
  options.passphrase = "s3cret passphrase";
  auto created = Registry::Create(other.path() / "data", options);
  ASSERT_TRUE(created.ok()) << created.message();
  EXPECT_NE(testing::ReadFile(other.path() / "data/keys/key-1.pem").find("ENCRYPTED"),
            std::string::npos);
  auto reopened = Registry::Open(other.path() / "data");
  ASSERT_TRUE(reopened.ok());
  Initiative i;
  i.slug = "abc";
  i.name = "ABC";
  ASSERT_TRUE((*reopened)->records().AddInitiative(i, kStaff).ok());
  unsetenv("SIEGEL_KEY_PASSPHRASE");
  IssueRequest request;
  request.initiative_slug = "abc";
  auto refused = (*reopened)->lifecycle().Issue(request, kStaff);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("passphrase"), std::string::npos) << refused.message();
  setenv("SIEGEL_KEY_PASSPHRASE", "s3cret passphrase", 1);
  EXPECT_TRUE((*reopened)->lifecycle().Issue(request, kStaff).ok());
  unsetenv("SIEGEL_KEY_PASSPHRASE");
}

}  // namespace
}  // namespace siegel
