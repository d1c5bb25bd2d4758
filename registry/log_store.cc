#include "registry/log_store.h"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "base/jcs.h"
#include "credential/sha256.h"
#include "registry/database.h"
#include "transparency/log_event.h"

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

// How many entries the log holds (MAX of the integer primary key is one lookup).
constexpr char kLogSize[] = "SELECT COALESCE(MAX(idx) + 1, 0) FROM log_entries";

uint64_t SizeFrom(SQLite::Statement& query) {
  query.reset();
  query.executeStep();
  uint64_t size = static_cast<uint64_t>(query.getColumn(0).getInt64());
  query.reset();
  return size;
}

uint64_t LogSize(SQLite::Database& db) {
  SQLite::Statement query(db, kLogSize);
  return SizeFrom(query);
}

// Perfect-subtree hashes as stored with the entries that complete them, through one prepared
// statement: the node at `level`, `index` is hash number `level` of entry
// ((index + 1) << level) - 1.
merkle::NodeSource StoredNodes(SQLite::Statement& get) {
  return [&get](int level, uint64_t index) -> Result<merkle::Hash> {
    get.reset();
    get.bind(1, level * 32 + 1);
    get.bind(2, static_cast<int64_t>(((index + 1) << level) - 1));
    if (!get.executeStep() || get.getColumn(0).getBytes() != 32) {
      return Error::Internal("the log has no node at level " + std::to_string(level) + ", index " +
                             std::to_string(index));
    }
    return BlobOf(get.getColumn(0));
  };
}

constexpr char kGetNode[] = "SELECT substr(nodes, ?, 32) FROM log_entries WHERE idx = ?";

std::string Sha256Hex(std::string_view data) { return HexEncode(Sha256(data)); }

std::vector<LogEntry> EntriesFrom(SQLite::Statement& query) {
  std::vector<LogEntry> entries;
  while (query.executeStep()) {
    entries.push_back({static_cast<uint64_t>(query.getColumn(0).getInt64()),
                       query.getColumn(1).getString(), query.getColumn(2).getString()});
  }
  return entries;
}

}  // namespace

// An event record as it is built: string members only, kept in JCS order (every key is ASCII,
// where byte order is the UTF-16 order JCS sorts by), so its canonical bytes are written
// straight from the members, with no JSON tree for a record that is written once.
class EventRecord {
 public:
  void Set(std::string_view key, std::string value) { members_[key] = std::move(value); }
  const std::string& Get(std::string_view key) const {
    static const std::string kNone;
    auto it = members_.find(key);
    return it == members_.end() ? kNone : it->second;
  }
  Result<std::string> Canonical() const {
    std::string out = "{";
    for (const auto& [key, value] : members_) {
      if (out.size() > 1) out.push_back(',');
      out.push_back('"');
      out.append(key);  // ASCII names without quotes or backslashes: nothing to escape
      out += "\":";
      if (Status s = AppendJcsString(value, &out); !s.ok()) return s.error();
    }
    out.push_back('}');
    return out;
  }

 private:
  std::map<std::string_view, std::string> members_;
};

std::string LogOrigin(const RegistrySettings& settings) {
  std::string origin = settings.base_url;
  size_t scheme = origin.find("://");
  if (scheme != std::string::npos) origin = origin.substr(scheme + 3);
  return origin + "/log";
}

// Every public write runs these, so each reads only what it will log: status events past the
// log's watermark, and key events through their own index (not every audit row since the last
// write). The watermarks are looked up inside the same statements.
struct TransparencyLog::Statements {
  explicit Statements(SQLite::Database& db)
      : size(db, kLogSize),
        move_watermarks(db,
                        "UPDATE generation SET log_status_seq = MAX(log_status_seq, ?), "
                        "log_audit_seq = MAX(log_audit_seq, ?) WHERE id = 1"),
        status_events(
            db,
            "SELECT e.seq, e.certificate_id, e.event, e.at, e.reason, COALESCE(c.supersedes, ''), "
            "COALESCE(c.credential_sha256, ''), COALESCE(c.jws_sha256, ''), c.key_id, "
            // The credential texts are copied out of their overflow pages only for a
            // certificate signed before the log existed, which has no digests stored.
            "CASE WHEN c.credential_sha256 IS NULL THEN c.credential_json END, "
            "CASE WHEN c.jws_sha256 IS NULL THEN c.credential_jws END "
            "FROM status_events e JOIN certificates c ON c.id = e.certificate_id "
            "WHERE e.seq > (SELECT log_status_seq FROM generation WHERE id = 1) ORDER BY e.seq"),
        // The action list is the condition of the index audit_events_key_events, spelled the
        // same so that SQLite uses it.
        key_events(db,
                   "SELECT a.seq, a.action, a.subject, a.at, COALESCE(a.after_json, '{}') "
                   "FROM audit_events a "
                   "WHERE a.action IN ('registry.init', 'key.rotate', 'key.compromise') "
                   "AND a.seq > (SELECT log_audit_seq FROM generation WHERE id = 1) "
                   "ORDER BY a.seq"),
        insert_entry(db,
                     "INSERT INTO log_entries (idx, certificate_id, leaf, nodes, status_seq) "
                     "VALUES (?, ?, ?, ?, ?)"),
        get_node(db, kGetNode) {}

