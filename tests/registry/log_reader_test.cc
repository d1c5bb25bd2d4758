// The registry's transparency log: every public change is a signed leaf in the same
// transaction, every change gets a signed checkpoint, and every head is provably an extension
// of the one before.
#include <SQLiteCpp/Database.h>

#include <algorithm>

#include "credential/sha256.h"
#include "registry/registry.h"
#include "tests/test_support.h"
#include "transparency/log_event.h"

namespace siegel {
namespace {

const Actor kAdmin{"admin:ada"};

// Undoes migrations 15, 13, 11 and 8 (9, 10, 12 and 14 run again harmlessly): the proposals'
// replacement, the initiatives' contact address, the accounts' language and e-mail address,
// the search index and the index in issue order.
void DowngradeToSchemaSeven(SQLite::Database& db) {
  db.exec("ALTER TABLE users DROP COLUMN language; ALTER TABLE users DROP COLUMN email");
  db.exec("ALTER TABLE initiatives DROP COLUMN contact_email");
  db.exec("ALTER TABLE proposals DROP COLUMN replaces");
  db.exec(
      "DROP TRIGGER certificate_search_on_issue; DROP TRIGGER certificate_search_on_rename; "
      "DROP TABLE certificate_search; DROP INDEX certificates_in_issue_order");
  db.exec("PRAGMA user_version = 7");
}

// Undoes migrations 8 and 7: staff changes and who made each account.
void DowngradeToSchemaSix(SQLite::Database& db) {
  DowngradeToSchemaSeven(db);
  db.exec(
      "DROP TABLE staff_changes; ALTER TABLE users DROP COLUMN created_by; "
      "ALTER TABLE users DROP COLUMN role_granted_by; "
      "ALTER TABLE users DROP COLUMN password_set_by; ALTER TABLE api_tokens DROP COLUMN held_by");
  db.exec("PRAGMA user_version = 6");
}

// Undoes migrations 8, 7 and 6: entries without status_seq, found through an index by certificate.
void DowngradeToSchemaFive(SQLite::Database& db) {
  DowngradeToSchemaSix(db);
  db.exec(
      "DROP INDEX log_entries_before_6_by_certificate; "
      "ALTER TABLE log_entries DROP COLUMN status_seq; "
      "CREATE INDEX log_entries_by_certificate ON log_entries (certificate_id) "
      "WHERE certificate_id IS NOT NULL");
  db.exec("PRAGMA user_version = 5");
}

class TransparencyLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitOptions options;
    options.four_eyes = false;  // one person signs, through Issue
    options.base_url = "https://labels.example.org";
    auto created = Registry::Create(dir_.path() / "data", options);
    ASSERT_TRUE(created.ok()) << created.message();
    registry_ = std::move(created).value();
    for (const char* slug : {"alpha", "beta"}) {
      Initiative initiative;
      initiative.slug = slug;
      initiative.name = std::string("Initiative ") + slug;
      ASSERT_TRUE(registry_->records().AddInitiative(initiative, kAdmin).ok());
    }
    log_key_ = note::Verifier::Parse(registry_->log().VerifierKey().value()).value();
  }

  Certificate Issue(const std::string& slug) {
    IssueRequest request;
    request.initiative_slug = slug;
    auto issued = registry_->lifecycle().Issue(request, kAdmin);
    EXPECT_TRUE(issued.ok()) << issued.message();
    return *issued;
  }

  note::Checkpoint Head() {
    auto head = registry_->log().Checkpoint();
    EXPECT_TRUE(head.ok()) << head.message();
    auto checkpoint = note::OpenCheckpoint(head->signed_note, log_key_);
    EXPECT_TRUE(checkpoint.ok()) << checkpoint.message();
    EXPECT_EQ(checkpoint->size, head->size);
    EXPECT_EQ(checkpoint->root, head->root);
    return *checkpoint;
  }

  std::vector<LogEvent> Events() {
    std::vector<LogEvent> events;
    std::vector<LogEntry> entries = registry_->log().Entries(0, Head().size).value();
    for (const LogEntry& entry : entries) {
      auto event = OpenLogEvent(entry.leaf, log_key_);
      EXPECT_TRUE(event.ok()) << event.message();
      events.push_back(*event);
    }
    return events;
  }

