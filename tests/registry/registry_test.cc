// The registry end to end on a temporary data directory: lifecycle rules, signed output,
// status lists, history, keys and refusals that leave the data untouched.
#include "registry/registry.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sys/stat.h>

#include <set>

#include "credential/verifier.h"
#include "tests/registry/registry_records.h"
#include "tests/test_support.h"

namespace siegel {
namespace {

const Actor kStaff{"test:staff"};

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitOptions options;
    options.four_eyes = false;  // one person signs, through Issue
    options.base_url = "https://labels.example.org";
    options.clock_for_testing = [this] { return now_; };
    auto created = Registry::Create(dir_.path() / "data", options);
    ASSERT_TRUE(created.ok()) << created.message();
    registry_ = std::move(created).value();
    Initiative initiative;
    initiative.slug = "microtec-suedwest";
    initiative.name = "microTEC Südwest";
    initiative.legal_entity = "microTEC Südwest e.V.";
    ASSERT_TRUE(registry_->AddInitiative(initiative, kStaff).ok());
  }

  IssueRequest Request(const std::string& slug = "microtec-suedwest") {
    IssueRequest request;
    request.initiative_slug = slug;
    request.assessed_on = "2026-02-10";
    return request;
  }

  // Verifies a certificate with only what the registry publishes.
  VerificationReport VerifyPublished(const std::string& text) {
    auto trust = TrustedIssuer::FromDocument(*registry_->DidDocument());
    EXPECT_TRUE(trust.ok()) << trust.message();
    StatusListSet lists;
    for (const char* purpose : {"revocation", "suspension"}) {
      Status s = lists.Add(*registry_->StatusListCredential("ce-bw", purpose), *trust);
      EXPECT_TRUE(s.ok()) << s.message();
    }
    testing::RegistryRecords records(*registry_);
    return VerifyLabelCredential(text, *trust, VerificationInputs{&lists, &records, true}, now_);
  }

  testing::TempDir dir_;
  std::unique_ptr<Registry> registry_;
  UnixSeconds now_ = *ParseDateTimeStamp("2026-03-01T10:00:00Z");
};

TEST_F(RegistryTest, IssueSignsAVerifiableCredentialInBothForms) {
  auto certificate = registry_->Issue(Request(), kStaff);
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
  EXPECT_EQ(credential["proof"]["verificationMethod"], "did:web:labels.example.org#key-1");
}

TEST_F(RegistryTest, SequenceCountsPerProgrammeAndYear) {
  Initiative other;
  other.slug = "automotive-bw";
  other.name = "automotive-bw";
  ASSERT_TRUE(registry_->AddInitiative(other, kStaff).ok());
  EXPECT_EQ(registry_->Issue(Request(), kStaff)->id, "CEBW-2026-0001");
  EXPECT_EQ(registry_->Issue(Request("automotive-bw"), kStaff)->id, "CEBW-2026-0002");
}

TEST_F(RegistryTest, NamesWithUmlautsQuotesEmojiAndHtmlSurviveSigning) {
  Initiative tricky;
  tricky.slug = "tricky";
  tricky.name = "Grüne \"Zukunft\" <b>&amp;</b> 🚀 Straße \\ 'quoted'";
  tricky.legal_entity = "Förderverein <script>alert(1)</script> e.V.";
  ASSERT_TRUE(registry_->AddInitiative(tricky, kStaff).ok());
  auto certificate = registry_->Issue(Request("tricky"), kStaff);
  ASSERT_TRUE(certificate.ok()) << certificate.message();
  EXPECT_EQ(registry_->GetInitiative("tricky")->name, tricky.name);
  for (const std::string& form : {certificate->credential_json, certificate->credential_jws}) {
    VerificationReport report = VerifyPublished(form);
    ASSERT_TRUE(report.verified) << report.reason;
    EXPECT_EQ(report.credential["credentialSubject"]["name"], tricky.name);
    EXPECT_EQ(report.credential["credentialSubject"]["legalEntity"], tricky.legal_entity);
  }
}

