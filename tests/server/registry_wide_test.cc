// Registry-wide answers (the home page, the search API) are kept per generation: every one of
// them must still change the moment the registry does, whether by a write from another
// process or by the clock alone (a validity that ends), in HTML and in JSON alike.
#include <thread>

#include "tests/process_support.h"
#include "tests/server/raw_connection.h"
#include "tests/server/server_fixture.h"

namespace siegel {
namespace {

class RegistryWideTest : public testing::ServerFixture {
 protected:
  // The ids in one answer of the search API.
  std::vector<std::string> SearchIds(const std::string& query) {
    Json page = GetJson("/api/v1/certificates?" + query);
    std::vector<std::string> ids;
    for (const Json& item : page["items"]) ids.push_back(item["id"]);
    EXPECT_EQ(page["total"], ids.size()) << query;
    return ids;
  }

  // Whether the home page for `query` lists `id`.
  bool HomeLists(const std::string& query, const std::string& id) {
    auto res = client_->Get(("/?lang=en&" + query).c_str());
    EXPECT_TRUE(res && res->status == 200) << query;
    return res && res->body.find(">" + id + "<") != std::string::npos;
  }

  using Ids = std::vector<std::string>;
};

TEST_F(RegistryWideTest, AWriteByAnotherProcessShowsInTheNextAnswer) {
  // Asked twice first, so that the answer is kept.
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(SearchIds("status=valid"), Ids{id_});
    EXPECT_TRUE(HomeLists("status=valid", id_));
    EXPECT_FALSE(HomeLists("status=revoked", id_));
  }
  ASSERT_TRUE(writer_->lifecycle().Revoke(id_, "label withdrawn", {"test"}).ok());
  EXPECT_EQ(SearchIds("status=valid"), Ids{});
  EXPECT_EQ(SearchIds("status=revoked"), Ids{id_});
  EXPECT_FALSE(HomeLists("status=valid", id_));
  EXPECT_TRUE(HomeLists("status=revoked", id_));
}

TEST_F(RegistryWideTest, AValidityThatEndsShowsWithoutAnyWrite) {
  AddInitiative("kurz", "Kurzzeit-Cluster", "Regierungsbezirk Tübingen", "Photonics");
  IssueRequest request;
  request.initiative_slug = "kurz";
  UnixSeconds now = writer_->Now();
  request.valid_from = now - 86400;
  request.valid_until = now + 3;
  auto short_lived = writer_->lifecycle().Issue(request, {"test"});
  ASSERT_TRUE(short_lived.ok()) << short_lived.message();
  const std::string id = short_lived->id;
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(SearchIds("q=kurzzeit&status=valid"), Ids{id});
    EXPECT_EQ(SearchIds("status=expired"), Ids{});
    EXPECT_TRUE(HomeLists("status=valid", id));
    EXPECT_FALSE(HomeLists("status=expired", id));
  }
  while (writer_->Now() < now + 3) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(SearchIds("q=kurzzeit&status=valid"), Ids{});
  EXPECT_EQ(SearchIds("status=expired"), Ids{id});
  EXPECT_FALSE(HomeLists("status=valid", id));
  EXPECT_TRUE(HomeLists("status=expired", id));
}

TEST_F(RegistryWideTest, AKeptAnswerIsRevalidatedByItsETag) {
  for (const char* path : {"/?lang=de", "/api/v1/certificates?q=micro"}) {
    auto first = client_->Get(path);
    ASSERT_TRUE(first && first->status == 200) << path;
    std::string etag = first->get_header_value("ETag");
    ASSERT_FALSE(etag.empty()) << path;
    auto again = client_->Get(path, {{"If-None-Match", etag}});
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 304) << path;
    ASSERT_TRUE(writer_->lifecycle().Suspend(id_, "review", {"test"}).ok());
    auto changed = client_->Get(path, {{"If-None-Match", etag}});
    ASSERT_TRUE(changed);
    EXPECT_EQ(changed->status, 200) << path;
    EXPECT_NE(changed->get_header_value("ETag"), etag) << path;
    ASSERT_TRUE(writer_->lifecycle().Reinstate(id_, {"test"}).ok());
  }
}

TEST_F(RegistryWideTest, EachLanguageAndPageIsItsOwnAnswer) {
  auto german = client_->Get("/?lang=de");
  auto english = client_->Get("/?lang=en");
  ASSERT_TRUE(german && english);
  EXPECT_EQ(german->get_header_value("Content-Language"), "de");
  EXPECT_EQ(english->get_header_value("Content-Language"), "en");
  EXPECT_NE(german->body, english->body);
  auto by_header = client_->Get("/", {{"Accept-Language", "en"}});
  ASSERT_TRUE(by_header);
  EXPECT_EQ(by_header->body, english->body);
  EXPECT_EQ(SearchIds("page=1&per_page=1"), Ids{id_});
  Json second = GetJson("/api/v1/certificates?page=2&per_page=1");
  EXPECT_EQ(second["items"].size(), 0u);
  EXPECT_EQ(second["total"], 1);
}

}  // namespace
}  // namespace siegel

namespace siegel {
namespace {

// The exports are written to a file once per generation and sent from it: over plain HTTP and
// TLS alike, whole, compressed or not, followed on the same connection by the next answer.
class ExportTest : public testing::ServerFixture, public ::testing::WithParamInterface<bool> {
 protected:
  void Configure(http::ServerConfig& config) override {
    if (!GetParam()) return;
    std::filesystem::path certs = dir_.path() / "certs";
    auto made = testing::RunProcess(
        {"/bin/bash", std::string(SIEGEL_SOURCE_DIR) + "/certs/make-dev-cert", certs.string()});
    ASSERT_EQ(made.exit_code, 0) << made.err;
    config.tls_cert_file = (certs / "dev-cert.pem").string();
    config.tls_key_file = (certs / "dev-key.pem").string();
  }

