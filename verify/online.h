// --online: fetching the issuer's DID document and the status lists over HTTP(S), with a
// local cache so a partner can check many files, and briefly check again without a network.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "credential/verifier.h"

namespace siegel::verify {

// A document as fetched: its text, and when the server last vouched for it.
struct FetchedDocument {
  std::string body;
  UnixSeconds fetched_at = 0;  // now, or when a cached copy was fetched or revalidated
  bool from_cache = false;     // the server could not be reached; the cached copy was used
  std::string source;          // the mirror it came from; empty: from the URL itself
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
  // `from_mirrors`: when the URL's own server fails (cannot be reached, answers an error other
  // than "not there"), ask the mirrors at the same path.
  Result<FetchedDocument> FetchDocument(const std::string& url, bool keep_cached = false,
                                        bool from_mirrors = true);
  // The document from the URL's own server (or a cached copy of it), never from a mirror:
  // for what trust rests on (the issuer's DID document).
  Result<std::string> Fetch(const std::string& url);
  // Fetch, asking for the media type `accept` (the JWS of a credential: application/vc+jwt).
  Result<std::string> FetchAs(const std::string& url, const std::string& accept);

  // Copies of the registry (`siegel publish`, served at the same paths: --mirror), asked in
  // order when the registry does not answer. Each is "https://host[/prefix]" (http only for
  // this machine).
  void set_mirrors(std::vector<std::string> mirrors) {
    for (std::string& mirror : mirrors) {
      while (!mirror.empty() && mirror.back() == '/') mirror.pop_back();
    }
    mirrors_ = std::move(mirrors);
  }

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

  // Asks each mirror for `path`; the first good answer, with its source, or why none gave one.
  Result<FetchedDocument> FetchFromMirrors(const std::string& path, Error failure);

  std::filesystem::path cache_dir_;
  FetchLimits limits_;
  std::vector<std::string> mirrors_;
  std::string accept_ = "application/did+json, application/vc, application/json";
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