TEST_F(RegistryTest, SuspendReinstateRevokeChangeTheSignedStatusLists) {
  auto certificate = registry_->Issue(Request(), kStaff);
  ASSERT_TRUE(certificate.ok());
  const std::string& text = certificate->credential_json;

  ASSERT_TRUE(registry_->Suspend(certificate->id, "under review", kStaff).ok());
  EXPECT_EQ(VerifyPublished(text).state, CredentialState::kSuspended);
  ASSERT_TRUE(registry_->Reinstate(certificate->id, kStaff).ok());
  EXPECT_EQ(VerifyPublished(text).state, CredentialState::kValid);
  auto revoked = registry_->Revoke(certificate->id, "label withdrawn by the board", kStaff);
  ASSERT_TRUE(revoked.ok());
  EXPECT_EQ(revoked->revocation_reason, "label withdrawn by the board");
  EXPECT_EQ(VerifyPublished(text).state, CredentialState::kRevoked);
  EXPECT_EQ(VerifyPublished(certificate->credential_jws).state, CredentialState::kRevoked);
}

TEST_F(RegistryTest, RefusalsNameTheReasonAndChangeNothing) {
  auto certificate = registry_->Issue(Request(), kStaff);
  ASSERT_TRUE(certificate.ok());
  const std::string id = certificate->id;
  int64_t generation = *registry_->Generation();

  EXPECT_EQ(registry_->Reinstate(id, kStaff).message(), "certificate " + id + " is not suspended");
  EXPECT_EQ(registry_->Suspend(id, "", kStaff).message(), "reason must not be empty");
  auto second = registry_->Issue(Request(), kStaff);
  EXPECT_EQ(second.error().code, ErrorCode::kRefused);
  EXPECT_EQ(second.message(),
            "microtec-suedwest already holds certificate " + id +
                " of programme ce-bw, valid until 2028-03-01, which overlaps; renew it "
                "instead (siegel renew " +
                id + ")");
  EXPECT_EQ(*registry_->Generation(), generation) << "a refused operation must not write";

  ASSERT_TRUE(registry_->Revoke(id, "fraud", kStaff).ok());
  auto again = registry_->Revoke(id, "twice", kStaff);
  EXPECT_EQ(again.error().code, ErrorCode::kRefused);
  EXPECT_EQ(again.message(), "certificate " + id +
                                 " was already revoked on 2026-03-01 (fraud); revocation is final");
  EXPECT_EQ(registry_->Suspend(id, "x", kStaff).error().code, ErrorCode::kRefused);
  EXPECT_EQ(registry_->Reinstate(id, kStaff).error().code, ErrorCode::kRefused);
  auto renew = registry_->Renew(id, {}, kStaff);
  EXPECT_EQ(
      renew.message(),
      "certificate " + id +
          " is revoked and cannot be renewed; a new label needs a new assessment and siegel issue");
  EXPECT_EQ(registry_->GetCertificate(id)->revocation_reason, "fraud");
  EXPECT_EQ(registry_->StatusHistory(id)->size(), 2u);
}

TEST_F(RegistryTest, ExpiredCertificateCannotBeSuspended) {
  auto certificate = registry_->Issue(Request(), kStaff);
  ASSERT_TRUE(certificate.ok());
  now_ = *ParseDateTimeStamp("2028-03-02T00:00:00Z");
  auto suspended = registry_->Suspend(certificate->id, "late review", kStaff);
  EXPECT_EQ(suspended.message(),
            "certificate " + certificate->id +
                " expired on 2028-03-01; an expired certificate cannot be suspended");
}

TEST_F(RegistryTest, RenewalContinuesSeamlesslyAndLinksBothCertificates) {
  auto first = registry_->Issue(Request(), kStaff);
  ASSERT_TRUE(first.ok());
  now_ = *ParseDateTimeStamp("2028-01-15T09:00:00Z");
  RenewRequest renewal;
  renewal.assessed_on = "2028-01-10";
  auto second = registry_->Renew(first->id, renewal, kStaff);
  ASSERT_TRUE(second.ok()) << second.message();
  EXPECT_EQ(second->id, "CEBW-2028-0001");
  EXPECT_EQ(second->supersedes, first->id);
  EXPECT_EQ(second->valid_from, first->valid_until);
  EXPECT_EQ(second->valid_until, "2030-03-01T00:00:00Z");
  EXPECT_EQ(registry_->GetCertificate(first->id)->superseded_by, second->id);
  EXPECT_EQ(Json::parse(second->credential_json)["supersedes"],
            "https://labels.example.org/certificates/" + first->id);
  auto twice = registry_->Renew(first->id, renewal, kStaff);
  EXPECT_EQ(twice.message(), "certificate " + first->id + " was already renewed by " + second->id);

  // A re-certification may grant three years: the dates are data, not a formula.
  RenewRequest three_years;
  three_years.valid_until = *ParseDateTimeStamp("2033-03-01T00:00:00Z");
  auto third = registry_->Renew(second->id, three_years, kStaff);
  ASSERT_TRUE(third.ok()) << third.message();
  EXPECT_EQ(third->valid_until, "2033-03-01T00:00:00Z");
}