  testing::TempDir dir_;
  std::unique_ptr<Registry> registry_;
  note::Verifier log_key_ =
      note::Verifier::ForKey("x", Ed25519PrivateKey::Generate()->public_key()).value();
};

TEST_F(TransparencyLogTest, ANewRegistryLogsItsFirstKeyUnderASignedCheckpoint) {
  EXPECT_EQ(log_key_.name, "labels.example.org/log");
  note::Checkpoint head = Head();
  EXPECT_EQ(head.origin, "labels.example.org/log");
  EXPECT_EQ(head.size, 1u);
  std::vector<LogEvent> events = Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event, "key-added");
  EXPECT_EQ(events[0].issuer_key, "key-1");
  EXPECT_EQ(events[0].public_key_multibase,
            registry_->keys().ListKeys()->at(0).public_key_multibase);
  // The log key is a key of its own, kept beside the issuer key, never in the database.
  EXPECT_TRUE(std::filesystem::exists(dir_.path() / "data/keys/log-key.pem"));
  EXPECT_NE(log_key_.key.Multikey(), registry_->keys().ListKeys()->at(0).public_key_multibase);
}

TEST_F(TransparencyLogTest, EveryLifecycleEventIsALeafWithProofsAgainstEveryLaterHead) {
  std::vector<note::Checkpoint> heads{Head()};
  Certificate a = Issue("alpha");
  heads.push_back(Head());
  ASSERT_TRUE(registry_->lifecycle().Suspend(a.id, "under review", kAdmin).ok());
  heads.push_back(Head());
  ASSERT_TRUE(registry_->lifecycle().Reinstate(a.id, kAdmin, "review closed").ok());
  heads.push_back(Head());
  RenewRequest renew;
  renew.assessed_on = "2026-10-01";
  auto renewed = registry_->lifecycle().Renew(a.id, renew, kAdmin);
  ASSERT_TRUE(renewed.ok()) << renewed.message();
  heads.push_back(Head());
  Certificate b = Issue("beta");
  ASSERT_TRUE(registry_->lifecycle().Revoke(b.id, "withdrawn", kAdmin).ok());
  heads.push_back(Head());
  ASSERT_TRUE(registry_->keys().RotateKey(kAdmin).ok());
  heads.push_back(Head());

  std::vector<LogEvent> events = Events();
  std::vector<std::string> kinds;
  for (const LogEvent& e : events) kinds.push_back(e.event + " " + e.certificate);
  EXPECT_EQ(kinds, (std::vector<std::string>{"key-added ", "issued " + a.id, "suspended " + a.id,
                                             "reinstated " + a.id, "issued " + renewed->id,
                                             "issued " + b.id, "revoked " + b.id, "key-added "}));
  EXPECT_EQ(events[2].reason, "under review");
  EXPECT_EQ(events[4].supersedes, a.id);
  EXPECT_EQ(events[7].issuer_key, "key-2");
  // The issued records name the exact credential and JWS the registry serves.
  Certificate stored = registry_->certificates().GetCertificate(a.id).value();
  EXPECT_EQ(events[1].credential_sha256,
            CredentialDigest(Json::parse(stored.credential_json)).value());
  EXPECT_EQ(events[1].jws_sha256, HexEncode(Sha256(std::string_view(stored.credential_jws))));
  EXPECT_EQ(registry_->log().EntriesOf(a.id)->size(), 3u);

  // Each head extends the previous one; every leaf is in every later head.
  for (size_t i = 1; i < heads.size(); ++i) {
    ASSERT_GT(heads[i].size, heads[i - 1].size);
    auto proof = registry_->log().ConsistencyProof(heads[i - 1].size, heads[i].size);
    ASSERT_TRUE(proof.ok()) << proof.message();
    EXPECT_TRUE(merkle::VerifyConsistency(heads[i - 1].size, heads[i].size, heads[i - 1].root,
                                          heads[i].root, *proof)
                    .ok());
  }
  auto entries = registry_->log().Entries(0, heads.back().size).value();
  for (const note::Checkpoint& head : heads) {
    for (uint64_t index = 0; index < head.size; ++index) {
      merkle::Hash leaf = merkle::LeafHash(entries[index].leaf);
      EXPECT_EQ(registry_->log().IndexOf(leaf).value(), index);
      auto proof = registry_->log().InclusionProof(index, head.size);
      ASSERT_TRUE(proof.ok()) << proof.message();
      EXPECT_TRUE(merkle::VerifyInclusion(index, head.size, leaf, *proof, head.root).ok());
    }
  }
  // Tree heads are signed when read, deterministically: another process signs the same note.
  auto again = Registry::Open(dir_.path() / "data").value();
  EXPECT_EQ(again->log().Checkpoint()->signed_note, registry_->log().Checkpoint()->signed_note);
}

