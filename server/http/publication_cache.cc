// Entries are only stored under the generation the request observed, so a slow request
// that read old data can never leave it behind after a newer generation was seen.
#include "server/http/publication_cache.h"

#include <atomic>

#include "base/encoding.h"
#include "base/jcs.h"
#include "credential/sha256.h"
#include "server/http/gzip.h"

namespace siegel::http {

std::shared_ptr<const CachedDocument> MakeDocument(std::string body, std::string content_type) {
  auto doc = std::make_shared<CachedDocument>();
  doc->etag = "\"" + HexEncode(Sha256(body)).substr(0, 32) + "\"";
  // cpp-httplib compresses JSON and text itself; precompress only what it would not.
  bool compressed_by_httplib =
      content_type == "application/json" || content_type.rfind("text/", 0) == 0;
  if (body.size() > 512 && !compressed_by_httplib) {
    doc->gzip_body = GzipCompress(body);
    if (doc->gzip_body.size() * 10 > body.size() * 9) doc->gzip_body.clear();  // saves under 10%
  }
  doc->body = std::move(body);
  doc->content_type = std::move(content_type);
  return doc;
}

Result<std::shared_ptr<const CachedDocument>> SpoolDocument(
    const std::function<Status(const std::function<Status(std::string_view)>&)>& write,
    std::string content_type) {
  auto plain = SpooledFile::Create();
  if (!plain.ok()) return plain.error();
  auto compressed = SpooledFile::Create();
  if (!compressed.ok()) return compressed.error();
  Sha256Stream digest;
  GzipStream gzip([&](std::string_view piece) { return (*compressed)->Append(piece); });
  Status written = write([&](std::string_view piece) -> Status {
    digest.Update(piece);
    if (Status s = (*plain)->Append(piece); !s.ok()) return s;
    return gzip.Write(piece);
  });
  if (written.ok()) written = gzip.Finish();
  if (!written.ok()) return written.error();
  auto doc = std::make_shared<CachedDocument>();
  doc->etag = "\"" + HexEncode(digest.Finish()).substr(0, 32) + "\"";
  doc->content_type = std::move(content_type);
  doc->spooled = std::move(plain).value();
  doc->spooled_gzip = std::move(compressed).value();
  return std::shared_ptr<const CachedDocument>(doc);
}

std::string SearchCacheKey(std::string_view kind, const CertificateQuery& query,
                           std::string_view variant) {
  std::string key(kind);
  for (const std::string& part :
       {std::string(variant), query.status, query.programme, query.initiative, query.region,
        query.sector, query.text, std::to_string(query.page), std::to_string(query.per_page),
        std::to_string(query.at)}) {
    key += std::to_string(part.size()) + ':' + part;
  }
  return key;
}

uint64_t ThreadRegistries::NextId() {
  static std::atomic<uint64_t> next{1};
  return next++;
}

Result<Registry*> ThreadRegistries::ForThisThread() {
  // Pools get unique ids (never reused addresses), so a thread cannot mistake another pool's
  // reader for its own.
  thread_local uint64_t cached_pool = 0;
  thread_local Registry* cached_reader = nullptr;
  if (cached_pool == id_) return cached_reader;
  std::lock_guard<std::mutex> lock(mutex_);
  auto& slot = registries_[std::this_thread::get_id()];
  if (!slot) {
    auto opened = read_only_ ? Registry::OpenReadOnly(data_dir_) : Registry::Open(data_dir_);
    if (!opened.ok()) return opened.error();
    slot = std::move(opened).value();
    if (clock_) slot->SetClockForTesting(clock_);
  }
  cached_pool = id_;
  cached_reader = slot.get();
  return slot.get();
}

Result<int64_t> PublicationCache::Refresh(const PublicRegistry& reader) {
  // The counter is read before the generation: a commit after this read bumps the counter
  // after it, and the next request then reads the generation again.
  std::optional<uint64_t> changes = reader.store().ChangeCount();
  int64_t now = std::chrono::steady_clock::now().time_since_epoch().count();
  if (changes && *changes == seen_changes_.load(std::memory_order_acquire) &&
      now < trusted_until_.load(std::memory_order_relaxed)) {
    return known_generation_.load(std::memory_order_relaxed);
  }
  auto generation = reader.store().Generation();
  if (!generation.ok()) return generation.error();
  std::lock_guard<std::mutex> lock(mutex_);
  if (*generation > generation_) {
    generation_ = *generation;
    documents_.clear();
    certificates_.clear();
    verifier_.reset();
    registry_wide_.answers.clear();
    registry_wide_.bytes = 0;
    ++registry_wide_.epoch;
  }
  if (changes) {
    // Published after the generation, so a reader that sees this counter value sees a
    // generation at least as new. Another thread's older pair may overwrite it: that costs
    // one more SQLite read, never a stale answer.
    known_generation_.store(generation_, std::memory_order_relaxed);
    trusted_until_.store(
        now + std::chrono::duration_cast<std::chrono::steady_clock::duration>(kGenerationRecheck)
                  .count(),
        std::memory_order_relaxed);
    seen_changes_.store(*changes, std::memory_order_release);
  }
  return *generation;
}

Result<std::shared_ptr<const CachedDocument>> PublicationCache::Document(
    int64_t generation, const std::string& key,
    const std::function<Result<std::shared_ptr<const CachedDocument>>()>& load) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (generation == generation_) {
      auto it = documents_.find(key);
      if (it != documents_.end()) return it->second;
    }
  }
  auto loaded = load();
  if (!loaded.ok()) return loaded;
  std::lock_guard<std::mutex> lock(mutex_);
  if (generation == generation_) documents_[key] = *loaded;
  return loaded;
}

