#include "registry/transparency_log.h"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <filesystem>

#include "registry/credential/jcs.h"
#include "registry/credential/sha256.h"
#include "registry/transparency/log_event.h"

namespace siegel {
namespace {

constexpr char kLogKeyId[] = "log-key";
constexpr uint64_t kMaxEntriesPerRead = 1000;

merkle::Hash BlobOf(const SQLite::Column& column) {
  const auto* data = static_cast<const uint8_t*>(column.getBlob());
  return merkle::Hash(data, data + column.getBytes());
}

void BindHash(SQLite::Statement& statement, int index, const merkle::Hash& hash) {
  statement.bind(index, hash.data(), static_cast<int>(hash.size()));
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

int64_t SingleInt(SQLite::Database& db, const char* sql) {
  SQLite::Statement query(db, sql);
  query.executeStep();
  return query.getColumn(0).getInt64();
}

uint64_t LogSize(SQLite::Database& db) {
  return static_cast<uint64_t>(SingleInt(db, "SELECT COALESCE(MAX(idx) + 1, 0) FROM log_entries"));
}

// Perfect-subtree hashes as stored in log_nodes, through one prepared statement.
merkle::NodeSource StoredNodes(SQLite::Statement& get) {
  return [&get](int level, uint64_t index) -> Result<merkle::Hash> {
    get.reset();
    get.bind(1, level);
    get.bind(2, static_cast<int64_t>(index));
    if (!get.executeStep()) {
      return Error::Internal("the log has no node at level " + std::to_string(level) + ", index " +
                             std::to_string(index));
    }
    return BlobOf(get.getColumn(0));
  };
}

constexpr char kGetNode[] = "SELECT hash FROM log_nodes WHERE level = ? AND idx = ?";

std::string Sha256Hex(std::string_view data) { return HexEncode(Sha256(data)); }

Result<LogHead> HeadFrom(SQLite::Statement& query) {
  if (!query.executeStep()) return Error::NotFound("the log has no such checkpoint");
  LogHead head;
  head.size = static_cast<uint64_t>(query.getColumn(0).getInt64());
  head.root = BlobOf(query.getColumn(1));
  head.signed_note = query.getColumn(2).getString();
  head.signed_at = query.getColumn(3).getString();
  return head;
}

std::vector<LogEntry> EntriesFrom(SQLite::Statement& query) {
  std::vector<LogEntry> entries;
  while (query.executeStep()) {
    entries.push_back({static_cast<uint64_t>(query.getColumn(0).getInt64()),
                       query.getColumn(1).getString(), query.getColumn(2).getString()});
  }
  return entries;
}

}  // namespace

std::string LogOrigin(const RegistrySettings& settings) {
  std::string origin = settings.base_url;
  size_t scheme = origin.find("://");
  if (scheme != std::string::npos) origin = origin.substr(scheme + 3);
  return origin + "/log";
}

struct TransparencyLog::Statements {
  explicit Statements(SQLite::Database& db)
      : size(db, "SELECT COALESCE(MAX(idx) + 1, 0) FROM log_entries"),
        status_events(
            db,
            "SELECT e.seq, e.certificate_id, e.event, e.at, e.reason, COALESCE(c.supersedes, ''), "
            "c.credential_json, c.credential_jws, c.key_id "
            "FROM status_events e JOIN certificates c ON c.id = e.certificate_id "
            "WHERE e.seq > (SELECT COALESCE(MAX(source_seq), 0) FROM log_entries WHERE source = "
            "'status') ORDER BY e.seq"),
        key_events(db,
                   "SELECT a.seq, a.action, a.subject, a.at, COALESCE(a.after_json, '{}') "
                   "FROM audit_events a "
                   "WHERE a.action IN ('registry.init', 'key.rotate', 'key.compromise') AND "
                   "a.seq > (SELECT COALESCE(MAX(source_seq), 0) FROM log_entries "
                   "WHERE source = 'key') ORDER BY a.seq"),
        insert_entry(db,
                     "INSERT INTO log_entries (idx, source, source_seq, certificate_id, leaf, "
                     "leaf_hash) VALUES (?, ?, ?, ?, ?, ?)"),
        get_node(db, kGetNode),
        put_node(db, "INSERT INTO log_nodes (level, idx, hash) VALUES (?, ?, ?)"),
        insert_checkpoint(db,
                          "INSERT INTO log_checkpoints (size, root, signed_note, signed_at) "
                          "VALUES (?, ?, ?, ?)") {}

