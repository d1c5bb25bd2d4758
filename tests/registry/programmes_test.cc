// More than one label: a programme added later has its own certificate numbering and its own
// pair of status lists, four eyes on from the start; editing it keeps its code and prefix and
// is audited with before and after.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include "tests/registry/registry_fixture.h"

namespace siegel {
namespace {

Programme Kibw() {
  Programme p;
  p.code = "ki-bw";
  p.name_de = "KI-Exzellenz Baden-Württemberg";
  p.name_en = "AI Excellence Baden-Württemberg";
  p.description = "Netzwerke der künstlichen Intelligenz mit externer Begutachtung.";
  p.validity_months = 36;
  p.criteria_text = "Zwölf Kriterien der KI-Netzwerkarbeit.";
  p.assessor_default = "KI-Prüfstelle (fiktiv)";
  p.id_prefix = "KIBW";
  return p;
}

class ProgrammesTest : public RegistryTest {
 protected:
  std::string StatusListOf(const std::string& code, StatusPurpose purpose) {
    auto list = registry_->status_lists().StatusListCredential(code, purpose);
    EXPECT_TRUE(list.ok()) << list.message();
    return list.ok() ? *list : "";
  }
};

TEST_F(ProgrammesTest, ANewProgrammeNumbersItsOwnCertificatesAndKeepsItsOwnStatusLists) {
  ASSERT_TRUE(registry_->records().AddProgramme(Kibw(), kStaff).ok());
  EXPECT_TRUE(registry_->certificates().FourEyesRequired("ki-bw").value())
      << "a new programme starts with four eyes";
  ASSERT_TRUE(registry_->accounts().SetFourEyes("ki-bw", true, kStaff).ok());
  // The registry's test fixture signs alone: switch ki-bw's rule as the registry was made.
  SQLite::Database db((dir_.path() / "data" / "registry.db").string(), SQLite::OPEN_READWRITE);
  db.exec("UPDATE programmes SET four_eyes = 0 WHERE code = 'ki-bw'");

  auto ce = registry_->lifecycle().Issue(Request(), kStaff);
  ASSERT_TRUE(ce.ok()) << ce.message();
  IssueRequest ki = Request();
  ki.programme_code = "ki-bw";
  auto first = registry_->lifecycle().Issue(ki, kStaff);
  ASSERT_TRUE(first.ok()) << first.message();
  EXPECT_EQ(first->id, "KIBW-2026-0001");
  EXPECT_EQ(ce->id, "CEBW-2026-0001");
  // Its validity follows its own rule: 36 months.
  EXPECT_EQ(first->valid_until.substr(0, 10), "2029-03-01");
  EXPECT_EQ(first->assessor, "KI-Prüfstelle (fiktiv)");

  std::string ce_list = StatusListOf("ce-bw", StatusPurpose::kRevocation);
  std::string ki_list = StatusListOf("ki-bw", StatusPurpose::kRevocation);
  ASSERT_TRUE(registry_->lifecycle().Revoke(first->id, "issued in error", kStaff).ok());
  EXPECT_NE(StatusListOf("ki-bw", StatusPurpose::kRevocation), ki_list);
  EXPECT_EQ(StatusListOf("ce-bw", StatusPurpose::kRevocation), ce_list)
      << "a revocation in ki-bw leaves ce-bw's list alone";
  Json credential = Json::parse(first->credential_json);
  EXPECT_NE(credential.dump().find("/status/ki-bw/"), std::string::npos);
}

TEST_F(ProgrammesTest, EditingKeepsCodeAndPrefixAndIsAuditedWithBeforeAndAfter) {
  ASSERT_TRUE(registry_->records().AddProgramme(Kibw(), kStaff).ok());
  Programme changed = Kibw();
  changed.name_de = "KI-Exzellenz BW";
  changed.validity_months = 24;
  changed.id_prefix = "OTHER";  // not for changing
  changed.levels = {"Bronze", "Silber"};
  ASSERT_TRUE(registry_->records().UpdateProgramme(changed, kStaff).ok());
  Programme stored = *registry_->certificates().GetProgramme("ki-bw");
  EXPECT_EQ(stored.name_de, "KI-Exzellenz BW");
  EXPECT_EQ(stored.validity_months, 24);
  EXPECT_EQ(stored.id_prefix, "KIBW");
  EXPECT_EQ(stored.levels, (std::vector<std::string>{"Bronze", "Silber"}));
  AuditFilter filter;
  filter.action = "programme.edit";
  auto audit = registry_->workflow().AuditLog(filter);
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ(Json::parse(audit->front().before_json)["nameDe"], "KI-Exzellenz Baden-Württemberg");
  EXPECT_EQ(Json::parse(audit->front().after_json)["nameDe"], "KI-Exzellenz BW");

  changed.validity_months = 0;
  auto refused = registry_->records().UpdateProgramme(changed, kStaff);
  EXPECT_EQ(refused.message(), "validity must be between 1 and 120 months");
  EXPECT_EQ(registry_->certificates().GetProgramme("ki-bw")->validity_months, 24);
  Programme unknown = Kibw();
  unknown.code = "nope";
  EXPECT_EQ(registry_->records().UpdateProgramme(unknown, kStaff).error().code,
            ErrorCode::kNotFound);
}

TEST_F(ProgrammesTest, ASecondProgrammeWithTheSameCodeOrPrefixIsRefused) {
  ASSERT_TRUE(registry_->records().AddProgramme(Kibw(), kStaff).ok());
  Programme twin = Kibw();
  twin.code = "ki-bw-2";
  auto refused = registry_->records().AddProgramme(twin, kStaff);
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().problem, "programme_taken");
  EXPECT_EQ(registry_->certificates().ListProgrammes()->size(), 2u);
}

}  // namespace
}  // namespace siegel
