// Where the front door sends each request: the route table's classification, against
// expectations typed out here, for a table of its own (precedence, literals, alternations,
// quantifiers) and for the real server's routes.
#include "server/http/route_table.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/server/server_fixture.h"

namespace siegel::http {

struct Expected {
  const char* method;
  const char* path;
  Work work;
  size_t max_body;
};

const char* WorkName(Work work) {
  return work == Work::kQuick ? "quick" : work == Work::kCompute ? "compute" : "staff";
}

void ExpectClasses(const RouteTable& routes, const std::vector<Expected>& table) {
  for (const Expected& e : table) {
    RouteClass got = routes.Classify(e.method, e.path);
    EXPECT_EQ(WorkName(got.work), std::string(WorkName(e.work))) << e.method << " " << e.path;
    if (std::string(e.method) == "POST" || std::string(e.method) == "PUT") {
      EXPECT_EQ(got.max_body, e.max_body) << e.method << " " << e.path;
    }
  }
}

namespace {

TEST(RouteTable, ClassifiesAsTheFirstMatchingRouteWouldBeChosen) {
  httplib::Server server;
  RouteTable routes(server);
  auto nothing = [](const httplib::Request&, httplib::Response&) {};
  routes.Get(R"(/api/v1/certificates/([A-Z0-9-]+)/status)", "status", Work::kQuick, nothing);
  routes.Get(R"(/api/v1/certificates/([A-Z0-9-]+))", "certificate", Work::kQuick, nothing);
  routes.Get("/api/v1/certificates", "list", Work::kCompute, nothing);
  routes.Get(R"(/log|/journal)", "log", Work::kCompute, nothing);
  routes.Get(R"(/colou?r)", "colour", Work::kCompute, nothing);
  routes.Get(R"(/admin(/.*)?)", "admin", Work::kStaff, nothing);
  routes.Get(R"(/x/(.*))", "first", Work::kCompute, nothing);
  routes.Get(R"(/x/y)", "shadowed", Work::kStaff, nothing);
  routes.Post("/api/v1/verify", "verify", Work::kCompute, 100, nothing);
  routes.Post("/api/v1/verify/batch", "batch", Work::kCompute, 1000, nothing);
  routes.Post(R"(/admin/(.*))", "admin_post", Work::kStaff, 50, nothing);
  routes.Put(R"(/admin/i/([a-z]+))", "admin_put", Work::kStaff, 70, nothing);
  routes.Options(".*", "preflight", Work::kQuick, nothing);
  ExpectClasses(routes, {
                            {"GET", "/api/v1/certificates/CEBW-2026-0001/status", Work::kQuick, 0},
                            {"HEAD", "/api/v1/certificates/CEBW-2026-0001", Work::kQuick, 0},
                            {"GET", "/api/v1/certificates", Work::kCompute, 0},
                            {"GET", "/api/v1/certificates/", Work::kQuick, 0},  // no route: 404
                            {"GET", "/api/v1/certificatesX", Work::kQuick, 0},
                            {"GET", "/log", Work::kCompute, 0},
                            {"GET", "/journal", Work::kCompute, 0},
                            {"GET", "/color", Work::kCompute, 0},
                            {"GET", "/colour", Work::kCompute, 0},
                            {"GET", "/colouur", Work::kQuick, 0},
                            {"GET", "/admin", Work::kStaff, 0},
                            {"GET", "/admin/users", Work::kStaff, 0},
                            {"GET", "/administrator", Work::kQuick, 0},
                            {"GET", "/x/y", Work::kCompute, 0},  // the earlier route wins
                            {"POST", "/api/v1/verify", Work::kCompute, 100},
                            {"POST", "/api/v1/verify/batch", Work::kCompute, 1000},
                            {"POST", "/api/v1/verify/other", Work::kQuick, kSmallBody},
                            {"POST", "/admin/users", Work::kStaff, 50},
                            {"PUT", "/admin/i/abc", Work::kStaff, 70},
                            {"PUT", "/admin/i/ABC", Work::kQuick, kSmallBody},
                            {"DELETE", "/admin/users", Work::kQuick, kSmallBody},
                            {"OPTIONS", "/anything", Work::kQuick, 0},
                            {"POST", "/nowhere", Work::kQuick, kSmallBody},
                        });
}

TEST(RouteTable, StaffPathsAreExactlyTheAdminTrees) {
  EXPECT_TRUE(IsStaffPath("/admin"));
  EXPECT_TRUE(IsStaffPath("/admin/users"));
  EXPECT_TRUE(IsStaffPath("/api/v1/admin/keys"));
  EXPECT_FALSE(IsStaffPath("/administrator"));
  EXPECT_FALSE(IsStaffPath("/api/v1/administrator"));
  EXPECT_FALSE(IsStaffPath("/api/v1/admin"));
  EXPECT_FALSE(IsStaffPath("/verify"));
}

}  // namespace
}  // namespace siegel::http