  void SetUp() override {
    ServerFixture::SetUp();
    // Enough rows that the export is several of the pieces it is sent in (256 KiB).
    for (int i = 0; i < 700; ++i) {
      std::string slug = "cluster-" + std::to_string(i);
      AddInitiative(slug, "Cluster Nummer " + std::to_string(i) + " " + std::string(260, 'x'),
                    "Regierungsbezirk Stuttgart", "Photonics");
      IssueRequest request;
      request.initiative_slug = slug;
      auto issued = writer_->lifecycle().Issue(request, {"test"});
      ASSERT_TRUE(issued.ok()) << issued.message();
      ids_.push_back(issued->id);
    }
  }

  std::string StatusIn(const Json& exported, const std::string& id) {
    for (const Json& row : exported["certificates"]) {
      if (row["id"] == id) return row["status"];
    }
    return "missing";
  }

  std::vector<std::string> ids_;
};

TEST_P(ExportTest, IsWholeInEveryFormAndFollowsTheRegistry) {
  auto plain = client_->Get("/export.json");
  ASSERT_TRUE(plain && plain->status == 200);
  ASSERT_GT(plain->body.size(), 256u * 1024u);  // more than one piece
  EXPECT_EQ(plain->get_header_value("Content-Length"), std::to_string(plain->body.size()));
  Json exported = Json::parse(plain->body);
  ASSERT_EQ(exported["certificates"].size(), 701u);
  EXPECT_EQ(exported["certificates"][0]["id"], id_);  // issue order
  EXPECT_EQ(exported["certificates"][700]["id"], ids_.back());
  EXPECT_EQ(StatusIn(exported, ids_[7]), "valid");

  // Compressed: other bytes, the same document.
  httplib::Headers gzip = {{"Accept-Encoding", "gzip"}};
  client_->set_decompress(false);
  auto compressed = client_->Get("/export.json", gzip);
  ASSERT_TRUE(compressed && compressed->status == 200);
  EXPECT_EQ(compressed->get_header_value("Content-Encoding"), "gzip");
  EXPECT_LT(compressed->body.size(), plain->body.size() / 4);
  EXPECT_NE(compressed->get_header_value("ETag"), plain->get_header_value("ETag"));
  client_->set_decompress(true);
  auto decompressed = client_->Get("/export.json", gzip);
  ASSERT_TRUE(decompressed);
  EXPECT_EQ(decompressed->body, plain->body);

  // HEAD: the length, no body. A range is ignored: the whole export, 200.
  auto head = client_->Head("/export.json");
  ASSERT_TRUE(head && head->status == 200);
  EXPECT_EQ(head->get_header_value("Content-Length"), std::to_string(plain->body.size()));
  auto ranged = client_->Get("/export.json", {{"Range", "bytes=0-99"}});
  ASSERT_TRUE(ranged);
  EXPECT_EQ(ranged->status, 200);
  EXPECT_EQ(ranged->body, plain->body);
  auto again = client_->Get("/export.json", {{"If-None-Match", plain->get_header_value("ETag")}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);

  // A revocation by another process: the next export says so.
  ASSERT_TRUE(writer_->lifecycle().Revoke(ids_[7], "withdrawn", {"test"}).ok());
  auto after = client_->Get("/export.json");
  ASSERT_TRUE(after && after->status == 200);
  EXPECT_EQ(StatusIn(Json::parse(after->body), ids_[7]), "revoked");
  EXPECT_NE(after->get_header_value("ETag"), plain->get_header_value("ETag"));
  auto csv = client_->Get("/export.csv");
  ASSERT_TRUE(csv && csv->status == 200);
  EXPECT_NE(csv->body.find(ids_[7] + ",revoked,ce-bw"), std::string::npos);
  EXPECT_EQ(csv->get_header_value("Content-Disposition"),
            "attachment; filename=\"siegel-registry.csv\"");
}

TEST_P(ExportTest, TheNextAnswerOnTheConnectionFollowsTheWholeExport) {
  auto plain = client_->Get("/export.csv");
  ASSERT_TRUE(plain && plain->status == 200);
  testing::RawConnection connection(port_, 0, GetParam());
  connection.Send(
      "GET /export.csv HTTP/1.1\r\nHost: t\r\n\r\n"
      "GET /api/v1/certificates/" +
      id_ +
      "/status HTTP/1.1\r\nHost: t\r\n\r\n"
      "GET /export.csv HTTP/1.1\r\nHost: t\r\n\r\n");
  auto body = [](const std::string& answer) {
    size_t end = answer.find("\r\n\r\n");
    return end == std::string::npos ? std::string("(no head)") : answer.substr(end + 4);
  };
  EXPECT_EQ(body(connection.ReadAnswer()), plain->body);
  std::string status = connection.ReadAnswer();
  EXPECT_EQ(status.rfind("HTTP/1.1 200", 0), 0u) << status.substr(0, 200);
  EXPECT_EQ(Json::parse(body(status))["status"], "valid");
  EXPECT_EQ(body(connection.ReadAnswer()), plain->body);
}

INSTANTIATE_TEST_SUITE_P(PlainAndTls, ExportTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Tls" : "Plain";
                         });

}  // namespace
}  // namespace siegel