  SQLite::Statement size, status_events, key_events, insert_entry, get_node, put_node,
      insert_checkpoint;
};

TransparencyLog::TransparencyLog(SQLite::Database& db, KeyStore& keys) : db_(db), keys_(keys) {}
TransparencyLog::~TransparencyLog() = default;

merkle::NodeSource TransparencyLog::Nodes() { return StoredNodes(statements_->get_node); }

Result<Ed25519PrivateKey> TransparencyLog::Key(const RegistrySettings& settings) {
  if (key_) return *key_;
  auto passphrase = KeyStore::PassphraseFromEnvironment();
  std::optional<std::string> file = GetSetting(db_, "log_key_file");
  Result<Ed25519PrivateKey> key = Error::Internal("unset");
  if (file) {
    key = keys_.Load(*file, passphrase);
  } else {
    // A key file without its setting is left from a transaction that rolled back: reuse it.
    std::string relative = std::string("keys/") + kLogKeyId + ".pem";
    std::error_code ec;
    if (std::filesystem::exists(keys_.data_dir() / relative, ec)) {
      key = keys_.Load(relative, passphrase);
    } else {
      auto created = keys_.Create(kLogKeyId, passphrase);
      if (!created.ok()) return created.error();
      key = created->first;
      relative = created->second;
    }
    if (!key.ok()) return key.error();
    auto verifier = note::Verifier::ForKey(LogOrigin(settings), key->public_key());
    if (!verifier.ok()) return verifier.error();
    PutSetting(db_, "log_key_file", relative);
    PutSetting(db_, "log_vkey", verifier->Format());
  }
  if (!key.ok()) return key.error();
  key_ = *key;
  return *key_;
}

Status TransparencyLog::CatchUp(const RegistrySettings& settings, const std::string& now) {
  auto key = Key(settings);
  if (!key.ok()) return key.error();
  if (!statements_) statements_ = std::make_unique<Statements>(db_);
  Statements& sql = *statements_;
  const std::string origin = LogOrigin(settings);
  sql.size.reset();
  sql.size.executeStep();
  uint64_t size = static_cast<uint64_t>(sql.size.getColumn(0).getInt64());
  sql.size.reset();
  const uint64_t old_size = size;

  // Rows are collected first: appending while a query is open on the same tables is
  // not something to rely on.
  struct Pending {
    std::string source;
    int64_t seq;
    std::string certificate_id;
    Json record;
  };
  std::vector<Pending> pending;
  SQLite::Statement& status_events = sql.status_events;
  status_events.reset();
  while (status_events.executeStep()) {
    std::string event = status_events.getColumn(2).getString();
    std::string id = status_events.getColumn(1).getString();
    Json record = {{"type", "LabelLogEvent"},
                   {"log", origin},
                   {"event", event},
                   {"certificate", id},
                   {"time", status_events.getColumn(3).getString()}};
    if (event == "issued") {
      auto credential = Json::parse(status_events.getColumn(6).getString(), nullptr, false);
      auto digest = credential.is_discarded() ? Result<std::string>(Error::Internal("not JSON"))
                                              : CredentialDigest(credential);
      if (!digest.ok()) {
        status_events.reset();
        return Error::Internal("the stored credential of " + id + " cannot be canonicalised");
      }
      record["credentialSha256"] = *digest;
      record["jwsSha256"] = Sha256Hex(status_events.getColumn(7).getString());
      record["issuerKey"] = status_events.getColumn(8).getString();
      std::string supersedes = status_events.getColumn(5).getString();
      if (!supersedes.empty()) record["supersedes"] = supersedes;
    } else if (std::string reason = status_events.getColumn(4).getString(); !reason.empty()) {
      record["reason"] = reason;
    }
    pending.push_back({"status", status_events.getColumn(0).getInt64(), id, std::move(record)});
  }
  status_events.reset();

  SQLite::Statement& key_events = sql.key_events;
  key_events.reset();
  while (key_events.executeStep()) {
    std::string action = key_events.getColumn(1).getString();
    Json after = Json::parse(key_events.getColumn(4).getString(), nullptr, false);
    if (after.is_discarded()) after = Json::object();
    Json record = {
        {"type", "LabelLogEvent"}, {"log", origin}, {"time", key_events.getColumn(3).getString()}};
    std::string key_id = key_events.getColumn(2).getString();
    if (action == "registry.init") key_id = after.value("keyId", "key-1");
    record["issuerKey"] = key_id;
    if (action == "key.compromise") {
      record["event"] = "key-compromised";
      record["compromisedSince"] = after.value("compromisedAt", "");
    } else {
      record["event"] = "key-added";
    }
    pending.push_back({"key", key_events.getColumn(0).getInt64(), "", std::move(record)});
  }
  key_events.reset();

  for (Pending& p : pending) {
    if (p.record["event"] == "key-added") {
      SQLite::Statement multikey(db_,
                                 "SELECT public_key_multibase FROM issuer_keys WHERE key_id = ?");
      multikey.bind(1, p.record["issuerKey"].get<std::string>());
      if (multikey.executeStep())
        p.record["publicKeyMultibase"] = multikey.getColumn(0).getString();
    }
    if (Status s = Append(size++, p.source, p.seq, p.certificate_id, std::move(p.record), *key);
        !s.ok()) {
      return s;
    }
  }
  if (size == old_size) return Status::Ok();

  auto root = merkle::RootOf(size, Nodes());
  sql.get_node.reset();
  if (!root.ok()) return root.error();
  note::Checkpoint checkpoint{origin, size, *root, {}};
  auto signed_note = note::Sign(checkpoint.Text(), origin, *key);
  if (!signed_note.ok()) return signed_note.error();
  SQLite::Statement& insert = sql.insert_checkpoint;
  insert.reset();
  insert.bind(1, static_cast<int64_t>(size));
  BindHash(insert, 2, *root);
  insert.bind(3, *signed_note);
  insert.bind(4, now);
  insert.exec();
  insert.reset();
  return Status::Ok();
}

Status TransparencyLog::Append(uint64_t index, const std::string& source, int64_t seq,
                               const std::string& certificate_id, Json record,
                               const Ed25519PrivateKey& key) {
  auto unsigned_bytes = CanonicalizeJson(record);
  if (!unsigned_bytes.ok()) return unsigned_bytes.error();
  auto signature = key.Sign(*unsigned_bytes);
  if (!signature.ok()) return signature.error();
  record["signature"] = Base64UrlEncode(*signature);
  auto leaf = CanonicalizeJson(record);
  if (!leaf.ok()) return leaf.error();
  merkle::Hash leaf_hash = merkle::LeafHash(*leaf);

  SQLite::Statement& insert = statements_->insert_entry;
  insert.reset();
  insert.bind(1, static_cast<int64_t>(index));
  insert.bind(2, source);
  insert.bind(3, seq);
  if (certificate_id.empty()) {
    insert.bind(4);
  } else {
    insert.bind(4, certificate_id);
  }
  insert.bind(5, *leaf);
  BindHash(insert, 6, leaf_hash);
  insert.exec();
  insert.reset();

  SQLite::Statement& put_node = statements_->put_node;
  Status appended = merkle::AppendLeaf(
      index, leaf_hash, Nodes(), [&put_node](int level, uint64_t i, const merkle::Hash& hash) {
        put_node.reset();
        put_node.bind(1, level);
        put_node.bind(2, static_cast<int64_t>(i));
        BindHash(put_node, 3, hash);
        put_node.exec();
        put_node.reset();
      });
  statements_->get_node.reset();
  return appended;
}

Result<LogHead> LatestLogHead(SQLite::Database& db) {
  SQLite::Statement query(db,
                          "SELECT size, root, signed_note, signed_at FROM log_checkpoints "
                          "ORDER BY size DESC LIMIT 1");
  return HeadFrom(query);
}

Result<LogHead> LogHeadOfSize(SQLite::Database& db, uint64_t size) {
  SQLite::Statement query(
      db, "SELECT size, root, signed_note, signed_at FROM log_checkpoints WHERE size = ?");
  query.bind(1, static_cast<int64_t>(size));
  return HeadFrom(query);
}

Result<std::string> LogVerifierKey(SQLite::Database& db) {
  auto vkey = GetSetting(db, "log_vkey");
  if (!vkey) return Error::NotFound("the log has no key yet");
  return *vkey;
}

Result<std::vector<LogEntry>> ReadLogEntries(SQLite::Database& db, uint64_t start, uint64_t end) {
  uint64_t size = LogSize(db);
  if (start >= end || end > size) {
    return Error::InvalidInput("entries must satisfy start < end <= " + std::to_string(size) +
                               " (the log's size)");
  }
  if (end - start > kMaxEntriesPerRead) end = start + kMaxEntriesPerRead;
  SQLite::Statement query(db,
                          "SELECT idx, leaf, COALESCE(certificate_id, '') FROM log_entries "
                          "WHERE idx >= ? AND idx < ? ORDER BY idx");
  query.bind(1, static_cast<int64_t>(start));
  query.bind(2, static_cast<int64_t>(end));
  return EntriesFrom(query);
}

Result<std::vector<LogEntry>> LogEntriesOfCertificate(SQLite::Database& db, const std::string& id) {
  SQLite::Statement query(db,
                          "SELECT idx, leaf, certificate_id FROM log_entries "
                          "WHERE certificate_id = ? ORDER BY idx");
  query.bind(1, id);
  return EntriesFrom(query);
}

Result<uint64_t> LogIndexOfLeafHash(SQLite::Database& db, const merkle::Hash& leaf_hash) {
  SQLite::Statement query(db, "SELECT idx FROM log_entries WHERE leaf_hash = ?");
  BindHash(query, 1, leaf_hash);
  if (!query.executeStep()) return Error::NotFound("no log entry has this leaf hash");
  return static_cast<uint64_t>(query.getColumn(0).getInt64());
}

Result<std::vector<merkle::Hash>> LogInclusionProof(SQLite::Database& db, uint64_t index,
                                                    uint64_t size) {
  if (size > LogSize(db)) {
    return Error::InvalidInput("the log holds only " + std::to_string(LogSize(db)) + " entries");
  }
  SQLite::Statement get_node(db, kGetNode);
  return merkle::InclusionProof(index, size, StoredNodes(get_node));
}

Result<std::vector<merkle::Hash>> LogConsistencyProof(SQLite::Database& db, uint64_t from,
                                                      uint64_t to) {
  if (to > LogSize(db)) {
    return Error::InvalidInput("the log holds only " + std::to_string(LogSize(db)) + " entries");
  }
  SQLite::Statement get_node(db, kGetNode);
  return merkle::ConsistencyProof(from, to, StoredNodes(get_node));
}

}  // namespace siegel
