#include "server/http/event_loop_policy.h"

namespace siegel::http {
namespace {

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

bool IsStaffPath(std::string_view path) {
  return path == "/admin" || StartsWith(path, "/admin/") || StartsWith(path, "/api/v1/admin/");
}

bool AnsweredInEventLoop(std::string_view method, std::string_view path) {
  if (IsStaffPath(path)) return false;
  if (method == "OPTIONS") return true;
  if (method != "GET" && method != "HEAD") return false;
  constexpr std::string_view kQuickPrefixes[] = {
      "/api/v1/certificates/", "/status/",   "/badge/", "/verify/", "/static/",
      "/.well-known/",         "/log/proof/"};
  for (std::string_view prefix : kQuickPrefixes) {
    if (StartsWith(path, prefix)) return true;
  }
  return path == "/healthz" || path == "/verify" || path == "/api/openapi.json" ||
         path == "/log/checkpoint" || path == "/log/key";
}

}  // namespace siegel::http
