// The whole W3C RDFC-1.0 test suite (tests/data/vectors/rdf-canon): every evaluation test gives
// the expected canonical N-Quads byte for byte, every map test the expected blank node map,
// and the negative (poison graph) test must be refused within the work bound, quickly.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "rdf/canonicalize.h"

namespace siegel::rdf {
namespace {

const std::string kSuite = std::string(SIEGEL_TEST_DATA_DIR) + "/vectors/rdf-canon/";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot read " << path;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct SuiteEntry {
  std::string id, type, action, result;
  HashAlgorithm hash = HashAlgorithm::kSha256;
};

std::vector<SuiteEntry> Manifest() {
  auto manifest = nlohmann::json::parse(ReadFile(kSuite + "manifest.jsonld"));
  std::vector<SuiteEntry> entries;
  for (const auto& e : manifest["entries"]) {
    SuiteEntry entry{e["id"], e["type"], e["action"], e.value("result", "")};
    std::string hash = e.value("hashAlgorithm", "SHA256");
    EXPECT_TRUE(hash == "SHA256" || hash == "SHA384") << entry.id << ": " << hash;
    if (hash == "SHA384") entry.hash = HashAlgorithm::kSha384;
    entries.push_back(entry);
  }
  return entries;
}

TEST(RdfCanonSuite, EveryTestInTheManifestPasses) {
  auto entries = Manifest();
  ASSERT_EQ(entries.size(), 86u);  // 64 evaluation, 21 map and 1 negative test
  int eval = 0, map = 0, negative = 0;
  size_t most_steps = 0;
  for (const SuiteEntry& entry : entries) {
    SCOPED_TRACE(entry.id);
    auto dataset = ParseNQuads(ReadFile(kSuite + entry.action));
    ASSERT_TRUE(dataset.ok()) << dataset.message();
    CanonicalizeOptions options;
    options.hash = entry.hash;
    auto start = std::chrono::steady_clock::now();
    auto canonical = Canonicalize(*dataset, options);
    if (entry.type == "rdfc:RDFC10NegativeEvalTest") {
      ++negative;
      ASSERT_FALSE(canonical.ok());
      EXPECT_EQ(canonical.error().code, ErrorCode::kRefused);
      EXPECT_NE(canonical.message().find("poison"), std::string::npos) << canonical.message();
      EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
      continue;
    }
    ASSERT_TRUE(canonical.ok()) << canonical.message();
    most_steps = std::max(most_steps, canonical->steps);
    if (entry.type == "rdfc:RDFC10EvalTest") {
      ++eval;
      EXPECT_EQ(canonical->nquads, ReadFile(kSuite + entry.result));
    } else {
      ASSERT_EQ(entry.type, "rdfc:RDFC10MapTest");
      ++map;
      auto expected = nlohmann::json::parse(ReadFile(kSuite + entry.result));
      EXPECT_EQ(nlohmann::json(canonical->issued), expected);
    }
  }
  EXPECT_EQ(eval, 64);
  EXPECT_EQ(map, 21);
  EXPECT_EQ(negative, 1);
  // The bound leaves every honest test far below it.
  EXPECT_LT(most_steps * 10, CanonicalizeOptions().max_steps) << most_steps;
}

}  // namespace
}  // namespace siegel::rdf