TEST_F(TransparencyLogTest, ARefusedChangeLeavesTheLogUntouched) {
  Certificate a = Issue("alpha");
  note::Checkpoint before = Head();
  ASSERT_TRUE(registry_->lifecycle().Revoke(a.id, "withdrawn", kAdmin).ok());
  note::Checkpoint revoked = Head();
  EXPECT_FALSE(registry_->lifecycle().Suspend(a.id, "again", kAdmin).ok())
      << "a revoked label stays revoked";
  IssueRequest unknown_holder;
  unknown_holder.initiative_slug = "nobody";
  EXPECT_FALSE(registry_->lifecycle().Issue(unknown_holder, kAdmin).ok());
  EXPECT_EQ(Head().size, revoked.size);
  EXPECT_EQ(revoked.size, before.size + 1);
  // Staff changes that are not public (a new user) sign no checkpoint either.
  StaffUser user;
  user.username = "ben";
  user.display_name = "Ben";
  user.role = Role::kViewer;
  ASSERT_TRUE(registry_->accounts().AddUser(user, "a long password 1", kAdmin).ok());
  EXPECT_EQ(Head().size, revoked.size);
}

TEST_F(TransparencyLogTest, TheDatabaseRefusesToRewriteTheLog) {
  Issue("alpha");
  SQLite::Database db((dir_.path() / "data/registry.db").string(), SQLite::OPEN_READWRITE);
  EXPECT_THROW(db.exec("UPDATE log_entries SET leaf = '{}' WHERE idx = 1"), SQLite::Exception);
  EXPECT_THROW(db.exec("DELETE FROM log_entries WHERE idx = 1"), SQLite::Exception);
  EXPECT_THROW(db.exec("UPDATE log_entries SET nodes = zeroblob(32) WHERE idx = 0"),
               SQLite::Exception);
}

TEST_F(TransparencyLogTest, ARegistryOlderThanItsLogIsCaughtUpOnItsNextWrite) {
  Certificate a = Issue("alpha");
  ASSERT_TRUE(registry_->lifecycle().Suspend(a.id, "under review", kAdmin).ok());
  registry_.reset();
  {
    SQLite::Database db((dir_.path() / "data/registry.db").string(), SQLite::OPEN_READWRITE);
    DowngradeToSchemaFive(db);
    db.exec(
        "DROP INDEX audit_events_key_events; "
        "DROP TABLE log_entries; ALTER TABLE certificates DROP COLUMN credential_sha256; "
        "ALTER TABLE certificates DROP COLUMN jws_sha256; "
        "ALTER TABLE generation DROP COLUMN log_status_seq; "
        "ALTER TABLE generation DROP COLUMN log_audit_seq");
    db.exec("PRAGMA user_version = 3");
  }
  registry_ = Registry::Open(dir_.path() / "data").value();
  EXPECT_FALSE(registry_->log().Checkpoint().ok()) << "no head until the next write";
  Issue("beta");
  std::vector<LogEvent> events = Events();
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].event, "issued");
  EXPECT_EQ(events[1].event, "suspended");
  EXPECT_EQ(events[2].event, "issued");
  EXPECT_EQ(events[3].event, "key-added");
}

