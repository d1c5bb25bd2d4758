// The JSON API's read side: search and pagination, programmes, initiatives, caching headers,
// HEAD, gzip, CORS, metrics and the access log.
#include <regex>

#include "base/encoding.h"
#include "credential/sha256.h"
#include "tests/server/server_fixture.h"

namespace siegel {
namespace {

class ApiTest : public testing::ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    AddInitiative("photonik-bw", "Photonik BW", "Regierungsbezirk Karlsruhe", "Photonics");
    AddInitiative("automotive-bw", "automotive-bw", "Regierungsbezirk Stuttgart", "Automotive");
    for (const char* slug : {"photonik-bw", "automotive-bw"}) {
      IssueRequest request;
      request.initiative_slug = slug;
      auto c = writer_->lifecycle().Issue(request, {"test"});
      ASSERT_TRUE(c.ok());
      ids_.push_back(c->id);
    }
    ASSERT_TRUE(writer_->lifecycle().Suspend(ids_[1], "review", {"test"}).ok());
  }
  std::vector<std::string> ids_;
};

TEST_F(ApiTest, SearchFiltersAndPaginatesStably) {
  Json all = GetJson("/api/v1/certificates");
  EXPECT_EQ(all["total"], 3);
  EXPECT_EQ(all["page"], 1);
  EXPECT_EQ(all["items"].size(), 3u);
  EXPECT_EQ(all["items"][0]["id"], id_);
  EXPECT_EQ(all["items"][0]["initiative"]["name"], "microTEC Südwest");
  EXPECT_EQ(all["items"][0]["links"]["credential"],
            "http://127.0.0.1:8080/api/v1/certificates/" + id_);

  EXPECT_EQ(GetJson("/api/v1/certificates?status=suspended")["items"][0]["id"], ids_[1]);
  EXPECT_EQ(GetJson("/api/v1/certificates?status=valid")["total"], 2);
  EXPECT_EQ(GetJson("/api/v1/certificates?region=Regierungsbezirk%20Karlsruhe")["items"][0]["id"],
            ids_[0]);
  EXPECT_EQ(GetJson("/api/v1/certificates?sector=Automotive")["items"][0]["id"], ids_[1]);
  EXPECT_EQ(GetJson("/api/v1/certificates?q=S%C3%BCdwest")["items"][0]["id"], id_);
  EXPECT_EQ(GetJson("/api/v1/certificates?programme=other")["total"], 0);

  std::vector<std::string> paged;
  Json page = GetJson("/api/v1/certificates?per_page=2");
  EXPECT_EQ(page["pages"], 2);
  EXPECT_TRUE(page["links"]["prev"].is_null());
  for (const Json& item : page["items"]) paged.push_back(item["id"]);
  std::string next = page["links"]["next"];
  ASSERT_EQ(next, "http://127.0.0.1:8080/api/v1/certificates?page=2&per_page=2");
  Json second = GetJson("/api/v1/certificates?page=2&per_page=2");
  for (const Json& item : second["items"]) paged.push_back(item["id"]);
  EXPECT_TRUE(second["links"]["next"].is_null());
  EXPECT_EQ(paged, (std::vector<std::string>{id_, ids_[0], ids_[1]}));
}

// Region and technology field match any part of the stored text, ASCII letter case aside:
// people type "Freiburg", not "Regierungsbezirk Freiburg" (the home page's filters too).
TEST_F(ApiTest, RegionAndSectorFiltersMatchPartsOfTheStoredText) {
  auto ids = [this](const std::string& query) {
    std::vector<std::string> found;
    Json answer = GetJson("/api/v1/certificates?" + query);
    for (const Json& item : answer["items"]) found.push_back(item["id"]);
    return found;
  };
  EXPECT_EQ(ids("region=Freiburg"), std::vector<std::string>{id_});
  EXPECT_EQ(ids("region=karlsruhe"), std::vector<std::string>{ids_[0]});
  EXPECT_EQ(ids("region=Regierungsbezirk%20Karlsruhe"), std::vector<std::string>{ids_[0]});
  EXPECT_EQ(ids("region=bezirk").size(), 3u);
  EXPECT_EQ(ids("region=T%C3%BCbingen"), std::vector<std::string>{});
  EXPECT_EQ(ids("sector=photon"), std::vector<std::string>{ids_[0]});
  EXPECT_EQ(ids("sector=AUTO"), std::vector<std::string>{ids_[1]});
  EXPECT_EQ(ids("sector=photon&region=Stuttgart"), std::vector<std::string>{});
  std::string home = client_->Get("/?lang=en&region=Freiburg")->body;
  EXPECT_NE(home.find("Results (1)"), std::string::npos);
  EXPECT_NE(home.find("microTEC Südwest"), std::string::npos);
}

