// --online: fetching the issuer's DID document and the status lists over HTTP(S), with a
// local cache so a partner can check many files, and briefly check again without a network.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "registry/credential/verifier.h"

namespace siegel::verify {

// Fetches documents by URL. A cached copy is revalidated with If-None-Match; when the server
// cannot be reached, the cached copy is used only while it is younger than the max-age the
// server gave it. Only https URLs are fetched, and http for loopback hosts.
class DocumentFetcher {
 public:
  // `cache_dir` empty: no cache on disk.
  explicit DocumentFetcher(std::filesystem::path cache_dir) : cache_dir_(std::move(cache_dir)) {}
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
};

// Status lists fetched for the credentials at hand; a list that could not be fetched or
// verified is remembered with its reason, so the status is reported as unknown and why.
class OnlineStatusLists : public StatusListSource {
 public:
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
