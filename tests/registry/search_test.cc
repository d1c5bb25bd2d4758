// The public search: what a piece of text finds, through the trigram index (three characters
// or more) and through the scan (fewer), the index kept current by every write that changes
// what is searched, and built for certificates issued before it existed.
#include <SQLiteCpp/Database.h>

#include <algorithm>

#include "registry/registry.h"
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
    ASSERT_TRUE(registry_->AddInitiative(initiative, kStaff).ok());
    IssueRequest request;
    request.initiative_slug = slug;
    request.assessed_on = "2026-02-10";
    auto issued = registry_->Issue(request, kStaff);
    ASSERT_TRUE(issued.ok()) << issued.message();
    now_ += 60;  // issue order is the order of the list
  }

  // The ids `text` finds, in the order they are listed; the total must agree with them.
  std::vector<std::string> Find(const std::string& text, const std::string& status = "") {
    CertificateQuery query;
    query.text = text;
    query.status = status;
    auto page = registry_->SearchCertificates(query);
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
  ASSERT_TRUE(registry_->Suspend("CEBW-2026-0002", "Prüfung läuft", kStaff).ok());
  EXPECT_EQ(Find("gmbh", "valid"), (Ids{"CEBW-2026-0003", "CEBW-2026-0004"}));
  EXPECT_EQ(Find("gmbh", "suspended"), Ids{"CEBW-2026-0002"});
  EXPECT_EQ(Find("H2", "suspended"), Ids{"CEBW-2026-0002"});
  EXPECT_EQ(Find("H2", "valid"), Ids{});
}

TEST_F(SearchTest, ARenamedInitiativeIsFoundByItsNewNameOnly) {
  Initiative renamed = registry_->GetInitiative("biopro").value();
  renamed.name = "BioRegio Neckar";
  renamed.legal_entity = "Neckar Bio e.V.";
  ASSERT_TRUE(registry_->UpdateInitiative(renamed, kStaff).ok());
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
  auto renewal = registry_->Renew("CEBW-2026-0002", request, kStaff);
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
    db.exec("PRAGMA user_version = 7");
  }
  registry_ = Registry::Open(dir_.path() / "data").value();
  EXPECT_EQ(Find("gmbh"), (Ids{"CEBW-2026-0002", "CEBW-2026-0003", "CEBW-2026-0004"}));
  EXPECT_EQ(Find("micro"), Ids{"CEBW-2026-0001"});
}

}  // namespace
}  // namespace siegel
