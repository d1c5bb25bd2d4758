// Connection setup and numbered schema migrations (PRAGMA user_version holds the number).
#include "registry/database.h"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <cctype>

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
    std::string why = e.what();
    // Opening for writing creates files beside the database: on a read-only copy or a full
    // disk, that is what fails, and a reader has another way in.
    bool unwritable = why.find("unable to open") != std::string::npos ||
                      why.find("disk I/O error") != std::string::npos ||
                      why.find("readonly") != std::string::npos ||
                      why.find("is full") != std::string::npos;
    return Error::Io("cannot open the registry database " + file.string() + ": " + why +
                     (unwritable ? " (to read a registry where nothing can be written, a "
                                   "read-only copy or a full disk, use --read-only)"
                                 : ""));
  }
}

namespace {

// `path` as the path of a file: URI (RFC 8089 as SQLite reads it): what a URI would take for
// syntax is percent-encoded.
std::string FileUri(const std::filesystem::path& path) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string uri = "file:";
  for (unsigned char c : std::filesystem::absolute(path).string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      uri += static_cast<char>(c);
    } else {
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 15];
    }
  }
  return uri;
}

}  // namespace

Result<std::unique_ptr<SQLite::Database>> OpenDatabaseReadOnly(const std::filesystem::path& file) {
  std::error_code ec;
  std::filesystem::path wal = file.string() + "-wal";
  if (std::filesystem::exists(wal, ec) && std::filesystem::file_size(wal, ec) > 0) {
    return Error::Refused(
        "cannot open " + file.string() + " read-only: its write-ahead log (" + wal.string() +
        ") holds changes the database file does not yet have, so a read-only reader would miss "
        "them. Stop the server and open it once without --read-only (that folds them in), or "
        "copy the registry while no one writes it (siegel backup)");
  }
  int version = 0;
  std::unique_ptr<SQLite::Database> db;
  try {
    db = std::make_unique<SQLite::Database>(
        FileUri(file) + "?mode=ro&immutable=1",
        SQLite::OPEN_READONLY | SQLite::OPEN_URI | SQLite::OPEN_FULLMUTEX);
    version = db->execAndGet("PRAGMA user_version").getInt();
  } catch (const std::exception& e) {
    return Error::Io("cannot open the registry database " + file.string() +
                     " read-only: " + e.what());
  }
  if (version != LatestSchemaVersion()) {
    return Error::Refused("the registry database " + file.string() + " has schema version " +
                          std::to_string(version) + ", this build reads " +
                          std::to_string(LatestSchemaVersion()) +
                          " read-only; open it once without --read-only where it can be written "
                          "(that migrates it), or use the Siegel that wrote it");
  }
  return db;
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