// Schema 5 changed what generation.log_audit_seq means (from the newest audit row looked at to
// the newest key event logged); a registry written under schema 4 must log neither twice nor
// miss a key event after the upgrade.
TEST_F(TransparencyLogTest, ARegistryFromSchemaFourLogsEachKeyEventOnce) {
  Issue("alpha");
  ASSERT_TRUE(registry_->keys().RotateKey(kAdmin).ok());
  Issue("beta");
  registry_.reset();
  {
    SQLite::Database db((dir_.path() / "data/registry.db").string(), SQLite::OPEN_READWRITE);
    DowngradeToSchemaFive(db);
    db.exec("DROP INDEX audit_events_key_events");
    db.exec("PRAGMA user_version = 4");
  }
  registry_ = Registry::Open(dir_.path() / "data").value();
  auto compromised = registry_->keys().MarkKeyCompromised("key-1", registry_->Now(), kAdmin);
  ASSERT_TRUE(compromised.ok()) << compromised.message();
  std::vector<std::string> kinds;
  for (const LogEvent& e : Events()) kinds.push_back(e.event + " " + e.issuer_key);
  EXPECT_EQ(kinds.front(), "key-added key-1");
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "key-added key-1"), 1);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "key-added key-2"), 1);
  EXPECT_EQ(std::count(kinds.begin(), kinds.end(), "key-compromised key-1"), 1);
}

// A certificate's entries are found from its status events by binary search over the log (no
// index by certificate): with many certificates, events interleaved and key events in between,
// each certificate gets exactly the entries a full scan finds, in log order.
TEST_F(TransparencyLogTest, ACertificatesEntriesAreExactlyThoseThatNameIt) {
  std::vector<std::string> ids;
  for (int i = 0; i < 12; ++i) {
    Initiative initiative;
    initiative.slug = "initiative-" + std::to_string(i);
    initiative.name = "Initiative " + std::to_string(i);
    ASSERT_TRUE(registry_->records().AddInitiative(initiative, kAdmin).ok());
    ids.push_back(Issue(initiative.slug).id);
    if (i % 3 == 1) {
      ASSERT_TRUE(registry_->lifecycle().Suspend(ids[i - 1], "review", kAdmin).ok());
    }
    if (i % 4 == 2) {
      ASSERT_TRUE(registry_->keys().RotateKey(kAdmin).ok());
    }
    if (i % 3 == 2) {
      ASSERT_TRUE(registry_->lifecycle().Reinstate(ids[i - 2], kAdmin, "closed").ok());
    }
  }
  ASSERT_TRUE(registry_->lifecycle().Revoke(ids[0], "withdrawn", kAdmin).ok());
  Certificate never_changed = Issue("alpha");
  ids.push_back(never_changed.id);

  std::vector<LogEntry> all = registry_->log().Entries(0, Head().size).value();
  for (const std::string& id : ids) {
    std::vector<uint64_t> expected;
    for (const LogEntry& entry : all) {
      if (OpenLogEvent(entry.leaf, log_key_)->certificate == id) expected.push_back(entry.index);
    }
    std::vector<uint64_t> found;
    std::vector<LogEntry> entries = registry_->log().EntriesOf(id).value();
    for (const LogEntry& entry : entries) {
      EXPECT_EQ(entry.certificate_id, id);
      EXPECT_EQ(entry.leaf, all[entry.index].leaf);
      found.push_back(entry.index);
    }
    EXPECT_EQ(found, expected) << id;
    EXPECT_FALSE(found.empty()) << id;
  }
  EXPECT_EQ(registry_->log().EntriesOf(ids[0])->size(),
            4u);  // issued, suspended, reinstated, revoked
  EXPECT_TRUE(registry_->log().EntriesOf("CEBW-1999-0001")->empty());
}

// Entries written before schema 6 have no status_seq; after the upgrade a certificate's old
// and new entries are found together.
TEST_F(TransparencyLogTest, ACertificatesEntriesFromBeforeSchemaSixAreStillFound) {
  Certificate a = Issue("alpha");
  ASSERT_TRUE(registry_->lifecycle().Suspend(a.id, "under review", kAdmin).ok());
  Issue("beta");
  registry_.reset();
  {
    SQLite::Database db((dir_.path() / "data/registry.db").string(), SQLite::OPEN_READWRITE);
    DowngradeToSchemaFive(db);
  }
  registry_ = Registry::Open(dir_.path() / "data").value();
  ASSERT_TRUE(registry_->lifecycle().Reinstate(a.id, kAdmin, "review closed").ok());
  std::vector<std::string> kinds;
  std::vector<LogEntry> entries = registry_->log().EntriesOf(a.id).value();
  for (const LogEntry& entry : entries) {
    kinds.push_back(OpenLogEvent(entry.leaf, log_key_)->event);
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"issued", "suspended", "reinstated"}));
}

}  // namespace
}  // namespace siegel
