// Who may call which staff route, typed out here by hand (not read from the router's table):
// every route x every role x with, without and with a misplaced CSRF token, by session and,
// for the API, by token. A change to one role in the router fails this test.
#include "server/admin/admin_router.h"
#include "tests/server/admin_fixture.h"

namespace siegel::testing {
namespace {

enum class Kind { kPage, kApi };

struct Expected {
  const char* method;
  const char* path;
  Kind kind;
  Role least;  // the lowest role that may call it
};

// clang-format off
const Expected kStaffRoutes[] = {
  {"GET",  "/admin",                                        Kind::kPage, Role::kViewer},
  {"POST", "/admin/sign-out",                               Kind::kPage, Role::kViewer},
  {"GET",  "/admin/initiatives",                            Kind::kPage, Role::kViewer},
  {"POST", "/admin/initiatives",                            Kind::kPage, Role::kEditor},
  {"GET",  "/admin/initiatives/x",                          Kind::kPage, Role::kViewer},
  {"POST", "/admin/initiatives/x",                          Kind::kPage, Role::kEditor},
  {"POST", "/admin/initiatives/x/assessments",              Kind::kPage, Role::kEditor},
  {"GET",  "/admin/proposals",                              Kind::kPage, Role::kViewer},
  {"POST", "/admin/proposals",                              Kind::kPage, Role::kIssuer},
  {"POST", "/admin/proposals/1/approve",                    Kind::kPage, Role::kIssuer},
  {"POST", "/admin/proposals/1/reject",                     Kind::kPage, Role::kIssuer},
  {"GET",  "/admin/certificates/X-1",                       Kind::kPage, Role::kViewer},
  {"POST", "/admin/certificates/X-1/suspend",               Kind::kPage, Role::kIssuer},
  {"POST", "/admin/certificates/X-1/reinstate",             Kind::kPage, Role::kIssuer},
  {"POST", "/admin/certificates/X-1/revoke",                Kind::kPage, Role::kAdmin},
  {"POST", "/admin/certificates/X-1/reissue",               Kind::kPage, Role::kAdmin},
  {"GET",  "/admin/audit",                                  Kind::kPage, Role::kViewer},
  {"GET",  "/admin/audit.csv",                              Kind::kPage, Role::kViewer},
  {"GET",  "/admin/tokens",                                 Kind::kPage, Role::kViewer},
  {"POST", "/admin/tokens",                                 Kind::kPage, Role::kViewer},
  {"POST", "/admin/tokens/1/revoke",                        Kind::kPage, Role::kAdmin},
  {"GET",  "/admin/keys",                                   Kind::kPage, Role::kAdmin},
  {"POST", "/admin/keys/rotate",                            Kind::kPage, Role::kAdmin},
  {"POST", "/admin/keys/key-9/compromise",                  Kind::kPage, Role::kAdmin},
  {"GET",  "/admin/users",                                  Kind::kPage, Role::kAdmin},
  {"POST", "/admin/users",                                  Kind::kPage, Role::kAdmin},
  {"POST", "/admin/users/x/role",                           Kind::kPage, Role::kAdmin},
  {"POST", "/admin/users/x/disable",                        Kind::kPage, Role::kAdmin},
  {"GET",  "/admin/certificates",                           Kind::kPage, Role::kViewer},
  {"GET",  "/admin/import",                                 Kind::kPage, Role::kAdmin},
  {"POST", "/admin/import",                                 Kind::kPage, Role::kAdmin},
  {"POST", "/admin/import/certificates",                    Kind::kPage, Role::kAdmin},
  {"GET",  "/admin/programmes",                             Kind::kPage, Role::kViewer},
  {"POST", "/admin/programmes",                             Kind::kPage, Role::kAdmin},
  {"GET",  "/admin/programmes/x",                           Kind::kPage, Role::kViewer},
  {"POST", "/admin/programmes/x",                           Kind::kPage, Role::kAdmin},
  {"POST", "/admin/programmes/x/four-eyes",                 Kind::kPage, Role::kAdmin},
  {"POST", "/admin/programmes/x/logo",                      Kind::kPage, Role::kAdmin},
  {"POST", "/api/v1/admin/programmes",                      Kind::kApi,  Role::kAdmin},
  {"PUT",  "/api/v1/admin/programmes/x",                    Kind::kApi,  Role::kAdmin},
  {"POST", "/admin/initiatives/x/notes",                    Kind::kPage, Role::kEditor},
  {"POST", "/admin/users/x/enable",                         Kind::kPage, Role::kAdmin},
  {"POST", "/admin/users/x/password",                       Kind::kPage, Role::kAdmin},
  {"GET",  "/admin/account",                                Kind::kPage, Role::kViewer},
  {"POST", "/admin/account",                                Kind::kPage, Role::kViewer},
  {"POST", "/admin/account/password",                       Kind::kPage, Role::kViewer},
  {"POST", "/admin/staff-changes/1/approve",                Kind::kPage, Role::kAdmin},
  {"POST", "/admin/staff-changes/1/reject",                 Kind::kPage, Role::kAdmin},
  {"GET",  "/api/v1/admin/me",                              Kind::kApi,  Role::kViewer},
  {"GET",  "/api/v1/admin/overview",                        Kind::kApi,  Role::kViewer},
  {"POST", "/api/v1/admin/initiatives",                     Kind::kApi,  Role::kEditor},
  {"PUT",  "/api/v1/admin/initiatives/x",                   Kind::kApi,  Role::kEditor},
  {"GET",  "/api/v1/admin/assessments",                     Kind::kApi,  Role::kViewer},
  {"POST", "/api/v1/admin/assessments",                     Kind::kApi,  Role::kEditor},
  {"GET",  "/api/v1/admin/proposals",                       Kind::kApi,  Role::kViewer},
  {"POST", "/api/v1/admin/proposals",                       Kind::kApi,  Role::kIssuer},
  {"POST", "/api/v1/admin/proposals/1/approve",             Kind::kApi,  Role::kIssuer},
  {"POST", "/api/v1/admin/proposals/1/reject",              Kind::kApi,  Role::kIssuer},
  {"POST", "/api/v1/admin/certificates/X-1/suspend",        Kind::kApi,  Role::kIssuer},
  {"POST", "/api/v1/admin/certificates/X-1/reinstate",      Kind::kApi,  Role::kIssuer},
  {"POST", "/api/v1/admin/certificates/X-1/revoke",         Kind::kApi,  Role::kAdmin},
  {"POST", "/api/v1/admin/certificates/X-1/reissue",        Kind::kApi,  Role::kAdmin},
  {"GET",  "/api/v1/admin/audit",                           Kind::kApi,  Role::kViewer},
  {"GET",  "/api/v1/admin/audit.csv",                       Kind::kApi,  Role::kViewer},
  {"GET",  "/api/v1/admin/tokens",                          Kind::kApi,  Role::kAdmin},
  {"POST", "/api/v1/admin/tokens",                          Kind::kApi,  Role::kViewer},
  {"POST", "/api/v1/admin/tokens/1/revoke",                 Kind::kApi,  Role::kAdmin},
  {"GET",  "/api/v1/admin/users",                           Kind::kApi,  Role::kAdmin},
  {"POST", "/api/v1/admin/users",                           Kind::kApi,  Role::kAdmin},
  {"POST", "/api/v1/admin/users/x/role",                    Kind::kApi,  Role::kAdmin},
  {"POST", "/api/v1/admin/users/x/disable",                 Kind::kApi,  Role::kAdmin},
  {"GET",  "/api/v1/admin/keys",                            Kind::kApi,  Role::kAdmin},
  {"POST", "/api/v1/admin/keys/rotate",                     Kind::kApi,  Role::kAdmin},
  {"POST", "/api/v1/admin/keys/key-9/compromise",           Kind::kApi,  Role::kAdmin},
  {"POST", "/api/v1/admin/programmes/ce-bw/four-eyes",      Kind::kApi,  Role::kAdmin},
  {"GET",  "/api/v1/admin/staff-changes",                   Kind::kApi,  Role::kAdmin},
  {"POST", "/api/v1/admin/staff-changes/1/approve",         Kind::kApi,  Role::kAdmin},
  {"POST", "/api/v1/admin/staff-changes/1/reject",          Kind::kApi,  Role::kAdmin},
};
// clang-format on

const std::pair<const char*, Role> kStaff[] = {
    {"vera", Role::kViewer}, {"ed", Role::kEditor}, {"anna", Role::kIssuer}, {"ada", Role::kAdmin}};

// The role ladder, typed out: may someone with `held` call a route for `least`?
bool Allowed(Role held, Role least) {
  auto rank = [](Role r) {
    switch (r) {
      case Role::kViewer:
        return 0;
      case Role::kEditor:
        return 1;
      case Role::kIssuer:
        return 2;
      case Role::kAdmin:
        return 3;
    }
    return -1;
  };
  return rank(held) >= rank(least);
}

class StaffAccessTest : public AdminTest {
 protected:
  const char* TypeOf(const Expected& route) {
    return route.kind == Kind::kApi ? "application/json" : "application/x-www-form-urlencoded";
  }
  const char* BodyOf(const Expected& route) { return route.kind == Kind::kApi ? "{}" : ""; }
};

TEST_F(StaffAccessTest, TheTableHereCoversEveryRouteTheServerHas) {
  std::set<std::string> typed, served;
  for (const Expected& e : kStaffRoutes) typed.insert(std::string(e.method) + " " + e.path);
  for (const admin::AdminRouteInfo& r : admin::AdminRouteTable()) {
    served.insert(r.method + " " + r.example);
  }
  for (const std::string& route : served) {
    EXPECT_EQ(typed.count(route), 1u) << route << " is served but has no row in kStaffRoutes";
  }
  for (const std::string& route : typed) {
    EXPECT_EQ(served.count(route), 1u) << route << " has a row but is not served";
  }
}

TEST_F(StaffAccessTest, NobodyAndForgedCredentialsGetNothing) {
  for (const Expected& route : kStaffRoutes) {
    std::string where = std::string(route.method) + " " + route.path;
    auto anonymous = Send(route.method, route.path, {}, BodyOf(route), TypeOf(route));
    ASSERT_TRUE(anonymous) << where;
    if (route.kind == Kind::kPage && std::string(route.method) == "GET") {
      EXPECT_EQ(anonymous->status, 303) << where;
      EXPECT_EQ(anonymous->get_header_value("Location").rfind("/admin/sign-in?next=", 0), 0u)
          << where;
    } else {
      EXPECT_EQ(anonymous->status, 401) << where;
    }
    auto forged = Send(route.method, route.path,
                       {{"Authorization", "Bearer sgl_forged"}, {"Cookie", "siegel_session=x"}},
                       BodyOf(route), TypeOf(route));
    ASSERT_TRUE(forged) << where;
    EXPECT_TRUE(forged->status == 401 || forged->status == 303) << where << " " << forged->status;
  }
}

TEST_F(StaffAccessTest, EachRoleReachesExactlyItsRoutesAndFormsNeedTheirCsrfToken) {
  int checked = 0;
  for (const Expected& route : kStaffRoutes) {
    std::string where = std::string(route.method) + " " + route.path;
    bool changes = std::string(route.method) != "GET";
    for (const auto& [user, role] : kStaff) {
      bool allowed = Allowed(role, route.least);
      std::string as = where + " as " + user;
      // With the CSRF token (header and form field).
      auto with = AsSession(Session(user), route.method, route.path, BodyOf(route), TypeOf(route));
      ASSERT_TRUE(with) << as;
      if (allowed) {
        EXPECT_NE(with->status, 401) << as;
        EXPECT_NE(with->status, 403) << as << ": " << with->body;
        EXPECT_LT(with->status, 500) << as << ": " << with->body;
      } else {
        EXPECT_EQ(with->status, 403) << as;
        EXPECT_NE(with->body.find("this needs the role"), std::string::npos) << as;
      }
      if (changes) {
        // Without it, and with it only in the query string: refused, by its CSRF check when the
        // role would do.
        std::string session = Session(user);
        httplib::Headers cookie = {{"Cookie", "siegel_session=" + session}};
        auto without = Send(route.method, route.path, cookie, BodyOf(route), TypeOf(route));
        std::string query_path = std::string(route.path) + "?csrf=" + CsrfTokenFor(session);
        auto in_query = Send(route.method, query_path, cookie, BodyOf(route), TypeOf(route));
        ASSERT_TRUE(without && in_query) << as;
        EXPECT_EQ(without->status, 403) << as << " without CSRF";
        EXPECT_EQ(in_query->status, 403) << as << " with CSRF in the query";
        const char* reason = allowed ? "CSRF token is missing or wrong" : "this needs the role";
        EXPECT_NE(without->body.find(reason), std::string::npos) << as << without->body;
        EXPECT_NE(in_query->body.find(reason), std::string::npos) << as << in_query->body;
      }
      if (route.kind == Kind::kApi) {
        // A token needs no CSRF token: no browser sends it by itself.
        auto by_token = AsToken(Token(user, role), route.method, route.path);
        ASSERT_TRUE(by_token) << as;
        if (allowed) {
          EXPECT_NE(by_token->status, 401) << as << " by token";
          EXPECT_NE(by_token->status, 403) << as << " by token: " << by_token->body;
        } else {
          EXPECT_EQ(by_token->status, 403) << as << " by token";
        }
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, static_cast<int>(std::size(kStaffRoutes) * std::size(kStaff)));
}

TEST_F(StaffAccessTest, SignOutNeedsTheCsrfTokenToo) {
  std::string session = Session("vera");
  httplib::Headers cookie = {{"Cookie", "siegel_session=" + session}};
  auto forged = Send("POST", "/admin/sign-out?csrf=" + CsrfTokenFor(session), cookie);
  ASSERT_TRUE(forged);
  EXPECT_EQ(AsSession(session, "GET", "/admin")->status, 200)
      << "a cross-site form cannot sign staff out";
  auto out = AsSession(session, "POST", "/admin/sign-out");
  EXPECT_EQ(out->status, 303);
  EXPECT_EQ(AsSession(session, "GET", "/admin")->status, 303);
}

}  // namespace
}  // namespace siegel::testing
