// The certificate lifecycle on a temporary data directory: issuance, renewal, suspension,
// reinstatement and revocation, their rules, the signed output and status lists, and refusals
// that leave the data untouched.
#include "registry/certificate_lifecycle.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <set>

#include "credential/jws.h"
#include "tests/registry/registry_fixture.h"

namespace siegel {
namespace {

TEST_F(RegistryTest, IssueSignsAVerifiableCredentialInBothForms) {
  auto certificate = registry_->lifecycle().Issue(Request(), kStaff);
  ASSERT_TRUE(certificate.ok()) << certificate.message();
  EXPECT_EQ(certificate->id, "CEBW-2026-0001");
  EXPECT_EQ(certificate->valid_from, "2026-03-01T00:00:00Z");
  EXPECT_EQ(certificate->valid_until, "2028-03-01T00:00:00Z");
  EXPECT_EQ(certificate->assessor, "VDI/VDE Innovation + Technik GmbH");

  for (const std::string& form : {certificate->credential_json, certificate->credential_jws}) {
    VerificationReport report = VerifyPublished(form);
    EXPECT_TRUE(report.verified) << report.reason;
    EXPECT_EQ(report.state, CredentialState::kValid) << report.reason;
    EXPECT_EQ(report.credential_id, "https://labels.example.org/certificates/CEBW-2026-0001");
  }
  Json credential = Json::parse(certificate->credential_json);
  EXPECT_EQ(credential["issuer"]["id"], "did:web:labels.example.org");
  EXPECT_EQ(credential["credentialSubject"]["name"], "microTEC Südwest");
  EXPECT_EQ(credential["credentialStatus"].size(), 2u);
  // A proof set by one key: eddsa-jcs-2022, then eddsa-rdfc-2022.
  ASSERT_EQ(credential["proof"].size(), 2u);
  for (const Json& proof : credential["proof"]) {
    EXPECT_EQ(proof["verificationMethod"], "did:web:labels.example.org#key-1");
    EXPECT_EQ(proof["created"], "2026-03-01T10:00:00Z");
  }
  EXPECT_EQ(credential["proof"][0]["cryptosuite"], "eddsa-jcs-2022");
  EXPECT_EQ(credential["proof"][1]["cryptosuite"], "eddsa-rdfc-2022");

  // The JWS carries the JWT registered claims beside the credential (Open Badges 3.0 §8.2.4):
  // issued 2026-03-01T10:00:00Z, valid 2026-03-01 to 2028-03-01.
  auto jws = ParseCompactJws(certificate->credential_jws);
  ASSERT_TRUE(jws.ok()) << jws.message();
  Json payload = Json::parse(jws->payload);
  EXPECT_EQ(payload["iss"], "did:web:labels.example.org");
  EXPECT_EQ(payload["sub"], "https://labels.example.org/initiatives/microtec-suedwest");
  EXPECT_EQ(payload["jti"], "https://labels.example.org/certificates/CEBW-2026-0001");
  EXPECT_EQ(payload["nbf"], 1772323200);
  EXPECT_EQ(payload["iat"], 1772359200);
  EXPECT_EQ(payload["exp"], 1835481600);
  payload.erase("iss");
  payload.erase("sub");
  payload.erase("jti");
  payload.erase("nbf");
  payload.erase("iat");
  payload.erase("exp");
  credential.erase("proof");
  EXPECT_EQ(payload, credential) << "beside the claims, the payload is the credential";
}

TEST_F(RegistryTest, SequenceCountsPerProgrammeAndYear) {
  Initiative other;
  other.slug = "automotive-bw";
  other.name = "automotive-bw";
  ASSERT_TRUE(registry_->records().AddInitiative(other, kStaff).ok());
  EXPECT_EQ(registry_->lifecycle().Issue(Request(), kStaff)->id, "CEBW-2026-0001");
  EXPECT_EQ(registry_->lifecycle().Issue(Request("automotive-bw"), kStaff)->id, "CEBW-2026-0002");
}

TEST_F(RegistryTest, NamesWithUmlautsQuotesEmojiAndHtmlSurviveSigning) {
  Initiative tricky;
  tricky.slug = "tricky";
  tricky.name = "Grüne \"Zukunft\" <b>&amp;</b> 🚀 Straße \\ 'quoted'";
  tricky.legal_entity = "Förderverein <script>alert(1)</script> e.V.";
  ASSERT_TRUE(registry_->records().AddInitiative(tricky, kStaff).ok());
  auto certificate = registry_->lifecycle().Issue(Request("tricky"), kStaff);
  ASSERT_TRUE(certificate.ok()) << certificate.message();
  EXPECT_EQ(registry_->certificates().GetInitiative("tricky")->name, tricky.name);
  for (const std::string& form : {certificate->credential_json, certificate->credential_jws}) {
    VerificationReport report = VerifyPublished(form);
    ASSERT_TRUE(report.verified) << report.reason;
    EXPECT_EQ(report.credential["credentialSubject"]["name"], tricky.name);
    EXPECT_EQ(report.credential["credentialSubject"]["legalEntity"], tricky.legal_entity);
  }
}

TEST_F(RegistryTest, SuspendReinstateRevokeChangeTheSignedStatusLists) {
  auto certificate = registry_->lifecycle().Issue(Request(), kStaff);
  ASSERT_TRUE(certificate.ok());
  const std::string& text = certificate->credential_json;

  ASSERT_TRUE(registry_->lifecycle().Suspend(certificate->id, "under review", kStaff).ok());
  EXPECT_EQ(VerifyPublished(text).state, CredentialState::kSuspended);
  ASSERT_TRUE(registry_->lifecycle().Reinstate(certificate->id, kStaff).ok());
  EXPECT_EQ(VerifyPublished(text).state, CredentialState::kValid);
  auto revoked =
      registry_->lifecycle().Revoke(certificate->id, "label withdrawn by the board", kStaff);
  ASSERT_TRUE(revoked.ok());
  EXPECT_EQ(revoked->revocation_reason, "label withdrawn by the board");
  EXPECT_EQ(VerifyPublished(text).state, CredentialState::kRevoked);
  EXPECT_EQ(VerifyPublished(certificate->credential_jws).state, CredentialState::kRevoked);
}

// The Open Badges 3.0 form carries the suspension entry alone, so the suspension list marks
// a revoked certificate too: to a verifier of that form a revoked label is never in force.
TEST_F(RegistryTest, TheOpenBadgeFormIsSignedFromTheIssuedCredentialAndSeesARevocation) {
  auto certificate = registry_->lifecycle().Issue(Request(), kStaff);
  ASSERT_TRUE(certificate.ok());
  const OpenBadgeForms& forms = registry_->public_view().open_badge_forms();
  auto form = forms.SignedForm(certificate->id);
  ASSERT_TRUE(form.ok()) << form.message();
  EXPECT_EQ(*forms.SignedForm(certificate->id), *form) << "the same bytes every time";
  Json parsed = Json::parse(*form);
  Json issued = Json::parse(certificate->credential_json);
  EXPECT_EQ(parsed["credentialStatus"], issued["credentialStatus"][1]);
  EXPECT_EQ(parsed["credentialStatus"]["statusPurpose"], "suspension");
  for (const Json& proof : parsed["proof"]) EXPECT_EQ(proof["created"], certificate->issued_at);
  parsed.erase("proof");
  parsed["credentialStatus"] = issued["credentialStatus"];
  issued.erase("proof");
  EXPECT_EQ(parsed, issued) << "nothing but the status entries differs";
  EXPECT_EQ(VerifyPublished(*form).state, CredentialState::kValid);

  ASSERT_TRUE(registry_->lifecycle().Revoke(certificate->id, "label withdrawn", kStaff).ok());
  VerificationReport report = VerifyPublished(*form);
  EXPECT_TRUE(report.verified) << report.reason;
  EXPECT_EQ(report.state, CredentialState::kSuspended);
  // The credential itself: revoked, and set in both lists.
  report = VerifyPublished(certificate->credential_json);
  EXPECT_EQ(report.state, CredentialState::kRevoked);
  for (const VerificationCheck& check : report.checks) {
    if (check.name == "revocation" || check.name == "suspension") {
      EXPECT_FALSE(check.ok) << check.name << ": " << check.detail;
    }
  }
  EXPECT_EQ(forms.SignedForm("CEBW-2026-9999").error().code, ErrorCode::kNotFound);
}

TEST_F(RegistryTest, RefusalsNameTheReasonAndChangeNothing) {
  auto certificate = registry_->lifecycle().Issue(Request(), kStaff);
  ASSERT_TRUE(certificate.ok());
  const std::string id = certificate->id;
  int64_t generation = *registry_->store().Generation();

  EXPECT_EQ(registry_->lifecycle().Reinstate(id, kStaff).message(),
            "certificate " + id + " is not suspended");
  EXPECT_EQ(registry_->lifecycle().Suspend(id, "", kStaff).message(), "reason must not be empty");
  auto second = registry_->lifecycle().Issue(Request(), kStaff);
  EXPECT_EQ(second.error().code, ErrorCode::kRefused);
  EXPECT_EQ(second.message(),
            "microtec-suedwest already holds certificate " + id +
                " of programme ce-bw, valid until 2028-03-01, which overlaps; renew it "
                "instead (siegel renew " +
                id + ")");
  EXPECT_EQ(*registry_->store().Generation(), generation) << "a refused operation must not write";

  ASSERT_TRUE(registry_->lifecycle().Revoke(id, "fraud", kStaff).ok());
  auto again = registry_->lifecycle().Revoke(id, "twice", kStaff);
  EXPECT_EQ(again.error().code, ErrorCode::kRefused);
  EXPECT_EQ(again.message(), "certificate " + id +
                                 " was already revoked on 2026-03-01 (fraud); revocation is final");
  EXPECT_EQ(registry_->lifecycle().Suspend(id, "x", kStaff).error().code, ErrorCode::kRefused);
  EXPECT_EQ(registry_->lifecycle().Reinstate(id, kStaff).error().code, ErrorCode::kRefused);
  auto renew = registry_->lifecycle().Renew(id, {}, kStaff);
  EXPECT_EQ(
      renew.message(),
      "certificate " + id +
          " is revoked and cannot be renewed; a new label needs a new assessment and siegel issue");
  EXPECT_EQ(registry_->certificates().GetCertificate(id)->revocation_reason, "fraud");
  EXPECT_EQ(registry_->certificates().StatusHistory(id)->size(), 2u);
}

TEST_F(RegistryTest, ExpiredCertificateCannotBeSuspended) {
  auto certificate = registry_->lifecycle().Issue(Request(), kStaff);
  ASSERT_TRUE(certificate.ok());
  now_ = *ParseDateTimeStamp("2028-03-02T00:00:00Z");
  auto suspended = registry_->lifecycle().Suspend(certificate->id, "late review", kStaff);
  EXPECT_EQ(suspended.message(),
            "certificate " + certificate->id +
                " expired on 2028-03-01; an expired certificate cannot be suspended");
}

TEST_F(RegistryTest, RenewalContinuesSeamlesslyAndLinksBothCertificates) {
  auto first = registry_->lifecycle().Issue(Request(), kStaff);
  ASSERT_TRUE(first.ok());
  now_ = *ParseDateTimeStamp("2028-01-15T09:00:00Z");
  RenewRequest renewal;
  renewal.assessed_on = "2028-01-10";
  auto second = registry_->lifecycle().Renew(first->id, renewal, kStaff);
  ASSERT_TRUE(second.ok()) << second.message();
  EXPECT_EQ(second->id, "CEBW-2028-0001");
  EXPECT_EQ(second->supersedes, first->id);
  EXPECT_EQ(second->valid_from, first->valid_until);
  EXPECT_EQ(second->valid_until, "2030-03-01T00:00:00Z");
  EXPECT_EQ(registry_->certificates().GetCertificate(first->id)->superseded_by, second->id);
  EXPECT_EQ(Json::parse(second->credential_json)["supersedes"],
            "https://labels.example.org/certificates/" + first->id);
  auto twice = registry_->lifecycle().Renew(first->id, renewal, kStaff);
  EXPECT_EQ(twice.message(), "certificate " + first->id + " was already renewed by " + second->id);

  // A re-certification may grant three years: the dates are data, not a formula.
  RenewRequest three_years;
  three_years.valid_until = *ParseDateTimeStamp("2033-03-01T00:00:00Z");
  auto third = registry_->lifecycle().Renew(second->id, three_years, kStaff);
  ASSERT_TRUE(third.ok()) << third.message();
  EXPECT_EQ(third->valid_until, "2033-03-01T00:00:00Z");
}

TEST_F(RegistryTest, ASuspendedCertificateIsNeitherRenewedNorSuspendedAgain) {
  auto certificate = registry_->lifecycle().Issue(Request(), kStaff);
  ASSERT_TRUE(certificate.ok());
  now_ = *ParseDateTimeStamp("2026-06-01T08:00:00Z");
  ASSERT_TRUE(registry_->lifecycle().Suspend(certificate->id, "review", kStaff).ok());

  now_ = *ParseDateTimeStamp("2026-07-01T08:00:00Z");
  auto again = registry_->lifecycle().Suspend(certificate->id, "another review", kStaff);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.message(),
            "certificate " + certificate->id + " is already suspended since 2026-06-01");
  auto stored = registry_->certificates().GetCertificate(certificate->id);
  EXPECT_EQ(stored->suspended_at, "2026-06-01T08:00:00Z") << "the first date stands";
  EXPECT_EQ(stored->suspension_reason, "review") << "the first reason stands";

