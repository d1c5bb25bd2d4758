// Bitstring Status List encoding against the vectors: bit order, strictness, limits.
#include "credential/status_list.h"

#include "credential/sha256.h"
#include "tests/test_support.h"

namespace siegel {
namespace {

using testing::ReadDataJson;

TEST(StatusList, DecodesEveryPositiveVector) {
  Json vectors = ReadDataJson("vectors/bitstring-status-list/encodedList-vectors.json");
  ASSERT_GE(vectors["vectors"].size(), 7u);
  for (const Json& v : vectors["vectors"]) {
    StatusListLimits limits;
    limits.min_bits = 0;  // the 100k vectors are below the minimum; tested separately
    auto bits = DecodeStatusList(v["encodedList"].get<std::string>(), limits);
    ASSERT_TRUE(bits.ok()) << v["name"] << ": " << bits.message();
    EXPECT_EQ(bits->size(), v["uncompressedBits"].get<size_t>()) << v["name"];
    EXPECT_EQ(HexEncode(Sha256(bits->bytes())), v["uncompressedSha256"]) << v["name"];
    size_t set_count = 0;
    for (size_t i = 0; i < bits->size(); ++i) set_count += bits->Get(i);
    EXPECT_EQ(set_count, v["setIndexes"].size()) << v["name"];
    for (const Json& index : v["setIndexes"])
      EXPECT_TRUE(bits->Get(index.get<size_t>())) << v["name"];
  }
}

TEST(StatusList, LegacyBitOrderVectorDecodesToIndex50007) {
  Json vectors = ReadDataJson("vectors/bitstring-status-list/encodedList-vectors.json");
  for (const Json& v : vectors["vectors"]) {
    if (v["name"] != "LEGACY-WRONG-BIT-ORDER-example") continue;
    StatusListLimits limits;
    limits.min_bits = 0;
    auto bits = DecodeStatusList(v["encodedList"].get<std::string>(), limits);
    ASSERT_TRUE(bits.ok());
    EXPECT_FALSE(bits->Get(50000));
    EXPECT_TRUE(bits->Get(50007));
    return;
  }
  FAIL() << "legacy vector missing";
}

TEST(StatusList, RefusesListsShorterThanTheMinimum) {
  Json vectors = ReadDataJson("vectors/bitstring-status-list/encodedList-vectors.json");
  int checked = 0;
  for (const Json& v : vectors["vectors"]) {
    if (v["uncompressedBits"] != 100000) continue;
    auto bits = DecodeStatusList(v["encodedList"].get<std::string>());
    ASSERT_FALSE(bits.ok());
    EXPECT_EQ(bits.message(), "the status list has 100000 entries, fewer than the required 131072");
    ++checked;
  }
  EXPECT_GE(checked, 3);
}

TEST(StatusList, RefusesEveryNegativeVector) {
  Json vectors = ReadDataJson("vectors/bitstring-status-list/encodedList-vectors.json");
  ASSERT_EQ(vectors["negativeVectors"].size(), 4u);
  for (const Json& v : vectors["negativeVectors"]) {
    EXPECT_FALSE(DecodeStatusList(v["encodedList"].get<std::string>()).ok()) << v["name"];
  }
}

TEST(StatusList, EncodeDecodeRoundTripKeepsBitOrder) {
  Bitstring bits;
  bits.Set(1, true);
  bits.Set(4, true);
  bits.Set(131071, true);
  EXPECT_EQ(bits.bytes()[0], 0x48);
  auto encoded = EncodeStatusList(bits);
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ(encoded->rfind("uH4sI", 0), 0u);
  auto decoded = DecodeStatusList(*encoded);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->bytes(), bits.bytes());
}

TEST(StatusList, RefusesGzipBombsAndTrailingData) {
  Bitstring big(8 * 1024 * 1024 * 8);  // 8 MiB of zeros compresses to a few KiB
  auto encoded = EncodeStatusList(big);
  ASSERT_TRUE(encoded.ok());
  StatusListLimits limits;
  limits.max_bytes = 1 << 20;
  auto decoded = DecodeStatusList(*encoded, limits);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.message(), "encodedList decompresses to more than 1048576 bytes");

  Bytes compressed = *Base64UrlDecode(EncodeStatusList(Bitstring())->substr(1));
  compressed.push_back(0);
  auto trailing = DecodeStatusList("u" + Base64UrlEncode(compressed));
  ASSERT_FALSE(trailing.ok());
  EXPECT_EQ(trailing.message(), "encodedList has data after the GZIP stream");

  Bytes truncated = *Base64UrlDecode(EncodeStatusList(Bitstring())->substr(1));
  truncated.resize(truncated.size() - 6);
  EXPECT_FALSE(DecodeStatusList("u" + Base64UrlEncode(truncated)).ok());
}

}  // namespace
}  // namespace siegel