Result<std::shared_ptr<const CachedDocument>> PublicationCache::RegistryWide(
    int64_t generation, const PublicRegistry& reader, const std::string& key,
    const std::function<Result<std::shared_ptr<const CachedDocument>>()>& load) {
  RegistryWideAnswers& kept = registry_wide_;
  UnixSeconds now = reader.Now();
  bool current = false;
  uint64_t epoch = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    current = generation == generation_ && kept.generation == generation && now < kept.until;
    epoch = kept.epoch;
    if (current) {
      auto it = kept.answers.find(key);
      if (it != kept.answers.end()) return it->second;
    }
  }
  // The next status change is read before the answer, so that an answer is never kept past
  // a change it did not see.
  UnixSeconds until = 0;
  if (!current) {
    auto next = reader.certificates().NextStatusChange(now);
    if (!next.ok()) return next.error();
    until = *next;
  }
  auto loaded = load();
  if (!loaded.ok()) return loaded;
  std::lock_guard<std::mutex> lock(mutex_);
  // Kept only where it was made: another thread that started over meanwhile (a newer
  // generation, a later clock) may have seen what this answer did not.
  if (generation != generation_ || kept.epoch != epoch) return loaded;
  if (!current) {
    kept.answers.clear();
    kept.bytes = 0;
    kept.generation = generation;
    kept.until = until;
    ++kept.epoch;
  }
  size_t size = key.size() + (*loaded)->body.size() + (*loaded)->gzip_body.size();
  if (kept.bytes + size > kMaxRegistryWideBytes) {
    kept.answers.clear();
    kept.bytes = 0;
  }
  if (kept.answers.emplace(key, *loaded).second) kept.bytes += size;
  return loaded;
}

Result<std::shared_ptr<const CachedCertificate>> PublicationCache::CertificateEntry(
    int64_t generation, const std::string& id, const PublicRegistry& reader) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (generation == generation_) {
      auto it = certificates_.find(id);
      if (it != certificates_.end()) return it->second;
    }
  }
  auto certificate = reader.certificates().GetCertificate(id);
  if (!certificate.ok()) return certificate.error();
  auto history = reader.certificates().StatusHistory(id);
  if (!history.ok()) return history.error();
  auto initiative = reader.certificates().GetInitiative(certificate->initiative_slug);
  if (!initiative.ok()) return initiative.error();
  auto issuance = reader.log().IssuanceRecordOf(id);
  if (!issuance.ok()) return issuance.error();
  auto entry = std::make_shared<CachedCertificate>();
  entry->issuance = std::move(issuance).value();
  entry->initiative_name = initiative->name;
  entry->credential = MakeDocument(certificate->credential_json, "application/vc");
  entry->jws = MakeDocument(certificate->credential_jws, "application/vc+jwt");
  entry->certificate = std::move(certificate).value();
  entry->history = std::move(history).value();
  std::lock_guard<std::mutex> lock(mutex_);
  if (generation == generation_) {
    if (certificates_.size() >= kMaxCachedCertificates) certificates_.erase(certificates_.begin());
    certificates_[id] = entry;
  }
  return std::shared_ptr<const CachedCertificate>(entry);
}

Result<std::shared_ptr<const VerifierState>> PublicationCache::Verifier(
    int64_t generation, const PublicRegistry& reader) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (generation == generation_ && verifier_) return verifier_;
  }
  auto did = reader.keys().DidDocument();
  if (!did.ok()) return did.error();
  auto trust = TrustedIssuer::FromDocument(*did);
  if (!trust.ok())
    return Error::Internal("the registry's own DID document does not load: " + trust.message());
  auto state =
      std::make_shared<VerifierState>(VerifierState{std::move(trust).value(), StatusListSet()});
  auto programmes = reader.certificates().ListProgrammes();
  if (!programmes.ok()) return programmes.error();
  for (const Programme& programme : *programmes) {
    for (StatusPurpose purpose : kStatusPurposes) {
      // Verified like any partner would. A stored list that fails is signed again from the
      // records (SoundStatusListCredential) and verified once more; one that still fails is a
      // fault worth refusing.
      auto verify = [&](const Result<std::string>& list)
          -> Result<std::pair<std::string, VerifiedStatusList>> {
        if (!list.ok()) return list.error();
        auto parsed = ParseStrictJson(*list);
        if (!parsed.ok()) return Error::InvalidInput("it does not parse: " + parsed.message());
        return VerifyStatusListCredential(*parsed, state->trust);
      };
      auto verified = verify(reader.status_lists().StatusListCredential(programme.code, purpose));
      if (!verified.ok() && verified.error().code != ErrorCode::kNotFound) {
        auto repaired = reader.status_lists().SoundStatusListCredential(programme.code, purpose);
        if (!repaired.ok()) return repaired.error();
        verified = verify(repaired);
      }
      if (!verified.ok()) {
        if (verified.error().code == ErrorCode::kNotFound) return verified.error();
        return Error::Internal("the registry's own status list does not verify: " +
                               verified.message());
      }
      verified->second.live = true;  // the registry's current state, not a copy of it
      state->lists.AddVerified(
          verified->first, std::make_shared<const VerifiedStatusList>(std::move(verified->second)));
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (generation == generation_) verifier_ = state;
  return std::shared_ptr<const VerifierState>(state);
}

}  // namespace siegel::http