  auto renewed = registry_->lifecycle().Renew(certificate->id, RenewRequest(), kStaff);
  ASSERT_FALSE(renewed.ok());
  EXPECT_EQ(renewed.message(), "certificate " + certificate->id +
                                   " is suspended; reinstate or revoke it before renewing");
  EXPECT_TRUE(registry_->certificates().GetCertificate(certificate->id)->superseded_by.empty());
  EXPECT_EQ(registry_->certificates().SearchCertificates({})->total, 1) << "nothing issued";
}

TEST_F(RegistryTest, ARenewalMoreThanAYearAfterExpiryStartsOnItsOwnDay) {
  auto certificate = registry_->lifecycle().Issue(Request(), kStaff);  // 2026-03-01 to 2028-03-01
  ASSERT_TRUE(certificate.ok());
  now_ = *ParseDateTimeStamp("2029-03-01T10:00:00Z");  // a year and a day after the end
  auto late = registry_->lifecycle().Renew(certificate->id, RenewRequest(), kStaff);
  ASSERT_TRUE(late.ok()) << late.message();
  EXPECT_EQ(late->valid_from, "2029-03-01T00:00:00Z");
  EXPECT_EQ(late->valid_until, "2031-03-01T00:00:00Z");
}

TEST_F(RegistryTest, StatusIndexesAreDistinctAndRandomAcrossCertificates) {
  std::set<uint64_t> revocation, suspension;
  std::vector<Certificate> issued;
  for (int i = 0; i < 30; ++i) {
    Initiative initiative;
    initiative.slug = "init-" + std::to_string(i);
    initiative.name = "Initiative " + std::to_string(i);
    ASSERT_TRUE(registry_->records().AddInitiative(initiative, kStaff).ok());
    auto c = registry_->lifecycle().Issue(Request(initiative.slug), kStaff);
    ASSERT_TRUE(c.ok());
    EXPECT_TRUE(revocation.insert(c->revocation_index).second);
    EXPECT_TRUE(suspension.insert(c->suspension_index).second);
    EXPECT_LT(c->revocation_index, 131072u);
    EXPECT_LT(c->suspension_index, 131072u);
    issued.push_back(*c);
  }
  // Random, not in order of issuance: neighbouring indexes would tell who was labelled when
  // (and one holder's bit next to another's). Thirty random indexes out of 131,072 give two
  // neighbours in a row by chance about once in five thousand runs; counting up gives 29.
  int neighbours = 0;
  for (size_t i = 1; i < issued.size(); ++i) {
    for (auto index : {&Certificate::revocation_index, &Certificate::suspension_index}) {
      uint64_t a = issued[i - 1].*index, b = issued[i].*index;
      if (b == a + 1 || a == b + 1) ++neighbours;
    }
  }
  EXPECT_LE(neighbours, 2);
}

TEST_F(RegistryTest, HistoryAndCredentialsCannotBeRewrittenEvenInSql) {
  auto certificate = registry_->lifecycle().Issue(Request(), kStaff);
  ASSERT_TRUE(certificate.ok());
  SQLite::Database db((dir_.path() / "data/registry.db").string(), SQLite::OPEN_READWRITE);
  EXPECT_THROW(db.exec("UPDATE certificates SET valid_until = '2099-01-01T00:00:00Z'"),
               SQLite::Exception);
  EXPECT_THROW(db.exec("DELETE FROM status_events"), SQLite::Exception);
  EXPECT_THROW(db.exec("DELETE FROM audit_events"), SQLite::Exception);
  EXPECT_THROW(db.exec("DELETE FROM certificates"), SQLite::Exception);
  EXPECT_EQ(registry_->certificates().GetCertificate(certificate->id)->credential_json,
            certificate->credential_json);
}

TEST_F(RegistryTest, AuditTrailRecordsWhoDidWhat) {
  auto certificate = registry_->lifecycle().Issue(Request(), kStaff);
  ASSERT_TRUE(registry_->lifecycle().Revoke(certificate->id, "withdrawn", Actor{"cli:alice"}).ok());
  SQLite::Database db((dir_.path() / "data/registry.db").string(), SQLite::OPEN_READONLY);
  SQLite::Statement q(db,
                      "SELECT actor, action, before_json, after_json FROM audit_events WHERE "
                      "subject = ? ORDER BY seq");
  q.bind(1, certificate->id);
  ASSERT_TRUE(q.executeStep());
  EXPECT_EQ(q.getColumn(1).getString(), "certificate.issue");
  ASSERT_TRUE(q.executeStep());
  EXPECT_EQ(q.getColumn(1).getString(), "certificate.signed_alone")
      << "four eyes is off in this registry, and the trail says nobody else looked";
  ASSERT_TRUE(q.executeStep());
  EXPECT_EQ(q.getColumn(0).getString(), "cli:alice");
  EXPECT_EQ(q.getColumn(1).getString(), "certificate.revoke");
  EXPECT_FALSE(Json::parse(q.getColumn(2).getString()).contains("revoked"));
  EXPECT_EQ(Json::parse(q.getColumn(3).getString())["revoked"]["reason"], "withdrawn");
}

}  // namespace
}  // namespace siegel
