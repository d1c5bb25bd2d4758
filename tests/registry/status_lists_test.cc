// The status lists as a service: the stored list, signed again when old (and only then), mended
// from the records when the stored one no longer verifies, and the way back from an index to
// its certificate.
#include "registry/status_lists.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "base/json_strict.h"
#include "tests/registry/registry_fixture.h"

namespace siegel {
namespace {

class StatusListsTest : public RegistryTest {
 protected:
  std::string Stored(StatusPurpose purpose) {
    auto stored = registry_->status_lists().StatusListCredential("ce-bw", purpose);
    EXPECT_TRUE(stored.ok()) << stored.message();
    return stored.ok() ? *stored : std::string();
  }
  std::string SignedAt(const std::string& list) {
    return ParseStrictJson(list)->at("proof").at(1).at("created").get<std::string>();
  }
  // Whether `list` verifies under the registry's published keys, as a verifier checks it.
  bool Verifies(const std::string& list) {
    auto trust = TrustedIssuer::FromDocument(*registry_->keys().DidDocument());
    StatusListSet lists;
    return trust.ok() && lists.Add(list, *trust).ok();
  }
  int64_t Generation() { return *registry_->store().Generation(); }
};

TEST_F(StatusListsTest, RefreshSignsAgainOnlyTheListsOlderThanTheAge) {
  std::string signed_at = SignedAt(Stored(StatusPurpose::kRevocation));
  now_ += 600;  // ten minutes later: younger than an hour
  int64_t before = Generation();
  EXPECT_EQ(*registry_->status_lists().RefreshStatusLists(3600), 0);
  EXPECT_EQ(SignedAt(Stored(StatusPurpose::kRevocation)), signed_at);
  EXPECT_EQ(Generation(), before);  // nothing was due, nothing was written

  now_ += 3600;
  EXPECT_EQ(*registry_->status_lists().RefreshStatusLists(3600), 2);  // revocation, suspension
  for (StatusPurpose purpose : kStatusPurposes) {
    std::string list = Stored(purpose);
    EXPECT_EQ(SignedAt(list), FormatDateTimeStamp(now_)) << PurposeName(purpose);
    EXPECT_TRUE(Verifies(list)) << PurposeName(purpose);
  }
  EXPECT_EQ(Generation(), before + 1);
  EXPECT_EQ(*registry_->status_lists().RefreshStatusLists(3600), 0);
}

TEST_F(StatusListsTest, AListThatNoLongerVerifiesIsSignedAgainFromTheRecords) {
  auto revoked = registry_->lifecycle().Issue(Request(), kStaff);
  ASSERT_TRUE(revoked.ok()) << revoked.message();
  ASSERT_TRUE(
      registry_->lifecycle().Revoke(revoked->id, "label withdrawn by the board", kStaff).ok());
  std::string sound = Stored(StatusPurpose::kRevocation);
  EXPECT_EQ(
      *registry_->status_lists().SoundStatusListCredential("ce-bw", StatusPurpose::kRevocation),
      sound);

  // A hand edit clears the revoked bit (the empty suspension list's bits in its place): the
  // list no longer verifies.
  {
    SQLite::Database db((dir_.path() / "data" / "registry.db").string(), SQLite::OPEN_READWRITE);
    Json edited = *ParseStrictJson(sound);
    edited["credentialSubject"]["encodedList"] = ParseStrictJson(Stored(StatusPurpose::kSuspension))
                                                     ->at("credentialSubject")
                                                     .at("encodedList");
    SQLite::Statement edit(db, "UPDATE status_lists SET credential_json = ? WHERE purpose = ?");
    edit.bind(1, edited.dump());
    edit.bind(2, "revocation");
    ASSERT_EQ(edit.exec(), 1);
  }
  ASSERT_FALSE(Verifies(Stored(StatusPurpose::kRevocation)));
  now_ += 60;
  auto mended =
      registry_->status_lists().SoundStatusListCredential("ce-bw", StatusPurpose::kRevocation);
  ASSERT_TRUE(mended.ok()) << mended.message();
  EXPECT_TRUE(Verifies(*mended));
  EXPECT_EQ(*mended, Stored(StatusPurpose::kRevocation));  // kept, not only answered
  EXPECT_EQ(SignedAt(*mended), FormatDateTimeStamp(now_));
  // The mended list says what the records say: the certificate is revoked.
  // (the stored list is the mended one, checked above)
  VerificationReport report =
      VerifyPublished(registry_->certificates().GetCertificate(revoked->id)->credential_json);
  EXPECT_TRUE(report.verified) << report.reason;
  EXPECT_EQ(report.state, CredentialState::kRevoked) << report.reason;
  AuditFilter repairs;
  repairs.action = "status_list.repair";
  auto audit = registry_->workflow().AuditLog(repairs);
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].subject, "ce-bw/revocation");
}

TEST_F(StatusListsTest, AnIndexLeadsBackToItsCertificate) {
  auto issued = registry_->lifecycle().Issue(Request(), kStaff);
  ASSERT_TRUE(issued.ok()) << issued.message();
  EXPECT_EQ(*registry_->status_lists().CertificateAtStatusIndex("ce-bw", StatusPurpose::kRevocation,
                                                                issued->revocation_index),
            issued->id);
  EXPECT_EQ(*registry_->status_lists().CertificateAtStatusIndex("ce-bw", StatusPurpose::kSuspension,
                                                                issued->suspension_index),
            issued->id);
  uint64_t unused = issued->revocation_index == 0 ? 1 : 0;
  EXPECT_EQ(registry_->status_lists()
                .CertificateAtStatusIndex("ce-bw", StatusPurpose::kRevocation, unused)
                .error()
                .code,
            ErrorCode::kNotFound);
}

}  // namespace
}  // namespace siegel
