// Creating and opening a data directory; settings, keys and the published issuer documents.
#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "credential/did_document.h"
#include "registry/audit.h"
#include "registry/database.h"
#include "registry/registry.h"
#include "registry/status_publisher.h"
#include "registry/validation.h"

namespace siegel {
namespace {

constexpr char kDatabaseFile[] = "registry.db";

std::string TrimTrailingSlash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

Programme DefaultProgramme() {
  Programme p;
  p.code = "ce-bw";
  p.name_de = "Cluster-Exzellenz Baden-Württemberg";
  p.name_en = "Cluster Excellence Baden-Württemberg";
  p.description =
      "Qualitätslabel des Landes Baden-Württemberg für Clusterinitiativen und Landesnetzwerke mit "
      "exzellentem Clustermanagement, vergeben nach externer Begutachtung.";
  p.validity_months = 24;
  p.criteria_text =
      "Externe Begutachtung des Clustermanagements anhand der 31 Kriterien der European Cluster "
      "Excellence Initiative (ECEI) sowie Indikatoren zu nachhaltiger Finanzierung und "
      "Internationalisierung; Entscheidung durch den Beirat beim Ministerium.";
  p.assessor_default = "VDI/VDE Innovation + Technik GmbH";
  p.id_prefix = "CEBW";
  return p;
}

Registry::Registry(std::filesystem::path dir, std::unique_ptr<SQLite::Database> db, bool read_only)
    : dir_(std::move(dir)), db_(std::move(db)), keys_(dir_), read_only_(read_only) {
  // A read-only registry never changes while open, and its directory may not take the
  // counter's file.
  if (read_only_) return;
  // Without the counter this process's commits reach readers within their once-a-second
  // check instead of at once; nothing else depends on it.
  auto signal = ChangeSignal::Open(dir_);
  if (signal.ok()) change_signal_ = std::move(signal).value();
}

Registry::~Registry() = default;

Result<std::unique_ptr<Registry>> Registry::Create(const std::filesystem::path& dir,
                                                   const InitOptions& options) {
  std::string base_url = TrimTrailingSlash(options.base_url);
  auto did = DidWebFromBaseUrl(base_url);
  if (!did.ok()) return did.error();
  if (Status s = ValidateText("issuer name", options.issuer_name, 300, true); !s.ok())
    return s.error();
  std::string issuer_url = options.issuer_url.empty() ? base_url + "/" : options.issuer_url;
  if (Status s = ValidateUrl("issuer URL", issuer_url); !s.ok()) return s.error();

  std::error_code ec;
  if (std::filesystem::exists(dir, ec) && !std::filesystem::is_empty(dir, ec)) {
    return Error::Refused("the data directory " + dir.string() +
                          " is not empty; refusing to overwrite it");
  }
  std::filesystem::create_directories(dir, ec);
  if (ec)
    return Error::Io("cannot create the data directory " + dir.string() + ": " + ec.message());
  ::chmod(dir.c_str(), 0700);

  auto db = OpenDatabase(dir / kDatabaseFile, /*create=*/true);
  if (!db.ok()) return db.error();
  if (Status s = MigrateDatabase(**db); !s.ok()) return s.error();
  std::unique_ptr<Registry> registry(new Registry(dir, std::move(db).value()));
  if (options.clock_for_testing) registry->SetClockForTesting(options.clock_for_testing);

  auto created = registry->keys_.Create("key-1", options.passphrase);
  if (!created.ok()) return created.error();
  registry->signing_key_ = created->first;
  if (options.status_list_ttl_seconds < 0 || options.status_list_ttl_seconds > 86400) {
    return Error::InvalidInput("the status lists' ttl must be 0 to 86400 seconds");
  }
  registry->settings_ = {base_url,   *did,    options.issuer_name,
                         issuer_url, "key-1", options.status_list_ttl_seconds};
  std::string now = FormatDateTimeStamp(registry->Now());
  Actor system{"system:init"};
  Status written = registry->Write([&]() -> Status {
    SQLite::Database& db = *registry->db_;
    PutSetting(db, "base_url", base_url);
    PutSetting(db, "did", *did);
    PutSetting(db, "issuer_name", options.issuer_name);
    PutSetting(db, "issuer_url", issuer_url);
    PutSetting(db, "active_key_id", "key-1");
    PutSetting(db, "status_list_ttl", std::to_string(options.status_list_ttl_seconds));
    SQLite::Statement key(
        db,
        "INSERT INTO issuer_keys (key_id, public_key_multibase, private_key_file, created_at) "
        "VALUES (?, ?, ?, ?)");
    key.bind(1, "key-1");
    key.bind(2, created->first.public_key().Multikey());
    key.bind(3, created->second);
    key.bind(4, now);
    key.exec();
    AppendAudit(
        db, now, system, "registry.init", *did, Json(),
        Json{{"baseUrl", base_url}, {"issuerName", options.issuer_name}, {"keyId", "key-1"}});
    return Status::Ok();
  });
  if (!written.ok()) return written.error();
  if (Status s = registry->AddProgramme(DefaultProgramme(), system); !s.ok()) return s.error();
  if (!options.four_eyes) {
    Status off = registry->Write(
        [&]() -> Status {
          registry->db_->exec("UPDATE programmes SET four_eyes = 0");
          AppendAudit(*registry->db_, now, system, "programme.four_eyes", DefaultProgramme().code,
                      Json{{"fourEyes", true}}, Json{{"fourEyes", false}, {"atInit", true}});
          return Status::Ok();
        },
        /*public_change=*/false);
    if (!off.ok()) return off.error();
  }
  return registry;
}

Result<std::unique_ptr<Registry>> Registry::Open(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(dir / kDatabaseFile, ec)) {
    return Error::NotFound("no registry in " + dir.string() +
                           " (create one with: siegel init --base-url URL --data " + dir.string() +
                           ")");
  }
  auto db = OpenDatabase(dir / kDatabaseFile, /*create=*/false);
  if (!db.ok()) return db.error();
  if (Status s = MigrateDatabase(**db); !s.ok()) return s.error();
  std::unique_ptr<Registry> registry(new Registry(dir, std::move(db).value()));
  if (Status s = registry->LoadSettings(); !s.ok()) return s.error();
  return registry;
}

Result<std::unique_ptr<Registry>> Registry::OpenReadOnly(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(dir / kDatabaseFile, ec)) {
    return Error::NotFound("no registry in " + dir.string());
  }
  auto db = OpenDatabaseReadOnly(dir / kDatabaseFile);
  if (!db.ok()) return db.error();
  std::unique_ptr<Registry> registry(new Registry(dir, std::move(db).value(), true));
  if (Status s = registry->LoadSettings(); !s.ok()) return s.error();
  return registry;
}