TEST_F(ApiTest, SearchRefusesBadParameters) {
  EXPECT_EQ(GetJson("/api/v1/certificates?status=alive", 400)["detail"],
            "status must be one of valid, expired, not_yet_valid, suspended, revoked");
  const std::string page_range = "parameter page must be a whole number from 1 to 1000000";
  for (const char* page :
       {"0", "two", "-1", "1000001", "9223372036854775807", "99999999999999999999", "1e3", " 1"}) {
    EXPECT_EQ(GetJson(std::string("/api/v1/certificates?page=") + page, 400)["detail"], page_range)
        << page;
  }
  EXPECT_EQ(GetJson("/api/v1/certificates?page=1000000")["items"].size(), 0u);  // past the end
  EXPECT_EQ(GetJson("/api/v1/certificates?per_page=501", 400)["detail"],
            "parameter per_page must be a whole number from 1 to 500");
  // The home page's search too.
  EXPECT_EQ(client_->Get("/?page=9223372036854775807")->status, 400);
}

TEST_F(ApiTest, ProgrammesAndInitiatives) {
  Json programmes = GetJson("/api/v1/programmes");
  ASSERT_EQ(programmes["items"].size(), 1u);
  EXPECT_EQ(programmes["items"][0]["code"], "ce-bw");
  EXPECT_EQ(programmes["items"][0]["validityMonths"], 24);
  EXPECT_EQ(programmes["items"][0]["name"]["de"], "Cluster-Exzellenz Baden-Württemberg");

  Json initiatives = GetJson("/api/v1/initiatives");
  EXPECT_EQ(initiatives["total"], 3);
  EXPECT_EQ(GetJson("/api/v1/initiatives?region=Regierungsbezirk%20Stuttgart")["items"][0]["slug"],
            "automotive-bw");
  Json one = GetJson("/api/v1/initiatives/microtec-suedwest");
  EXPECT_EQ(one["name"], "microTEC Südwest");
  EXPECT_EQ(one["technologyFields"][0], "Microsystems technology");
  ASSERT_EQ(one["certificates"].size(), 1u);
  EXPECT_EQ(one["certificates"][0]["status"], "valid");
  EXPECT_EQ(GetJson("/api/v1/initiatives/nobody", 404)["detail"],
            "there is no initiative \"nobody\"");
}

// A browser saves a credential under a name that says what it is, not as a bare number.
TEST_F(ApiTest, CredentialsDownloadUnderTheirNameAndForm) {
  const struct {
    std::string path, accept, filename;
  } cases[] = {
      {"/api/v1/certificates/" + id_, "", id_ + ".json"},
      {"/api/v1/certificates/" + id_, "application/vc", id_ + ".json"},
      {"/api/v1/certificates/" + id_, "application/vc+jwt", id_ + ".jwt"},
      {"/api/v1/certificates/" + id_ + "/open-badge", "", id_ + ".openbadge.json"},
  };
  for (const auto& c : cases) {
    httplib::Headers headers;
    if (!c.accept.empty()) headers.emplace("Accept", c.accept);
    auto res = client_->Get(c.path.c_str(), headers);
    ASSERT_TRUE(res) << c.path;
    EXPECT_EQ(res->status, 200) << c.path;
    EXPECT_EQ(res->get_header_value("Content-Disposition"),
              "attachment; filename=\"" + c.filename + "\"")
        << c.path << " " << c.accept;
  }
  auto status = client_->Get(("/api/v1/certificates/" + id_ + "/status").c_str());
  EXPECT_FALSE(status->has_header("Content-Disposition")) << "an answer, not a file";
}

