// What every route handler shares: the per-thread registry readers and the publication cache.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include <httplib.h>

#include "server/http/publication_cache.h"

namespace siegel::http {

class ServerContext {
 public:
  explicit ServerContext(std::filesystem::path data_dir) : readers_(std::move(data_dir)) {}

  // Opens this thread's reader and refreshes the cache. On failure, answers the request with
  // a problem and returns nullptr.
  Registry* Begin(httplib::Response& res, int64_t* generation);

  PublicationCache& cache() { return cache_; }

 private:
  ReaderPool readers_;
  PublicationCache cache_;
};

// Sends a cached document, or 304 when the client's If-None-Match names its ETag.
void SendDocument(const httplib::Request& req, httplib::Response& res, const CachedDocument& doc);

// Registrations, one per resource file.
void AddIssuerRoutes(httplib::Server& server, ServerContext& context);
void AddCertificateRoutes(httplib::Server& server, ServerContext& context);
void AddStatusListRoutes(httplib::Server& server, ServerContext& context);
void AddHealthRoutes(httplib::Server& server, ServerContext& context);

}  // namespace siegel::http
