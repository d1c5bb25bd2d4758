// What the JSON-LD processor refuses instead of doing: fetching, unbounded work, features it
// does not implement.
#include <gtest/gtest.h>

#include "rdf/jsonld_expand.h"
#include "rdf/jsonld_to_rdf.h"

namespace siegel::rdf {
namespace {

TEST(JsonLdBoundsTest, AContextTheLoaderDoesNotServeIsAnErrorNotAFetch) {
  std::vector<std::string> asked;
  JsonLdOptions options;
  options.base = "https://labels.example.org/certificates/CEBW-2026-0001";
  options.loader = [&](const std::string& url) -> std::optional<Json> {
    asked.push_back(url);
    return std::nullopt;
  };
  auto expanded = ExpandJsonLd(
      Json{{"@context", "https://evil.example/context.jsonld"}, {"name", "x"}}, options);
  ASSERT_FALSE(expanded.ok());
  EXPECT_EQ(expanded.message(),
            "loading remote context failed: https://evil.example/context.jsonld");
  EXPECT_EQ(asked, std::vector<std::string>{"https://evil.example/context.jsonld"});
  // Without a loader nothing is loaded at all.
  options.loader = nullptr;
  EXPECT_FALSE(
      ExpandJsonLd(Json{{"@context", "https://www.w3.org/ns/credentials/v2"}}, options).ok());
}

TEST(JsonLdBoundsTest, ContextsThatLoadEachOtherStopAtTheBound) {
  JsonLdOptions options;
  options.base = "https://example.org/doc";
  int loads = 0;
  options.loader = [&](const std::string& url) -> std::optional<Json> {
    ++loads;
    return Json{{"@context", url + "x"}};  // each context names a new one
  };
  auto expanded = ExpandJsonLd(Json{{"@context", "https://example.org/c"}}, options);
  ASSERT_FALSE(expanded.ok());
  EXPECT_EQ(expanded.message().rfind("context overflow", 0), 0u) << expanded.message();
  EXPECT_EQ(loads, 32);
}

TEST(JsonLdBoundsTest, ADocumentLargerThanTheBoundIsRefused) {
  JsonLdOptions options;
  options.base = "https://example.org/doc";
  options.max_expanded_values = 1000;
  Json many = Json::array();
  for (int i = 0; i < 2000; ++i) many.push_back(i);
  auto expanded =
      ExpandJsonLd(Json{{"@context", {{"@vocab", "https://example.org/"}}}, {"v", many}}, options);
  ASSERT_FALSE(expanded.ok());
  EXPECT_EQ(expanded.message().rfind("unsupported feature", 0), 0u) << expanded.message();
  options.max_expanded_values = 10000;
  EXPECT_TRUE(
      ExpandJsonLd(Json{{"@context", {{"@vocab", "https://example.org/"}}}, {"v", many}}, options)
          .ok());
}

TEST(JsonLdBoundsTest, SafeModeRefusesWhatJsonLdWouldDrop) {
  JsonLdOptions options;
  options.base = "https://example.org/doc";
  Json document = {{"@context", {{"name", "https://schema.org/name"}}},
                   {"name", "microTEC"},
                   {"nameOfSomethingElse", "not defined"}};
  auto dropped = ExpandJsonLd(document, options);
  ASSERT_TRUE(dropped.ok());
  EXPECT_EQ(dropped->dump(), R"([{"https://schema.org/name":[{"@value":"microTEC"}]}])");
  options.safe_mode = true;
  auto refused = ExpandJsonLd(document, options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(
      refused.message(),
      "safe mode: \"nameOfSomethingElse\" is defined by no context, so JSON-LD would drop it");
}

TEST(JsonLdBoundsTest, AnRdfDirectionItDoesNotImplementFails) {
  Json expanded = Json::parse(R"([{"https://example.org/p":
      [{"@value": "x", "@language": "ar", "@direction": "rtl"}]}])");
  ToRdfOptions options;
  options.rdf_direction = "compound-literal";
  auto dataset = JsonLdToRdf(expanded, options);
  ASSERT_FALSE(dataset.ok());
  EXPECT_EQ(dataset.message(), "unsupported feature: rdfDirection compound-literal");
  // By default the direction is dropped, as eddsa-rdfc-2022 has it.
  auto plain = JsonLdToRdf(expanded);
  ASSERT_TRUE(plain.ok()) << plain.message();
  ASSERT_EQ(plain->size(), 1u);
  EXPECT_EQ(ToNQuad((*plain)[0]), "_:b0 <https://example.org/p> \"x\"@ar .\n");
}

}  // namespace
}  // namespace siegel::rdf
