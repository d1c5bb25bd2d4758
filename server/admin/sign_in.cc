// GET/POST /admin/sign-in and POST /admin/sign-out. Failed attempts are throttled per account
// and per address; the answer never says whether the account exists.
#include <ctime>

#include "server/admin/admin_pages.h"
#include "server/admin/admin_router.h"
#include "server/http/problem.h"

namespace siegel::admin {
namespace {

// Only our own staff pages are followed after signing in: never an open redirect.
std::string SafeNext(const std::string& next) {
  bool ours = next.rfind("/admin", 0) == 0 && next.find("//") == std::string::npos &&
              next.find('\\') == std::string::npos &&
              next.find_first_of("\r\n") == std::string::npos;
  return ours ? next : "/admin";
}

std::string SessionCookieHeader(const std::string& value, int64_t max_age, bool secure) {
  return std::string(kSessionCookie) + "=" + value +
         "; Path=/; Max-Age=" + std::to_string(max_age) + "; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

void SignInForm(const httplib::Request& req, httplib::Response& res, http::ServerContext& context,
                const std::string& error, int status) {
  int64_t generation = 0;
  Registry* registry = context.Begin(res, &generation);
  if (registry == nullptr) return;
  mstch::map data{{"next", SafeNext(req.get_param_value("next"))},
                  {"username", req.get_param_value("username")},
                  {"error", error}};
  SendAdminPage(res, registry->settings(), nullptr, "Sign in", "admin_sign_in", std::move(data),
                status);
}

}  // namespace

void AddSignInRoutes(http::RouteTable& routes, AdminRouter& router, SignInThrottle& throttle) {
  http::ServerContext& context = router.context();
  const AdminSettings& settings = router.settings();
  routes.Get("/admin/sign-in", "admin_sign_in", http::Work::kStaff,
             [&context](const httplib::Request& req, httplib::Response& res) {
               res.set_header("Cache-Control", "no-store");
               SignInForm(req, res, context, "", 200);
             });
  routes.Post(
      "/admin/sign-in", "admin_sign_in", http::Work::kStaff, http::kSmallBody,
      [&context, &settings, &throttle](const httplib::Request& req, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        std::string username = req.get_param_value("username");
        std::string password = req.get_param_value("password");
        int64_t now = static_cast<int64_t>(std::time(nullptr));
        if (int64_t wait = throttle.RetryAfter(username, req.remote_addr, now); wait > 0) {
          res.set_header("Retry-After", std::to_string(wait));
          return SignInForm(req, res, context,
                            "Too many failed sign-ins. Try again in " +
                                std::to_string((wait + 59) / 60) + " minutes.",
                            429);
        }
        int64_t generation = 0;
        Registry* registry = context.Begin(res, &generation);
        if (registry == nullptr) return;
        auto user = registry->CheckPassword(username, password);
        if (!user.ok()) {
          if (user.error().code != ErrorCode::kRefused) return http::SendError(res, user.error());
          throttle.RecordFailure(username, req.remote_addr, now);
          return SignInForm(req, res, context, "The user name or the password is wrong.", 401);
        }
        throttle.RecordSuccess(username);
        auto session = registry->StartSession(user->username, kSessionLifetimeSeconds);
        if (!session.ok()) return http::SendError(res, session.error());
        res.set_header("Set-Cookie", SessionCookieHeader(*session, kSessionLifetimeSeconds,
                                                         settings.secure_cookies));
        res.status = 303;
        res.set_header("Location", SafeNext(req.get_param_value("next")));
      });
  router.Post(RouteKind::kPage, "/admin/sign-out", "/admin/sign-out", Role::kViewer,
              "admin_sign_out", [&settings](AdminCall& call) {
                if (Status s = call.registry.EndSession(SessionCookie(call.req)); !s.ok())
                  return http::SendError(call.res, s.error());
                call.res.set_header("Set-Cookie",
                                    SessionCookieHeader("", 0, settings.secure_cookies));
                call.res.status = 303;
                call.res.set_header("Location", "/admin/sign-in");
              });
}

}  // namespace siegel::admin