namespace siegel::testing {
namespace {

using http::kLargestBody;
using http::kSmallBody;
using http::Work;

// The real server: every kind of address, typed out with who must answer it.
using ServerRoutesTest = ServerFixture;

TEST_F(ServerRoutesTest, EachAddressIsAnsweredWhereItsCostBelongs) {
  http::ExpectClasses(
      server_->routes(),
      {
          {"GET", "/api/v1/certificates/CEBW-2026-0001/status", Work::kQuick, 0},
          {"GET", "/api/v1/certificates/CEBW-2026-0001", Work::kQuick, 0},
          {"GET", "/api/v1/certificates/CEBW-2026-0001/log", Work::kQuick, 0},
          {"GET", "/api/v1/certificates", Work::kCompute, 0},
          {"GET", "/api/v1/initiatives", Work::kCompute, 0},
          {"GET", "/api/v1/initiatives/microtec-suedwest", Work::kQuick, 0},
          {"GET", "/api/v1/programmes", Work::kQuick, 0},
          {"GET", "/status/ce-bw/revocation", Work::kQuick, 0},
          {"GET", "/status/ce-bw/suspension", Work::kQuick, 0},
          {"GET", "/.well-known/did.json", Work::kQuick, 0},
          {"GET", "/.well-known/jwks.json", Work::kQuick, 0},
          {"GET", "/log/checkpoint", Work::kQuick, 0},
          {"GET", "/log/key", Work::kQuick, 0},
          {"GET", "/log/entries", Work::kCompute, 0},
          {"GET", "/log/proof/inclusion", Work::kQuick, 0},
          {"GET", "/log/proof/consistency", Work::kQuick, 0},
          {"GET", "/healthz", Work::kQuick, 0},
          {"GET", "/metrics", Work::kCompute, 0},
          {"GET", "/api/openapi.json", Work::kQuick, 0},
          {"GET", "/", Work::kCompute, 0},
          {"GET", "/initiatives/microtec-suedwest", Work::kCompute, 0},
          {"GET", "/certificates/CEBW-2026-0001", Work::kQuick, 0},
          {"GET", "/certificates/CEBW-2026-0001.pdf", Work::kCompute, 0},
          {"GET", "/verify/CEBW-2026-0001", Work::kQuick, 0},
          {"GET", "/verify", Work::kQuick, 0},
          {"GET", "/badge/CEBW-2026-0001.svg", Work::kQuick, 0},
          {"GET", "/log", Work::kCompute, 0},
          {"GET", "/feed.atom", Work::kCompute, 0},
          {"GET", "/export.json", Work::kCompute, 0},
          {"GET", "/export.csv", Work::kCompute, 0},
          {"GET", "/about", Work::kQuick, 0},
          {"GET", "/imprint", Work::kQuick, 0},
          {"GET", "/static/siegel.css", Work::kQuick, 0},
          {"GET", "/no/such/address", Work::kQuick, 0},
          {"POST", "/api/v1/verify", Work::kCompute, kSmallBody},
          {"POST", "/api/v1/verify/batch", Work::kCompute, kLargestBody},
          {"POST", "/verify", Work::kCompute, 2 * 1024 * 1024},  // a PDF certificate fits
          {"POST", "/nowhere", Work::kQuick, kSmallBody},
          {"GET", "/admin", Work::kStaff, 0},
          {"GET", "/admin/sign-in", Work::kStaff, 0},
          {"POST", "/admin/sign-in", Work::kStaff, kSmallBody},
          {"GET", "/admin/initiatives", Work::kStaff, 0},
          {"POST", "/admin/initiatives", Work::kStaff, kSmallBody},
          {"GET", "/api/v1/admin/me", Work::kStaff, 0},
          {"POST", "/api/v1/admin/proposals", Work::kStaff, kSmallBody},
          {"PUT", "/api/v1/admin/initiatives/microtec-suedwest", Work::kStaff, kSmallBody},
          {"OPTIONS", "/api/v1/verify", Work::kQuick, 0},
      });
}

}  // namespace
}  // namespace siegel::testing
