// Programme and initiative records: validated with the field named, edited with before and
// after in the audit trail.
#include "registry/registry_records.h"

#include "tests/registry/registry_fixture.h"
#include "tests/registry/staff_fixture.h"

namespace siegel {
namespace {

TEST_F(RegistryTest, BadInputIsRefusedWithTheFieldNamed) {
  Initiative bad;
  bad.slug = "Bad Slug";
  bad.name = "x";
  EXPECT_EQ(
      registry_->records().AddInitiative(bad, kStaff).message(),
      "initiative slug \"Bad Slug\" must be 2-63 lowercase letters, digits or inner hyphens, e.g. "
      "microtec-suedwest");
  bad.slug = "ok-slug";
  bad.name = "bad\xff utf8";
  EXPECT_EQ(registry_->records().AddInitiative(bad, kStaff).message(),
            "initiative name is not valid UTF-8 text");
  bad.name = "fine";
  bad.website = "javascript:alert(1)";
  EXPECT_EQ(registry_->records().AddInitiative(bad, kStaff).message(),
            "website \"javascript:alert(1)\" is not an http(s) URL");
  EXPECT_EQ(registry_->certificates().GetInitiative("ok-slug").error().code, ErrorCode::kNotFound);

  Initiative duplicate;
  duplicate.slug = "microtec-suedwest";
  duplicate.name = "again";
  EXPECT_EQ(registry_->records().AddInitiative(duplicate, kStaff).error().code,
            ErrorCode::kConflict);
  EXPECT_EQ(registry_->certificates().GetInitiative("microtec-suedwest")->name, "microTEC Südwest");

  IssueRequest request = Request();
  request.level = "gold";
  EXPECT_EQ(registry_->lifecycle().Issue(request, kStaff).message(),
            "programme ce-bw has no levels; leave --level out");
  request = Request("nobody");
  EXPECT_EQ(registry_->lifecycle().Issue(request, kStaff).message(),
            "there is no initiative \"nobody\"");
  request = Request();
  request.valid_from = *ParseDateTimeStamp("2026-03-01T00:00:00Z");
  request.valid_until = *ParseDateTimeStamp("2026-02-01T00:00:00Z");
  EXPECT_EQ(registry_->lifecycle().Issue(request, kStaff).message(),
            "the validity must end after it starts");
  request = Request();
  request.assessed_on = "2026-13-01";
  EXPECT_EQ(registry_->lifecycle().Issue(request, kStaff).message(),
            "assessment date \"2026-13-01\" is not a date such as 2026-03-15");
  EXPECT_EQ(registry_->certificates().SearchCertificates({})->total, 0);
}

TEST_F(StaffTest, InitiativeEditKeepsBeforeAndAfterInTheAuditTrail) {
  Initiative changed = *registry_->certificates().GetInitiative("microtec-suedwest");
  changed.name = "microTEC Südwest (neu)";
  changed.technology_fields = {"Microsystems technology"};
  ASSERT_TRUE(registry_->records().UpdateInitiative(changed, Actor{"admin:anna"}).ok());
  EXPECT_EQ(registry_->certificates().GetInitiative("microtec-suedwest")->name,
            "microTEC Südwest (neu)");
  changed.website = "javascript:alert(1)";
  EXPECT_FALSE(registry_->records().UpdateInitiative(changed, Actor{"admin:anna"}).ok());
  AuditFilter filter;
  filter.action = "initiative.edit";
  auto log = registry_->workflow().AuditLog(filter);
  ASSERT_TRUE(log.ok()) << log.message();
  ASSERT_EQ(log->size(), 1u);
  EXPECT_EQ((*log)[0].actor, "admin:anna");
  EXPECT_NE((*log)[0].before_json.find("\"microTEC Südwest\""), std::string::npos);
  EXPECT_NE((*log)[0].after_json.find("(neu)"), std::string::npos);
}

}  // namespace
}  // namespace siegel