TEST_F(ApiTest, EveryGetCarriesEtagAndCacheControl) {
  for (const std::string& path :
       {std::string("/api/v1/certificates"), "/api/v1/certificates/" + id_,
        "/api/v1/certificates/" + id_ + "/status", std::string("/api/v1/programmes"),
        std::string("/api/v1/initiatives"), std::string("/api/v1/initiatives/microtec-suedwest"),
        std::string("/status/ce-bw/revocation"), std::string("/.well-known/did.json"),
        std::string("/.well-known/jwks.json"), std::string("/api/openapi.json"),
        std::string("/healthz"), std::string("/metrics")}) {
    auto res = client_->Get(path.c_str());
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path;
    std::string etag = res->get_header_value("ETag");
    EXPECT_FALSE(etag.empty()) << path;
    EXPECT_FALSE(res->get_header_value("Cache-Control").empty()) << path;
    if (path == "/healthz" || path == "/metrics") continue;  // change with every request
    auto again = client_->Get(path.c_str(), {{"If-None-Match", etag}});
    ASSERT_TRUE(again) << path;
    // A certificate's status answer names the second it was made (checkedAt), so its ETag
    // moves each second: asked again within the same second, it must be 304 all the same.
    for (int attempt = 0; again->status == 200 && attempt < 5; ++attempt) {
      ASSERT_NE(Json::parse(again->body).value("checkedAt", ""),
                Json::parse(res->body).value("checkedAt", ""))
          << path << ": a 200 in the same second";
      res = client_->Get(path.c_str());
      etag = res->get_header_value("ETag");
      again = client_->Get(path.c_str(), {{"If-None-Match", etag}});
      ASSERT_TRUE(again) << path;
    }
    EXPECT_EQ(again->status, 304) << path;
  }
  // Status lists as long as their own ttl (the registry's, 60 s); issuer documents as the
  // server was told.
  EXPECT_EQ(client_->Get("/status/ce-bw/revocation")->get_header_value("Cache-Control"),
            "public, max-age=60");
  EXPECT_EQ(client_->Get("/.well-known/did.json")->get_header_value("Cache-Control"),
            "public, max-age=30");
  EXPECT_EQ(
      client_->Get(("/api/v1/certificates/" + id_).c_str())->get_header_value("Cache-Control"),
      "public, max-age=86400");
}

// A status list's ttl and its Cache-Control max-age are one number: the registry's, not the
// server's default (set here to neither 60 nor the server's 30 s).
class StatusListTtlTest : public testing::ServerFixture {
  void ConfigureRegistry(InitOptions& options) override { options.status_list_ttl_seconds = 240; }
};

TEST_F(StatusListTtlTest, TtlAndMaxAgeAreTheSame) {
  for (const char* path : {"/status/ce-bw/revocation", "/status/ce-bw/suspension"}) {
    auto res = client_->Get(path);
    ASSERT_TRUE(res) << path;
    ASSERT_EQ(res->status, 200) << path;
    EXPECT_EQ(res->get_header_value("Cache-Control"), "public, max-age=240") << path;
    EXPECT_EQ(Json::parse(res->body)["credentialSubject"]["ttl"], 240000) << path;
  }
}