Status Registry::LoadSettings() {
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

Status Registry::Write(const std::function<Status()>& body, bool public_change) {
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

Status Registry::CheckSigningKey() {
  if (Status s = SigningKey().status(); !s.ok()) return s;
  return log_.CheckKey(settings_);
}

Result<Ed25519PrivateKey> Registry::SigningKey() {
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

Result<std::vector<IssuerKeyRecord>> Registry::ListKeys() const {
  try {
    std::vector<IssuerKeyRecord> keys;
    SQLite::Statement query(
        *db_,
        "SELECT key_id, public_key_multibase, created_at, COALESCE(retired_at, ''), "
        "COALESCE(compromised_at, '') FROM issuer_keys ORDER BY created_at, key_id");
    while (query.executeStep()) {
      keys.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(),
                      query.getColumn(2).getString(), query.getColumn(3).getString(),
                      query.getColumn(4).getString()});
    }
    return keys;
  } catch (const std::exception& e) {
    return Error::Io(std::string("cannot read the issuer keys: ") + e.what());
  }
}

namespace {

Result<std::vector<PublishedKey>> PublishedKeys(
    const Result<std::vector<IssuerKeyRecord>>& records) {
  if (!records.ok()) return records.error();
  std::vector<PublishedKey> keys;
  for (const IssuerKeyRecord& record : *records) {
    auto key = Ed25519PublicKey::FromMultikey(record.public_key_multibase);
    if (!key.ok())
      return Error::Internal("issuer key " + record.key_id + " is corrupt: " + key.message());
    std::optional<UnixSeconds> compromised;
    if (!record.compromised_at.empty()) compromised = *ParseDateTimeStamp(record.compromised_at);
    keys.push_back({record.key_id, std::move(key).value(), compromised});
  }
  return keys;
}

}  // namespace

Result<Json> Registry::DidDocument() const {
  auto keys = PublishedKeys(ListKeys());
  if (!keys.ok()) return keys.error();
  return BuildDidDocument(settings_.did, *keys);
}

Result<Json> Registry::Jwks() const {
  auto keys = PublishedKeys(ListKeys());
  if (!keys.ok()) return keys.error();
  return BuildJwks(settings_.did, *keys);
}

std::optional<uint64_t> Registry::ChangeCount() const {
  if (!change_signal_) return std::nullopt;
  return change_signal_->Read();
}

Result<int64_t> Registry::Generation() const {
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

}  // namespace siegel
