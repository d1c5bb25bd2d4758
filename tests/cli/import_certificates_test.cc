// `siegel import certificates`: the labels a ministry awarded before Siegel, from its
// spreadsheet. Row by row what would happen (exact messages), nothing half-imported, every row
// a proposal for a second person (four eyes), and a file imported twice proposing nothing twice.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <map>

#include "registry/registry.h"
#include "tests/process_support.h"

namespace siegel {
namespace {

using testing::RunProcess;

class ImportCertificatesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = (dir_.path() / "data").string();
    ASSERT_EQ(Siegel({"init", "--base-url", "https://labels.example.org"}).exit_code, 0);
    for (const auto& [slug, name] :
         {std::pair{"microtec-suedwest", "microTEC Südwest"}, {"photonics-bw", "Photonics BW"}}) {
      ASSERT_EQ(Siegel({"initiative", "add", "--slug", slug, "--name", name}).exit_code, 0);
    }
  }
  testing::ProcessResult Siegel(std::vector<std::string> args) {
    args.insert(args.begin(), SIEGEL_BINARY);
    args.push_back("--data");
    args.push_back(data_);
    return RunProcess(args, {"USER=clerk"});
  }
  testing::ProcessResult Import(const std::string& csv, bool dry_run = false) {
    std::string file = (dir_.path() / "awards.csv").string();
    testing::WriteFile(file, csv);
    std::vector<std::string> args = {"import", "certificates", file};
    if (dry_run) args.push_back("--dry-run");
    return Siegel(args);
  }
  int64_t Count(const std::string& table) {
    // A table's name cannot be bound: one fixed statement for each table the tests count.
    static const std::map<std::string, std::string> kCounts = {
        {"assessments", "SELECT COUNT(*) FROM assessments"},
        {"certificates", "SELECT COUNT(*) FROM certificates"},
        {"proposals", "SELECT COUNT(*) FROM proposals"},
    };
    SQLite::Database db(data_ + "/registry.db");
    SQLite::Statement q(db, kCounts.at(table));
    q.executeStep();
    return q.getColumn(0).getInt64();
  }
  std::string File() const { return (dir_.path() / "awards.csv").string(); }

  testing::TempDir dir_;
  std::string data_;
};

const char kHeader[] =
    "Kurzname;Gutachter;Begutachtung bis;Beiratsbeschluss;Aktenzeichen;Gültig ab;Gültig "
    "bis;Vermerk\n";

TEST_F(ImportCertificatesTest, ADryRunSaysWhatIsWrongRowByRowAndNothingIsHalfImported) {
  std::string csv = std::string(kHeader) +
                    "microtec-suedwest;VDI/VDE-IT;10.02.2024;20.02.2024;Beirat 2024/1;01.03.2024;"
                    "01.03.2026;\n"
                    "photonics-bw;ESCA;15.05.2025;;;01.06.2025;01.06.2028;\n"
                    "unbekannt;ESCA;15.05.2025;;;01.06.2025;01.06.2027;\n"
                    "photonics-bw;ESCA;15.05.2025;;;01.01.2026;01.01.2028;Beirat: länger\n"
                    "microtec-suedwest;VDI/VDE-IT;10.02.2099;;;01.03.2026;01.03.2028;\n";
  for (bool dry_run : {true, false}) {
    auto result = Import(csv, dry_run);
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_EQ(result.out,
              File() +
                  ": 5 rows, UTF-8, ';'-separated\n"
                  "row 2: propose microtec-suedwest, valid 2024-03-01 to 2026-03-01\n"
                  "row 3: error: photonics-bw: the validity departs from the programme's rule "
                  "(36 months instead of the programme's 24 months: ends on 2028-06-01, not "
                  "2027-06-01); say why in the note\n"
                  "row 4: error: unbekannt: there is no initiative \"unbekannt\"; import the "
                  "initiatives first (siegel import initiatives)\n"
                  "row 5: error: photonics-bw: the period overlaps the one in row 3 for the same "
                  "initiative\n"
                  "row 6: error: microtec-suedwest: the assessment end 2099-02-10 is in the "
                  "future\n"
                  "1 to propose, 0 unchanged, 4 with errors\n");
    EXPECT_EQ(result.err, "siegel: 4 rows are wrong (above); nothing was imported\n");
    EXPECT_EQ(Count("assessments"), 0);
    EXPECT_EQ(Count("proposals"), 0);
  }
}

