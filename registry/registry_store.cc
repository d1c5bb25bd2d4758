// The store: the write transaction, the settings, the active key, the generation and the
// integrity check that every service of the registry relies on.
#include "registry/registry_store.h"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <fstream>

#include "registry/database.h"

namespace siegel {
namespace {

std::filesystem::path MarkerOf(const std::filesystem::path& dir) { return dir / kDamageMarkerFile; }

}  // namespace

RegistryStore::RegistryStore(std::filesystem::path dir, std::unique_ptr<SQLite::Database> db,
                             bool read_only, RegistrySettings settings)
    : dir_(std::move(dir)),
      db_(std::move(db)),
      keys_(dir_),
      read_only_(read_only),
      settings_(std::move(settings)) {
  // A read-only registry never changes while open, and its directory may not take the
  // counter's file.
  if (read_only_) return;
  // Without the counter this process's commits reach readers within their once-a-second
  // check instead of at once; nothing else depends on it.
  auto signal = ChangeSignal::Open(dir_);
  if (signal.ok()) change_signal_ = std::move(signal).value();
}

RegistryStore::~RegistryStore() = default;

Status RegistryStore::LoadSettings() {
  try {
    SQLite::Statement query(*db_, "SELECT key, value FROM settings");
    while (query.executeStep()) {
      std::string key = query.getColumn(0).getString();
      std::string value = query.getColumn(1).getString();
      if (key == "base_url") settings_.base_url = value;
      if (key == "did") settings_.did = value;
      if (key == "issuer_name") settings_.issuer_name = value;
      if (key == "issuer_url") settings_.issuer_url = value;
      if (key == "active_key_id") settings_.active_key_id = value;
      if (key == "status_list_ttl") settings_.status_list_ttl_seconds = std::stoll(value);
    }
  } catch (const std::exception& e) {
    return Error::Io(std::string("cannot read the registry settings: ") + e.what());
  }
  if (settings_.did.empty() || settings_.active_key_id.empty()) {
    return Error::Io("the registry database in " + dir_.string() +
                     " is incomplete (no issuer settings)");
  }
  return Status::Ok();
}

Status RegistryStore::Write(const std::function<Status()>& body, bool public_change) {
  // A rotation is all or nothing: a key file written for a transaction that did not commit
  // is removed with it.
  struct RemoveUncommittedKeyFiles {
    std::vector<std::filesystem::path>& files;
    bool committed = false;
    ~RemoveUncommittedKeyFiles() {
      std::error_code ignored;
      if (!committed) {
        for (const auto& file : files) std::filesystem::remove(file, ignored);
      }
      files.clear();
    }
  } key_files{uncommitted_key_files_};
  if (read_only_) {
    return Error::Refused("the registry in " + dir_.string() +
                          " is open read-only (--read-only): nothing can be changed in it");
  }
  if (std::optional<std::string> damage = KnownDamage()) {
    return Error::Damaged(DamageMessage(*damage));
  }
  try {
    SQLite::Transaction tx(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    // The active key may have been rotated by another process since this one last wrote.
    // GetSetting's statement ends before the body runs: one still stepping at commit keeps a
    // read snapshot open, and then no checkpoint can ever restart the write-ahead log, which
    // grows without bound.
    std::optional<std::string> active = GetSetting(*db_, "active_key_id");
    if (active && *active != settings_.active_key_id) {
      settings_.active_key_id = *active;
      signing_key_.reset();
    }
    Status status = body();
    if (!status.ok()) return status;  // the transaction's destructor rolls back
    if (public_change) {
      // Whatever the change made public enters the log in the same transaction.
      if (log_enabled_) status = log_.CatchUp(settings_);
      if (!status.ok()) return status;
      db_->exec("UPDATE generation SET value = value + 1 WHERE id = 1");
    }
    tx.commit();
    key_files.committed = true;
    if (public_change && change_signal_) change_signal_->Bump();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    if (e.getErrorCode() == SQLITE_CORRUPT || e.getErrorCode() == SQLITE_NOTADB) {
      return Error::Damaged(
          "the registry database " + (dir_ / "registry.db").string() + " is damaged (" + e.what() +
          "); nothing was changed. Stop writing to it, do not back it up, and restore the "
          "newest good backup (siegel restore); PRAGMA integrity_check shows what is damaged");
    }
    return Error::Io(std::string("the registry database refused the change: ") + e.what());
  } catch (const std::exception& e) {
    return Error::Io(std::string("the registry database refused the change: ") + e.what());
  }
}

Result<Ed25519PrivateKey> RegistryStore::SigningKey() {
  if (signing_key_) return *signing_key_;
  try {
    SQLite::Statement query(*db_,
                            "SELECT private_key_file, public_key_multibase FROM issuer_keys "
                            "WHERE key_id = ? AND retired_at IS NULL AND compromised_at IS NULL");
    query.bind(1, settings_.active_key_id);
    if (!query.executeStep()) {
      return Error::Refused("the active issuer key " + settings_.active_key_id +
                            " is retired or missing");
    }
    auto key = keys_.Load(query.getColumn(0).getString(), KeyStore::PassphraseFromEnvironment());
    if (!key.ok()) return key.error();
    if (key->public_key().Multikey() != query.getColumn(1).getString()) {
      return Error::Refused("the issuer key file does not match the registered public key of " +
                            settings_.active_key_id);
    }
    signing_key_ = std::move(key).value();
    return *signing_key_;
  } catch (const std::exception& e) {
    return Error::Io(std::string("cannot read the issuer keys: ") + e.what());
  }
}

void RegistryStore::ActivateKeyInTransaction(const std::string& key_id,
                                             const Ed25519PrivateKey& key) {
  settings_.active_key_id = key_id;
  signing_key_ = key;
}

void RegistryStore::ReloadAfterRollback() {
  signing_key_.reset();
  settings_.active_key_id.clear();
  (void)LoadSettings();
}

std::optional<uint64_t> RegistryStore::ChangeCount() const {
  if (!change_signal_) return std::nullopt;
  return change_signal_->Read();
}

Result<int64_t> RegistryStore::Generation() const {
  try {
    if (!generation_query_) {
      generation_query_ =
          std::make_unique<SQLite::Statement>(*db_, "SELECT value FROM generation WHERE id = 1");
    }
    generation_query_->reset();
    if (!generation_query_->executeStep())
      return Error::Io("the registry database has no generation row");
    int64_t generation = generation_query_->getColumn(0).getInt64();
    // Reset at once: a statement left open keeps a read transaction, and this connection's
    // next BEGIN IMMEDIATE would then fail at once (SQLITE_BUSY_SNAPSHOT) instead of waiting.
    generation_query_->reset();
    return generation;
  } catch (const std::exception& e) {
    return Error::Io(std::string("cannot read the registry: ") + e.what());
  }
}

Status RegistryStore::CheckIntegrity() {
  std::vector<std::string> findings;
  try {
    // quick_check reads every page and checks the b-trees and the free list (what a failing
    // disk breaks); integrity_check also compares every index with its table, many times
    // slower at 100,000 certificates.
    SQLite::Statement check(*db_, "PRAGMA quick_check(20)");
    while (check.executeStep()) findings.push_back(check.getColumn(0).getString());
  } catch (const std::exception& e) {
    findings = {e.what()};
  }
  std::error_code ec;
  if (findings.size() == 1 && findings[0] == "ok") {
    // A restored or repaired database: the old finding no longer holds.
    if (!read_only_) std::filesystem::remove(MarkerOf(dir_), ec);
    return Status::Ok();
  }
  std::string what;
  for (const std::string& finding : findings) what += (what.empty() ? "" : "; ") + finding;
  std::string finding = FormatDateTimeStamp(Now()) + " " + what;
  if (!read_only_) {
    // Written whole or not at all: a reader never sees half a finding.
    std::filesystem::path temporary = MarkerOf(dir_).string() + ".tmp";
    {
      std::ofstream out(temporary, std::ios::trunc);
      out << finding << "\n";
    }
    std::filesystem::rename(temporary, MarkerOf(dir_), ec);
  }
  return Error::Damaged(DamageMessage(finding));
}

std::optional<std::string> RegistryStore::KnownDamage() const {
  std::ifstream in(MarkerOf(dir_));
  if (!in) return std::nullopt;
  std::string finding;
  std::getline(in, finding);
  return finding;
}

std::string RegistryStore::DamageMessage(const std::string& finding) const {
  return "the registry database " + (dir_ / "registry.db").string() +
         " is damaged (its integrity check at " + finding +
         "); nothing can be changed in it. Stop writing to it, do not back it up, and restore "
         "the newest good backup (siegel restore); siegel check looks again";
}

}  // namespace siegel
