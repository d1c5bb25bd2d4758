// Authentication (session cookie or Bearer token), role check and CSRF check, in that order,
// before any staff handler runs. Staff answers are never cached and never shared across origins.
#include "server/admin/admin_router.h"

#include <mutex>

#include "registry/secret_token.h"
#include "server/http/problem.h"

namespace siegel::admin {
namespace {

std::mutex g_table_mutex;
std::vector<AdminRouteInfo>& MutableTable() {
  static std::vector<AdminRouteInfo> table;
  return table;
}

std::string BearerToken(const httplib::Request& req) {
  std::string header = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (header.size() <= prefix.size() || header.compare(0, prefix.size(), prefix) != 0) return "";
  return header.substr(prefix.size());
}

bool ChangesState(const std::string& method) { return method != "GET" && method != "HEAD"; }

// The CSRF token of a form, from the form's body only: cpp-httplib mixes the query's
// parameters into the body's, and a token in an address ends up in logs, histories and
// Referer headers.
std::string CsrfFromBody(const httplib::Request& req) {
  std::string type = req.get_header_value("Content-Type");
  if (type.rfind("application/x-www-form-urlencoded", 0) == 0) {
    httplib::Params fields;
    httplib::detail::parse_query_text(req.body, fields);
    auto it = fields.find("csrf");
    return it == fields.end() ? std::string() : it->second;
  }
  if (req.has_file("csrf")) return req.get_file_value("csrf").content;
  return "";
}

std::string SignInAddress(const httplib::Request& req) {
  std::string target = req.path;
  if (!req.params.empty()) target = req.target;
  return "/admin/sign-in?next=" + httplib::detail::encode_query_param(target);
}

}  // namespace

std::string SessionCookie(const httplib::Request& req) {
  std::string cookies = req.get_header_value("Cookie");
  const std::string name = std::string(kSessionCookie) + "=";
  size_t pos = 0;
  while (pos < cookies.size()) {
    size_t end = cookies.find(';', pos);
    if (end == std::string::npos) end = cookies.size();
    size_t start = cookies.find_first_not_of(' ', pos);
    if (start < end && cookies.compare(start, name.size(), name) == 0) {
      return cookies.substr(start + name.size(), end - start - name.size());
    }
    pos = end + 1;
  }
  return "";
}

const std::vector<AdminRouteInfo>& AdminRouteTable() { return MutableTable(); }

void AdminRouter::Register(const std::string& method, RouteKind kind, const std::string& pattern,
                           const std::string& example, Role role, const char* name,
                           AdminHandler handler, size_t max_body) {
  AdminRouteInfo info{method, pattern, example, role, kind};
  {
    std::lock_guard<std::mutex> lock(g_table_mutex);
    auto& table = MutableTable();
    bool known = false;
    for (const auto& r : table) known = known || (r.method == method && r.pattern == pattern);
    if (!known) table.push_back(info);
  }
  auto run = [this, info, name, handler](const httplib::Request& req, httplib::Response& res) {
    Handle(info, name, handler, req, res);
  };
  // Every staff route runs on the staff workers: password hashing, signing and writes would
  // hold up an event loop, and verification floods cannot take the staff's threads.
  if (method == "GET") {
    routes_.Get(pattern, name, http::Work::kStaff, run);
  } else if (method == "POST") {
    routes_.Post(pattern, name, http::Work::kStaff, max_body, run);
  } else {
    routes_.Put(pattern, name, http::Work::kStaff, http::kSmallBody, run);
  }
}

void AdminRouter::Get(RouteKind kind, const std::string& pattern, const std::string& example,
                      Role role, const char* name, AdminHandler handler) {
  Register("GET", kind, pattern, example, role, name, std::move(handler));
}
void AdminRouter::PostFile(RouteKind kind, const std::string& pattern, const std::string& example,
                           Role role, const char* name, AdminHandler handler) {
  Register("POST", kind, pattern, example, role, name, std::move(handler), http::kUploadBody);
}
void AdminRouter::Post(RouteKind kind, const std::string& pattern, const std::string& example,
                       Role role, const char* name, AdminHandler handler) {
  Register("POST", kind, pattern, example, role, name, std::move(handler));
}
void AdminRouter::Put(RouteKind kind, const std::string& pattern, const std::string& example,
                      Role role, const char* name, AdminHandler handler) {
  Register("PUT", kind, pattern, example, role, name, std::move(handler));
}

void AdminRouter::Handle(const AdminRouteInfo& info, const char* name, const AdminHandler& handler,
                         const httplib::Request& req, httplib::Response& res) {
  http::SetCurrentRoute(name);
  res.set_header("Cache-Control", "no-store");
  int64_t generation = 0;
  Registry* registry = context_.BeginStaff(res, &generation);
  if (registry == nullptr) return;

  // Pages use the session cookie only; the API also takes Bearer tokens.
  std::string bearer = info.kind == RouteKind::kApi ? BearerToken(req) : "";
  std::string session = bearer.empty() ? SessionCookie(req) : "";
  Result<Principal> principal = Error::NotFound("not signed in");
  if (!bearer.empty()) {
    principal = registry->sessions().TokenPrincipal(bearer);
  } else if (!session.empty()) {
    principal = registry->sessions().SessionPrincipal(session);
  }
  if (!principal.ok()) {
    if (principal.error().code != ErrorCode::kNotFound) {
      return http::SendError(res, principal.error());
    }
    if (info.kind == RouteKind::kPage && info.method == "GET") {
      res.status = 303;
      res.set_header("Location", SignInAddress(req));
      return;
    }
    res.set_header("WWW-Authenticate", "Bearer realm=\"siegel-admin\"");
    return http::SendProblem(res, 401,
                             bearer.empty() ? "sign in, or send an API token as Bearer"
                                            : "the API token is unknown, revoked or expired");
  }
  if (!RoleAllows(principal->role, info.role)) {
    return http::SendProblem(
        res, 403,
        "this needs the role " + RoleName(info.role) + "; you have " + RoleName(principal->role));
  }
  std::string csrf = session.empty() ? "" : CsrfTokenFor(session);
  if (ChangesState(info.method) && !session.empty()) {
    std::string sent = CsrfFromBody(req);
    if (sent.empty()) sent = req.get_header_value("X-CSRF-Token");
    if (!ConstantTimeEquals(sent, csrf)) {
      return http::SendProblem(res, 403,
                               "the form's CSRF token is missing or wrong; reload the page and "
                               "send it again");
    }
  }
  AdminCall call{req, res, *registry, *principal, csrf};
  handler(call);
}

AdminSide::AdminSide(http::RouteTable& routes, http::ServerContext& context, AdminSettings settings)
    : settings_(std::move(settings)),
      throttle_(settings_.throttle),
      router_(routes, context, settings_) {
  AddSignInRoutes(routes, router_, throttle_);
  AddAdminApiRoutes(router_);
  AddAdminPages(router_);
}

}  // namespace siegel::admin
