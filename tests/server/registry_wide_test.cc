// Registry-wide answers (the home page, the search API) are kept per generation: every one of
// them must still change the moment the registry does, whether by a write from another
// process or by the clock alone (a validity that ends), in HTML and in JSON alike.
#include <thread>

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
  ASSERT_TRUE(writer_->Revoke(id_, "label withdrawn", {"test"}).ok());
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
  auto short_lived = writer_->Issue(request, {"test"});
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
    ASSERT_TRUE(writer_->Suspend(id_, "review", {"test"}).ok());
    auto changed = client_->Get(path, {{"If-None-Match", etag}});
    ASSERT_TRUE(changed);
    EXPECT_EQ(changed->status, 200) << path;
    EXPECT_NE(changed->get_header_value("ETag"), etag) << path;
    ASSERT_TRUE(writer_->Reinstate(id_, {"test"}).ok());
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
