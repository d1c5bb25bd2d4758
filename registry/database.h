// The SQLite file: opening it with the right pragmas and bringing its schema up to date.
#pragma once

#include <SQLiteCpp/Database.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "base/result.h"

namespace siegel {

// Opens (creating if asked) the database in WAL mode with foreign keys on and a busy
// timeout, so a running server and CLI commands can share it.
Result<std::unique_ptr<SQLite::Database>> OpenDatabase(const std::filesystem::path& file,
                                                       bool create);

// Opens the database only to read it, as it is on disk, without creating or writing any file
// beside it (SQLite's immutable mode): for a read-only copy or mount, or a full disk. Refused
// when a write-ahead log beside it holds changes the file does not (they would be missed),
// and when its schema is older than this build's (it needs migrating, which writes).
Result<std::unique_ptr<SQLite::Database>> OpenDatabaseReadOnly(const std::filesystem::path& file);

// Applies the numbered migrations that have not run yet, each in its own transaction.
// Refuses a database written by a newer Siegel (a higher schema version than we know).
Status MigrateDatabase(SQLite::Database& db);

// The schema version this build writes.
int LatestSchemaVersion();

// One row of the settings table: set (inserting or replacing) and read.
void PutSetting(SQLite::Database& db, const std::string& key, const std::string& value);
std::optional<std::string> GetSetting(SQLite::Database& db, const std::string& key);

}  // namespace siegel
