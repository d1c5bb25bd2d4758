// eddsa-jcs-2022 against the W3C vectors and the project's end-to-end sample.
#include "credential/data_integrity.h"

#include "base/jcs.h"
#include "credential/sha256.h"
#include "tests/test_support.h"

namespace siegel {
namespace {

using testing::ReadData;
using testing::ReadDataJson;

Ed25519PrivateKey W3cTestKey() {
  Json pair = ReadDataJson("vectors/eddsa-jcs-2022/keyPair.json");
  Bytes secret = *MultibaseDecode(pair["privateKeyMultibase"].get<std::string>());
  EXPECT_EQ(HexEncode(Bytes(secret.begin(), secret.begin() + 2)), "8026");
  return *Ed25519PrivateKey::FromSeed(Bytes(secret.begin() + 2, secret.end()));
}

TEST(EddsaJcs2022, W3cIntermediatesMatch) {
  Json unsigned_doc = ReadDataJson("vectors/eddsa-jcs-2022/unsigned.json");
  Json proof_config = ReadDataJson("vectors/eddsa-jcs-2022/proofConfigJCS.json");
  EXPECT_EQ(*CanonicalizeJson(unsigned_doc), ReadData("vectors/eddsa-jcs-2022/canonDocJCS.txt"));
  EXPECT_EQ(*CanonicalizeJson(proof_config), ReadData("vectors/eddsa-jcs-2022/proofCanonJCS.txt"));
  EXPECT_EQ(HexEncode(Sha256(*CanonicalizeJson(unsigned_doc))),
            ReadData("vectors/eddsa-jcs-2022/docHashJCS.txt"));
  auto hash_data = EddsaJcsHashData(proof_config, unsigned_doc);
  ASSERT_TRUE(hash_data.ok());
  EXPECT_EQ(HexEncode(*hash_data), ReadData("vectors/eddsa-jcs-2022/combinedHashJCS.txt"));
}

TEST(EddsaJcs2022, SigningReproducesTheW3cProof) {
  Ed25519PrivateKey key = W3cTestKey();
  Json pair = ReadDataJson("vectors/eddsa-jcs-2022/keyPair.json");
  EXPECT_EQ(key.public_key().Multikey(), pair["publicKeyMultibase"]);
  Json proof_config = ReadDataJson("vectors/eddsa-jcs-2022/proofConfigJCS.json");
  auto signed_doc = AddEddsaJcsProof(ReadDataJson("vectors/eddsa-jcs-2022/unsigned.json"), key,
                                     {proof_config["verificationMethod"], proof_config["created"]});
  ASSERT_TRUE(signed_doc.ok()) << signed_doc.message();
  EXPECT_EQ((*signed_doc)["proof"]["proofValue"],
            ReadData("vectors/eddsa-jcs-2022/sigBTC58JCS.txt"));
  EXPECT_EQ(*signed_doc, ReadDataJson("vectors/eddsa-jcs-2022/signedJCS.json"));
}

TEST(EddsaJcs2022, VerifiesTheW3cSignedDocumentAndRejectsTampering) {
  Ed25519PublicKey key = W3cTestKey().public_key();
  Json signed_doc = ReadDataJson("vectors/eddsa-jcs-2022/signedJCS.json");
  EXPECT_TRUE(VerifyEddsaJcsProof(signed_doc, key).ok());

  Json tampered = signed_doc;
  tampered["credentialSubject"]["alumniOf"] = "The School of Forgery";
  Status s = VerifyEddsaJcsProof(tampered, key);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "the signature does not match the document");

  Json no_proof_context = signed_doc;
  no_proof_context["proof"].erase("@context");
  EXPECT_FALSE(VerifyEddsaJcsProof(no_proof_context, key).ok());

  Json other_context = signed_doc;
  other_context["@context"][1] = "https://example.org/evil";
  EXPECT_EQ(VerifyEddsaJcsProof(other_context, key).message(),
            "the document's @context does not start with the proof's @context");

  // A holder may append a context after signing: the signature still verifies (§2.3 step 3).
  Json appended = signed_doc;
  appended["@context"].push_back("https://example.org/extra");
  EXPECT_TRUE(VerifyEddsaJcsProof(appended, key).ok());
}

TEST(EddsaJcs2022, SwappedHashOrderDoesNotVerify) {
  Ed25519PrivateKey key = W3cTestKey();
  Json unsigned_doc = ReadDataJson("vectors/eddsa-jcs-2022/unsigned.json");
  Json proof_config = ReadDataJson("vectors/eddsa-jcs-2022/proofConfigJCS.json");
  Bytes swapped = Sha256(*CanonicalizeJson(unsigned_doc));
  Bytes proof_hash = Sha256(*CanonicalizeJson(proof_config));
  swapped.insert(swapped.end(), proof_hash.begin(), proof_hash.end());
  Bytes signature = *Base58BtcDecode(ReadData("vectors/eddsa-jcs-2022/sigBTC58JCS.txt").substr(1));
  EXPECT_FALSE(key.public_key().Verify(ToString(swapped), signature));
}

TEST(EddsaJcs2022, EndToEndSampleCredentialAndStatusList) {
  Json sample = ReadDataJson("vectors/samples/label-certificate-end-to-end.json");
  auto key = Ed25519PrivateKey::FromSeed(
      *HexDecode(sample["keyPair"]["secretKeySeedHex"].get<std::string>()));
  ASSERT_TRUE(key.ok());
  for (const char* part : {"labelCredential", "statusListCredential"}) {
    const Json& section = sample[part];
    auto signed_doc = AddEddsaJcsProof(
        section["unsigned"], *key,
        {sample["proofOptions"]["verificationMethod"], sample["proofOptions"]["created"]});
    ASSERT_TRUE(signed_doc.ok());
    EXPECT_EQ(*signed_doc, section["signed"]) << part;
    EXPECT_EQ(*CanonicalizeJson(section["unsigned"]), section["canonicalDocument"]) << part;
    Json proof_config = (*signed_doc)["proof"];
    proof_config.erase("proofValue");
    EXPECT_EQ(*CanonicalizeJson(proof_config), section["canonicalProofConfig"]) << part;
    EXPECT_EQ(HexEncode(*EddsaJcsHashData(proof_config, section["unsigned"])),
              section["hashDataHex"])
        << part;
    EXPECT_TRUE(VerifyEddsaJcsProof(section["signed"], key->public_key()).ok()) << part;
  }
  Json tampered = sample["labelCredential"]["signed"];
  tampered["validUntil"] = "2037-03-01T00:00:00Z";
  EXPECT_FALSE(VerifyEddsaJcsProof(tampered, key->public_key()).ok());
}

TEST(EddsaJcs2022, ProofShapeErrorsNameTheField) {
  Json doc = ReadDataJson("vectors/eddsa-jcs-2022/signedJCS.json");
  Json array_proof = doc;
  array_proof["proof"] = Json::array({doc["proof"]});
  EXPECT_EQ(DescribeEddsaJcsProof(array_proof).message(),
            "proof sets (several proofs) are not accepted");
  Json rdfc = doc;
  rdfc["proof"]["cryptosuite"] = "eddsa-rdfc-2022";
  EXPECT_EQ(DescribeEddsaJcsProof(rdfc).message(), "proof cryptosuite is not eddsa-jcs-2022");
  Json bad_value = doc;
  bad_value["proof"]["proofValue"] = "uAAAA";
  EXPECT_EQ(VerifyEddsaJcsProof(bad_value, W3cTestKey().public_key()).message(),
            "proofValue is not multibase base58btc");
}

}  // namespace
}  // namespace siegel
