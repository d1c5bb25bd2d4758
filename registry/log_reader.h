// The transparency log as the public reads it: signed tree heads, entries, proofs, and the
// record a verifier compares a credential with. Every public change is in the log when it
// commits (log_store.h writes it).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "credential/verifier.h"
#include "registry/log_store.h"
#include "transparency/merkle.h"

namespace siegel {

class RegistryStore;
class CertificateQueries;

class LogReader {
 public:
  LogReader(RegistryStore& store, const CertificateQueries& queries)
      : store_(store), queries_(queries) {}

  // The current tree head, signed with the log key (deterministic: the same tree always
  // gives the same note); NotFound before the first entry.
  Result<LogHead> Checkpoint() const;
  Result<std::string> VerifierKey() const;  // the C2SP verifier key of the log
  // Entries [start, end), at most 1,000 at a time.
  Result<std::vector<LogEntry>> Entries(uint64_t start, uint64_t end) const;
  Result<std::vector<LogEntry>> EntriesOf(const std::string& certificate_id) const;
  // What a verifier compares a credential with: the digests of the certificate's stored
  // credential and JWS, and when the log took in its issuance. NotFound for an unknown id.
  Result<IssuanceRecord> IssuanceRecordOf(const std::string& certificate_id) const;
  Result<uint64_t> IndexOf(const merkle::Hash& leaf_hash) const;
  Result<std::vector<merkle::Hash>> InclusionProof(uint64_t index, uint64_t size) const;
  Result<std::vector<merkle::Hash>> ConsistencyProof(uint64_t from, uint64_t to) const;
  // A C2SP tile's content (transparency/tiles.h) from the stored hashes: `count` perfect
  // subtrees at `level` from `first` on.
  Result<Bytes> Nodes(int level, uint64_t first, int count) const;

 private:
  RegistryStore& store_;
  const CertificateQueries& queries_;
};

}  // namespace siegel
