// The public search: what a piece of text finds, through the trigram index (three characters
// or more) and through the scan (fewer), the index kept current by every write that changes
// what is searched, and built for certificates issued before it existed.
#include <SQLiteCpp/Database.h>

#include <algorithm>
#include <map>

#include "registry/certificate_status.h"
#include "registry/registry.h"
#include "tests/registry/registry_fixture.h"
#include "tests/registry/staff_fixture.h"
#include "tests/test_support.h"

namespace siegel {
namespace {

const Actor kStaff{"test:staff"};

class SearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitOptions options;
    options.four_eyes = false;  // one person signs, through Issue
    options.base_url = "https://labels.example.org";
    options.clock_for_testing = [this] { return now_; };
    registry_ = Registry::Create(dir_.path() / "data", options).value();
    Add("microtec-suedwest", "microTEC Südwest", "microTEC Südwest e.V.");     // CEBW-2026-0001
    Add("hydrogen-bw", "Wasserstoff-Cluster BW", "H2 Netzwerk GmbH");          // CEBW-2026-0002
    Add("biopro", "BioRegio STERN", "BIOPRO Baden-Württemberg GmbH");          // CEBW-2026-0003
    Add("quote", "Cluster \"Quote\" OR NEAR(x) *", "Zitat AND Sterne gGmbH");  // CEBW-2026-0004
  }

  void Add(const std::string& slug, const std::string& name, const std::string& legal_entity) {
    Initiative initiative;
    initiative.slug = slug;
    initiative.name = name;
    initiative.legal_entity = legal_entity;
    ASSERT_TRUE(registry_->records().AddInitiative(initiative, kStaff).ok());
    IssueRequest request;
    request.initiative_slug = slug;
    request.assessed_on = "2026-02-10";
    auto issued = registry_->lifecycle().Issue(request, kStaff);
    ASSERT_TRUE(issued.ok()) << issued.message();
    now_ += 60;  // issue order is the order of the list
  }

  // A new initiative `slug` with one certificate valid from `from` until `until`; its id.
  std::string IssueValidity(const std::string& slug, UnixSeconds from, UnixSeconds until) {
    Initiative initiative;
    initiative.slug = slug;
    initiative.name = "Initiative " + slug;
    EXPECT_TRUE(registry_->records().AddInitiative(initiative, kStaff).ok());
    IssueRequest request;
    request.initiative_slug = slug;
    request.assessed_on = "2026-02-10";
    request.valid_from = from;
    request.valid_until = until;
    auto issued = registry_->lifecycle().Issue(request, kStaff);
    EXPECT_TRUE(issued.ok()) << issued.message();
    return issued.ok() ? issued->id : std::string();
  }

  // The ids `text` finds, in the order they are listed; the total must agree with them.
  std::vector<std::string> Find(const std::string& text, const std::string& status = "") {
    CertificateQuery query;
    query.text = text;
    query.status = status;
    auto page = registry_->certificates().SearchCertificates(query);
    EXPECT_TRUE(page.ok()) << text << ": " << page.message();
    std::vector<std::string> ids;
    if (!page.ok()) return ids;
    for (const CertificateSummary& s : page->items) ids.push_back(s.certificate.id);
    EXPECT_EQ(page->total, static_cast<int64_t>(ids.size())) << text;
    return ids;
  }

  using Ids = std::vector<std::string>;
  testing::TempDir dir_;
  std::unique_ptr<Registry> registry_;
  UnixSeconds now_ = *ParseDateTimeStamp("2026-03-01T10:00:00Z");
};

