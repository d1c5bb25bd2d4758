// Damaged records, made the way a failing disk or a hand edit would (straight into SQLite,
// past the triggers): a stored credential that no longer is the one the registry issued is
// never shown valid anywhere and is named in the answer; a damaged status list is signed
// again from the records instead of failing every verification.
#include <SQLiteCpp/Database.h>

#include "credential/verifier.h"
#include "tests/server/server_fixture.h"

namespace siegel::testing {
namespace {

class DamageTest : public ServerFixture {
 protected:
  void Sql(const std::string& sql, const std::string& id = "") {
    SQLite::Database db((dir_.path() / "data/registry.db").string(), SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER IF EXISTS certificates_credential_immutable");
    SQLite::Statement change(db, sql);
    if (!id.empty()) change.bind(1, id);
    change.exec();
  }

  // Every public surface that shows the certificate answers 500 naming it; none says valid.
  void ExpectNeverShownValid(const std::string& credential, const std::string& what) {
    for (const std::string& path :
         {"/api/v1/certificates/" + id_, "/api/v1/certificates/" + id_ + "/status",
          "/verify/" + id_, "/certificates/" + id_, "/badge/" + id_ + ".svg"}) {
      auto res = client_->Get(path.c_str());
      ASSERT_TRUE(res) << path;
      EXPECT_EQ(res->status, 500) << what << ": " << path << ": " << res->body;
      EXPECT_EQ(res->body.find("Gültig"), std::string::npos) << path;
      EXPECT_EQ(res->body.find("\"valid\""), std::string::npos) << path;
      if (path.rfind("/api/", 0) == 0) {
        EXPECT_NE(res->body.find("the stored credential of " + id_), std::string::npos)
            << what << ": " << path << ": " << res->body;
      }
    }
    // The genuine credential, submitted by someone who kept it, cannot be confirmed either.
    auto verified = Post("/api/v1/verify", credential, "application/vc");
    ASSERT_TRUE(verified);
    ASSERT_EQ(verified->status, 200) << what << ": " << verified->body;
    Json report = Json::parse(verified->body);
    EXPECT_EQ(report["valid"], false) << what;
    EXPECT_EQ(report["verified"], false) << what;
    EXPECT_NE(report["reason"].get<std::string>().find("the stored credential of " + id_),
              std::string::npos)
        << report["reason"];
  }
};

TEST_F(DamageTest, RandomBytesInAStoredCredentialAreNeverShownValid) {
  std::string credential = writer_->certificates().GetCertificate(id_)->credential_json;
  Sql("UPDATE certificates SET credential_json = CAST(randomblob(256) AS TEXT) WHERE id = ?", id_);
  ExpectNeverShownValid(credential, "random bytes");
}

TEST_F(DamageTest, AFlippedByteInAStoredProofIsNeverShownValid) {
  std::string credential = writer_->certificates().GetCertificate(id_)->credential_json;
  Json damaged = Json::parse(credential);
  std::string proof = damaged["proof"][1]["proofValue"];
  proof[10] = proof[10] == 'A' ? 'B' : 'A';
  damaged["proof"][1]["proofValue"] = proof;
  {
    SQLite::Database db((dir_.path() / "data/registry.db").string(), SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER IF EXISTS certificates_credential_immutable");
    SQLite::Statement update(db, "UPDATE certificates SET credential_json = ? WHERE id = ?");
    update.bind(1, damaged.dump());
    update.bind(2, id_);
    ASSERT_EQ(update.exec(), 1);
  }
  ExpectNeverShownValid(credential, "flipped proof byte");
}

TEST_F(DamageTest, ADamagedStatusListIsSignedAgainFromTheRecords) {
  ASSERT_TRUE(writer_->lifecycle().Revoke(id_, "withdrawn", {"test"}).ok());
  std::string credential = writer_->certificates().GetCertificate(id_)->credential_json;
  // One character of the encoded list flipped: its signature no longer holds.
  Sql("UPDATE status_lists SET credential_json = replace(credential_json, '\"encodedList\": \"u', "
      "'\"encodedList\": \"v') WHERE purpose = 'revocation'");
  ASSERT_NE(writer_->status_lists()
                .StatusListCredential("ce-bw", StatusPurpose::kRevocation)
                ->find("\"encodedList\": \"v"),
            std::string::npos);
  auto verified = Post("/api/v1/verify", credential, "application/vc");
  ASSERT_TRUE(verified);
  ASSERT_EQ(verified->status, 200) << verified->body;
  Json report = Json::parse(verified->body);
  EXPECT_EQ(report["status"], "revoked") << report;
  EXPECT_EQ(report["valid"], false);
  // What is served now verifies with the registry's key and still has the revocation.
  auto served = client_->Get("/status/ce-bw/revocation");
  ASSERT_TRUE(served);
  ASSERT_EQ(served->status, 200);
  auto trust = TrustedIssuer::FromDocument(*writer_->keys().DidDocument());
  ASSERT_TRUE(trust.ok());
  auto list = VerifyStatusListCredential(Json::parse(served->body), *trust);
  EXPECT_TRUE(list.ok()) << list.message();
  AuditFilter repairs;
  repairs.action = "status_list.repair";
  auto audit = writer_->workflow().AuditLog(repairs);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u) << "the repair is in the audit trail";
  EXPECT_EQ((*audit)[0].subject, "ce-bw/revocation");
}

}  // namespace
}  // namespace siegel::testing