TEST_F(RegistryTest, StatusOnAPastDateComesFromTheHistory) {
  auto certificate = registry_->Issue(Request(), kStaff);
  ASSERT_TRUE(certificate.ok());
  now_ = *ParseDateTimeStamp("2026-06-01T00:00:00Z");
  ASSERT_TRUE(registry_->Suspend(certificate->id, "review", kStaff).ok());
  now_ = *ParseDateTimeStamp("2026-07-01T00:00:00Z");
  ASSERT_TRUE(registry_->Reinstate(certificate->id, kStaff).ok());
  now_ = *ParseDateTimeStamp("2027-01-01T00:00:00Z");
  ASSERT_TRUE(registry_->Revoke(certificate->id, "withdrawn", kStaff).ok());
  auto at = [&](const char* when) {
    return *registry_->StatusOf(certificate->id, *ParseDateTimeStamp(when));
  };
  EXPECT_EQ(at("2026-02-28T23:59:59Z"), CertificateStatus::kNotYetIssued);
  EXPECT_EQ(at("2026-05-01T00:00:00Z"), CertificateStatus::kValid);
  EXPECT_EQ(at("2026-06-15T00:00:00Z"), CertificateStatus::kSuspended);
  EXPECT_EQ(at("2026-12-01T00:00:00Z"), CertificateStatus::kValid);
  EXPECT_EQ(at("2027-03-15T00:00:00Z"), CertificateStatus::kRevoked);
}

TEST_F(RegistryTest, ListAtAPastDateFiltersByTheStatusThen) {
  auto certificate = registry_->Issue(Request(), kStaff);
  ASSERT_TRUE(certificate.ok());
  now_ = *ParseDateTimeStamp("2026-09-01T00:00:00Z");
  ASSERT_TRUE(registry_->Revoke(certificate->id, "withdrawn", kStaff).ok());
  auto listed = [&](CertificateStatus status, const char* at) {
    CertificateQuery query;
    query.status = StatusName(status);
    query.at = *ParseDateTimeStamp(at);
    auto page = registry_->SearchCertificates(query);
    EXPECT_EQ(page->total, static_cast<int64_t>(page->items.size()));
    for (const CertificateSummary& s : page->items) EXPECT_EQ(s.status, status);
    return page->items.size();
  };
  EXPECT_EQ(listed(CertificateStatus::kValid, "2026-06-01T00:00:00Z"), 1u) << "valid then";
  EXPECT_EQ(listed(CertificateStatus::kRevoked, "2026-06-01T00:00:00Z"), 0u);
  EXPECT_EQ(listed(CertificateStatus::kRevoked, "2026-10-01T00:00:00Z"), 1u);
  EXPECT_EQ(listed(CertificateStatus::kValid, "2026-10-01T00:00:00Z"), 0u);
  EXPECT_EQ(listed(CertificateStatus::kValid, "2026-02-01T00:00:00Z"), 0u) << "not issued yet";
}

TEST_F(RegistryTest, ListFiltersByCurrentStatus) {
  Initiative other;
  other.slug = "automotive-bw";
  other.name = "automotive-bw";
  ASSERT_TRUE(registry_->AddInitiative(other, kStaff).ok());
  auto a = registry_->Issue(Request(), kStaff);
  auto b = registry_->Issue(Request("automotive-bw"), kStaff);
  ASSERT_TRUE(registry_->Suspend(b->id, "review", kStaff).ok());
  CertificateQuery query;
  query.status = "suspended";
  auto suspended = registry_->SearchCertificates(query);
  ASSERT_EQ(suspended->items.size(), 1u);
  EXPECT_EQ(suspended->items[0].certificate.id, b->id);
  query.status.clear();
  query.text = "südwest";
  EXPECT_EQ(registry_->SearchCertificates(query)->total, 1);
  query.text = "MICROtec";
  EXPECT_EQ(registry_->SearchCertificates(query)->total, 1);
}

