// HTTP(S) fetching through cpp-httplib's client, TLS verified against the system CA store.
#include "verify/online.h"

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <regex>
#include <sstream>
#include <thread>
#include <utility>

#include "credential/credential_shape.h"
#include "credential/jws.h"
#include "credential/sha256.h"

namespace siegel::verify {
namespace {

int64_t MaxAgeOf(const std::string& cache_control) {
  std::smatch m;
  static const std::regex kMaxAge(R"(max-age=(\d+))");
  if (cache_control.find("no-store") != std::string::npos) return 0;
  return std::regex_search(cache_control, m, kMaxAge) ? std::stoll(m[1].str()) : 0;
}

}  // namespace

std::filesystem::path DocumentFetcher::DefaultCacheDir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
    return std::filesystem::path(xdg) / "siegel-verify";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::filesystem::path(home) / ".cache" / "siegel-verify";
  }
  return {};
}

std::optional<DocumentFetcher::CachedCopy> DocumentFetcher::ReadCache(
    const std::string& url) const {
  if (cache_dir_.empty()) return std::nullopt;
  std::ifstream in(cache_dir_ / (HexEncode(Sha256(url)) + ".json"), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  auto parsed = ParseStrictJson(text.str(), {DocumentFetcher::kMaxDocumentBytes * 2, 8});
  if (!parsed.ok() || !parsed->is_object() || parsed->value("url", "") != url) return std::nullopt;
  CachedCopy copy;
  copy.body = parsed->value("body", "");
  copy.etag = parsed->value("etag", "");
  copy.fetched_at = parsed->value("fetchedAt", int64_t{0});
  copy.max_age = parsed->value("maxAge", int64_t{0});
  return copy;
}

void DocumentFetcher::WriteCache(const std::string& url, const CachedCopy& copy) const {
  if (cache_dir_.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(cache_dir_, ec);
  if (ec) return;  // a cache that cannot be written only costs time
  Json record = {{"url", url},
                 {"body", copy.body},
                 {"etag", copy.etag},
                 {"fetchedAt", copy.fetched_at},
                 {"maxAge", copy.max_age}};
  std::filesystem::path file = cache_dir_ / (HexEncode(Sha256(url)) + ".json");
  std::filesystem::path temporary = file.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << record.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (!out) return;
  }
  std::filesystem::rename(temporary, file, ec);
}

namespace {

// Stops a client's request in flight once `seconds` have passed: cpp-httplib's timeouts
// are per read, and a server that sends a byte now and then never reaches them.
class Deadline {
 public:
  Deadline(httplib::Client& client, int seconds)
      : thread_([this, &client, seconds] {
          std::unique_lock<std::mutex> lock(mutex_);
          if (!done_cv_.wait_for(lock, std::chrono::seconds(seconds), [this] { return done_; })) {
            expired_ = true;
            client.stop();
          }
        }) {}
  ~Deadline() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    done_cv_.notify_one();
    thread_.join();
  }
  bool expired() {
    std::lock_guard<std::mutex> lock(mutex_);
    return expired_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable done_cv_;
  bool done_ = false;
  bool expired_ = false;
  std::thread thread_;
};

}  // namespace

Result<std::string> DocumentFetcher::Fetch(const std::string& url) {
  auto document = FetchDocument(url, /*keep_cached=*/false, /*from_mirrors=*/false);
  if (!document.ok()) return document.error();
  return std::move(document->body);
}

Result<std::string> DocumentFetcher::FetchAs(const std::string& url, const std::string& accept) {
  std::string usual = std::exchange(accept_, accept);
  auto document = Fetch(url);
  accept_ = std::move(usual);
  return document;
}

namespace {

// An address siegel-verify may fetch: https, or plain http to this machine only.
struct FetchAddress {
  bool https = false;
  std::string origin;  // scheme://host[:port]
  std::string path;
};

Result<FetchAddress> ParseFetchAddress(const std::string& url) {
  static const std::regex kUrl(
      R"(^(https?)://([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\])(:\d{1,5})?(/[^\s]*)?$)");
  std::smatch m;
  if (!std::regex_match(url, m, kUrl))
    return Error::InvalidInput("\"" + url + "\" is not an http(s) URL");
  std::string host = m[2].str();
  bool loopback = host == "localhost" || host == "127.0.0.1" || host == "[::1]";
  if (m[1].str() == "http" && !loopback) {
    return Error::InvalidInput("refusing to fetch " + url +
                               " over plain http; the issuer must use https");
  }
  return FetchAddress{m[1].str() == "https", m[1].str() + "://" + host + m[3].str(),
                      m[4].matched ? m[4].str() : "/"};
}

void ConfigureClient(httplib::Client& client, bool https) {
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(5, 0);
  client.set_write_timeout(5, 0);
  client.set_follow_location(false);
  client.set_decompress(false);  // a compressed answer is not inflated: it fails to parse
  if (https) {
    client.enable_server_certificate_verification(true);
    if (std::filesystem::exists("/etc/ssl/certs/ca-certificates.crt")) {
      client.set_ca_cert_path("/etc/ssl/certs/ca-certificates.crt");
    }
  }
}

// Why a fetch gave no usable document, as an error whose code tells callers what it was.
Error FetchFailure(const std::string& url, const httplib::Result& res, bool expired,
                   int max_seconds, const std::string& body, bool had_cached_copy) {
  std::string failure = expired ? "did not answer within " + std::to_string(max_seconds) + " s"
                        : res   ? "answered HTTP " + std::to_string(res->status)
                                : "could not be reached (" + httplib::to_string(res.error()) + ")";
  std::string message =
      url + " " + failure + (had_cached_copy ? " and the cached copy is too old to rely on" : "");
  // "Not there" is an answer, not an outage: callers tell the two apart by the code.
  if (res && !expired && (res->status == 404 || res->status == 410)) {
    return Error::NotFound(message);
  }
  // 500 is the registry saying something of its own is broken (a damaged record), not that
  // it is away: callers that compare it with its log count that as a finding.
  if (res && !expired && res->status == 500) {
    Json problem = Json::parse(body, nullptr, false);
    if (problem.is_object() && problem.contains("detail") && problem["detail"].is_string()) {
      message += ": " + problem["detail"].get<std::string>();
    }
    return Error::Internal(message);
  }
  return Error::Io(message);
}

}  // namespace

Result<FetchedDocument> DocumentFetcher::FetchFromMirrors(const std::string& path, Error failure) {
  for (const std::string& mirror : mirrors_) {
    const std::string copy_url = mirror + path;
    auto copy = FetchDocument(copy_url, /*keep_cached=*/false, /*from_mirrors=*/false);
    if (copy.ok()) {
      copy->source = mirror;
      return copy;
    }
    failure.message += "; the mirror " + copy.message();
  }
  return failure;
}

Result<FetchedDocument> DocumentFetcher::FetchDocument(const std::string& url, bool keep_cached,
                                                       bool from_mirrors) {
  auto address = ParseFetchAddress(url);
  if (!address.ok()) return address.error();
  std::optional<CachedCopy> cached = ReadCache(url);
  UnixSeconds now = NowUnixSeconds();

  httplib::Client client(address->origin);
  ConfigureClient(client, address->https);
  httplib::Headers headers = {{"Accept", accept_}, {"Accept-Encoding", "identity"}};
  if (cached && !cached->etag.empty()) headers.emplace("If-None-Match", cached->etag);
  std::string body;
  bool too_large = false;
  httplib::Result res{nullptr, httplib::Error::Unknown};
  bool expired = false;
  {
    Deadline deadline(client, limits_.max_seconds);
    res = client.Get(
        address->path, headers, [](const httplib::Response&) { return true; },
        [&](const char* data, size_t length) {
          if (body.size() + length > limits_.max_bytes) {
            too_large = true;
            return false;
          }
          body.append(data, length);
          return true;
        });
    expired = deadline.expired();
  }
  if (too_large) {
    return Error::InvalidInput(url + " answered with more than " +
                               std::to_string(limits_.max_bytes) + " bytes");
  }
  if (res && res->status == 304 && cached) {
    cached->fetched_at = now;
    cached->max_age = MaxAgeOf(res->get_header_value("Cache-Control"));
    WriteCache(url, *cached);
    return FetchedDocument{cached->body, now, false};
  }
  if (res && res->status == 200 && !expired) {
    if (!res->get_header_value("Content-Encoding").empty() &&
        res->get_header_value("Content-Encoding") != "identity") {
      return Error::InvalidInput(url + " answered compressed although asked not to");
    }
    CachedCopy fresh{body, res->get_header_value("ETag"), now,
                     MaxAgeOf(res->get_header_value("Cache-Control"))};
    WriteCache(url, fresh);
    return FetchedDocument{std::move(body), now, false};
  }
  if (cached && now - cached->fetched_at < cached->max_age) {  // still fresh
    return FetchedDocument{cached->body, cached->fetched_at, true};
  }
  Error failure = FetchFailure(url, res, expired, limits_.max_seconds, body, cached.has_value());
  // A document the registry says is not there is not looked for elsewhere.
  if (from_mirrors && !mirrors_.empty() && failure.code != ErrorCode::kNotFound) {
    auto copy = FetchFromMirrors(address->path, failure);
    if (copy.ok() || !(cached && keep_cached)) return copy;
  }
  if (cached && keep_cached) return FetchedDocument{cached->body, cached->fetched_at, true};
  return failure;
}

void OnlineStatusLists::Load(const std::string& url, DocumentFetcher& fetcher,
                             const TrustedIssuer& trust) {
  if (lists_.count(url) > 0) return;
  auto text = fetcher.FetchDocument(url);
  if (!text.ok()) {
    lists_.emplace(url, text.error());
    return;
  }
  auto parsed = ParseStrictJson(text->body);
  if (!parsed.ok()) {
    lists_.emplace(url,
                   Error::InvalidInput("status list " + url + " is not JSON: " + parsed.message()));
    return;
  }
  auto verified = VerifyStatusListCredential(*parsed, trust);
  if (!verified.ok()) {
    lists_.emplace(url, verified.error());
  } else if (verified->first != url) {
    lists_.emplace(
        url, Error::InvalidInput("the status list at " + url + " names itself " + verified->first));
  } else {
    // Current as of when the registry last served it, not only as of its own date; a
    // mirror's copy only as of its own date (the mirror may be behind).
    verified->second.current_as_of = text->source.empty()
                                         ? std::max(verified->second.valid_from, text->fetched_at)
                                         : verified->second.valid_from;
    verified->second.source = text->source;
    lists_.emplace(url, std::make_shared<const VerifiedStatusList>(std::move(verified->second)));
  }
}

Result<StatusListRef> OnlineStatusLists::Find(const std::string& url) const {
  auto it = lists_.find(url);
  if (it == lists_.end()) return Error::NotFound("status list " + url + " was not fetched");
  return it->second;
}

Result<CredentialPointers> ReadPointers(std::string_view credential_text) {
  Result<Json> credential = Error::InvalidInput("unreadable");
  if (LooksLikeCompactJws(credential_text)) {
    auto jws = ParseCompactJws(credential_text);
    if (!jws.ok()) return jws.error();
    credential = ParseStrictJson(jws->payload);
  } else {
    credential = ParseStrictJson(credential_text);
  }
  if (!credential.ok()) return credential.error();
  if (!credential->is_object()) return Error::InvalidInput("the credential is not a JSON object");
  CredentialPointers pointers;
  pointers.issuer = IssuerId(*credential);
  auto entries = ReadStatusEntries(*credential);
  if (entries.ok()) {
    for (const StatusEntry& entry : *entries) pointers.status_lists.push_back(entry.list_url);
  }
  return pointers;
}

}  // namespace siegel::verify
