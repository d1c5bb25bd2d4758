// What the public server serves from memory: signed documents with precomputed ETags and
// certificate records, valid for one database generation. Every request first checks the
// registry's change counter (a memory read, registry/change_signal.h) and reads the
// generation from SQLite when the counter moved or a second has passed since the last read,
// so a change committed by any process is served at once.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "credential/verifier.h"
#include "registry/registry.h"
#include "server/http/spooled_file.h"

namespace siegel::http {

struct CachedDocument {
  std::string body;
  std::string gzip_body;  // empty when compression would not pay
  std::string etag;       // strong, quoted
  std::string content_type;
  // A document too large to hold (an export) is in files instead, body and gzip_body empty.
  std::shared_ptr<const SpooledFile> spooled;
  std::shared_ptr<const SpooledFile> spooled_gzip;
};

struct CachedCertificate {
  Certificate certificate;
  std::string initiative_name;
  std::vector<StatusEvent> history;
  // The status answer for "now", rebuilt at most once a second (its checkedAt changes).
  mutable std::mutex status_mutex;
  mutable UnixSeconds status_second = -1;
  mutable std::shared_ptr<const CachedDocument> status_now;
  // The registry record a verification answer carries, as JSON text, by the status it shows.
  mutable std::map<CertificateStatus, std::string> record_texts;
  std::shared_ptr<const CachedDocument> credential;  // application/vc
  std::shared_ptr<const CachedDocument> jws;         // application/vc+jwt
  // Its Open Badges 3.0 form, signed on the first request for it.
  mutable std::mutex open_badge_mutex;
  mutable std::shared_ptr<const CachedDocument> open_badge;
  // Its printed form (PDF), German and English, drawn on the first request for each.
  mutable std::mutex pdf_mutex;
  mutable std::shared_ptr<const CachedDocument> pdf[2];
  // What a verification compares a submitted credential with.
  IssuanceRecord issuance;
};

// What POST /api/v1/verify checks against: the registry's keys and its current status lists.
struct VerifierState {
  TrustedIssuer trust;
  StatusListSet lists;
};

std::shared_ptr<const CachedDocument> MakeDocument(std::string body, std::string content_type);
// A document written piece by piece by `write` (to the sink it is given) into spooled files,
// plain and gzip, with an ETag of its bytes: memory stays flat however large it grows.
Result<std::shared_ptr<const CachedDocument>> SpoolDocument(
    const std::function<Status(const std::function<Status(std::string_view)>&)>& write,
    std::string content_type);

// One Registry (one SQLite connection) per thread that answers requests, never shared between
// threads: public routes read through it, and the staff workers also write through theirs.
// A thread finds its own without taking the lock after its first request.
class ThreadRegistries {
 public:
  // `clock`: the time every reader judges at (tests); empty: the system clock.
  explicit ThreadRegistries(std::filesystem::path data_dir, bool read_only = false,
                            std::function<UnixSeconds()> clock = nullptr)
      : data_dir_(std::move(data_dir)), read_only_(read_only), clock_(std::move(clock)) {}
  Result<Registry*> ForThisThread();

 private:
  std::filesystem::path data_dir_;
  bool read_only_;
  std::function<UnixSeconds()> clock_;
  uint64_t id_ = NextId();
  std::mutex mutex_;
  std::unordered_map<std::thread::id, std::unique_ptr<Registry>> registries_;

  static uint64_t NextId();
};

// The key a registry-wide answer to `query` is kept under: every field of the query, each
// prefixed by its length so that no two queries share a key, after `kind` (which answer) and
// `variant` (e.g. the page's language).
std::string SearchCacheKey(std::string_view kind, const CertificateQuery& query,
                           std::string_view variant = "");

class PublicationCache {
 public:
  // Certificate entries kept at most; past it the oldest-keyed entries make room. 20,000
  // entries of ~8 KiB bound the cache near 160 MiB however many certificates exist.
  static constexpr size_t kMaxCachedCertificates = 20000;

  // Proof sets the verification answers found valid, for the life of the process (they are
  // keyed by the credential's bytes and the key, so no change to the registry makes one
  // wrong): a label verified again costs no Ed25519 or eddsa-rdfc-2022 work.
  VerifiedProofs& verified_proofs() { return verified_proofs_; }

  // How long the generation read from SQLite is trusted while the change counter stands
  // still: the bound on staleness for a writer that died between commit and bump, or that
  // could not map the counter.
  static constexpr std::chrono::milliseconds kGenerationRecheck{1000};

  // Reads the generation if it may have moved; if it moved, forgets everything. Returns the
  // generation seen.
  Result<int64_t> Refresh(const PublicRegistry& reader);

  Result<std::shared_ptr<const CachedDocument>> Document(
      int64_t generation, const std::string& key,
      const std::function<Result<std::shared_ptr<const CachedDocument>>()>& load);
  Result<std::shared_ptr<const CachedCertificate>> CertificateEntry(int64_t generation,
                                                                    const std::string& id,
                                                                    const PublicRegistry& reader);
  Result<std::shared_ptr<const VerifierState>> Verifier(int64_t generation,
                                                        const PublicRegistry& reader);

  // Answers that read the whole registry (search pages, the home page, lists): kept for one
  // generation, and only until the clock alone changes a certificate's status (a validity
  // begins or ends), which no generation marks. Past kMaxRegistryWideBytes the kept answers
  // are dropped, so arbitrary searches cannot grow the cache.
  static constexpr size_t kMaxRegistryWideBytes = 32 * 1024 * 1024;
  Result<std::shared_ptr<const CachedDocument>> RegistryWide(
      int64_t generation, const PublicRegistry& reader, const std::string& key,
      const std::function<Result<std::shared_ptr<const CachedDocument>>()>& load);

 private:
  VerifiedProofs verified_proofs_{kMaxCachedCertificates};
  std::mutex mutex_;
  int64_t generation_ = -1;
  // Refresh's way around SQLite: the counter value read before the last generation read,
  // the generation, and until when (steady clock ticks) both are trusted.
  std::atomic<uint64_t> seen_changes_{UINT64_MAX};
  std::atomic<int64_t> known_generation_{-1};
  std::atomic<int64_t> trusted_until_{0};
  std::map<std::string, std::shared_ptr<const CachedDocument>> documents_;
  std::map<std::string, std::shared_ptr<const CachedCertificate>> certificates_;
  std::shared_ptr<const VerifierState> verifier_;
  struct RegistryWideAnswers {
    int64_t generation = -1;
    UnixSeconds until = 0;  // the next status change by the clock
    uint64_t epoch = 0;     // counts the times the answers were started over
    size_t bytes = 0;
    std::unordered_map<std::string, std::shared_ptr<const CachedDocument>> answers;
  } registry_wide_;
};

}  // namespace siegel::http