  SQLite::Statement size, move_watermarks, status_events, key_events, insert_entry, get_node;
};

TransparencyLog::TransparencyLog(SQLite::Database& db, KeyStore& keys) : db_(db), keys_(keys) {}
TransparencyLog::~TransparencyLog() = default;

TransparencyLog::Statements& TransparencyLog::Sql() {
  if (!statements_) statements_ = std::make_unique<Statements>(db_);
  return *statements_;
}

merkle::NodeSource TransparencyLog::Nodes() { return StoredNodes(Sql().get_node); }

Result<Ed25519PrivateKey> TransparencyLog::Key(const RegistrySettings& settings, bool create) {
  if (key_) return *key_;
  auto passphrase = KeyStore::PassphraseFromEnvironment();
  std::optional<std::string> file = GetSetting(db_, "log_key_file");
  Result<Ed25519PrivateKey> key = Error::Internal("unset");
  if (file) {
    key = keys_.Load(*file, passphrase);
  } else if (!create) {
    return Error::NotFound("the log has no entries yet");
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

// An event read from the database, waiting to be appended. Rows are collected first, then
// appended: no query stays open while the log grows.
struct TransparencyLog::PendingEvent {
  std::string certificate_id;
  int64_t status_seq;  // 0 for key events
  EventRecord record;
};

Status TransparencyLog::CatchUp(const RegistrySettings& settings) {
  auto key = Key(settings, /*create=*/true);
  if (!key.ok()) return key.error();
  const std::string origin = LogOrigin(settings);
  std::vector<PendingEvent> pending;
  int64_t newest_status = 0, newest_key_event = 0;
  if (Status read = ReadStatusEvents(origin, pending, newest_status); !read.ok()) return read;
  ReadKeyEvents(origin, pending, newest_key_event);
  if (pending.empty()) return Status::Ok();
  Statements& sql = Sql();
  sql.move_watermarks.reset();
  sql.move_watermarks.bind(1, newest_status);
  sql.move_watermarks.bind(2, newest_key_event);
  sql.move_watermarks.exec();
  sql.move_watermarks.reset();
  return AppendPending(pending, *key);
}

Status TransparencyLog::ReadStatusEvents(const std::string& origin,
                                         std::vector<PendingEvent>& pending, int64_t& newest) {
  SQLite::Statement& status_events = Sql().status_events;
  status_events.reset();
  while (status_events.executeStep()) {
    std::string event = status_events.getColumn(2).getString();
    std::string id = status_events.getColumn(1).getString();
    EventRecord record;
    record.Set("type", "LabelLogEvent");
    record.Set("log", origin);
    record.Set("certificate", id);
    record.Set("time", status_events.getColumn(3).getString());
    if (event == EventName(StatusEventKind::kIssued)) {
      std::string digest = status_events.getColumn(6).getString();
      if (digest.empty()) {  // a certificate signed before the log existed
        auto credential = Json::parse(status_events.getColumn(9).getString(), nullptr, false);
        auto computed = credential.is_discarded() ? Result<std::string>(Error::Internal("not JSON"))
                                                  : CredentialDigest(credential);
        if (!computed.ok()) {
          status_events.reset();
          return Error::Internal("the stored credential of " + id + " cannot be canonicalised");
        }
        digest = *computed;
      }
      record.Set("credentialSha256", digest);
      std::string jws_digest = status_events.getColumn(7).getString();
      record.Set("jwsSha256", jws_digest.empty()
                                  ? Sha256Hex(status_events.getColumn(10).getString())
                                  : jws_digest);
      record.Set("issuerKey", status_events.getColumn(8).getString());
      std::string supersedes = status_events.getColumn(5).getString();
      if (!supersedes.empty()) record.Set("supersedes", supersedes);
    } else if (std::string reason = status_events.getColumn(4).getString(); !reason.empty()) {
      record.Set("reason", reason);
    }
    record.Set("event", std::move(event));
    newest = status_events.getColumn(0).getInt64();
    pending.push_back({id, newest, std::move(record)});
  }
  status_events.reset();
  return Status::Ok();
}

void TransparencyLog::ReadKeyEvents(const std::string& origin, std::vector<PendingEvent>& pending,
                                    int64_t& newest) {
  SQLite::Statement& key_events = Sql().key_events;
  key_events.reset();
  while (key_events.executeStep()) {
    newest = key_events.getColumn(0).getInt64();
    std::string action = key_events.getColumn(1).getString();
    Json after = Json::parse(key_events.getColumn(4).getString(), nullptr, false);
    if (after.is_discarded()) after = Json::object();
    EventRecord record;
    record.Set("type", "LabelLogEvent");
    record.Set("log", origin);
    record.Set("time", key_events.getColumn(3).getString());
    std::string key_id = key_events.getColumn(2).getString();
    if (action == "registry.init") key_id = after.value("keyId", "key-1");
    record.Set("issuerKey", key_id);
    if (action == "key.compromise") {
      record.Set("event", "key-compromised");
      record.Set("compromisedSince", after.value("compromisedAt", ""));
    } else {
      record.Set("event", "key-added");
    }
    pending.push_back({"", 0, std::move(record)});
  }
  key_events.reset();
}

Status TransparencyLog::AppendPending(std::vector<PendingEvent>& pending,
                                      const Ed25519PrivateKey& key) {
  uint64_t size = SizeFrom(Sql().size);
  for (PendingEvent& p : pending) {
    if (p.record.Get("event") == "key-added") {
      SQLite::Statement multikey(db_,
                                 "SELECT public_key_multibase FROM issuer_keys WHERE key_id = ?");
      multikey.bind(1, p.record.Get("issuerKey"));
      if (multikey.executeStep())
        p.record.Set("publicKeyMultibase", multikey.getColumn(0).getString());
    }
    if (Status s = Append(size++, p.certificate_id, p.status_seq, std::move(p.record), key);
        !s.ok()) {
      return s;
    }
  }
  return Status::Ok();
}

Status TransparencyLog::CheckKey(const RegistrySettings& settings) {
  auto key = Key(settings, /*create=*/false);
  if (!key.ok() && key.error().code != ErrorCode::kNotFound) return key.error();
  return Status::Ok();
}

Result<LogHead> TransparencyLog::Head(const RegistrySettings& settings) {
  auto key = Key(settings, /*create=*/false);
  if (!key.ok()) return key.error();
  Statements& sql = Sql();
  uint64_t size = SizeFrom(sql.size);
  if (size == 0) return Error::NotFound("the log has no entries yet");
  auto root = merkle::RootOf(size, Nodes());
  sql.get_node.reset();
  if (!root.ok()) return root.error();
  const std::string origin = LogOrigin(settings);
  note::Checkpoint checkpoint{origin, size, *root, {}};
  auto signed_note = note::Sign(checkpoint.Text(), origin, *key);
  if (!signed_note.ok()) return signed_note.error();
  return LogHead{size, *root, *signed_note};
}

Status TransparencyLog::Append(uint64_t index, const std::string& certificate_id,
                               int64_t status_seq, EventRecord record,
                               const Ed25519PrivateKey& key) {
  auto unsigned_bytes = record.Canonical();
  if (!unsigned_bytes.ok()) return unsigned_bytes.error();
  auto signature = key.Sign(*unsigned_bytes);
  if (!signature.ok()) return signature.error();
  record.Set("signature", Base64UrlEncode(*signature));
  auto leaf = record.Canonical();
  if (!leaf.ok()) return leaf.error();
  merkle::Hash leaf_hash = merkle::LeafHash(*leaf);

  // The nodes this leaf completes; their left siblings are in earlier entries.
  Bytes nodes;
  Status computed = merkle::AppendLeaf(index, leaf_hash, Nodes(),
                                       [&nodes](int, uint64_t, const merkle::Hash& hash) {
                                         nodes.insert(nodes.end(), hash.begin(), hash.end());
                                       });
  Sql().get_node.reset();
  if (!computed.ok()) return computed;

  SQLite::Statement& insert = Sql().insert_entry;
  insert.reset();
  insert.bind(1, static_cast<int64_t>(index));
  if (certificate_id.empty()) {
    insert.bind(2);
  } else {
    insert.bind(2, certificate_id);
  }
  insert.bind(3, *leaf);
  insert.bind(4, nodes.data(), static_cast<int>(nodes.size()));
  if (status_seq == 0) {
    insert.bind(5);
  } else {
    insert.bind(5, status_seq);
  }
  insert.exec();
  insert.reset();
  return Status::Ok();
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
  // Entries from before schema 6 through their own index.
  SQLite::Statement older(db,
                          "SELECT idx, leaf, certificate_id FROM log_entries "
                          "WHERE certificate_id = ? AND status_seq IS NULL ORDER BY idx");
  older.bind(1, id);
  std::vector<LogEntry> entries = EntriesFrom(older);

  // The rest by binary search: among entries with a status_seq, it rises with idx. A probe
  // reads the first such entry at or after an index.
  SQLite::Statement events(db,
                           "SELECT seq FROM status_events WHERE certificate_id = ? ORDER BY seq");
  events.bind(1, id);
  SQLite::Statement probe(db,
                          "SELECT idx, status_seq, leaf, certificate_id FROM log_entries "
                          "WHERE idx >= ? AND status_seq IS NOT NULL ORDER BY idx LIMIT 1");
  uint64_t low = 0;  // the certificate's events are in seq order, so each search starts later
  const uint64_t size = LogSize(db);
  while (events.executeStep()) {
    const int64_t seq = events.getColumn(0).getInt64();
    uint64_t begin = low, end = size;
    while (begin < end) {
      uint64_t middle = begin + (end - begin) / 2;
      probe.reset();
      probe.bind(1, static_cast<int64_t>(middle));
      if (!probe.executeStep()) {  // no entry with a status_seq at or after middle
        end = middle;
        continue;
      }
      uint64_t found = static_cast<uint64_t>(probe.getColumn(0).getInt64());
      int64_t found_seq = probe.getColumn(1).getInt64();
      if (found_seq < seq) {
        begin = found + 1;
      } else if (found_seq > seq) {
        end = middle;
      } else {
        entries.push_back({found, probe.getColumn(2).getString(), probe.getColumn(3).getString()});
        low = found + 1;
        break;
      }
    }
  }
  std::sort(entries.begin(), entries.end(),
            [](const LogEntry& a, const LogEntry& b) { return a.index < b.index; });
  return entries;
}

Result<uint64_t> LogIndexOfLeafHash(SQLite::Database& db, const merkle::Hash& leaf_hash) {
  // Each entry's first node is its leaf hash. Without an index of its own this is a scan: a
  // rare lookup may cost that, rather than every issuance paying for one more index.
  SQLite::Statement query(db, "SELECT idx FROM log_entries WHERE substr(nodes, 1, 32) = ?");
  BindHash(query, 1, leaf_hash);
  if (!query.executeStep()) return Error::NotFound("no log entry has this leaf hash");
  return static_cast<uint64_t>(query.getColumn(0).getInt64());
}

Result<std::vector<merkle::Hash>> LogInclusionProof(SQLite::Database& db, uint64_t index,
                                                    uint64_t size) {
  if (uint64_t held = LogSize(db); size > held) {
    return Error::InvalidInput("the log holds only " + std::to_string(held) + " entries");
  }
  SQLite::Statement get_node(db, kGetNode);
  return merkle::InclusionProof(index, size, StoredNodes(get_node));
}

Result<Bytes> ReadLogNodes(SQLite::Database& db, int level, uint64_t first, int count) {
  SQLite::Statement get_node(db, kGetNode);
  merkle::NodeSource nodes = StoredNodes(get_node);
  Bytes out;
  out.reserve(static_cast<size_t>(count) * 32);
  for (int i = 0; i < count; ++i) {
    auto hash = nodes(level, first + static_cast<uint64_t>(i));
    if (!hash.ok()) return hash.error();
    out.insert(out.end(), hash->begin(), hash->end());
  }
  return out;
}

Result<std::vector<merkle::Hash>> LogConsistencyProof(SQLite::Database& db, uint64_t from,
                                                      uint64_t to) {
  if (uint64_t held = LogSize(db); to > held) {
    return Error::InvalidInput("the log holds only " + std::to_string(held) + " entries");
  }
  SQLite::Statement get_node(db, kGetNode);
  return merkle::ConsistencyProof(from, to, StoredNodes(get_node));
}

}  // namespace siegel