TEST_F(SearchTest, APieceOfTheNumberNameOrLegalEntityFindsTheCertificate) {
  EXPECT_EQ(Find("mikro"), Ids{});
  EXPECT_EQ(Find("micro"), Ids{"CEBW-2026-0001"});
  EXPECT_EQ(Find("MICROtec"), Ids{"CEBW-2026-0001"});
  EXPECT_EQ(Find("südw"), Ids{"CEBW-2026-0001"});
  EXPECT_EQ(Find("stoff-clu"), Ids{"CEBW-2026-0002"});  // inside a word, across a hyphen
  EXPECT_EQ(Find("netzwerk"), Ids{"CEBW-2026-0002"});   // the legal entity
  EXPECT_EQ(Find("gmbh"), (Ids{"CEBW-2026-0002", "CEBW-2026-0003", "CEBW-2026-0004"}));
  EXPECT_EQ(Find("2026-0003"), Ids{"CEBW-2026-0003"});
  EXPECT_EQ(Find("cebw-2026"),
            (Ids{"CEBW-2026-0001", "CEBW-2026-0002", "CEBW-2026-0003", "CEBW-2026-0004"}));
  EXPECT_EQ(Find("württemberg"), Ids{"CEBW-2026-0003"});
  EXPECT_EQ(Find("stern"), (Ids{"CEBW-2026-0003", "CEBW-2026-0004"}));
  // A piece that spans two fields is not in either.
  EXPECT_EQ(Find("0001 micro"), Ids{});
  EXPECT_EQ(Find("Südwest microTEC"), Ids{});
}

TEST_F(SearchTest, TextShorterThanATrigramIsFoundByTheScan) {
  EXPECT_EQ(Find("H2"), Ids{"CEBW-2026-0002"});
  EXPECT_EQ(Find("Bi"), Ids{"CEBW-2026-0003"});
  EXPECT_EQ(Find("ü"), (Ids{"CEBW-2026-0001", "CEBW-2026-0003"}));
  EXPECT_EQ(Find("q"), Ids{"CEBW-2026-0004"});
}

TEST_F(SearchTest, QuerySyntaxInTheTextIsOnlyText) {
  EXPECT_EQ(Find("\"Quote\""), Ids{"CEBW-2026-0004"});
  EXPECT_EQ(Find("OR NEAR(x) *"), Ids{"CEBW-2026-0004"});
  EXPECT_EQ(Find("AND Sterne"), Ids{"CEBW-2026-0004"});
  EXPECT_EQ(Find("micro OR biopro"), Ids{});
  EXPECT_EQ(Find("micro*"), Ids{});
  EXPECT_EQ(Find("\"\"\""), Ids{});
}

TEST_F(SearchTest, TextAndStatusTogether) {
  ASSERT_TRUE(registry_->lifecycle().Suspend("CEBW-2026-0002", "Prüfung läuft", kStaff).ok());
  EXPECT_EQ(Find("gmbh", "valid"), (Ids{"CEBW-2026-0003", "CEBW-2026-0004"}));
  EXPECT_EQ(Find("gmbh", "suspended"), Ids{"CEBW-2026-0002"});
  EXPECT_EQ(Find("H2", "suspended"), Ids{"CEBW-2026-0002"});
  EXPECT_EQ(Find("H2", "valid"), Ids{});
}

TEST_F(SearchTest, ARenamedInitiativeIsFoundByItsNewNameOnly) {
  Initiative renamed = registry_->certificates().GetInitiative("biopro").value();
  renamed.name = "BioRegio Neckar";
  renamed.legal_entity = "Neckar Bio e.V.";
  ASSERT_TRUE(registry_->records().UpdateInitiative(renamed, kStaff).ok());
  EXPECT_EQ(Find("stern"), Ids{"CEBW-2026-0004"});
  EXPECT_EQ(Find("württemberg"), Ids{});
  EXPECT_EQ(Find("neckar"), Ids{"CEBW-2026-0003"});
  EXPECT_EQ(Find("2026-0003"), Ids{"CEBW-2026-0003"});  // once, not once per name it had
  // The other initiatives' entries are untouched.
  EXPECT_EQ(Find("netzwerk"), Ids{"CEBW-2026-0002"});
}

TEST_F(SearchTest, ARenewalIsFoundBesideTheCertificateItRenews) {
  RenewRequest request;
  request.assessed_on = "2026-02-20";
  auto renewal = registry_->lifecycle().Renew("CEBW-2026-0002", request, kStaff);
  ASSERT_TRUE(renewal.ok()) << renewal.message();
  EXPECT_EQ(Find("wasserstoff"), (Ids{"CEBW-2026-0002", renewal->id}));
}

