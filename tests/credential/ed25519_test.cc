// Ed25519 against RFC 8032 §7.1 and RFC 8037 (JWK, thumbprint, JWS), plus key files.
#include "credential/ed25519.h"

#include "credential/jws.h"
#include "tests/test_support.h"

namespace siegel {
namespace {

using testing::ReadDataJson;

TEST(Ed25519, Rfc8032Vectors) {
  Json vectors = ReadDataJson("vectors/ed25519/rfc8032-section7.1-ed25519.json");
  ASSERT_EQ(vectors["vectors"].size(), 5u);
  for (const Json& v : vectors["vectors"]) {
    auto key = Ed25519PrivateKey::FromSeed(*HexDecode(v["secretKey"].get<std::string>()));
    ASSERT_TRUE(key.ok());
    EXPECT_EQ(HexEncode(key->public_key().raw()), v["publicKey"]) << v["name"];
    std::string message = ToString(*HexDecode(v["message"].get<std::string>()));
    auto signature = key->Sign(message);
    ASSERT_TRUE(signature.ok());
    EXPECT_EQ(HexEncode(*signature), v["signature"]) << v["name"];
    EXPECT_TRUE(key->public_key().Verify(message, *signature));
    Bytes tampered = *signature;
    tampered[10] ^= 1;
    EXPECT_FALSE(key->public_key().Verify(message, tampered)) << v["name"];
    EXPECT_FALSE(key->public_key().Verify(message + "x", *signature)) << v["name"];
  }
}

TEST(Ed25519, Rfc8037JwkAndThumbprint) {
  Json v = ReadDataJson("vectors/ed25519/rfc8037-jose-okp.json");
  auto key = Ed25519PublicKey::FromJwk(v["publicJwk"]);
  ASSERT_TRUE(key.ok()) << key.message();
  EXPECT_EQ(HexEncode(key->raw()), v["xHex"]);
  EXPECT_EQ(key->Jwk(), v["publicJwk"]);
  EXPECT_EQ(key->JwkThumbprint(), v["thumbprintSha256B64u"]);
  auto refused = Ed25519PublicKey::FromJwk(v["privateJwk"]);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.message(), "the JWK contains a private key (\"d\"); refusing it");
}

TEST(Ed25519, Rfc8037JwsSignature) {
  Json v = ReadDataJson("vectors/ed25519/rfc8037-jose-okp.json");
  auto key = Ed25519PrivateKey::FromSeed(*HexDecode(v["dHex"].get<std::string>()));
  ASSERT_TRUE(key.ok());
  const Json& jws = v["jws"];
  auto signature = key->Sign(jws["signingInput"].get<std::string>());
  ASSERT_TRUE(signature.ok());
  EXPECT_EQ(Base64UrlEncode(*signature), jws["signatureB64u"]);
  std::string compact =
      jws["signingInput"].get<std::string>() + "." + jws["signatureB64u"].get<std::string>();
  auto parsed = ParseCompactJws(compact);
  ASSERT_TRUE(parsed.ok()) << parsed.message();
  EXPECT_EQ(parsed->payload, jws["payloadText"]);
  EXPECT_TRUE(VerifyCompactJws(*parsed, key->public_key()));
}

TEST(Ed25519, MultikeyRoundTripAndPrefixCheck) {
  auto key = Ed25519PrivateKey::Generate();
  ASSERT_TRUE(key.ok());
  std::string multikey = key->public_key().Multikey();
  EXPECT_EQ(multikey.rfind("z6Mk", 0), 0u);
  auto back = Ed25519PublicKey::FromMultikey(multikey);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, key->public_key());
  // The W3C secret key multibase has prefix 0x8026: it must not pass as a public key.
  auto refused = Ed25519PublicKey::FromMultikey("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.message(),
            "publicKeyMultibase is not an Ed25519 key (multicodec 0xed01 + 32 bytes)");
}

