// --online: fetching the issuer's DID document and the status lists over HTTP(S), with a
// local cache so a partner can check many files, and briefly check again without a network.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "credential/verifier.h"

namespace siegel::verify {

// A document as fetched: its text, and when the server last vouched for it.
struct FetchedDocument {
  std::string body;
  UnixSeconds fetched_at = 0;  // now, or when a cached copy was fetched or revalidated
  bool from_cache = false;     // the server could not be reached; the cached copy was used
};

// How much one fetch may take.
struct FetchLimits {
  size_t max_bytes = 4 << 20;  // counted as they arrive
  int max_seconds = 10;        // in all, however slowly the server sends
};

// Fetches documents by URL. A cached copy is revalidated with If-None-Match; when the server
// cannot be reached, the cached copy is used only while it is younger than the max-age the
// server gave it. Only https URLs are fetched, and http for loopback hosts. Every fetch is
// bounded (FetchLimits), and nothing is inflated: a compressed answer is refused.
class DocumentFetcher {
 public:
  static constexpr size_t kMaxDocumentBytes = FetchLimits{}.max_bytes;

  // `cache_dir` empty: no cache on disk.
  explicit DocumentFetcher(std::filesystem::path cache_dir, FetchLimits limits = {})
      : cache_dir_(std::move(cache_dir)), limits_(limits) {}
  // `keep_cached`: when the server cannot be reached, a cached copy of any age will do (for
  // documents that never change once published, such as the record of an issuance).
  Result<FetchedDocument> FetchDocument(const std::string& url, bool keep_cached = false);
  Result<std::string> Fetch(const std::string& url);

  // $XDG_CACHE_HOME/siegel-verify, or ~/.cache/siegel-verify.
  static std::filesystem::path DefaultCacheDir();

 private:
  struct CachedCopy {
    std::string body, etag;
    UnixSeconds fetched_at = 0;
    int64_t max_age = 0;
  };
  std::optional<CachedCopy> ReadCache(const std::string& url) const;
  void WriteCache(const std::string& url, const CachedCopy& copy) const;

  std::filesystem::path cache_dir_;
  FetchLimits limits_;
};

// Status lists fetched for the credentials at hand; a list that could not be fetched or
// verified is remembered with its reason, so the status is reported as unknown and why. A
// list is current as of when the registry last served it (a cached copy: when it was fetched).
class OnlineStatusLists : public StatusListSource {
 public:
  // Fetches `url` unless it was already: call only for lists of a trusted issuer, named by a
  // credential whose signature verified.
  void Load(const std::string& url, DocumentFetcher& fetcher, const TrustedIssuer& trust);
  Result<StatusListRef> Find(const std::string& url) const override;

 private:
  std::map<std::string, Result<StatusListRef>> lists_;
};

// The issuer DID and status list URLs a credential names (JSON or JWS), before verification.
struct CredentialPointers {
  std::string issuer;
  std::vector<std::string> status_lists;
};
Result<CredentialPointers> ReadPointers(std::string_view credential_text);

}  // namespace siegel::verify