TEST_F(RegistryTest, BadInputIsRefusedWithTheFieldNamed) {
  Initiative bad;
  bad.slug = "Bad Slug";
  bad.name = "x";
  EXPECT_EQ(
      registry_->AddInitiative(bad, kStaff).message(),
      "initiative slug \"Bad Slug\" must be 2-63 lowercase letters, digits or inner hyphens, e.g. "
      "microtec-suedwest");
  bad.slug = "ok-slug";
  bad.name = "bad\xff utf8";
  EXPECT_EQ(registry_->AddInitiative(bad, kStaff).message(),
            "initiative name is not valid UTF-8 text");
  bad.name = "fine";
  bad.website = "javascript:alert(1)";
  EXPECT_EQ(registry_->AddInitiative(bad, kStaff).message(),
            "website \"javascript:alert(1)\" is not an http(s) URL");
  EXPECT_EQ(registry_->GetInitiative("ok-slug").error().code, ErrorCode::kNotFound);

  Initiative duplicate;
  duplicate.slug = "microtec-suedwest";
  duplicate.name = "again";
  EXPECT_EQ(registry_->AddInitiative(duplicate, kStaff).error().code, ErrorCode::kConflict);
  EXPECT_EQ(registry_->GetInitiative("microtec-suedwest")->name, "microTEC Südwest");

  IssueRequest request = Request();
  request.level = "gold";
  EXPECT_EQ(registry_->Issue(request, kStaff).message(),
            "programme ce-bw has no levels; leave --level out");
  request = Request("nobody");
  EXPECT_EQ(registry_->Issue(request, kStaff).message(), "there is no initiative \"nobody\"");
  request = Request();
  request.valid_from = *ParseDateTimeStamp("2026-03-01T00:00:00Z");
  request.valid_until = *ParseDateTimeStamp("2026-02-01T00:00:00Z");
  EXPECT_EQ(registry_->Issue(request, kStaff).message(), "the validity must end after it starts");
  request = Request();
  request.assessed_on = "2026-13-01";
  EXPECT_EQ(registry_->Issue(request, kStaff).message(),
            "assessment date \"2026-13-01\" is not a date such as 2026-03-15");
  EXPECT_EQ(registry_->SearchCertificates({})->total, 0);
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
  Json did = *registry_->DidDocument();
  EXPECT_EQ(did.dump().find("\"d\""), std::string::npos);
}

TEST_F(RegistryTest, ReadableKeyFileIsRefused) {
  ::chmod((dir_.path() / "data/keys/key-1.pem").c_str(), 0644);
  auto reopened = Registry::Open(dir_.path() / "data");
  ASSERT_TRUE(reopened.ok());
  auto issued = (*reopened)->Issue(Request(), kStaff);
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
  ASSERT_TRUE((*reopened)->AddInitiative(i, kStaff).ok());
  unsetenv("SIEGEL_KEY_PASSPHRASE");
  IssueRequest request;
  request.initiative_slug = "abc";
  auto refused = (*reopened)->Issue(request, kStaff);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find("passphrase"), std::string::npos) << refused.message();
  setenv("SIEGEL_KEY_PASSPHRASE", "s3cret passphrase", 1);
  EXPECT_TRUE((*reopened)->Issue(request, kStaff).ok());
  unsetenv("SIEGEL_KEY_PASSPHRASE");
}

TEST_F(RegistryTest, HistoryAndCredentialsCannotBeRewrittenEvenInSql) {
  auto certificate = registry_->Issue(Request(), kStaff);
  ASSERT_TRUE(certificate.ok());
  SQLite::Database db((dir_.path() / "data/registry.db").string(), SQLite::OPEN_READWRITE);
  EXPECT_THROW(db.exec("UPDATE certificates SET valid_until = '2099-01-01T00:00:00Z'"),
               SQLite::Exception);
  EXPECT_THROW(db.exec("DELETE FROM status_events"), SQLite::Exception);
  EXPECT_THROW(db.exec("DELETE FROM audit_events"), SQLite::Exception);
  EXPECT_THROW(db.exec("DELETE FROM certificates"), SQLite::Exception);
  EXPECT_EQ(registry_->GetCertificate(certificate->id)->credential_json,
            certificate->credential_json);
}