TEST(Ed25519, Pkcs8PemRoundTripPlainAndEncrypted) {
  auto key = Ed25519PrivateKey::Generate();
  ASSERT_TRUE(key.ok());
  auto pem = key->ToPkcs8Pem();
  ASSERT_TRUE(pem.ok());
  EXPECT_NE(pem->find("-----BEGIN PRIVATE KEY-----"), std::string::npos);
  auto loaded = Ed25519PrivateKey::FromPkcs8Pem(*pem);
  ASSERT_TRUE(loaded.ok()) << loaded.message();
  EXPECT_EQ(loaded->public_key(), key->public_key());

  auto encrypted = key->ToPkcs8Pem(std::string("correct horse"));
  ASSERT_TRUE(encrypted.ok());
  EXPECT_NE(encrypted->find("ENCRYPTED PRIVATE KEY"), std::string::npos);
  auto wrong = Ed25519PrivateKey::FromPkcs8Pem(*encrypted, std::string("wrong"));
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.message(), "the private key is encrypted and the passphrase is wrong or missing");
  auto right = Ed25519PrivateKey::FromPkcs8Pem(*encrypted, std::string("correct horse"));
  ASSERT_TRUE(right.ok());
  EXPECT_EQ(right->public_key(), key->public_key());
}

TEST(Ed25519, RefusesGarbageKeys) {
  EXPECT_FALSE(Ed25519PrivateKey::FromPkcs8Pem("not a key").ok());
  EXPECT_FALSE(Ed25519PublicKey::FromRaw(Bytes(31)).ok());
  EXPECT_FALSE(Ed25519PublicKey::FromJwk(Json{{"kty", "EC"}, {"crv", "P-256"}, {"x", "AA"}}).ok());
}

TEST(Jws, RefusesAlgNoneAndMalformedTokens) {
  std::string none_header = Base64UrlEncode(std::string(R"({"alg":"none"})"));
  std::string payload = Base64UrlEncode(std::string("{}"));
  auto parsed = ParseCompactJws(none_header + "." + payload + ".");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.message(), "the JWS alg is not EdDSA or Ed25519");
  EXPECT_FALSE(ParseCompactJws("a.b").ok());
  EXPECT_FALSE(ParseCompactJws("a.b.c.d").ok());
  EXPECT_FALSE(ParseCompactJws("!!.b.c").ok());
}

TEST(Jws, RefusesCriticalExtensionsAndKeepsTheExactSigningInput) {
  auto key = Ed25519PrivateKey::Generate();
  auto signed_jws = SignCompactJws(Json{{"alg", "EdDSA"}, {"crit", {"exp"}}}, "{}", *key);
  ASSERT_TRUE(signed_jws.ok());
  EXPECT_EQ(ParseCompactJws(*signed_jws).message(),
            "the JWS names critical extensions we do not support");
  auto plain = SignCompactJws(Json{{"alg", "Ed25519"}}, "payload bytes", *key);
  auto parsed = ParseCompactJws(*plain + "\n");
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(VerifyCompactJws(*parsed, key->public_key()));
  EXPECT_EQ(parsed->signing_input, plain->substr(0, plain->rfind('.')));
  EXPECT_FALSE(VerifyCompactJws(*parsed, Ed25519PrivateKey::Generate()->public_key()));
  EXPECT_EQ(SignCompactJws(Json{{"alg", "none"}}, "{}", *key).message(),
            "the JWS header must name alg EdDSA or Ed25519");
}

// RFC 8032 lets a verifier refuse what no honest signer makes. A second encoding of S (S + L)
// would let anyone turn one signature into another; the identity point as key and R with
// S = 0 passes a naive check for every message.
TEST(Ed25519, RefusesMalleableSignaturesAndSmallOrderKeys) {
  auto key = Ed25519PrivateKey::Generate();
  ASSERT_TRUE(key.ok());
  auto signature = key->Sign("label");
  ASSERT_TRUE(signature.ok());
  ASSERT_TRUE(key->public_key().Verify("label", *signature));
  const uint8_t kOrder[32] = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7,
                              0xa2, 0xde, 0xf9, 0xde, 0x14, 0,    0,    0,    0,    0,    0,
                              0,    0,    0,    0,    0,    0,    0,    0,    0,    0x10};
  Bytes malleated = *signature;
  unsigned carry = 0;
  for (int i = 0; i < 32; ++i) {
    unsigned sum = malleated[32 + i] + kOrder[i] + carry;
    malleated[32 + i] = static_cast<uint8_t>(sum);
    carry = sum >> 8;
  }
  EXPECT_FALSE(key->public_key().Verify("label", malleated));

  Bytes identity(32, 0);
  identity[0] = 1;
  auto weak = Ed25519PublicKey::FromRaw(identity);
  ASSERT_TRUE(weak.ok());
  Bytes forged(64, 0);
  forged[0] = 1;  // R = the identity point, S = 0
  EXPECT_FALSE(weak->Verify("any message at all", forged));
  EXPECT_FALSE(weak->Verify("", forged));
}

}  // namespace
}  // namespace siegel
