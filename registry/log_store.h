// The registry's transparency log: every public event (issuance, renewal, suspension,
// reinstatement, revocation, issuer-key events) becomes a leaf of an RFC 9162 Merkle tree in
// the same transaction as the change. A leaf is the JCS bytes of a small event record signed
// with the log's own Ed25519 key. The tree head is signed when it is read: Ed25519 is
// deterministic, so every signing of one tree gives the same checkpoint, and two checkpoints
// can only differ by describing different trees, of which the later extends the earlier.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "registry/key_store.h"
#include "registry/model.h"
#include "transparency/merkle.h"
#include "transparency/signed_note.h"

namespace SQLite {
class Database;
class Statement;
}  // namespace SQLite

namespace siegel {

struct LogEntry {
  uint64_t index = 0;
  std::string leaf;            // the JCS bytes of the signed event record
  std::string certificate_id;  // empty for key events
};

// A signed tree head: a C2SP checkpoint.
struct LogHead {
  uint64_t size = 0;
  merkle::Hash root;
  std::string signed_note;
};

class EventRecord;  // a record being built (log_store.cc)

// The log's identity, "labels.example.org/log" for https://labels.example.org: the
// checkpoint origin and the key name.
std::string LogOrigin(const RegistrySettings& settings);

class TransparencyLog {
 public:
  TransparencyLog(SQLite::Database& db, KeyStore& keys);
  ~TransparencyLog();

  // Inside a write transaction: appends every public event recorded since the last call
  // (all of them, the first time, for a registry older than its log). Creates the log key
  // on first use.
  Status CatchUp(const RegistrySettings& settings);

  // Loads the log key if the log has one: Refused when others may read its file, or it is
  // encrypted and the passphrase is missing or wrong.
  Status CheckKey(const RegistrySettings& settings);

  // The current tree head, signed with the log key; NotFound while the log is empty.
  Result<LogHead> Head(const RegistrySettings& settings);

 private:
  // Prepared once per connection: a write runs these on every public change, and preparing
  // them cost more than running them. Each is reset after use, so none holds a snapshot.
  struct Statements;

  Result<Ed25519PrivateKey> Key(const RegistrySettings& settings, bool create);
  Status Append(uint64_t index, const std::string& certificate_id, int64_t status_seq,
                EventRecord record, const Ed25519PrivateKey& key);
  // CatchUp's steps: the events not yet logged, read as records (the newest one's number in
  // `newest`), then appended in order.
  struct PendingEvent;
  Status ReadStatusEvents(const std::string& origin, std::vector<PendingEvent>& pending,
                          int64_t& newest);
  void ReadKeyEvents(const std::string& origin, std::vector<PendingEvent>& pending,
                     int64_t& newest);
  Status AppendPending(std::vector<PendingEvent>& pending, const Ed25519PrivateKey& key);
  merkle::NodeSource Nodes();
  Statements& Sql();

  SQLite::Database& db_;
  KeyStore& keys_;
  std::unique_ptr<Statements> statements_;
  std::optional<Ed25519PrivateKey> key_;
};

// Reads, for the server and the CLI.
// The stored hashes of `count` consecutive perfect subtrees at `level` from `first` on, 32 bytes
// each (a C2SP tile's content).
Result<Bytes> ReadLogNodes(SQLite::Database& db, int level, uint64_t first, int count);
Result<std::string> LogVerifierKey(SQLite::Database& db);
Result<std::vector<LogEntry>> ReadLogEntries(SQLite::Database& db, uint64_t start, uint64_t end);
Result<std::vector<LogEntry>> LogEntriesOfCertificate(SQLite::Database& db, const std::string& id);
Result<uint64_t> LogIndexOfLeafHash(SQLite::Database& db, const merkle::Hash& leaf_hash);
Result<std::vector<merkle::Hash>> LogInclusionProof(SQLite::Database& db, uint64_t index,
                                                    uint64_t size);
Result<std::vector<merkle::Hash>> LogConsistencyProof(SQLite::Database& db, uint64_t from,
                                                      uint64_t to);

}  // namespace siegel
