// The verdict through the API, against what a thief with the issuer key could make: a revoked
// certificate signed again, a certificate the registry never issued, credentials without the
// registry's status entries, and credentials signed after the key's compromise, in both forms;
// a time before the lists' date answered from the registry's history; the status lists' ttl,
// their Cache-Control and their dates kept current while serving.
#include <regex>
#include <thread>

#include "base/jcs.h"
#include "tests/server/server_fixture.h"

namespace siegel::testing {
namespace {

class TrustTest : public ServerFixture {
 protected:
  void Configure(http::ServerConfig& config) override {
    config.status_list_refresh_seconds = 1;
    config.status_list_max_age_seconds = 2;
  }

  Json Verify(const std::string& body, const std::string& type = "application/vc",
              const std::string& query = "") {
    auto res = Post("/api/v1/verify" + query, body, type);
    EXPECT_TRUE(res);
    if (!res) return Json();
    EXPECT_EQ(res->status, 200) << res->body;
    return Json::parse(res->body);
  }
  std::string Jws(const Json& credential) {
    Json header = {
        {"alg", "EdDSA"}, {"typ", "vc+jwt"}, {"kid", writer_->settings().did + "#key-1-jwk"}};
    return JwsWithRegistryKey(header, *CanonicalizeJson(credential));
  }
  // Both forms of `credential` signed with the registry's key, verified through the API.
  std::vector<Json> VerifyBothForms(const Json& credential) {
    return {Verify(SignWithRegistryKey(credential)), Verify(Jws(credential), "application/vc+jwt")};
  }
  std::string Url(const std::string& id) { return "http://127.0.0.1:8080/certificates/" + id; }
};

TEST_F(TrustTest, ARevokedCertificateSignedAgainByAThiefIsNotValid) {
  ASSERT_TRUE(writer_->lifecycle().Revoke(id_, "withdrawn", {"test"}).ok());
  // As a thief would: the status entries removed, the end pushed out, signed again.
  Json stripped = UnsignedCredential();
  stripped.erase("credentialStatus");
  stripped["validUntil"] = "2099-01-01T00:00:00Z";
  for (const Json& report : VerifyBothForms(stripped)) {
    EXPECT_EQ(report["verified"], false) << report.dump();
    EXPECT_EQ(report["valid"], false);
    EXPECT_EQ(report["status"], "invalid");
    EXPECT_EQ(report["reason"],
              "this registry's credentials have exactly one revocation and one suspension status "
              "entry; this one has 0 and 0");
  }
  // Its entries kept, only the end pushed out: still not what the registry issued.
  Json extended = UnsignedCredential();
  extended["validUntil"] = "2099-01-01T00:00:00Z";
  for (const Json& report : VerifyBothForms(extended)) {
    EXPECT_EQ(report["verified"], false) << report.dump();
    EXPECT_EQ(report["valid"], false);
    EXPECT_EQ(
        report["reason"],
        "not issued by this registry: it differs from the credential the registry issued as " +
            Url(id_) + "; please report it to the registry");
  }
  // The genuine one is authentic and revoked, and the answer agrees with its record.
  Json genuine = Verify(writer_->certificates().GetCertificate(id_)->credential_json);
  EXPECT_EQ(genuine["verified"], true);
  EXPECT_EQ(genuine["valid"], false);
  EXPECT_EQ(genuine["status"], "revoked");
  EXPECT_EQ(genuine["certificate"]["status"], "revoked");
}

TEST_F(TrustTest, ACertificateTheRegistryNeverIssuedIsNotValid) {
  Json invented = UnsignedCredential();
  invented["id"] = Url("CEBW-2026-0099");
  for (const Json& report : VerifyBothForms(invented)) {
    EXPECT_EQ(report["verified"], false) << report.dump();
    EXPECT_EQ(report["valid"], false);
    EXPECT_EQ(report["certificate"], nullptr);
    EXPECT_EQ(report["reason"], "not issued by this registry: it has no certificate " +
                                    Url("CEBW-2026-0099") +
                                    "; please report this credential to the registry");
  }
}

TEST_F(TrustTest, TheGenuineKeyWithoutBothStatusEntriesIsNotValid) {
  Json none = UnsignedCredential();
  none.erase("credentialStatus");
  Json only_suspension = UnsignedCredential();
  only_suspension["credentialStatus"] = Json::array({only_suspension["credentialStatus"][1]});
  for (const auto& [credential, counts] :
       {std::pair{none, std::string("0 and 0")}, {only_suspension, std::string("0 and 1")}}) {
    for (const Json& report : VerifyBothForms(credential)) {
      EXPECT_EQ(report["valid"], false);
      EXPECT_EQ(report["status"], "invalid");
      EXPECT_EQ(report["reason"],
                "this registry's credentials have exactly one revocation and one suspension "
                "status entry; this one has " +
                    counts);
    }
  }
}

TEST_F(TrustTest, AfterAKeysCompromiseBothFormsGetTheSameVerdictFromTheLog) {
  UnixSeconds start = NowUnixSeconds();
  // Issued an hour after the registry began: a second certificate, for a second initiative.
  AddInitiative("later-cluster", "Later Cluster", "Regierungsbezirk Stuttgart", "Photonics");
  writer_->SetClockForTesting([start] { return start + 2 * 3600; });
  IssueRequest request;
  request.initiative_slug = "later-cluster";
  auto later = writer_->lifecycle().Issue(request, {"test"});
  ASSERT_TRUE(later.ok()) << later.message();
  // The key was stolen between the two issuances.
  writer_->SetClockForTesting([start] { return start + 3 * 3600; });
  ASSERT_TRUE(writer_->keys().MarkKeyCompromised("key-1", start + 3600, {"test"}).ok());
  std::string since = FormatDateTimeStamp(start + 3600);
  auto first = writer_->certificates().GetCertificate(id_);
  for (const auto& [form, type] : {std::pair{first->credential_json, std::string("application/vc")},
                                   {first->credential_jws, "application/vc+jwt"}}) {
    Json report = Verify(form, type);
    EXPECT_EQ(report["verified"], true) << type << report.dump();
    EXPECT_EQ(report["valid"], true) << type;
  }
  for (const auto& [form, method] : {std::pair{later->credential_json, std::string("#key-1")},
                                     {later->credential_jws, "#key-1-jwk"}}) {
    Json report = Verify(form, form[0] == '{' ? "application/vc" : "application/vc+jwt");
    EXPECT_EQ(report["verified"], false) << report.dump();
    EXPECT_EQ(report["valid"], false);
    EXPECT_EQ(report["reason"], "signed with " + writer_->settings().did + method +
                                    ", which is marked compromised since " + since +
                                    ", and the transparency log does not show it issued before");
  }
}

TEST_F(TrustTest, ATimeBeforeTheListsDateIsAnsweredFromTheHistory) {
  UnixSeconds before = NowUnixSeconds() - 5;
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_TRUE(
      writer_->lifecycle().Revoke(id_, "withdrawn", {"test"}).ok());  // the lists are signed now
  std::string credential = writer_->certificates().GetCertificate(id_)->credential_json;
  Json earlier = Verify(credential, "application/vc", "?at=" + FormatDateTimeStamp(before));
  EXPECT_EQ(earlier["status"], "valid") << earlier.dump();
  EXPECT_EQ(earlier["valid"], true);
  EXPECT_EQ(earlier["statusAsOf"], FormatDateTimeStamp(before));
  Json now = Verify(credential);
  EXPECT_EQ(now["status"], "revoked");
}

TEST_F(TrustTest, StatusListsSayTheirTtlAsTheirMaxAgeAndAreSignedAgainWhileServing) {
  auto first = client_->Get("/status/ce-bw/revocation");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->get_header_value("Cache-Control"), "public, max-age=60");
  Json list = Json::parse(first->body);
  EXPECT_EQ(list["credentialSubject"]["ttl"], 60000);
  std::string dated = list["validFrom"];
  // Lists older than two seconds are signed again every second.
  std::string later = dated;
  for (int i = 0; i < 60 && later == dated; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    later = Json::parse(client_->Get("/status/ce-bw/revocation")->body)["validFrom"];
  }
  EXPECT_GT(later, dated);
  // And what they say is unchanged: the certificate is still valid by them.
  Json report = Verify(writer_->certificates().GetCertificate(id_)->credential_json);
  EXPECT_EQ(report["valid"], true) << report.dump();
}

}  // namespace
}  // namespace siegel::testing
