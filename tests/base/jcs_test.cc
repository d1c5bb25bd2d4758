// RFC 8785 conformance: the RFC author's test files, the ES6 number lines, Appendix B and
// the project's edge cases, plus the strict parser's refusals.
#include "base/jcs.h"

#include <cmath>
#include <cstring>

#include "base/encoding.h"
#include "tests/test_support.h"

namespace siegel {
namespace {

using testing::ReadData;
using testing::ReadDataJson;

double DoubleFromHex(const std::string& hex) {
  uint64_t bits = std::stoull(hex, nullptr, 16);
  double value;
  std::memcpy(&value, &bits, sizeof(value));
  return value;
}

class JcsFiles : public ::testing::TestWithParam<std::string> {};

TEST_P(JcsFiles, CanonicalFormMatchesTheReferenceBytes) {
  auto parsed = ParseStrictJson(ReadData("vectors/jcs/input/" + GetParam() + ".json"));
  ASSERT_TRUE(parsed.ok()) << parsed.message();
  auto canonical = CanonicalizeJson(*parsed);
  ASSERT_TRUE(canonical.ok()) << canonical.message();
  EXPECT_EQ(*canonical, ReadData("vectors/jcs/output/" + GetParam() + ".json"));
  std::string hex = ReadData("vectors/jcs/outhex/" + GetParam() + ".txt");
  std::string compact;
  for (char c : hex) {
    if (std::isxdigit(static_cast<unsigned char>(c))) compact += c;
  }
  EXPECT_EQ(HexEncode(ToBytes(*canonical)), compact);
}

INSTANTIATE_TEST_SUITE_P(Rfc8785, JcsFiles,
                         ::testing::Values("arrays", "french", "structures", "unicode", "values",
                                           "weird"));

TEST(Jcs, Es6NumberFileFirstThousandLines) {
  std::istringstream lines(ReadData("vectors/jcs/es6-numbers-first-1000.txt"));
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    size_t comma = line.find(',');
    ASSERT_NE(comma, std::string::npos);
    auto formatted = FormatEs6Number(DoubleFromHex(line.substr(0, comma)));
    ASSERT_TRUE(formatted.ok());
    EXPECT_EQ(*formatted, line.substr(comma + 1)) << line;
    ++count;
  }
  EXPECT_EQ(count, 1000);
}

TEST(Jcs, Rfc8785AppendixBNumbers) {
  Json table = ReadDataJson("vectors/jcs/rfc8785-appendixB-numbers.json");
  ASSERT_FALSE(table["samples"].empty());
  for (const Json& row : table["samples"]) {
    auto formatted = FormatEs6Number(DoubleFromHex(row["ieee754Hex"].get<std::string>()));
    if (row["expected"].is_null()) {
      EXPECT_FALSE(formatted.ok()) << row.dump();
    } else {
      ASSERT_TRUE(formatted.ok()) << row.dump();
      EXPECT_EQ(*formatted, row["expected"]) << row.dump();
    }
  }
}

TEST(Jcs, ProjectEdgeCases) {
  Json cases = ReadDataJson("vectors/jcs/jcs-edge-cases.json");
  for (const Json& c : cases["cases"]) {
    auto parsed = ParseStrictJson(c["input"].get<std::string>());
    ASSERT_TRUE(parsed.ok()) << c["name"] << ": " << parsed.message();
    auto canonical = CanonicalizeJson(*parsed);
    ASSERT_TRUE(canonical.ok()) << c["name"];
    EXPECT_EQ(*canonical, c["output"]) << c["name"];
    EXPECT_EQ(HexEncode(ToBytes(*canonical)), c["outputUtf8Hex"]) << c["name"];
  }
}

TEST(StrictJson, RefusesDuplicateKeys) {
  auto parsed = ParseStrictJson(R"({"a":1,"b":{"c":1,"c":2}})");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.message(), "duplicate object key \"c\"");
}