// Siegel's own JSON-LD context: the same bytes from every registry (the digest verifiers pin),
// for as long as anyone caches it, open to every origin.
TEST_F(ApiTest, ServesSiegelsOwnContextAsPinned) {
  auto res = client_->Get("/ns/siegel/v1");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/ld+json");
  EXPECT_EQ(res->get_header_value("Cache-Control"), "public, max-age=604800, immutable");
  EXPECT_EQ(res->get_header_value("Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(HexEncode(Sha256(std::string_view(res->body))),
            "1640ab4a9551cc926df59081780ab62d4e0550bc46832a24996588f719c48cae");
  Json context = Json::parse(res->body)["@context"];
  EXPECT_EQ(context["legalEntity"], "https://schema.org/legalName");
  EXPECT_EQ(context["supersedes"]["@id"], "http://purl.org/dc/terms/replaces");
  EXPECT_EQ(client_->Get("/ns/siegel/v2")->status, 404);
}

TEST_F(ApiTest, HeadAnswersWithoutABody) {
  auto head = client_->Head(("/api/v1/certificates/" + id_).c_str());
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_TRUE(head->body.empty());
  EXPECT_FALSE(head->get_header_value("ETag").empty());
}

TEST_F(ApiTest, GzipWhenTheClientAcceptsIt) {
  httplib::Client raw("127.0.0.1", port_);
  raw.set_decompress(false);
  auto plain = raw.Get(("/api/v1/certificates/" + id_).c_str());
  auto gzip = raw.Get(("/api/v1/certificates/" + id_).c_str(), {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(gzip->get_header_value("Content-Encoding"), "gzip");
  EXPECT_LT(gzip->body.size(), plain->body.size());
  EXPECT_NE(gzip->get_header_value("ETag"), plain->get_header_value("ETag"));
  auto decoded =
      client_->Get(("/api/v1/certificates/" + id_).c_str(), {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(decoded->body, plain->body);
}

TEST_F(ApiTest, CorsIsOpenForGetsAndTheVerifyPost) {
  auto get = client_->Get("/api/v1/programmes");
  EXPECT_EQ(get->get_header_value("Access-Control-Allow-Origin"), "*");
  auto preflight = client_->Options("/api/v1/verify");
  ASSERT_TRUE(preflight);
  EXPECT_EQ(preflight->status, 204);
  EXPECT_NE(preflight->get_header_value("Access-Control-Allow-Methods").find("POST"),
            std::string::npos);
  EXPECT_NE(preflight->get_header_value("Access-Control-Allow-Headers").find("Content-Type"),
            std::string::npos);
}

TEST_F(ApiTest, MetricsCountRequestsByRouteAndCertificatesByStatus) {
  GetJson("/api/v1/certificates/" + id_ + "/status");
  GetJson("/api/v1/certificates/CEBW-1999-0001/status", 404);
  auto metrics = client_->Get("/metrics");
  ASSERT_EQ(metrics->status, 200);
  EXPECT_EQ(metrics->get_header_value("Content-Type"), "text/plain; version=0.0.4");
  const std::string& text = metrics->body;
  EXPECT_NE(text.find("siegel_http_requests_total{route=\"certificate_status\",status=\"200\"} 1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("siegel_http_requests_total{route=\"certificate_status\",status=\"404\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("siegel_http_request_duration_seconds_bucket{route=\"certificate_status\",le="
                      "\"+Inf\"} 2"),
            std::string::npos);
  EXPECT_NE(text.find("siegel_certificates{status=\"valid\"} 2"), std::string::npos);
  EXPECT_NE(text.find("siegel_certificates{status=\"suspended\"} 1"), std::string::npos);
}

TEST_F(ApiTest, AccessLogIsJsonLinesWithoutClientAddressesOrQueries) {
  GetJson("/api/v1/certificates?q=secret-search");
  GetJson("/no/such/thing", 404);
  std::istringstream lines(testing::ReadFile(dir_.path() / "access.log"));
  std::string line;
  int count = 0;
  bool saw_404 = false;
  while (std::getline(lines, line)) {
    Json entry = Json::parse(line);
    EXPECT_TRUE(entry.contains("time") && entry.contains("method") && entry.contains("status") &&
                entry.contains("ms") && entry.contains("route"));
    EXPECT_EQ(line.find("secret-search"), std::string::npos);
    EXPECT_EQ(line.find("127.0.0.1"), std::string::npos);
    saw_404 = saw_404 || (entry["status"] == 404 && entry["route"] == "unmatched");
    ++count;
  }
  EXPECT_GE(count, 2);
  EXPECT_TRUE(saw_404);
}

TEST_F(ApiTest, OpenApiDescribesTheServer) {
  Json openapi = GetJson("/api/openapi.json");
  EXPECT_EQ(openapi["openapi"], "3.1.0");
  EXPECT_EQ(openapi["servers"][0]["url"], "http://127.0.0.1:8080");
  for (const char* path :
       {"/api/v1/certificates", "/api/v1/certificates/{id}/status", "/api/v1/verify",
        "/api/v1/verify/batch", "/status/{programme}/{purpose}", "/.well-known/did.json"}) {
    EXPECT_TRUE(openapi["paths"].contains(path)) << path;
  }
}

TEST_F(ApiTest, StatusAnswerNamesReasonTimeAndSuccessor) {
  Json suspended = GetJson("/api/v1/certificates/" + ids_[1] + "/status");
  EXPECT_EQ(suspended["status"], "suspended");
  EXPECT_EQ(suspended["suspensionReason"], "review");
  EXPECT_TRUE(std::regex_match(suspended["suspendedAt"].get<std::string>(),
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
  RenewRequest renewal;
  auto successor = writer_->lifecycle().Renew(id_, renewal, {"test"});
  ASSERT_TRUE(successor.ok()) << successor.message();
  Json renewed = GetJson("/api/v1/certificates/" + id_ + "/status");
  EXPECT_EQ(renewed["supersededBy"], successor->id);
  EXPECT_EQ(GetJson("/api/v1/certificates/" + successor->id + "/status")["supersedes"], id_);
}

}  // namespace
}  // namespace siegel

namespace siegel {
namespace {

TEST_F(ApiTest, PointInTimeAnswersComeFromTheHistory) {
  AddInitiative("history-bw", "History BW", "Regierungsbezirk Tübingen", "Textiles");
  UnixSeconds now = *ParseDateTimeStamp("2026-03-01T10:00:00Z");
  writer_->SetClockForTesting([&now] { return now; });
  IssueRequest request;
  request.initiative_slug = "history-bw";
  auto c = writer_->lifecycle().Issue(request, {"test"});
  ASSERT_TRUE(c.ok()) << c.message();
  now = *ParseDateTimeStamp("2026-06-01T00:00:00Z");
  ASSERT_TRUE(writer_->lifecycle().Suspend(c->id, "assessment under review", {"test"}).ok());
  now = *ParseDateTimeStamp("2026-07-01T00:00:00Z");
  ASSERT_TRUE(writer_->lifecycle().Reinstate(c->id, {"test"}).ok());
  now = *ParseDateTimeStamp("2026-10-01T00:00:00Z");
  ASSERT_TRUE(writer_->lifecycle().Revoke(c->id, "label withdrawn", {"test"}).ok());

  auto at = [&](const std::string& when) {
    return GetJson("/api/v1/certificates/" + c->id + "/status?at=" + when);
  };
  EXPECT_EQ(at("2026-02-01")["status"], "not_yet_issued");
  EXPECT_EQ(at("2026-03-01T09:59:59Z")["status"], "not_yet_issued");
  EXPECT_EQ(at("2026-03-01T10:00:00Z")["status"], "valid") << "from the second it was signed";
  EXPECT_EQ(at("2026-05-01")["status"], "valid");
  Json suspended = at("2026-06-15T12:00:00Z");
  EXPECT_EQ(suspended["status"], "suspended");
  EXPECT_EQ(suspended["suspensionReason"], "assessment under review");
  EXPECT_EQ(suspended["suspendedAt"], "2026-06-01T00:00:00Z");
  EXPECT_FALSE(suspended.contains("revokedAt"));
  EXPECT_EQ(at("2026-08-01")["status"], "valid");
  Json revoked = at("2027-03-15T00:00:00Z");
  EXPECT_EQ(revoked["status"], "revoked");
  EXPECT_EQ(revoked["revokedAt"], "2026-10-01T00:00:00Z");
  EXPECT_EQ(revoked["revocationReason"], "label withdrawn");
  EXPECT_EQ(revoked["history"].size(), 4u);
  EXPECT_EQ(at("2026-06-15")["history"].size(), 2u) << "history is cut at the moment asked about";

  // A certificate whose validity begins before it was signed (a re-certification recorded
  // late) was not valid before the registry issued it, whatever its period says.
  AddInitiative("late-bw", "Late BW", "Regierungsbezirk Tübingen", "Textiles");
  now = *ParseDateTimeStamp("2026-11-20T08:00:00Z");
  IssueRequest late;
  late.initiative_slug = "late-bw";
  late.valid_from = *ParseDateTimeStamp("2026-09-01T00:00:00Z");
  late.valid_until = *ParseDateTimeStamp("2028-09-01T00:00:00Z");
  auto backdated = writer_->lifecycle().Issue(late, {"test"});
  ASSERT_TRUE(backdated.ok()) << backdated.message();
  auto late_at = [&](const std::string& when) {
    return GetJson("/api/v1/certificates/" + backdated->id + "/status?at=" + when)["status"];
  };
  EXPECT_EQ(late_at("2026-08-15"), "not_yet_issued");
  EXPECT_EQ(late_at("2026-10-01"), "not_yet_issued");
  EXPECT_EQ(late_at("2026-11-20T08:00:00Z"), "valid");
  EXPECT_EQ(late_at("2027-01-01"), "valid");
}

}  // namespace
}  // namespace siegel