TEST_F(ImportCertificatesTest, EveryRowBecomesAProposalForASecondPersonAndTwiceChangesNothing) {
  // Windows-1252 and commas, as another spreadsheet saves it ("Gültig" with 0xFC).
  std::string csv =
      "Kurzname,Gutachter,Begutachtung bis,G\xFCltig ab,G\xFCltig bis\n"
      "microtec-suedwest,VDI/VDE-IT,10.02.2024,01.03.2024,01.03.2026\n"
      "microtec-suedwest,VDI/VDE-IT,2026-02-10,2026-03-01,2028-03-01\n";
  auto first = Import(csv);
  EXPECT_EQ(first.exit_code, 3) << first.err;
  EXPECT_EQ(first.out, File() +
                           ": 2 rows, Windows-1252, ','-separated\n"
                           "row 2: propose microtec-suedwest, valid 2024-03-01 to 2026-03-01\n"
                           "row 3: propose microtec-suedwest, valid 2026-03-01 to 2028-03-01\n"
                           "2 to propose, 0 unchanged, 0 with errors\n"
                           "imported: 2 proposals (1 to 2); nothing is signed until a second "
                           "person approves each at https://labels.example.org/admin/proposals\n");
  EXPECT_EQ(Count("proposals"), 2);
  EXPECT_EQ(Count("certificates"), 0) << "nothing signed by the import";

  auto again = Import(csv);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("row 2: unchanged microtec-suedwest: proposal 1\n"), std::string::npos)
      << again.out;
  EXPECT_NE(again.out.find("imported: nothing new\n"), std::string::npos);
  EXPECT_EQ(Count("proposals"), 2);

  // A second person approves the first (the proposer, cli:clerk, may not).
  {
    auto registry = Registry::Open(data_);
    ASSERT_TRUE(registry.ok()) << registry.message();
    StaffUser ben;
    ben.username = "ben";
    ben.display_name = "Ben Example";
    ben.role = Role::kIssuer;
    ASSERT_TRUE(
        (*registry)->accounts().AddUser(ben, "correct horse 42", {"cli:op", "cli:op", true}).ok());
    auto own = (*registry)->workflow().ApproveProposal(1, "cli:clerk", {"cli:clerk"});
    EXPECT_FALSE(own.ok());
    auto approved = (*registry)->workflow().ApproveProposal(1, "ben", {"admin:ben"});
    ASSERT_TRUE(approved.ok()) << approved.message();
    EXPECT_EQ(approved->valid_from, "2024-03-01T00:00:00Z");
    EXPECT_EQ(approved->assessor, "VDI/VDE-IT");
  }
  auto third = Import(csv);
  EXPECT_NE(third.out.find("row 2: unchanged microtec-suedwest: certificate CEBW-"),
            std::string::npos)
      << third.out;
  EXPECT_NE(third.out.find("row 3: unchanged microtec-suedwest: proposal 2\n"), std::string::npos);
  EXPECT_EQ(Count("certificates"), 1);
}

TEST_F(ImportCertificatesTest, AFileWithoutTheNeededColumnsIsRefusedAsAWhole) {
  auto missing = Import("Kurzname;Gutachter;Gültig ab\nmicrotec-suedwest;ESCA;01.03.2024\n");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "siegel: " + File() + ": the column assessedOn is missing\n");
  auto unknown = Import("Kurzname;Farbe\nmicrotec-suedwest;blau\n");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("the column \"Farbe\" is not one Siegel imports for certificates"),
            std::string::npos)
      << unknown.err;
  EXPECT_EQ(Count("assessments"), 0);
}

}  // namespace
}  // namespace siegel