// A registry made before the index existed: opening it builds the index from the records.
TEST_F(SearchTest, CertificatesIssuedBeforeTheIndexAreFound) {
  registry_.reset();
  {
    SQLite::Database db((dir_.path() / "data/registry.db").string(), SQLite::OPEN_READWRITE);
    db.exec(
        "DROP TRIGGER certificate_search_on_issue; DROP TRIGGER certificate_search_on_rename; "
        "DROP TABLE certificate_search; DROP INDEX certificates_in_issue_order");
    db.exec("ALTER TABLE users DROP COLUMN language; ALTER TABLE users DROP COLUMN email");
    db.exec("ALTER TABLE initiatives DROP COLUMN contact_email");
    db.exec("ALTER TABLE proposals DROP COLUMN replaces");
    db.exec("PRAGMA user_version = 7");
  }
  registry_ = Registry::Open(dir_.path() / "data").value();
  EXPECT_EQ(Find("gmbh"), (Ids{"CEBW-2026-0002", "CEBW-2026-0003", "CEBW-2026-0004"}));
  EXPECT_EQ(Find("micro"), Ids{"CEBW-2026-0001"});
}

}  // namespace
}  // namespace siegel

namespace siegel {
namespace {

// For a past moment the SQL rule (SIEGEL_STATUS_AT) reads the status history; it must say what
// StatusAt says of the same history, and what is typed out here, at every moment between the
// events: a suspension lifted and imposed again, a revocation, a certificate signed after the
// start of its validity (not yet issued before that), and one that expires.
TEST_F(SearchTest, TheSqlStatusRuleForAPastMomentAgreesWithTheHistory) {
  const UnixSeconds day = 86400;
  const UnixSeconds t0 = now_;
  std::string story = IssueValidity("h-story", t0 - 10 * day, t0 + 100 * day);
  std::string expiring = IssueValidity("h-expiring", t0 - 10 * day, t0 + 6 * day);
  now_ = t0 + 1 * day;
  ASSERT_TRUE(registry_->lifecycle().Suspend(story, "Prüfung", kStaff).ok());
  now_ = t0 + 2 * day;
  ASSERT_TRUE(registry_->lifecycle().Reinstate(story, kStaff, "geprüft").ok());
  now_ = t0 + 3 * day;
  ASSERT_TRUE(registry_->lifecycle().Suspend(story, "erneut", kStaff).ok());
  now_ = t0 + 4 * day;
  ASSERT_TRUE(registry_->lifecycle().Revoke(story, "withdrawn", kStaff).ok());
  now_ = t0 + 5 * day;
  std::string late = IssueValidity("h-late", t0 - 1 * day, t0 + 100 * day);
  now_ = t0 + 8 * day;

  using S = CertificateStatus;
  const struct {
    double days;
    std::map<std::string, CertificateStatus> expected;
  } moments[] = {
      {0.5, {{story, S::kValid}, {expiring, S::kValid}, {late, S::kNotYetIssued}}},
      {1.5, {{story, S::kSuspended}, {expiring, S::kValid}, {late, S::kNotYetIssued}}},
      {2.5, {{story, S::kValid}, {expiring, S::kValid}, {late, S::kNotYetIssued}}},
      {3.5, {{story, S::kSuspended}, {expiring, S::kValid}, {late, S::kNotYetIssued}}},
      {4.5, {{story, S::kRevoked}, {expiring, S::kValid}, {late, S::kNotYetIssued}}},
      {5.5, {{story, S::kRevoked}, {expiring, S::kValid}, {late, S::kValid}}},
      {7.0, {{story, S::kRevoked}, {expiring, S::kExpired}, {late, S::kValid}}},
  };
  for (const auto& moment : moments) {
    UnixSeconds at = t0 + static_cast<UnixSeconds>(moment.days * day);
    for (const auto& [id, status] : moment.expected) {
      CertificateQuery query;
      query.text = id;
      query.at = at;
      auto page = registry_->certificates().SearchCertificates(query);
      ASSERT_TRUE(page.ok()) << page.message();
      ASSERT_EQ(page->items.size(), 1u) << id;
      const CertificateSummary& found = page->items[0];
      auto history = registry_->certificates().StatusHistory(id);
      EXPECT_EQ(StatusName(found.status), StatusName(status)) << id << " at day " << moment.days;
      EXPECT_EQ(StatusName(StatusAt(found.certificate, *history, at)), StatusName(status))
          << id << " at day " << moment.days;
    }
  }
  // The filter and the count judge at the moment too.
  CertificateQuery suspended;
  suspended.status = "suspended";
  suspended.at = t0 + 1 * day + day / 2;
  auto page = registry_->certificates().SearchCertificates(suspended);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0].certificate.id, story);
  suspended.at = t0 + 2 * day + day / 2;
  EXPECT_EQ(registry_->certificates().SearchCertificates(suspended)->total, 0);
}

