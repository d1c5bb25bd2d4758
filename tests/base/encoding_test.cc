// Base58btc, base64url and multibase against the vectors and the strictness rules.
#include "base/encoding.h"

#include <algorithm>

#include "tests/test_support.h"

namespace siegel {
namespace {

using testing::ReadDataJson;

TEST(Base58Btc, MatchesEveryVector) {
  Json vectors = ReadDataJson("vectors/ed25519/base58btc.json");
  ASSERT_GE(vectors["vectors"].size(), 5u);
  for (const Json& v : vectors["vectors"]) {
    Bytes input = v.contains("hex") ? *HexDecode(v["hex"].get<std::string>())
                                    : ToBytes(v["text"].get<std::string>());
    EXPECT_EQ(Base58BtcEncode(input), v["base58"]) << v.dump();
    auto decoded = Base58BtcDecode(v["base58"].get<std::string>());
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(*decoded, input);
  }
}

TEST(Base58Btc, DecodesMultikeyExamplesToTheirPrefixes) {
  Json vectors = ReadDataJson("vectors/ed25519/base58btc.json");
  for (const Json& example : vectors["multikeyExamples"]) {
    std::string text = example.contains("publicKeyMultibase")
                           ? example["publicKeyMultibase"].get<std::string>()
                           : example["secretKeyMultibase"].get<std::string>();
    auto decoded = MultibaseDecode(text);
    ASSERT_TRUE(decoded.ok()) << text;
    EXPECT_EQ(HexEncode(*decoded), example["decodedHex"]);
  }
}

TEST(Base58Btc, RefusesCharactersOutsideTheAlphabet) {
  for (const char* bad : {"0", "O", "I", "l", "abc+"}) {
    auto decoded = Base58BtcDecode(bad);
    ASSERT_FALSE(decoded.ok()) << bad;
    EXPECT_EQ(decoded.message(), "base58btc text contains a character outside the alphabet");
  }
}

// Every length from 0 to 80 bytes, with 0 to 3 leading zero bytes (each becomes a '1') and
// bytes of every size, so that the decoder's five-digit chunks and 32-bit limbs meet every
// boundary.
TEST(Base58Btc, RoundTripsEveryLengthWithLeadingZeros) {
  uint32_t state = 12345;
  for (int zeros = 0; zeros <= 3; ++zeros) {
    for (int length = 0; length <= 80; ++length) {
      Bytes data(static_cast<size_t>(zeros), 0);
      for (int i = 0; i < length; ++i) {
        state = state * 1103515245 + 12345;
        data.push_back(static_cast<uint8_t>(i % 7 == 3 ? 0 : state >> 24));
      }
      std::string text = Base58BtcEncode(data);
      size_t zero_bytes = 0;
      while (zero_bytes < data.size() && data[zero_bytes] == 0) ++zero_bytes;
      EXPECT_EQ(std::min(text.find_first_not_of('1'), text.size()), zero_bytes) << HexEncode(data);
      auto decoded = Base58BtcDecode(text);
      ASSERT_TRUE(decoded.ok()) << text;
      EXPECT_EQ(*decoded, data) << text;
    }
  }
  EXPECT_EQ(Base58BtcDecode("").value(), Bytes());
  EXPECT_EQ(Base58BtcDecode("111").value(), Bytes(3, 0));
  EXPECT_EQ(HexEncode(Base58BtcDecode("1z").value()), "0039");
}

TEST(Base64Url, RoundTripsEveryLength) {
  Bytes data;
  for (int i = 0; i < 40; ++i) {
    auto decoded = Base64UrlDecode(Base64UrlEncode(data));
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(*decoded, data);
    data.push_back(static_cast<uint8_t>(i * 37 + 250));
  }
}

TEST(Base64Url, IsStrict) {
  EXPECT_EQ(Base64UrlEncode(ToBytes("\xfb\xff")), "-_8");
  EXPECT_FALSE(Base64UrlDecode("ab+c").ok());
  EXPECT_FALSE(Base64UrlDecode("abc=").ok());
  EXPECT_FALSE(Base64UrlDecode("a").ok());
  EXPECT_FALSE(Base64UrlDecode("AB").ok());  // non-zero trailing bits: "AA" is canonical
  EXPECT_TRUE(Base64UrlDecode("AA").ok());
  EXPECT_EQ(Base64UrlDecode("AAB").message(), "base64url text has non-zero trailing bits");
  EXPECT_EQ(HexEncode(Base64UrlDecode("AAE").value()), "0001");
  EXPECT_EQ(Base64UrlDecode("AAAAA").message(), "base64url text has an impossible length");
  for (const char* bad : {"AAAA+AAA", "AAAAAA*", "A+", "AAA\n"}) {
    EXPECT_EQ(Base64UrlDecode(bad).message(), "base64url text contains an invalid character")
        << bad;
  }
}

TEST(Base64, UsesPaddingAndTheStandardAlphabet) {
  EXPECT_EQ(Base64Encode(ToBytes("hello")), "aGVsbG8=");
  EXPECT_EQ(ToString(*Base64Decode("aGVsbG8=")), "hello");
  EXPECT_FALSE(Base64Decode("aGVsbG8").ok());
}

TEST(Multibase, RefusesUnknownPrefixes) {
  auto decoded = MultibaseDecode("mAQI");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.message(), "multibase prefix 'm' is not supported (expected 'z' or 'u')");
}

TEST(Hex, RoundTripsAndRefusesGarbage) {
  EXPECT_EQ(HexEncode(*HexDecode("00ff10AB")), "00ff10ab");
  EXPECT_FALSE(HexDecode("0g").ok());
  EXPECT_FALSE(HexDecode("abc").ok());
}

// Each case typed out from RFC 3629's table: what is well-formed and what is not.
TEST(Utf8Test, WellFormedTextPassesAndEveryMalformedKindIsRefused) {
  for (const char* good :
       {"", "plain ASCII", "Baden-W\xc3\xbcrttemberg", "\xe2\x82\xac 100", "\xf0\x9f\x8f\x86 award",
        "\xed\x9f\xbf", "\xee\x80\x80", "\xf4\x8f\xbf\xbf"}) {
    EXPECT_TRUE(IsValidUtf8(good)) << good;
  }
  for (const char* bad : {
           "\x80",                  // a continuation byte alone
           "\xc3",                  // a two-byte sequence cut short
           "\xe2\x82",              // a three-byte sequence cut short
           "\xc3\x28",              // a lead byte followed by no continuation
           "\xc0\xaf",              // "/" overlong in two bytes
           "\xe0\x80\xaf",          // "/" overlong in three bytes
           "\xf0\x80\x80\xaf",      // "/" overlong in four bytes
           "\xed\xa0\x80",          // U+D800, a surrogate
           "\xed\xbf\xbf",          // U+DFFF, a surrogate
           "\xf4\x90\x80\x80",      // U+110000, past the last code point
           "\xf8\x88\x80\x80\x80",  // a five-byte form
           "\xff",                  // never in UTF-8
       }) {
    EXPECT_FALSE(IsValidUtf8(bad)) << ::testing::PrintToString(std::string(bad));
  }
  EXPECT_FALSE(IsValidUtf8(std::string("ok\0ok\xc3", 6)));
  EXPECT_TRUE(IsValidUtf8(std::string("nul\0inside", 11)));
}

}  // namespace
}  // namespace siegel
