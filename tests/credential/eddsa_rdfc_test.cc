// eddsa-rdfc-2022 against the W3C vectors (tests/data/vectors/eddsa-rdfc-2022): every
// intermediate byte for byte, the proof value reproduced, and the proof set and chain
// documents verified proof by proof.
#include "credential/eddsa_rdfc.h"

#include "credential/contexts.h"
#include "credential/sha256.h"
#include "tests/test_support.h"

namespace siegel {
namespace {

using testing::ReadData;
using testing::ReadDataJson;

const std::string kDir = "vectors/eddsa-rdfc-2022/";

// The vectors use the W3C examples context besides VC 2.0. Its whole text, as published at
// https://www.w3.org/ns/credentials/examples/v2, is one @vocab; the canonical forms below
// would not match byte for byte with any other.
// The "employ" vectors use the citizenship context (tests/data/vectors/contexts).
std::optional<Json> VectorLoader(const std::string& url) {
  if (url == "https://www.w3.org/ns/credentials/examples/v2") {
    return Json{{"@context", {{"@vocab", "https://www.w3.org/ns/credentials/examples#"}}}};
  }
  if (url == "https://w3id.org/citizenship/v4rc1") {
    return ReadDataJson("vectors/contexts/citizenship-v4rc1.jsonld");
  }
  return LoadPinnedContext(url);
}

Ed25519PrivateKey KeyFrom(const Json& pair) {
  Bytes secret = *MultibaseDecode(pair["privateKeyMultibase"].get<std::string>());
  EXPECT_EQ(HexEncode(Bytes(secret.begin(), secret.begin() + 2)), "8026");
  return *Ed25519PrivateKey::FromSeed(Bytes(secret.begin() + 2, secret.end()));
}

Json Unsecured(Json document) {
  document.erase("proof");
  return document;
}

class EddsaRdfc2022Vectors : public ::testing::TestWithParam<const char*> {};

TEST_P(EddsaRdfc2022Vectors, W3cIntermediatesMatchByteForByte) {
  const std::string d = kDir + GetParam();
  Json unsecured = Unsecured(ReadDataJson(d + "signedDataInt.json"));
  Json proof_config = ReadDataJson(d + "proofConfigDataInt.json");
  auto canonical_document = CanonicalNQuads(unsecured, ContextSource{VectorLoader});
  ASSERT_TRUE(canonical_document.ok()) << canonical_document.message();
  EXPECT_EQ(*canonical_document, ReadData(d + "canonDocDataInt.txt"));
  EXPECT_EQ(HexEncode(Sha256(*canonical_document)), ReadData(d + "docHashDataInt.txt"));
  auto canonical_config = CanonicalNQuads(proof_config, ContextSource{VectorLoader});
  ASSERT_TRUE(canonical_config.ok()) << canonical_config.message();
  EXPECT_EQ(*canonical_config, ReadData(d + "proofCanonDataInt.txt"));
  EXPECT_EQ(HexEncode(Sha256(*canonical_config)), ReadData(d + "proofHashDataInt.txt"));
  auto hash_data = EddsaRdfcHashData(proof_config, unsecured, ContextSource{VectorLoader});
  ASSERT_TRUE(hash_data.ok()) << hash_data.message();
  EXPECT_EQ(HexEncode(*hash_data), ReadData(d + "combinedHashDataInt.txt"));
}

INSTANTIATE_TEST_SUITE_P(AlumniAndEmployment, EddsaRdfc2022Vectors,
                         ::testing::Values("eddsa-rdfc-2022/", "eddsa-rdfc-2022/employ/"));

TEST(EddsaRdfc2022, SigningReproducesTheW3cProofAndItVerifies) {
  const std::string d = kDir + "eddsa-rdfc-2022/";
  Json pair = ReadDataJson(kDir + "keyPair.json");
  Ed25519PrivateKey key = KeyFrom(pair);
  Json signed_document = ReadDataJson(d + "signedDataInt.json");
  Json expected_proof = signed_document["proof"];
  auto proof =
      CreateEddsaRdfcProof(Unsecured(signed_document), key,
                           {expected_proof["verificationMethod"], expected_proof["created"]},
                           ContextSource{VectorLoader});
  ASSERT_TRUE(proof.ok()) << proof.message();
  EXPECT_EQ((*proof)["proofValue"], ReadData(d + "sigBTC58DataInt.txt"));
  EXPECT_EQ(HexEncode(*MultibaseDecode((*proof)["proofValue"].get<std::string>())),
            ReadData(d + "sigHexDataInt.txt"));
  auto public_key = Ed25519PublicKey::FromMultikey(pair["publicKeyMultibase"].get<std::string>());
  ASSERT_TRUE(public_key.ok());
  Status verified = VerifyEddsaRdfcProof(Unsecured(signed_document), expected_proof, *public_key,
                                         ContextSource{VectorLoader});
  EXPECT_TRUE(verified.ok()) << verified.message();
  // The document changed, or only reordered and relabelled: RDF decides.
  Json changed = Unsecured(signed_document);
  changed["credentialSubject"]["alumniOf"] = "Another School";
  EXPECT_EQ(VerifyEddsaRdfcProof(changed, expected_proof, *public_key, ContextSource{VectorLoader})
                .message(),
            "the signature does not match the document");
  Json same_graph = Unsecured(signed_document);
  same_graph["type"] = Json{"AlumniCredential", "VerifiableCredential"};
  EXPECT_TRUE(
      VerifyEddsaRdfcProof(same_graph, expected_proof, *public_key, ContextSource{VectorLoader})
          .ok());
  // The examples context maps every other term too (@vocab), so an added one is signed data.
  Json added_term = Unsecured(signed_document);
  added_term["credentialSubject"]["graduated"] = "2020";
  EXPECT_FALSE(
      VerifyEddsaRdfcProof(added_term, expected_proof, *public_key, ContextSource{VectorLoader})
          .ok());
  // A proof whose cryptosuite is another is not this suite's to verify.
  Json other_suite = expected_proof;
  other_suite["cryptosuite"] = "eddsa-jcs-2022";
  EXPECT_EQ(VerifyEddsaRdfcProof(Unsecured(signed_document), other_suite, *public_key,
                                 ContextSource{VectorLoader})
                .message(),
            "proof cryptosuite is not eddsa-rdfc-2022");
}

TEST(EddsaRdfc2022, EveryProofOfTheW3cProofSetsAndChainsVerifies) {
  const std::string d = kDir + "proof-set-chain/";
  Json pairs = ReadDataJson(d + "multiKeyPairs.json");
  auto key_for = [&](const std::string& method) -> std::optional<Ed25519PublicKey> {
    for (auto it = pairs.begin(); it != pairs.end(); ++it) {
      std::string multikey = it.value()["publicKeyMultibase"];
      if (method.find(multikey) != std::string::npos) {
        return *Ed25519PublicKey::FromMultikey(multikey);
      }
    }
    return std::nullopt;
  };
  int proofs = 0;
  for (const char* file : {"signedProofSet1.json", "signedProofSet2.json", "signedProofChain1.json",
                           "signedProofChain2.json"}) {
    Json document = ReadDataJson(d + file);
    Json all = document["proof"].is_array() ? document["proof"] : Json::array({document["proof"]});
    for (const Json& proof : all) {
      SCOPED_TRACE(std::string(file) + " " + proof.value("id", ""));
      auto key = key_for(proof["verificationMethod"]);
      ASSERT_TRUE(key);
      Json unsecured = Unsecured(document);
      // A proof in a chain signs the document with the proof it names as previousProof.
      if (proof.contains("previousProof")) {
        Json ids = proof["previousProof"].is_array() ? proof["previousProof"]
                                                     : Json::array({proof["previousProof"]});
        Json previous = Json::array();
        for (const Json& other : all) {
          for (const Json& id : ids) {
            if (other.value("id", "") == id) previous.push_back(other);
          }
        }
        ASSERT_EQ(previous.size(), ids.size());
        unsecured["proof"] = previous.size() == 1 ? previous[0] : previous;
      }
      Status verified = VerifyEddsaRdfcProof(unsecured, proof, *key, ContextSource{VectorLoader});
      EXPECT_TRUE(verified.ok()) << verified.message();
      ++proofs;
    }
  }
  EXPECT_EQ(proofs, 10);  // 1 and 2 in the sets, 3 and 4 in the chains
}

TEST(EddsaRdfc2022, OnlyPinnedContextsAreLoaded) {
  Json document = ReadDataJson(kDir + "eddsa-rdfc-2022/signedDataInt.json");
  auto canonical = CanonicalNQuads(Unsecured(document), PinnedContexts());
  ASSERT_FALSE(canonical.ok());
  EXPECT_EQ(canonical.message(),
            "JSON-LD expansion failed: loading remote context failed: "
            "https://www.w3.org/ns/credentials/examples/v2");
}

}  // namespace
}  // namespace siegel
