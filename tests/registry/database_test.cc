// Schema migrations: applied once, idempotent on reopen, refused when the file is newer.
#include "registry/database.h"

#include <SQLiteCpp/Column.h>

#include "registry/registry.h"
#include "tests/test_support.h"

namespace siegel {
namespace {

TEST(Database, MigratesToTheLatestVersionOnceAndReopensUnchanged) {
  testing::TempDir dir;
  auto db = OpenDatabase(dir.path() / "r.db", true);
  ASSERT_TRUE(db.ok()) << db.message();
  ASSERT_TRUE(MigrateDatabase(**db).ok());
  EXPECT_EQ((*db)->execAndGet("PRAGMA user_version").getInt(), LatestSchemaVersion());
  EXPECT_EQ((*db)->execAndGet("PRAGMA journal_mode").getString(), "wal");
  EXPECT_EQ((*db)->execAndGet("PRAGMA foreign_keys").getInt(), 1);
  ASSERT_TRUE(MigrateDatabase(**db).ok()) << "running the migrations again must be a no-op";
  EXPECT_EQ((*db)->execAndGet("SELECT COUNT(*) FROM generation").getInt(), 1);
}

TEST(Database, RefusesASchemaNewerThanThisProgram) {
  testing::TempDir dir;
  auto db = OpenDatabase(dir.path() / "r.db", true);
  ASSERT_TRUE(db.ok());
  (*db)->exec("PRAGMA user_version = 999");
  Status s = MigrateDatabase(**db);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(),
            "the registry database has schema version 999, newer than this program knows (" +
                std::to_string(LatestSchemaVersion()) + "); upgrade Siegel");
}

TEST(Database, ReopenedRegistryKeepsItsSettingsAndData) {
  testing::TempDir dir;
  InitOptions options;
  options.four_eyes = false;  // one person signs, through Issue
  options.base_url = "https://labels.example.org:8443/bw/";
  options.issuer_name = "Ministerium (Test)";
  ASSERT_TRUE(Registry::Create(dir.path() / "data", options).ok());
  auto reopened = Registry::Open(dir.path() / "data");
  ASSERT_TRUE(reopened.ok()) << reopened.message();
  EXPECT_EQ((*reopened)->settings().base_url, "https://labels.example.org:8443/bw");
  EXPECT_EQ((*reopened)->settings().did, "did:web:labels.example.org%3A8443:bw");
  EXPECT_EQ((*reopened)->settings().issuer_name, "Ministerium (Test)");
  auto programmes = (*reopened)->ListProgrammes();
  ASSERT_EQ(programmes->size(), 1u);
  EXPECT_EQ((*programmes)[0].code, "ce-bw");
  EXPECT_EQ((*programmes)[0].validity_months, 24);
  EXPECT_EQ((*programmes)[0].id_prefix, "CEBW");
  EXPECT_TRUE((*reopened)->StatusListCredential("ce-bw", "revocation").ok());
}

}  // namespace
}  // namespace siegel

namespace siegel {
namespace {

TEST(Database, MigrationTwoCountsIndexesAlreadyHandedOut) {
  testing::TempDir dir;
  InitOptions options;
  options.four_eyes = false;  // one person signs, through Issue
  options.base_url = "https://labels.example.org";
  auto registry = Registry::Create(dir.path() / "data", options);
  ASSERT_TRUE(registry.ok());
  Initiative initiative;
  initiative.slug = "abc";
  initiative.name = "ABC";
  ASSERT_TRUE((*registry)->AddInitiative(initiative, {"test"}).ok());
  IssueRequest request;
  request.initiative_slug = "abc";
  ASSERT_TRUE((*registry)->Issue(request, {"test"}).ok());
  registry->reset();
  {
    // Back to schema 1 as an old registry would be, then let Open() migrate it.
    SQLite::Database db((dir.path() / "data/registry.db").string(), SQLite::OPEN_READWRITE);
    db.exec(
        "DROP TRIGGER certificate_search_on_issue; DROP TRIGGER certificate_search_on_rename; "
        "DROP TABLE certificate_search; DROP INDEX certificates_in_issue_order");
    db.exec(
        "DROP INDEX audit_events_key_events; "
        "DROP TABLE log_entries; ALTER TABLE certificates DROP COLUMN credential_sha256; "
        "ALTER TABLE certificates DROP COLUMN jws_sha256; "
        "ALTER TABLE generation DROP COLUMN log_status_seq; "
        "ALTER TABLE generation DROP COLUMN log_audit_seq");
    db.exec(
        "DROP TABLE staff_changes; DROP TABLE proposals; DROP TABLE assessments; "
        "DROP TABLE api_tokens; "
        "DROP TABLE sessions; DROP TABLE users; ALTER TABLE programmes DROP COLUMN four_eyes");
    db.exec("ALTER TABLE status_lists DROP COLUMN allocated");
    db.exec("PRAGMA user_version = 1");
  }
  ASSERT_TRUE(Registry::Open(dir.path() / "data").ok());
  SQLite::Database db((dir.path() / "data/registry.db").string(), SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("SELECT MIN(allocated) FROM status_lists").getInt(), 1);
  EXPECT_EQ(db.execAndGet("PRAGMA user_version").getInt(), LatestSchemaVersion());
}

// A write must leave no statement open at commit: one would hold a read snapshot, and then
// no checkpoint could restart the write-ahead log, which would grow with every write.
TEST(Database, TheWriteAheadLogStaysBoundedUnderManyWrites) {
  testing::TempDir dir;
  InitOptions options;
  options.four_eyes = false;  // one person signs, through Issue
  options.base_url = "https://labels.example.org";
  auto registry = Registry::Create(dir.path() / "data", options);
  ASSERT_TRUE(registry.ok());
  std::string description(8000, 'x');
  for (int i = 0; i < 1500; ++i) {  // about 12 MB written, three times the auto-checkpoint size
    Initiative initiative;
    initiative.slug = "i-" + std::to_string(i);
    initiative.name = "Initiative " + std::to_string(i);
    initiative.description = description;
    ASSERT_TRUE((*registry)->AddInitiative(initiative, {"test"}).ok());
  }
  auto wal = std::filesystem::file_size(dir.path() / "data/registry.db-wal");
  EXPECT_LT(wal, 8u << 20) << "the write-ahead log was never restarted";
}

}  // namespace
}  // namespace siegel
