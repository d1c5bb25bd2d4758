// The client side of the registry's transparency log: fetches checkpoints, entries and proofs
// over HTTP(S) and checks each against the pinned log key before anything relies on it.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "transparency/log_event.h"
#include "transparency/merkle.h"
#include "transparency/signed_note.h"
#include "verify/online.h"

namespace siegel::verify {

struct SignedHead {
  note::Checkpoint checkpoint;
  std::string signed_note;
};

// Reads a pinned log key: the verifier key itself, or a file holding it.
Result<note::Verifier> LoadLogKey(const std::string& key_or_file);

// Reads the log through the registry's API (/log/entries, /log/proof/consistency) or, where
// there is none (a static mirror: siegel publish), from its C2SP tlog-tiles under /log/tile/:
// the entries from the entry bundles, a consistency proof computed from the tiles' hashes.
// What either gives is checked the same way, against checkpoints the pinned key signed.
class LogClient {
 public:
  // `base_url`: the registry's address, e.g. https://labels.example.org.
  LogClient(note::Verifier key, std::string base_url, DocumentFetcher& fetcher)
      : key_(std::move(key)), base_url_(std::move(base_url)), fetcher_(fetcher) {}
  const note::Verifier& key() const { return key_; }

  // The newest checkpoint, refused unless the pinned key signed it.
  Result<SignedHead> Checkpoint();
  Result<SignedHead> OpenHead(const std::string& signed_note) const;
  // The leaves [start, end), fetched in pages.
  Result<std::vector<std::string>> Leaves(uint64_t start, uint64_t end);
  Result<std::vector<merkle::Hash>> ConsistencyProof(uint64_t from, uint64_t to);
  Result<Json> GetJson(const std::string& path);
  // Whether the last read found no API and used the tiles.
  bool reads_tiles() const { return reads_tiles_; }

 private:
  Result<std::vector<std::string>> LeavesFromTiles(uint64_t start, uint64_t end);
  Result<std::vector<merkle::Hash>> ConsistencyFromTiles(uint64_t from, uint64_t to);
  // The tile's bytes (its width as the tree of `tree_size` has it), fetched once.
  Result<std::string> Tile(int level, uint64_t index, uint64_t tree_size);

  note::Verifier key_;
  std::string base_url_;
  DocumentFetcher& fetcher_;
  uint64_t newest_size_ = 0;  // the size of the newest checkpoint read
  bool reads_tiles_ = false;
  std::map<std::string, std::string> tiles_;
};

Result<std::vector<merkle::Hash>> DecodeHashes(const Json& list);

// Whether a status (a verdict's state name or the registry's status: valid, expired,
// not_yet_valid, suspended, revoked) is what a certificate whose last logged event is
// `last_event` must have.
bool StatusMatchesLastEvent(const std::string& last_event, const std::string& status);

// siegel-verify --log for one credential: its certificate's entries, with inclusion proofs
// against a checkpoint signed by the pinned key, must include the issuance of exactly this
// credential, and the last status event must agree with the status the lists gave.
struct LogVerdict {
  bool ok = false;
  std::string detail;
  uint64_t tree_size = 0;
  size_t entries = 0;
};
LogVerdict CheckCredentialInLog(LogClient& client, DocumentFetcher& fetcher,
                                const std::string& base_url, const std::string& certificate_id,
                                const std::string& credential_sha256, const std::string& jws_sha256,
                                const std::string& state);

}  // namespace siegel::verify
