// Issuer key rotation and compromise: old signatures keep verifying after a rotation, what a
// compromised key signed after the compromise fails, and re-issuing restores a valid label.
#include "credential/verifier.h"
#include "registry/registry.h"
#include "tests/registry/registry_records.h"
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
      ASSERT_TRUE(registry_->AddInitiative(initiative, kAdmin).ok());
    }
  }

  Certificate Issue(const std::string& slug) {
    IssueRequest request;
    request.initiative_slug = slug;
    auto issued = registry_->Issue(request, kAdmin);
    EXPECT_TRUE(issued.ok()) << issued.message();
    return *issued;
  }

  // Verifies with only what the registry publishes now.
  VerificationReport Verify(const std::string& id) {
    auto trust = TrustedIssuer::FromDocument(*registry_->DidDocument());
    EXPECT_TRUE(trust.ok()) << trust.message();
    StatusListSet lists;
    for (const char* purpose : {"revocation", "suspension"}) {
      Status s = lists.Add(*registry_->StatusListCredential("ce-bw", purpose), *trust);
      EXPECT_TRUE(s.ok()) << s.message();
    }
    testing::RegistryRecords records(*registry_);
    return VerifyLabelCredential(registry_->GetCertificate(id)->credential_json, *trust,
                                 VerificationInputs{&lists, &records, true}, now_);
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
  auto rotated = registry_->RotateKey(kAdmin);
  ASSERT_TRUE(rotated.ok()) << rotated.message();
  EXPECT_EQ(rotated->key_id, "key-2");
  EXPECT_EQ(registry_->settings().active_key_id, "key-2");
  Certificate after = Issue("beta");
  EXPECT_EQ(after.key_id, "key-2");
  EXPECT_EQ(Verify(before.id).state, CredentialState::kValid) << Verify(before.id).reason;
  EXPECT_EQ(Verify(after.id).state, CredentialState::kValid) << Verify(after.id).reason;
  auto keys = registry_->ListKeys();
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_FALSE((*keys)[0].retired_at.empty()) << "key-1 is retired";
  EXPECT_TRUE((*keys)[1].retired_at.empty());
  std::string list = *registry_->StatusListCredential("ce-bw", "revocation");
  EXPECT_NE(list.find("#key-2"), std::string::npos) << "status lists are signed with the new key";
  EXPECT_NE(registry_->DidDocument()->dump().find("#key-1"), std::string::npos)
      << "the old key stays published";
}

TEST_F(KeysTest, AnotherProcessSignsWithTheRotatedKeyAtOnce) {
  auto other = Registry::Open(dir_.path() / "data");  // e.g. the running server
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE(registry_->RotateKey(kAdmin).ok());
  IssueRequest request;
  request.initiative_slug = "gamma";
  auto issued = (*other)->Issue(request, kAdmin);
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
  auto affected = registry_->MarkKeyCompromised("key-1", compromise, kAdmin);
  ASSERT_TRUE(affected.ok()) << affected.message();
  EXPECT_EQ(*affected, std::vector<std::string>{late.id});
  EXPECT_EQ(registry_->settings().active_key_id, "key-2") << "the active key was replaced";

  EXPECT_EQ(Verify(early.id).state, CredentialState::kValid) << Verify(early.id).reason;
  VerificationReport refused = Verify(late.id);
  EXPECT_EQ(refused.state, CredentialState::kInvalid);
  EXPECT_NE(refused.reason.find("compromised"), std::string::npos) << refused.reason;

  auto reissued = registry_->ReissueCertificate(late.id, kAdmin);
  ASSERT_TRUE(reissued.ok()) << reissued.message();
  EXPECT_EQ(reissued->key_id, "key-2");
  EXPECT_EQ(reissued->supersedes, late.id);
  EXPECT_EQ(reissued->valid_until, late.valid_until);
  EXPECT_EQ(Verify(reissued->id).state, CredentialState::kValid) << Verify(reissued->id).reason;
  EXPECT_EQ(registry_->StatusOf(late.id, now_).value(), CertificateStatus::kRevoked);
  EXPECT_TRUE(registry_->CertificatesSignedWith("key-1", FormatDateTimeStamp(compromise))->empty());
  EXPECT_EQ(registry_->ReissueCertificate(reissued->id, kAdmin).error().code, ErrorCode::kRefused);
}

TEST_F(KeysTest, BadCompromiseRequestsAreRefusedAndChangeNothing) {
  EXPECT_EQ(registry_->MarkKeyCompromised("key-9", now_, kAdmin).error().code,
            ErrorCode::kNotFound);
  EXPECT_FALSE(registry_->MarkKeyCompromised("key-1", now_ + 60, kAdmin).ok()) << "future";
  EXPECT_EQ(registry_->settings().active_key_id, "key-1");
  EXPECT_TRUE(registry_->ListKeys()->front().compromised_at.empty());
  ASSERT_TRUE(registry_->MarkKeyCompromised("key-1", now_ - 60, kAdmin).ok());
  EXPECT_EQ(registry_->MarkKeyCompromised("key-1", now_, kAdmin).error().code, ErrorCode::kRefused);
}

}  // namespace
}  // namespace siegel
