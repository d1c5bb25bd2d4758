// What every route handler shares: per-thread registry readers, the publication cache, the
// metrics, and the helpers that give every answer the same headers.
#pragma once

#include <httplib.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "server/http/access_log.h"
#include "server/http/metrics.h"
#include "server/http/publication_cache.h"
#include "server/http/rate_limiter.h"
#include "server/http/route_table.h"

namespace siegel::http {

struct ServerConfig;

class ServerContext {
 public:
  ServerContext(std::filesystem::path data_dir, int cache_max_age_seconds,
                const std::string& access_log, double verify_rate = 0, double verify_burst = 0,
                bool read_only = false, std::function<UnixSeconds()> clock = nullptr)
      : registries_(std::move(data_dir), read_only, std::move(clock)),
        cache_max_age_seconds_(cache_max_age_seconds),
        access_log_(access_log),
        verify_limiter_(verify_rate, verify_burst) {}

  // Opens this thread's reader and refreshes the cache. On failure, answers the request with
  // a problem and returns nullptr. `generation` may be null. The public routes get only the
  // registry's public view.
  const PublicRegistry* Begin(httplib::Response& res, int64_t* generation);
  // The same for the staff side, which gets the whole registry (and writes through it).
  Registry* BeginStaff(httplib::Response& res, int64_t* generation);

  // The registry's change counter as this thread's reader sees it (a memory read); nullopt if
  // the reader could not be opened or the counter not mapped.
  std::optional<uint64_t> ChangeCount();

  PublicationCache& cache() { return cache_; }
  Metrics& metrics() { return metrics_; }
  AccessLog& access_log() { return access_log_; }
  RateLimiter& verify_limiter() { return verify_limiter_; }
  // Cache-Control for documents that change rarely but must not be cached for long.
  std::string ShortCacheControl() const;

 private:
  ThreadRegistries registries_;
  PublicationCache cache_;
  Metrics metrics_;
  int cache_max_age_seconds_;
  AccessLog access_log_;
  RateLimiter verify_limiter_;
};

// False, with a 429 problem and Retry-After sent, when the client's address is over its
// verification rate. `cost`: 1 for one credential, more for a batch.
bool WithinVerifyRate(ServerContext& context, const httplib::Request& req, httplib::Response& res,
                      double cost);

// An integer query parameter from `min` to `max`, or `fallback` when absent; anything else
// (not a whole number, out of range) is an error naming the parameter and its range.
Result<int64_t> IntParam(const httplib::Request& req, const char* name, int64_t fallback,
                         int64_t min, int64_t max);

// The clock of the request this thread is answering, for metrics and the access log.
void BeginRequestTiming();
double SecondsSinceRequestStart();

// Whether the request's If-None-Match names `etag` (or is *).
bool MatchesEtag(const httplib::Request& req, const std::string& etag);

// Sends a cached document with its ETag (gzip when the client accepts it), or 304 when the
// client's If-None-Match names the ETag.
// `varies_by_accept`: the route picks the representation by the Accept header.
void SendDocument(const httplib::Request& req, httplib::Response& res, const CachedDocument& doc,
                  const std::string& cache_control, bool varies_by_accept = false);
// A JSON answer that is never cached or revalidated (verification results): no validator.
void SendUncachedJson(httplib::Response& res, std::string text);
// Sends JSON computed for this request, with an ETag of its bytes and the given caching.
void SendJson(const httplib::Request& req, httplib::Response& res, const Json& body,
              const std::string& cache_control);

// Registrations, one per resource file.
void AddIssuerRoutes(RouteTable& routes, ServerContext& context);
void AddCertificateRoutes(RouteTable& routes, ServerContext& context);
void AddStatusListRoutes(RouteTable& routes, ServerContext& context);
void AddRegistryRoutes(RouteTable& routes, ServerContext& context);
void AddVerifyRoutes(RouteTable& routes, ServerContext& context);
void AddLogRoutes(RouteTable& routes, ServerContext& context);
void AddHealthRoutes(RouteTable& routes, ServerContext& context);
void AddMetricsRoutes(RouteTable& routes, ServerContext& context);
void AddOpenApiRoutes(RouteTable& routes, ServerContext& context);
void AddContextRoutes(RouteTable& routes);

}  // namespace siegel::http
