// Proof sets that verified before, by the SHA-256 of the whole credential's JCS form (proofs
// included) and the public key they verified under. Verifying a proof is a pure function of
// those bytes and that key, so a process that meets the same credential again (the
// registry's API and pages meet its own labels over and over) need not repeat the Ed25519
// and eddsa-rdfc-2022 work: the answer would be the same. Only successes are kept, at most
// `capacity` (the oldest go first); everything else in a verification (key status, issuance,
// status lists, validity) is checked every time. Thread-safe.
#pragma once

#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_set>

namespace siegel {

class VerifiedProofs {
 public:
  explicit VerifiedProofs(size_t capacity = 4096) : capacity_(capacity) {}

  bool Contains(const std::string& key) const;
  void Add(const std::string& key);
  size_t size() const;

 private:
  const size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_set<std::string> keys_;
  std::deque<std::string> order_;  // oldest first
};

}  // namespace siegel