// The status rule lives in C++ (CurrentStatus, StatusAt) and, for filtering and counting,
// in SQL (SIEGEL_STATUS_NOW in certificate_queries.cc). Both must say the same of every
// certificate, in every status and in the combinations where the order of the rule decides
// (suspended and expired, revoked after a suspension, not yet valid and suspended).
TEST_F(SearchTest, TheSqlStatusRuleAgreesWithTheCppOne) {
  const UnixSeconds day = 86400;
  std::string expired = IssueValidity("s-expired", now_ - 20 * day, now_ + 2 * day);
  std::string future = IssueValidity("s-future", now_ + 5 * day, now_ + 400 * day);
  std::string suspended_expired = IssueValidity("s-susp-exp", now_ - 20 * day, now_ + 3 * day);
  std::string suspended_future = IssueValidity("s-susp-fut", now_ + 5 * day, now_ + 400 * day);
  std::string revoked_suspended = IssueValidity("s-rev-susp", now_ - 20 * day, now_ + 400 * day);
  ASSERT_TRUE(registry_->lifecycle().Suspend(suspended_expired, "Prüfung", kStaff).ok());
  ASSERT_TRUE(registry_->lifecycle().Suspend(suspended_future, "Prüfung", kStaff).ok());
  ASSERT_TRUE(registry_->lifecycle().Suspend(revoked_suspended, "Prüfung", kStaff).ok());
  ASSERT_TRUE(registry_->lifecycle().Revoke(revoked_suspended, "withdrawn", kStaff).ok());
  ASSERT_TRUE(registry_->lifecycle().Revoke("CEBW-2026-0004", "withdrawn", kStaff).ok());
  now_ += 4 * day;  // two of them have now expired
  // Typed out: what each must be.
  const std::map<std::string, CertificateStatus> expected = {
      {"CEBW-2026-0001", CertificateStatus::kValid},
      {"CEBW-2026-0004", CertificateStatus::kRevoked},
      {expired, CertificateStatus::kExpired},
      {future, CertificateStatus::kNotYetValid},
      {suspended_expired, CertificateStatus::kSuspended},
      {suspended_future, CertificateStatus::kSuspended},
      {revoked_suspended, CertificateStatus::kRevoked},
  };
  CertificateQuery all;
  all.per_page = 500;
  auto page = registry_->certificates().SearchCertificates(all);
  ASSERT_TRUE(page.ok());
  size_t compared = 0;
  for (const CertificateSummary& s : page->items) {
    CertificateStatus in_cpp =
        CurrentStatus(*registry_->certificates().GetCertificate(s.certificate.id), now_);
    auto history = registry_->certificates().StatusHistory(s.certificate.id);
    ASSERT_TRUE(history.ok());
    EXPECT_EQ(StatusName(s.status), StatusName(in_cpp)) << s.certificate.id;
    EXPECT_EQ(StatusName(StatusAt(s.certificate, *history, now_)), StatusName(in_cpp))
        << s.certificate.id;
    auto wanted = expected.find(s.certificate.id);
    if (wanted == expected.end()) continue;
    EXPECT_EQ(StatusName(s.status), StatusName(wanted->second)) << s.certificate.id;
    ++compared;
  }
  EXPECT_EQ(compared, expected.size());
  // And the SQL filter finds each by its status.
  for (const auto& [id, status] : expected) {
    CertificateQuery query;
    query.text = id;
    query.status = StatusName(status);
    auto found = registry_->certificates().SearchCertificates(query);
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->total, 1) << id << " as " << StatusName(status);
  }
}

