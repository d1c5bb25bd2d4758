// The status-list index allocator on a list that is half full: every index it hands out is
// free, and the indexes come in no order (an index must not tell when a label was issued).
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "registry/status_publisher.h"

namespace siegel {
namespace {

TEST(StatusIndex, OnAHalfFullListEveryIndexHandedOutIsFreeAndTheyComeInNoOrder) {
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  // Only the columns the allocator reads.
  db.exec(
      "CREATE TABLE status_lists (programme_code TEXT, purpose TEXT, length INTEGER, "
      "allocated INTEGER);"
      "CREATE TABLE certificates (programme_code TEXT, revocation_index INTEGER, "
      "suspension_index INTEGER);"
      "INSERT INTO status_lists VALUES ('ce-bw', 'revocation', 131072, 65000);"
      // Every even index below 130000 is taken.
      "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 2 FROM n WHERE i < 129998) "
      "INSERT INTO certificates SELECT 'ce-bw', i, i FROM n;");
  ASSERT_EQ(db.execAndGet("SELECT COUNT(*) FROM certificates").getInt64(), 65000);

  std::vector<uint64_t> handed_out;
  for (int i = 0; i < 50; ++i) {
    auto allocated = AllocateStatusIndex(db, "ce-bw", StatusPurpose::kRevocation);
    ASSERT_TRUE(allocated.ok()) << allocated.message();
    uint64_t index = allocated->index;
    EXPECT_LT(index, 131072u);
    EXPECT_TRUE(index % 2 == 1 || index >= 130000) << index << " was taken";
    SQLite::Statement take(db, "INSERT INTO certificates VALUES ('ce-bw', ?, NULL)");
    take.bind(1, static_cast<int64_t>(index));
    take.exec();
    handed_out.push_back(index);
  }
  EXPECT_EQ(std::set<uint64_t>(handed_out.begin(), handed_out.end()).size(), 50u);
  EXPECT_FALSE(std::is_sorted(handed_out.begin(), handed_out.end()))
      << "fifty random indexes in rising order happen once in 50! runs";
  EXPECT_EQ(db.execAndGet("SELECT allocated FROM status_lists").getInt64(), 65050);
}

}  // namespace
}  // namespace siegel
