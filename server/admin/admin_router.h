// Every staff route is registered here with the role it needs, so that no handler can forget
// authentication, the role check or CSRF protection, and so that a test can walk them all.
#pragma once

#include <httplib.h>

#include <functional>
#include <string>
#include <vector>

#include "registry/registry.h"
#include "server/admin/sign_in_throttle.h"
#include "server/http/server_context.h"

namespace siegel::admin {

constexpr char kSessionCookie[] = "siegel_session";
constexpr int64_t kSessionLifetimeSeconds = 8 * 3600;

// What the admin side needs besides the public server's context.
struct AdminSettings {
  bool secure_cookies = false;  // under TLS: the session cookie is marked Secure
  ThrottleLimits throttle;
};

// An authenticated request, as its handler sees it.
struct AdminCall {
  const httplib::Request& req;
  httplib::Response& res;
  Registry& registry;
  const Principal& principal;
  std::string csrf;  // the session's CSRF token, for forms; empty for API tokens
  Actor actor() const { return principal.actor(); }
};

using AdminHandler = std::function<void(AdminCall&)>;

enum class RouteKind { kPage, kApi };

// One registered staff route, for documentation and for the test that walks them all.
struct AdminRouteInfo {
  std::string method;   // GET | POST | PUT
  std::string pattern;  // cpp-httplib regex
  std::string example;  // a concrete path that matches the pattern
  Role role;
  RouteKind kind;
};

class AdminRouter {
 public:
  AdminRouter(http::RouteTable& routes, http::ServerContext& context, const AdminSettings& settings)
      : routes_(routes), context_(context), settings_(settings) {}

  void Get(RouteKind kind, const std::string& pattern, const std::string& example, Role role,
           const char* name, AdminHandler handler);
  void Post(RouteKind kind, const std::string& pattern, const std::string& example, Role role,
            const char* name, AdminHandler handler);
  void Put(RouteKind kind, const std::string& pattern, const std::string& example, Role role,
           const char* name, AdminHandler handler);
  // A POST that carries a file (multipart/form-data, up to the upload limit of 2 MiB).
  void PostFile(RouteKind kind, const std::string& pattern, const std::string& example, Role role,
                const char* name, AdminHandler handler);

  http::ServerContext& context() { return context_; }
  const AdminSettings& settings() const { return settings_; }

 private:
  void Handle(const AdminRouteInfo& info, const char* name, const AdminHandler& handler,
              const httplib::Request& req, httplib::Response& res);
  void Register(const std::string& method, RouteKind kind, const std::string& pattern,
                const std::string& example, Role role, const char* name, AdminHandler handler,
                size_t max_body = http::kSmallBody);

  http::RouteTable& routes_;
  http::ServerContext& context_;
  const AdminSettings& settings_;
};

// Every staff route registered so far (filled by AddAdminRoutes).
const std::vector<AdminRouteInfo>& AdminRouteTable();

// The session token in the request's cookie, or empty.
std::string SessionCookie(const httplib::Request& req);

// The staff side of one server: its settings, sign-in throttle and routes. Lives as long as
// the server that holds it.
class AdminSide {
 public:
  AdminSide(http::RouteTable& routes, http::ServerContext& context, AdminSettings settings);

 private:
  AdminSettings settings_;
  SignInThrottle throttle_;
  AdminRouter router_;
};
void AddSignInRoutes(http::RouteTable& routes, AdminRouter& router, SignInThrottle& throttle);
void AddAdminApiRoutes(AdminRouter& router);
void AddAdminPages(AdminRouter& router);

}  // namespace siegel::admin
