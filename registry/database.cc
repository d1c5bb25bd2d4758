// Connection setup and numbered schema migrations (PRAGMA user_version holds the number).
#include "registry/database.h"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include "registry/migrations.h"

namespace siegel {

Result<std::unique_ptr<SQLite::Database>> OpenDatabase(const std::filesystem::path& file,
                                                       bool create) {
  try {
    int flags = SQLite::OPEN_READWRITE | SQLite::OPEN_FULLMUTEX;
    if (create) flags |= SQLite::OPEN_CREATE;
    auto db = std::make_unique<SQLite::Database>(file.string(), flags, /*busy timeout ms*/ 10000);
    db->exec("PRAGMA journal_mode = WAL");
    db->exec("PRAGMA foreign_keys = ON");
    // FULL: a commit (an issued certificate, a revocation) survives a power cut, not only a
    // crash of the process. Writes are rare; reads do not pay for it.
    db->exec("PRAGMA synchronous = FULL");
    return db;
  } catch (const std::exception& e) {
    return Error::Io("cannot open the registry database " + file.string() + ": " + e.what());
  }
}

int LatestSchemaVersion() { return static_cast<int>(Migrations().size()); }

Status MigrateDatabase(SQLite::Database& db) {
  try {
    int current = db.execAndGet("PRAGMA user_version").getInt();
    const auto& migrations = Migrations();
    if (current > static_cast<int>(migrations.size())) {
      return Error::Refused("the registry database has schema version " + std::to_string(current) +
                            ", newer than this program knows (" +
                            std::to_string(migrations.size()) + "); upgrade Siegel");
    }
    for (int version = current + 1; version <= static_cast<int>(migrations.size()); ++version) {
      SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
      db.exec(migrations[version - 1]);
      db.exec("PRAGMA user_version = " + std::to_string(version));
      tx.commit();
    }
    return Status::Ok();
  } catch (const std::exception& e) {
    return Error::Io(std::string("cannot migrate the registry database: ") + e.what());
  }
}

void PutSetting(SQLite::Database& db, const std::string& key, const std::string& value) {
  SQLite::Statement put(db,
                        "INSERT INTO settings (key, value) VALUES (?, ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  put.bind(1, key);
  put.bind(2, value);
  put.exec();
}

std::optional<std::string> GetSetting(SQLite::Database& db, const std::string& key) {
  SQLite::Statement get(db, "SELECT value FROM settings WHERE key = ?");
  get.bind(1, key);
  if (!get.executeStep()) return std::nullopt;
  return get.getColumn(0).getString();
}

}  // namespace siegel
