// The store every registry service works on: one data directory's SQLite connection, its key
// files, the transparency log, the settings and the clock, and the one way to change any of
// it, Write. The services (certificate_queries.h, certificate_lifecycle.h, ...) hold a
// reference to one store; Registry (registry.h) opens the store and makes the services.
// Not thread-safe, like the connection it holds.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/timestamp.h"
#include "credential/ed25519.h"
#include "registry/change_signal.h"
#include "registry/key_store.h"
#include "registry/log_store.h"
#include "registry/model.h"

namespace SQLite {
class Database;
class Statement;
}  // namespace SQLite

namespace siegel {

// Beside the database while a check has found it damaged (RegistryStore::CheckIntegrity).
inline constexpr const char* kDamageMarkerFile = "registry.damaged";

class RegistryStore {
 public:
  // A read-only store refuses every write and leaves the directory as it is. `settings`: those
  // of a registry being created; an opened one reads its own (LoadSettings).
  RegistryStore(std::filesystem::path dir, std::unique_ptr<SQLite::Database> db, bool read_only,
                RegistrySettings settings = {});
  ~RegistryStore();
  RegistryStore(const RegistryStore&) = delete;
  RegistryStore& operator=(const RegistryStore&) = delete;

  SQLite::Database& db() const { return *db_; }
  KeyStore& key_files() { return keys_; }
  TransparencyLog& log() { return log_; }
  const std::filesystem::path& dir() const { return dir_; }
  bool read_only() const { return read_only_; }
  const RegistrySettings& settings() const { return settings_; }
  // Reads the settings table (after opening).
  Status LoadSettings();

  UnixSeconds Now() const { return clock_(); }
  void SetClock(std::function<UnixSeconds()> clock) { clock_ = std::move(clock); }

  // Runs `body` in one IMMEDIATE transaction; rolls back on error. A public change (anything
  // the public pages show) also enters the transparency log and moves the generation, in the
  // same transaction, and moves the change counter after the commit; sessions and other
  // staff-only changes pass public_change = false. Refused while read-only or known damaged.
  Status Write(const std::function<Status()>& body, bool public_change = true);

  // The active issuer key, loaded on first use and kept.
  Result<Ed25519PrivateKey> SigningKey();
  // Inside a write: `file` (a key file it created) is removed again unless the write commits.
  void RemoveUnlessCommitted(const std::filesystem::path& file) {
    uncommitted_key_files_.push_back(file);
  }
  // Inside a write that makes `key_id` the active key: signs with `key` from now on.
  void ActivateKeyInTransaction(const std::string& key_id, const Ed25519PrivateKey& key);
  // After a write that changed the keys rolled back: the settings and the active key are
  // read again from the database.
  void ReloadAfterRollback();
  // Whether public changes enter the transparency log (only bench/log_bench turns it off).
  bool log_enabled() const { return log_enabled_; }
  void DisableLog() { log_enabled_ = false; }

  // Changes with every committed public write, from any process.
  Result<int64_t> Generation() const;
  // The change counter (registry/change_signal.h): moves right after every commit that moves
  // Generation(), and is read from memory. nullopt if this process could not map it.
  std::optional<uint64_t> ChangeCount() const;

  // Reads every page of the database (PRAGMA quick_check). Damage found is remembered in
  // kDamageMarkerFile beside it (unless read-only), and from then on every write is refused
  // with what was found, until a check finds the database sound again (after a restore).
  Status CheckIntegrity();
  // What the last check that found damage found ("TIME what"), if the database is known
  // damaged.
  std::optional<std::string> KnownDamage() const;

 private:
  std::string DamageMessage(const std::string& finding) const;

  std::filesystem::path dir_;
  std::unique_ptr<SQLite::Database> db_;
  KeyStore keys_;
  // Key files written inside the current write transaction: removed unless it commits.
  std::vector<std::filesystem::path> uncommitted_key_files_;
  TransparencyLog log_{*db_, keys_};
  bool log_enabled_ = true;
  bool read_only_ = false;
  RegistrySettings settings_;
  std::optional<Ed25519PrivateKey> signing_key_;
  mutable std::unique_ptr<SQLite::Statement> generation_query_;  // prepared once: read per request
  std::shared_ptr<ChangeSignal> change_signal_;                  // null if it could not be mapped
  std::function<UnixSeconds()> clock_ = NowUnixSeconds;
};

}  // namespace siegel
