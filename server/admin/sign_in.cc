// GET/POST /admin/sign-in and POST /admin/sign-out. Failed attempts are throttled per account
// and per address; the answer never says whether the account exists.
#include <cctype>
#include <ctime>

#include "server/admin/admin_pages.h"
#include "server/admin/admin_router.h"
#include "server/http/problem.h"
#include "server/web/i18n.h"
#include "server/web/i18n_staff.h"

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

// `error`: the catalogue key of the sentence to show, filled with `value`.
void SignInForm(const httplib::Request& req, httplib::Response& res, http::ServerContext& context,
                const std::string& error, int status, const std::string& value = "") {
  int64_t generation = 0;
  Registry* registry = context.BeginStaff(res, &generation);
  if (registry == nullptr) return;
  web::Language language = web::ChooseLanguage(req);
  // A notice from the address is shown only as one of the fixed sentences.
  std::string notice = req.get_param_value("notice") == "password_changed"
                           ? web::Text(language, "a_notice_password_changed")
                           : std::string();
  mstch::map data{
      {"next", SafeNext(req.get_param_value("next"))},
      {"username", req.get_param_value("username")},
      {"notice", notice},
      {"error", error.empty() ? error : web::Fill(web::Text(language, error), {value})}};
  SendAdminPage(res, registry->settings(), nullptr, web::Text(language, "a_sign_in_heading"),
                "admin_sign_in", std::move(data), status, language);
}

// Whether a browser says the request comes from this site. Sec-Fetch-Site, which no page can
// set, decides where sent: same-origin, or none (typed or bookmarked). Our pages send
// Referrer-Policy: no-referrer, under which browsers send "Origin: null" even for our own
// forms, so Origin decides only where Sec-Fetch-Site is missing (older browsers): it must
// name this host or the registry's public address. Clients that send neither (scripts, curl)
// are not browsers a forged form could drive.
bool FromThisSite(const httplib::Request& req, const std::string& base_url) {
  if (req.has_header("Sec-Fetch-Site")) {
    std::string site = req.get_header_value("Sec-Fetch-Site");
    return site == "same-origin" || site == "none";
  }
  if (!req.has_header("Origin")) return true;
  std::string origin = req.get_header_value("Origin");
  size_t scheme_end = origin.find("://");
  if (scheme_end == std::string::npos) return false;  // "null" and the like
  std::string authority = origin.substr(scheme_end + 3);
  std::string host = req.get_header_value("Host");
  auto lower = [](std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  };
  if (!host.empty() && lower(authority) == lower(host)) return true;
  // Behind a proxy the Host may lack the public port; the public address is the registry's.
  size_t path = base_url.find('/', base_url.find("://") + 3);
  return lower(origin) == lower(base_url.substr(0, path));
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
        int64_t generation = 0;
        Registry* registry = context.BeginStaff(res, &generation);
        if (registry == nullptr) return;
        // A browser says where a form was sent from: a sign-in posted from another site's page
        // (to sign a victim into the attacker's account) is refused.
        if (!FromThisSite(req, registry->settings().base_url)) {
          return http::SendProblem(res, 403,
                                   "sign in from this site's own sign-in page; a form sent "
                                   "from another site is refused");
        }
        // The attempt takes its place before the (slow) password check: attempts sent at once
        // cannot all be checked while the first are still under way.
        if (int64_t wait = throttle.Begin(username, req.remote_addr, now); wait > 0) {
          res.set_header("Retry-After", std::to_string(wait));
          return SignInForm(req, res, context, "a_too_many_sign_ins", 429,
                            std::to_string((wait + 59) / 60));
        }
        auto user = registry->sessions().CheckPassword(username, password);
        if (!user.ok()) {
          if (user.error().code != ErrorCode::kRefused) return http::SendError(res, user.error());
          return SignInForm(req, res, context, "a_wrong_password", 401);
        }
        throttle.Succeeded(username, req.remote_addr, now);
        auto session = registry->sessions().StartSession(user->username, kSessionLifetimeSeconds);
        if (!session.ok()) return http::SendError(res, session.error());
        res.set_header("Set-Cookie", SessionCookieHeader(*session, kSessionLifetimeSeconds,
                                                         settings.secure_cookies));
        res.status = 303;
        res.set_header("Location", SafeNext(req.get_param_value("next")));
      });
  router.Post(
      RouteKind::kPage, "/admin/sign-out", "/admin/sign-out", Role::kViewer, "admin_sign_out",
      [&settings](AdminCall& call) {
        if (Status s = call.registry.sessions().EndSession(SessionCookie(call.req)); !s.ok())
          return http::SendError(call.res, s.error());
        call.res.set_header("Set-Cookie", SessionCookieHeader("", 0, settings.secure_cookies));
        call.res.status = 303;
        call.res.set_header("Location", "/admin/sign-in");
      });
}

}  // namespace siegel::admin