TEST_F(RegistryTest, CreateRefusesANonEmptyDirectoryAndOpenNamesTheFix) {
  InitOptions options;
  options.four_eyes = false;  // one person signs, through Issue
  options.base_url = "https://labels.example.org";
  auto again = Registry::Create(dir_.path() / "data", options);
  EXPECT_EQ(again.error().code, ErrorCode::kRefused);
  auto missing = Registry::Open(dir_.path() / "nothing-here");
  EXPECT_EQ(missing.message(), "no registry in " + (dir_.path() / "nothing-here").string() +
                                   " (create one with: siegel init --base-url URL --data " +
                                   (dir_.path() / "nothing-here").string() + ")");
  options.base_url = "not a url";
  EXPECT_FALSE(Registry::Create(dir_.path() / "fresh", options).ok());
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "fresh"));
}

TEST_F(RegistryTest, StatusIndexesAreDistinctAndRandomAcrossCertificates) {
  std::set<uint64_t> revocation, suspension;
  std::vector<Certificate> issued;
  for (int i = 0; i < 30; ++i) {
    Initiative initiative;
    initiative.slug = "init-" + std::to_string(i);
    initiative.name = "Initiative " + std::to_string(i);
    ASSERT_TRUE(registry_->AddInitiative(initiative, kStaff).ok());
    auto c = registry_->Issue(Request(initiative.slug), kStaff);
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

TEST_F(RegistryTest, ASuspendedCertificateIsNeitherRenewedNorSuspendedAgain) {
  auto certificate = registry_->Issue(Request(), kStaff);
  ASSERT_TRUE(certificate.ok());
  now_ = *ParseDateTimeStamp("2026-06-01T08:00:00Z");
  ASSERT_TRUE(registry_->Suspend(certificate->id, "review", kStaff).ok());

  now_ = *ParseDateTimeStamp("2026-07-01T08:00:00Z");
  auto again = registry_->Suspend(certificate->id, "another review", kStaff);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.message(),
            "certificate " + certificate->id + " is already suspended since 2026-06-01");
  auto stored = registry_->GetCertificate(certificate->id);
  EXPECT_EQ(stored->suspended_at, "2026-06-01T08:00:00Z") << "the first date stands";
  EXPECT_EQ(stored->suspension_reason, "review") << "the first reason stands";

  auto renewed = registry_->Renew(certificate->id, RenewRequest(), kStaff);
  ASSERT_FALSE(renewed.ok());
  EXPECT_EQ(renewed.message(), "certificate " + certificate->id +
                                   " is suspended; reinstate or revoke it before renewing");
  EXPECT_TRUE(registry_->GetCertificate(certificate->id)->superseded_by.empty());
  EXPECT_EQ(registry_->SearchCertificates({})->total, 1) << "nothing issued";
}

TEST_F(RegistryTest, ARenewalMoreThanAYearAfterExpiryStartsOnItsOwnDay) {
  auto certificate = registry_->Issue(Request(), kStaff);  // 2026-03-01 to 2028-03-01
  ASSERT_TRUE(certificate.ok());
  now_ = *ParseDateTimeStamp("2029-03-01T10:00:00Z");  // a year and a day after the end
  auto late = registry_->Renew(certificate->id, RenewRequest(), kStaff);
  ASSERT_TRUE(late.ok()) << late.message();
  EXPECT_EQ(late->valid_from, "2029-03-01T00:00:00Z");
  EXPECT_EQ(late->valid_until, "2031-03-01T00:00:00Z");
}

TEST_F(RegistryTest, AuditTrailRecordsWhoDidWhat) {
  auto certificate = registry_->Issue(Request(), kStaff);
  ASSERT_TRUE(registry_->Revoke(certificate->id, "withdrawn", Actor{"cli:alice"}).ok());
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
