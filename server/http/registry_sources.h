// What the verifier may ask the registry itself when the API verifies a credential: its
// current status lists (and, for an earlier time, its history), and the record of what it
// issued, with when the transparency log took it in. One of each per request: they use the
// calling thread's reader; where several threads verify for one request (a batch), they
// share `reader_lock`, which every use of the reader then takes.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "credential/verifier.h"
#include "server/http/publication_cache.h"

namespace siegel::http {

// The registry's own status lists: always current; a time before a list's date is answered
// from the registry's status history.
class RegistryStatusLists : public StatusListSource {
 public:
  RegistryStatusLists(const VerifierState& state, const PublicRegistry& reader,
                      std::mutex* reader_lock = nullptr)
      : state_(state), reader_(reader), reader_lock_(reader_lock) {}
  Result<StatusListRef> Find(const std::string& url) const override;
  Result<bool> BitAt(const StatusEntry& entry, UnixSeconds at) const override;

 private:
  const VerifierState& state_;
  const PublicRegistry& reader_;
  std::mutex* reader_lock_;
};

// The registry's record of each certificate it issued.
class RegistryIssuance : public IssuanceSource {
 public:
  RegistryIssuance(PublicationCache& cache, int64_t generation, const PublicRegistry& reader,
                   std::mutex* reader_lock = nullptr)
      : cache_(cache), generation_(generation), reader_(reader), reader_lock_(reader_lock) {}
  Result<IssuanceRecord> Find(const std::string& credential_id) const override;

 private:
  PublicationCache& cache_;
  int64_t generation_;
  const PublicRegistry& reader_;
  std::mutex* reader_lock_;
};

}  // namespace siegel::http