TEST_F(RegistryTest, StatusOnAPastDateComesFromTheHistory) {
  auto certificate = registry_->lifecycle().Issue(Request(), kStaff);
  ASSERT_TRUE(certificate.ok());
  now_ = *ParseDateTimeStamp("2026-06-01T00:00:00Z");
  ASSERT_TRUE(registry_->lifecycle().Suspend(certificate->id, "review", kStaff).ok());
  now_ = *ParseDateTimeStamp("2026-07-01T00:00:00Z");
  ASSERT_TRUE(registry_->lifecycle().Reinstate(certificate->id, kStaff).ok());
  now_ = *ParseDateTimeStamp("2027-01-01T00:00:00Z");
  ASSERT_TRUE(registry_->lifecycle().Revoke(certificate->id, "withdrawn", kStaff).ok());
  auto at = [&](const char* when) {
    return *registry_->certificates().StatusOf(certificate->id, *ParseDateTimeStamp(when));
  };
  EXPECT_EQ(at("2026-02-28T23:59:59Z"), CertificateStatus::kNotYetIssued);
  EXPECT_EQ(at("2026-05-01T00:00:00Z"), CertificateStatus::kValid);
  EXPECT_EQ(at("2026-06-15T00:00:00Z"), CertificateStatus::kSuspended);
  EXPECT_EQ(at("2026-12-01T00:00:00Z"), CertificateStatus::kValid);
  EXPECT_EQ(at("2027-03-15T00:00:00Z"), CertificateStatus::kRevoked);
}

TEST_F(RegistryTest, ListAtAPastDateFiltersByTheStatusThen) {
  auto certificate = registry_->lifecycle().Issue(Request(), kStaff);
  ASSERT_TRUE(certificate.ok());
  now_ = *ParseDateTimeStamp("2026-09-01T00:00:00Z");
  ASSERT_TRUE(registry_->lifecycle().Revoke(certificate->id, "withdrawn", kStaff).ok());
  auto listed = [&](CertificateStatus status, const char* at) {
    CertificateQuery query;
    query.status = StatusName(status);
    query.at = *ParseDateTimeStamp(at);
    auto page = registry_->certificates().SearchCertificates(query);
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
  ASSERT_TRUE(registry_->records().AddInitiative(other, kStaff).ok());
  auto a = registry_->lifecycle().Issue(Request(), kStaff);
  auto b = registry_->lifecycle().Issue(Request("automotive-bw"), kStaff);
  ASSERT_TRUE(registry_->lifecycle().Suspend(b->id, "review", kStaff).ok());
  CertificateQuery query;
  query.status = "suspended";
  auto suspended = registry_->certificates().SearchCertificates(query);
  ASSERT_EQ(suspended->items.size(), 1u);
  EXPECT_EQ(suspended->items[0].certificate.id, b->id);
  query.status.clear();
  query.text = "südwest";
  EXPECT_EQ(registry_->certificates().SearchCertificates(query)->total, 1);
  query.text = "MICROtec";
  EXPECT_EQ(registry_->certificates().SearchCertificates(query)->total, 1);
}

TEST_F(StaffTest, ExpiringCertificatesAreListedSoonestFirst) {
  Proposal proposal = ProposeBy("anna", RecordAssessment().id);
  auto certificate = registry_->workflow().ApproveProposal(proposal.id, "ben", Actor{"admin:ben"});
  ASSERT_TRUE(certificate.ok());
  EXPECT_TRUE(registry_->certificates().ExpiringCertificates(180)->empty());
  now_ = *ParseDateTimeStamp("2027-12-01T00:00:00Z");
  ASSERT_EQ(registry_->certificates().ExpiringCertificates(180)->size(), 1u);
  EXPECT_TRUE(registry_->certificates().ExpiringCertificates(30)->empty());
  EXPECT_FALSE(registry_->certificates().ExpiringCertificates(0).ok());
}

}  // namespace
}  // namespace siegel
