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

// The database spells the status model's words as the C++ enums do: the names a CHECK
// constraint allows are exactly the enum's names, so a word added on one side only fails here.
std::vector<std::string> AllowedByCheck(SQLite::Database& db, const std::string& table,
                                        const std::string& column) {
  SQLite::Statement schema(db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?");
  schema.bind(1, table);
  EXPECT_TRUE(schema.executeStep()) << table;
  std::string sql = schema.getColumn(0).getString();
  std::string check = "CHECK (" + column + " IN (";
  size_t at = sql.find(check);
  EXPECT_NE(at, std::string::npos) << table << " has no " << check;
  if (at == std::string::npos) return {};
  std::string list = sql.substr(at + check.size(), sql.find(')', at) - at - check.size());
  std::vector<std::string> names;
  for (size_t quote = list.find('\''); quote != std::string::npos;) {
    size_t end = list.find('\'', quote + 1);
    names.push_back(list.substr(quote + 1, end - quote - 1));
    quote = list.find('\'', end + 1);
  }
  return names;
}

TEST(Database, TheSchemaSpellsThePurposesAndEventsAsTheEnumsDo) {
  testing::TempDir dir;
  InitOptions options;
  options.base_url = "https://labels.example.org";
  ASSERT_TRUE(Registry::Create(dir.path() / "data", options).ok());
  SQLite::Database db((dir.path() / "data" / "registry.db").string(), SQLite::OPEN_READONLY);

  std::vector<std::string> purposes;
  for (StatusPurpose purpose : kStatusPurposes) purposes.push_back(PurposeName(purpose));
  EXPECT_EQ(AllowedByCheck(db, "status_lists", "purpose"), purposes);
  EXPECT_EQ(purposes, (std::vector<std::string>{"revocation", "suspension"}));

  std::vector<std::string> events;
  for (StatusEventKind event : kStatusEventKinds) events.push_back(EventName(event));
  EXPECT_EQ(AllowedByCheck(db, "status_events", "event"), events);
  EXPECT_EQ(events, (std::vector<std::string>{"issued", "suspended", "reinstated", "revoked"}));
  for (const std::string& name : events) EXPECT_EQ(EventName(*ParseEventName(name)), name);
  for (const std::string& name : purposes) EXPECT_EQ(PurposeName(*ParsePurpose(name)), name);
  EXPECT_FALSE(ParsePurpose("Revocation"));
  EXPECT_FALSE(ParseEventName("renewed"));
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
  auto programmes = (*reopened)->certificates().ListProgrammes();
  ASSERT_EQ(programmes->size(), 1u);
  EXPECT_EQ((*programmes)[0].code, "ce-bw");
  EXPECT_EQ((*programmes)[0].validity_months, 24);
  EXPECT_EQ((*programmes)[0].id_prefix, "CEBW");
  EXPECT_TRUE(
      (*reopened)->status_lists().StatusListCredential("ce-bw", StatusPurpose::kRevocation).ok());
}

// Read-only: the registry as it is on disk, nothing written, every write refused; never a
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
  ASSERT_TRUE((*registry)->records().AddInitiative(initiative, {"test"}).ok());
  IssueRequest request;
  request.initiative_slug = "abc";
  ASSERT_TRUE((*registry)->lifecycle().Issue(request, {"test"}).ok());
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
    db.exec("DROP TABLE initiative_notes; ALTER TABLE initiatives DROP COLUMN contact_email");
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
    ASSERT_TRUE((*registry)->records().AddInitiative(initiative, {"test"}).ok());
  }
  auto wal = std::filesystem::file_size(dir.path() / "data/registry.db-wal");
  EXPECT_LT(wal, 8u << 20) << "the write-ahead log was never restarted";
}

// Read-only: the registry as it is on disk, nothing written, every write refused; never a
// reader that would miss committed changes still in the write-ahead log.
TEST(Database, AReadOnlyRegistryReadsWritesNothingAndRefusesEveryChange) {
  testing::TempDir dir;
  InitOptions options;
  options.four_eyes = false;  // one person signs, through Issue
  options.base_url = "https://labels.example.org";
  auto writer = Registry::Create(dir.path() / "data", options);
  ASSERT_TRUE(writer.ok());
  Initiative initiative;
  initiative.slug = "abc";
  initiative.name = "ABC";
  ASSERT_TRUE((*writer)->records().AddInitiative(initiative, {"test"}).ok());
  IssueRequest request;
  request.initiative_slug = "abc";
  auto issued = (*writer)->lifecycle().Issue(request, {"test"});
  ASSERT_TRUE(issued.ok());

  // While the writer is open its write-ahead log holds the issuance: refused, and why.
  auto early = Registry::OpenReadOnly(dir.path() / "data");
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::kRefused);
  EXPECT_NE(early.message().find("write-ahead log"), std::string::npos) << early.message();

  writer->reset();  // the last connection folds the log into the file
  auto reader = Registry::OpenReadOnly(dir.path() / "data");
  ASSERT_TRUE(reader.ok()) << reader.message();
  EXPECT_TRUE((*reader)->read_only());
  EXPECT_EQ((*reader)->certificates().GetCertificate(issued->id)->credential_json,
            issued->credential_json);
  auto suspended = (*reader)->lifecycle().Suspend(issued->id, "review", {"test"});
  ASSERT_FALSE(suspended.ok());
  EXPECT_EQ(suspended.error().code, ErrorCode::kRefused);
  EXPECT_NE(suspended.message().find("read-only"), std::string::npos) << suspended.message();
  EXPECT_FALSE((*reader)->records().AddInitiative(initiative, {"test"}).ok());
  reader->reset();
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "data/registry.db-wal"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "data/registry.db-shm"));
  auto reopened = Registry::Open(dir.path() / "data");
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ((*reopened)->certificates().GetCertificate(issued->id)->suspended_at, "");

  // An older schema needs a migration, which writes: refused read-only, with the way out.
  reopened->reset();
  {
    SQLite::Database db((dir.path() / "data/registry.db").string(), SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = 7");
  }
  auto old = Registry::OpenReadOnly(dir.path() / "data");
  ASSERT_FALSE(old.ok());
  EXPECT_NE(old.message().find("without --read-only"), std::string::npos) << old.message();
}

}  // namespace
}  // namespace siegel
