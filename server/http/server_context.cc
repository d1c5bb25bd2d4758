// Per-request setup, route naming for metrics, and conditional, compressed responses.
#include "server/http/server_context.h"

#include <charconv>
#include <chrono>

#include "credential/sha256.h"
#include "server/http/http_application.h"
#include "server/http/problem.h"

namespace siegel::http {
namespace {

// A thread answers one request at a time, so per-request facts can live here.
thread_local std::chrono::steady_clock::time_point t_start;

bool AcceptsGzip(const httplib::Request& req) {
  return req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos;
}

}  // namespace

bool MatchesEtag(const httplib::Request& req, const std::string& etag) {
  if (!req.has_header("If-None-Match")) return false;
  std::string wanted = req.get_header_value("If-None-Match");
  return wanted == "*" || wanted.find(etag) != std::string::npos;
}

Result<int64_t> IntParam(const httplib::Request& req, const char* name, int64_t fallback,
                         int64_t min, int64_t max) {
  if (!req.has_param(name)) return fallback;
  std::string text = req.get_param_value(name);
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return Error::InvalidInput("parameter " + std::string(name) + " must be a whole number from " +
                               std::to_string(min) + " to " + std::to_string(max));
  }
  return value;
}

void BeginRequestTiming() {
  SetCurrentRoute("unmatched");
  t_start = std::chrono::steady_clock::now();
}

double SecondsSinceRequestStart() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count();
}

const PublicRegistry* ServerContext::Begin(httplib::Response& res, int64_t* generation) {
  Registry* registry = BeginStaff(res, generation);
  return registry == nullptr ? nullptr : &registry->public_view();
}

Registry* ServerContext::BeginStaff(httplib::Response& res, int64_t* generation) {
  auto reader = registries_.ForThisThread();
  if (!reader.ok()) {
    SendError(res, reader.error());
    return nullptr;
  }
  auto seen = cache_.Refresh((*reader)->public_view());
  if (!seen.ok()) {
    SendError(res, seen.error());
    return nullptr;
  }
  if (generation != nullptr) *generation = *seen;
  return *reader;
}

std::optional<uint64_t> ServerContext::ChangeCount() {
  auto reader = registries_.ForThisThread();
  if (!reader.ok()) return std::nullopt;
  return (*reader)->store().ChangeCount();
}

std::string ServerContext::ShortCacheControl() const {
  return "public, max-age=" + std::to_string(cache_max_age_seconds_);
}

void SendDocument(const httplib::Request& req, httplib::Response& res, const CachedDocument& doc,
                  const std::string& cache_control, bool varies_by_accept) {
  bool compressed = !doc.gzip_body.empty() || doc.spooled_gzip != nullptr;
  bool gzip = compressed && AcceptsGzip(req);
  // The compressed bytes are a different representation, so they get their own ETag.
  std::string etag = gzip ? doc.etag.substr(0, doc.etag.size() - 1) + "-gz\"" : doc.etag;
  res.set_header("ETag", etag);
  res.set_header("Cache-Control", cache_control);
  std::string vary = varies_by_accept ? "Accept" : "";
  if (compressed) vary += vary.empty() ? "Accept-Encoding" : ", Accept-Encoding";
  if (!vary.empty()) res.set_header("Vary", vary);
  if (MatchesEtag(req, etag)) {
    res.status = 304;
    return;
  }
  res.status = 200;
  if (gzip) res.set_header("Content-Encoding", "gzip");
  if (doc.spooled != nullptr) {
    SendSpooledBody(req, res, gzip ? doc.spooled_gzip : doc.spooled, doc.content_type);
  } else if (gzip) {
    res.set_content(doc.gzip_body, doc.content_type.c_str());
  } else {
    res.set_content(doc.body, doc.content_type.c_str());
  }
}

void SendUncachedJson(httplib::Response& res, std::string text) {
  res.set_header("Cache-Control", "no-store");
  res.status = 200;
  res.set_content(std::move(text), "application/json");
}

void SendJson(const httplib::Request& req, httplib::Response& res, const Json& body,
              const std::string& cache_control) {
  std::string text = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  if (cache_control == "no-store") return SendUncachedJson(res, std::move(text));
  std::string etag = "\"" + HexEncode(Sha256(text)).substr(0, 32) + "\"";
  res.set_header("ETag", etag);
  res.set_header("Cache-Control", cache_control);
  if (MatchesEtag(req, etag)) {
    res.status = 304;
    return;
  }
  res.status = 200;
  res.set_content(std::move(text), "application/json");
}

bool WithinVerifyRate(ServerContext& context, const httplib::Request& req, httplib::Response& res,
                      double cost) {
  double now =
      std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
  int64_t wait = context.verify_limiter().Take(req.remote_addr, cost, now);
  if (wait == 0) return true;
  res.set_header("Retry-After", std::to_string(wait));
  SendProblem(res, 429,
              "too many verification requests from your address; try again in " +
                  std::to_string(wait) + " s, or verify offline with siegel-verify");
  return false;
}

}  // namespace siegel::http