TEST(StrictJson, RefusesLoneSurrogatesAndBadUtf8) {
  EXPECT_FALSE(ParseStrictJson(R"("\ud800")").ok());
  EXPECT_FALSE(ParseStrictJson("\"\xc3\x28\"").ok());
}

TEST(StrictJson, RefusesTrailingDataDeepNestingAndHugeTexts) {
  EXPECT_FALSE(ParseStrictJson("{} {}").ok());
  EXPECT_FALSE(ParseStrictJson(std::string(100, '[') + std::string(100, ']')).ok());
  StrictJsonLimits small;
  small.max_bytes = 10;
  auto parsed = ParseStrictJson(R"({"abcdefghijk":1})", small);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.message(), "JSON text is larger than 10 bytes");
  EXPECT_FALSE(ParseStrictJson("1e400").ok());
}

TEST(StrictJson, ReportsWhereMalformedJsonBreaks) {
  auto parsed = ParseStrictJson(R"({"a": tru})");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.message().find("malformed JSON at byte"), std::string::npos) << parsed.message();
}

TEST(SplitJsonArray, FindsElementsWithoutParsingThem) {
  auto parts = SplitJsonArray(R"( [ {"a":[1,"]",{"b":"\"}"}]} , "x.y.z",[] ,3 ] )", 10);
  ASSERT_TRUE(parts.ok()) << parts.message();
  ASSERT_EQ(parts->size(), 4u);
  EXPECT_EQ((*parts)[0], R"({"a":[1,"]",{"b":"\"}"}]})");
  EXPECT_EQ((*parts)[1], R"("x.y.z")");
  EXPECT_EQ((*parts)[2], "[]");
  EXPECT_EQ((*parts)[3], "3");
  EXPECT_TRUE(SplitJsonArray("[]", 10)->empty());
  EXPECT_TRUE(SplitJsonArray(" [ ] ", 10)->empty());
}

// Strings are crossed with memchr; a quote counts as closing only after an even run of
// backslashes.
TEST(SplitJsonArray, EndsStringsOnlyAtUnescapedQuotes) {
  auto parts = SplitJsonArray(R"(["a\\",  "b\"],[", "c\\\"d", "\\\\"])", 10);
  ASSERT_TRUE(parts.ok()) << parts.message();
  EXPECT_EQ(*parts,
            (std::vector<std::string_view>{R"("a\\")", R"("b\"],[")", R"("c\\\"d")", R"("\\\\")"}));
  for (const char* bad : {R"(["a\"])", R"(["a\\\"])", R"(["\)"}) {
    EXPECT_EQ(SplitJsonArray(bad, 10).message(), "a string in the array is not terminated") << bad;
  }
}

TEST(SplitJsonArray, RefusesBrokenArrays) {
  for (const char* bad : {"", "{}", "[", "[1,", "[1,]", "[,1]", "[1 2]", "[\"a\" \"b\"]", "[1]x",
                          "[{]", "[}]", "[\"open]"}) {
    EXPECT_FALSE(SplitJsonArray(bad, 10).ok()) << bad;
  }
  EXPECT_EQ(SplitJsonArray("[1,2,3]", 2).message(), "the array has more than 2 elements");
  EXPECT_FALSE(
      SplitJsonArray("[" + std::string(100, '[') + std::string(100, ']') + "]", 10, 64).ok());
}

TEST(Jcs, RefusesNonFiniteNumbersAndInvalidUtf8InBuiltDocuments) {
  EXPECT_FALSE(CanonicalizeJson(Json(std::nan(""))).ok());
  EXPECT_FALSE(CanonicalizeJson(Json(std::string("\xff"))).ok());
}

TEST(Jcs, KeepsUnicodeUnnormalised) {
  auto parsed = ParseStrictJson(R"({"name":"A\u030a"})");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*CanonicalizeJson(*parsed), "{\"name\":\"A\xcc\x8a\"}");
}

}  // namespace
}  // namespace siegel
