#include "registry/backup.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <stdexcept>
#include <thread>
#include <vector>

#include "registry/database.h"
#include "registry/registry.h"

namespace siegel {
namespace {

namespace fs = std::filesystem;

Status CopyKeys(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::create_directories(to, ec);
  if (ec) return Error::Io("cannot create " + to.string() + ": " + ec.message());
  ::chmod(to.c_str(), 0700);
  for (const auto& entry : fs::directory_iterator(from, ec)) {
    if (!entry.is_regular_file()) continue;
    fs::path target = to / entry.path().filename();
    fs::copy_file(entry.path(), target, fs::copy_options::none, ec);
    if (ec) return Error::Io("cannot copy " + entry.path().string() + ": " + ec.message());
    ::chmod(target.c_str(), 0600);
  }
  if (ec) return Error::Io("cannot read " + from.string() + ": " + ec.message());
  return Status::Ok();
}

}  // namespace

Status BackupDataDirectory(const fs::path& data_dir, const fs::path& file, bool with_keys) {
  std::error_code ec;
  if (fs::exists(file, ec)) {
    return Error::Refused(file.string() + " exists already; choose a new file for the backup");
  }
  auto source = OpenDatabase(data_dir / "registry.db", /*create=*/false);
  if (!source.ok()) return source.error();
  try {
    {
      SQLite::Database target(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      SQLite::Backup backup(target, **source);
      // Small steps, so a running server's writers wait only briefly; a write in between
      // makes SQLite restart the copy, which keeps the snapshot consistent.
      int rc;
      while ((rc = backup.executeStep(256)) != SQLITE_DONE) {
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
      }
      target.exec("PRAGMA journal_mode = DELETE");  // one self-contained file
      // A backup is only worth keeping if it can be restored: the copy is checked as restore
      // would check it, and a damaged one is not left behind to be trusted later.
      std::string check = target.execAndGet("PRAGMA integrity_check").getString();
      if (check != "ok") {
        throw std::runtime_error("the database is damaged (integrity check: " + check +
                                 "); restore the newest good backup instead of copying this one");
      }
    }
    ::chmod(file.c_str(), 0600);
  } catch (const std::exception& e) {
    fs::remove(file, ec);
    return Error::Io("the backup to " + file.string() + " failed: " + e.what());
  }
  if (with_keys) {
    // Every key the registry names must be copied: a backup without one cannot sign again.
    std::vector<std::string> needed = {"keys/log-key.pem"};
    try {
      SQLite::Statement files(**source, "SELECT private_key_file FROM issuer_keys");
      while (files.executeStep()) needed.push_back(files.getColumn(0).getString());
    } catch (const std::exception& e) {
      fs::remove(file, ec);
      return Error::Io("the backup to " + file.string() + " failed: " + e.what());
    }
    for (const std::string& relative : needed) {
      if (!fs::is_regular_file(data_dir / relative, ec)) {
        fs::remove(file, ec);
        return Error::Io("the backup to " + file.string() + " failed: the key file " +
                         (data_dir / relative).string() +
                         " is missing (take a backup --without-keys, and find the key)");
      }
    }
    if (Status s = CopyKeys(data_dir / "keys", file.string() + ".keys"); !s.ok()) {
      fs::remove(file, ec);
      fs::remove_all(file.string() + ".keys", ec);
      return s;
    }
  }
  return Status::Ok();
}

Status RestoreDataDirectory(const fs::path& file, const fs::path& data_dir) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return Error::NotFound("there is no backup " + file.string());
  if (fs::exists(data_dir, ec) && !fs::is_empty(data_dir, ec)) {
    return Error::Refused("the data directory " + data_dir.string() +
                          " is not empty; restore into a new one");
  }
  try {
    SQLite::Database copy(file.string(), SQLite::OPEN_READONLY);
    std::string check = copy.execAndGet("PRAGMA integrity_check").getString();
    if (check != "ok") {
      return Error::InvalidInput(file.string() + " is damaged (integrity check: " + check + ")");
    }
  } catch (const std::exception& e) {
    return Error::InvalidInput(file.string() + " is not a Siegel backup: " + e.what());
  }
  fs::create_directories(data_dir, ec);
  if (ec) return Error::Io("cannot create " + data_dir.string() + ": " + ec.message());
  ::chmod(data_dir.c_str(), 0700);
  fs::copy_file(file, data_dir / "registry.db", ec);
  if (ec) return Error::Io("cannot copy the backup: " + ec.message());
  ::chmod((data_dir / "registry.db").c_str(), 0600);
  fs::path keys = file.string() + ".keys";
  if (fs::is_directory(keys, ec)) {
    if (Status s = CopyKeys(keys, data_dir / "keys"); !s.ok()) return s;
  }
  auto registry = Registry::Open(data_dir);
  if (!registry.ok()) return registry.error();
  return Status::Ok();
}

}  // namespace siegel
