// Status list allocation at scale: a list past half full doubles, and the signed list follows.
#include "registry/status_publisher.h"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include "credential/status_list.h"
#include "credential/verifier.h"
#include "registry/registry.h"
#include "tests/test_support.h"

namespace siegel {
namespace {

// A revocation rebuilds its lists from the withheld certificates: the plan must name a partial
// index, not the programme's unique index, which read every certificate's row (0.37 s of a
// revocation at 100,000 certificates).
TEST(StatusPublisher, TheSetBitsAreReadFromTheWithheldCertificatesAlone) {
  testing::TempDir dir;
  InitOptions options;
  options.base_url = "https://labels.example.org";
  ASSERT_TRUE(Registry::Create(dir.path() / "data", options).ok());
  SQLite::Database db((dir.path() / "data/registry.db").string(), SQLite::OPEN_READONLY);
  for (StatusPurpose purpose : kStatusPurposes) {
    SQLite::Statement plan(db, std::string("EXPLAIN QUERY PLAN ") + StatusListBitsQuery(purpose));
    plan.bind(1, "ce-bw");
    std::string steps;
    while (plan.executeStep()) steps += plan.getColumn(3).getString() + "\n";
    EXPECT_TRUE(steps.find("USING INDEX certificates_revoked") != std::string::npos ||
                steps.find("USING INDEX certificates_withheld") != std::string::npos)
        << PurposeName(purpose) << ": " << steps;
  }
}

TEST(StatusPublisher, ListDoublesBeforeItIsHalfFull) {
  testing::TempDir dir;
  InitOptions options;
  options.four_eyes = false;  // one person signs, through Issue
  options.base_url = "https://labels.example.org";
  auto registry = Registry::Create(dir.path() / "data", options);
  ASSERT_TRUE(registry.ok());
  Initiative initiative;
  initiative.slug = "bulk";
  initiative.name = "Bulk";
  ASSERT_TRUE((*registry)->records().AddInitiative(initiative, {"test"}).ok());

  {
    // 65,536 placeholder certificates straight in SQL: the list is exactly half full.
    SQLite::Database db((dir.path() / "data/registry.db").string(), SQLite::OPEN_READWRITE);
    db.exec(
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 65535) "
        "INSERT INTO certificates (id, initiative_slug, programme_code, award_year, sequence, "
        "valid_from, "
        "valid_until, issued_at, issued_by, revocation_index, suspension_index, key_id, "
        "credential_json, "
        "credential_jws) SELECT 'BULK-' || i, 'bulk', 'ce-bw', 1999, i + 1, "
        "'2020-01-01T00:00:00Z', "
        "'2021-01-01T00:00:00Z', '2020-01-01T00:00:00Z', 'test', i * 2, i * 2, 'key-1', '{}', '' "
        "FROM n");
    db.exec("UPDATE status_lists SET allocated = 65536");
  }
  IssueRequest request;
  request.initiative_slug = "bulk";
  auto issued = (*registry)->lifecycle().Issue(request, {"test"});
  ASSERT_TRUE(issued.ok()) << issued.message();

  auto trust = TrustedIssuer::FromDocument(*(*registry)->keys().DidDocument());
  ASSERT_TRUE(trust.ok());
  for (StatusPurpose purpose : kStatusPurposes) {
    auto text = (*registry)->status_lists().StatusListCredential("ce-bw", purpose);
    auto verified = VerifyStatusListCredential(Json::parse(*text), *trust);
    ASSERT_TRUE(verified.ok()) << verified.message();
    EXPECT_EQ(verified->second.bits.size(), 2 * kStatusListLength) << PurposeName(purpose);
  }
  EXPECT_LT(issued->revocation_index, 2 * kStatusListLength);
  // The new certificate verifies as valid against the lengthened lists.
  StatusListSet lists;
  ASSERT_TRUE(lists
                  .Add(*(*registry)->status_lists().StatusListCredential(
                           "ce-bw", StatusPurpose::kRevocation),
                       *trust)
                  .ok());
  ASSERT_TRUE(lists
                  .Add(*(*registry)->status_lists().StatusListCredential(
                           "ce-bw", StatusPurpose::kSuspension),
                       *trust)
                  .ok());
  EXPECT_EQ(VerifyLabelCredential(issued->credential_json, *trust,
                                  VerificationInputs{&lists, nullptr, true}, NowUnixSeconds())
                .state,
            CredentialState::kValid);
}

}  // namespace
}  // namespace siegel
