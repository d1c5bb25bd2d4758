// eddsa-jcs-2022: hash the canonical proof config and document, sign the concatenation.
#include "credential/data_integrity.h"

#include "base/jcs.h"
#include "base/timestamp.h"
#include "credential/sha256.h"

namespace siegel {
namespace {

constexpr char kProofType[] = "DataIntegrityProof";
constexpr char kCryptosuite[] = "eddsa-jcs-2022";

// VC-DI-EDDSA "Proof Configuration": type and cryptosuite fixed, created a valid dateTime.
Status CheckProofConfig(const Json& proof) {
  if (StringMember(proof, "type") != kProofType)
    return Error::InvalidInput("proof type is not DataIntegrityProof");
  if (StringMember(proof, "cryptosuite") != kCryptosuite) {
    return Error::InvalidInput("proof cryptosuite is not eddsa-jcs-2022");
  }
  if (proof.contains("created")) {
    if (!proof["created"].is_string() ||
        !ParseDateTimeStamp(proof["created"].get<std::string>()).ok()) {
      return Error::InvalidInput("proof created is not a valid date-time");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<Bytes> EddsaJcsHashData(const Json& proof_config, const Json& unsecured) {
  auto canonical_config = CanonicalizeJson(proof_config);
  if (!canonical_config.ok()) return canonical_config.error();
  auto canonical_document = CanonicalizeJson(unsecured);
  if (!canonical_document.ok()) return canonical_document.error();
  return EddsaHashData(*canonical_config, *canonical_document);
}

Bytes EddsaHashData(std::string_view canonical_config, std::string_view canonical_document) {
  Bytes hash_data = Sha256(canonical_config);
  Bytes document_hash = Sha256(canonical_document);
  hash_data.insert(hash_data.end(), document_hash.begin(), document_hash.end());
  return hash_data;
}

Result<Bytes> DecodeProofValue(const std::string& proof_value) {
  if (proof_value.empty() || proof_value[0] != 'z') {
    return Error::InvalidInput("proofValue is not multibase base58btc");
  }
  auto signature = MultibaseDecode(proof_value);
  if (!signature.ok() || signature->size() != 64) {
    return Error::InvalidInput("proofValue does not decode to a 64-byte signature");
  }
  return signature;
}

Result<Json> EddsaProofConfig(const Json& unsecured, const char* cryptosuite,
                              const ProofOptions& options) {
  if (!unsecured.is_object()) return Error::InvalidInput("only a JSON object can be signed");
  if (unsecured.contains("proof")) return Error::InvalidInput("the document already has a proof");
  Json config = {{"type", kProofType},
                 {"cryptosuite", cryptosuite},
                 {"verificationMethod", options.verification_method},
                 {"proofPurpose", options.proof_purpose}};
  if (!options.created.empty()) config["created"] = options.created;
  if (unsecured.contains("@context")) config["@context"] = unsecured["@context"];
  return config;
}

Result<Json> SignedEddsaProof(Json config, const Bytes& hash_data, const Ed25519PrivateKey& key) {
  auto signature =
      key.Sign(std::string_view(reinterpret_cast<const char*>(hash_data.data()), hash_data.size()));
  if (!signature.ok()) return signature.error();
  config["proofValue"] = MultibaseBase58Encode(*signature);
  return config;
}

Result<Json> AddEddsaJcsProof(const Json& unsecured, const Ed25519PrivateKey& key,
                              const ProofOptions& options) {
  auto config = EddsaProofConfig(unsecured, kCryptosuite, options);
  if (!config.ok()) return config.error();
  if (Status s = CheckProofConfig(*config); !s.ok()) return s.error();
  auto hash_data = EddsaJcsHashData(*config, unsecured);
  if (!hash_data.ok()) return hash_data.error();
  auto proof = SignedEddsaProof(std::move(config).value(), *hash_data, key);
  if (!proof.ok()) return proof.error();
  Json secured = unsecured;
  secured["proof"] = std::move(proof).value();
  return secured;
}

Result<ProofDescription> DescribeEddsaJcsProof(const Json& secured) {
  if (!secured.is_object()) return Error::InvalidInput("the credential is not a JSON object");
  auto it = secured.find("proof");
  if (it == secured.end()) return Error::InvalidInput("the credential has no proof");
  if (it->is_array()) return Error::InvalidInput("proof sets (several proofs) are not accepted");
  if (!it->is_object()) return Error::InvalidInput("proof is not a JSON object");
  const Json& proof = *it;
  if (Status s = CheckProofConfig(proof); !s.ok()) return s.error();
  ProofDescription description{StringMember(proof, "verificationMethod"),
                               StringMember(proof, "proofPurpose"), StringMember(proof, "created")};
  if (description.verification_method.empty()) {
    return Error::InvalidInput("proof verificationMethod is missing");
  }
  if (description.proof_purpose.empty())
    return Error::InvalidInput("proof proofPurpose is missing");
  if (!proof.contains("proofValue") || !proof["proofValue"].is_string()) {
    return Error::InvalidInput("proof proofValue is missing");
  }
  return description;
}

Status VerifyEddsaJcsProof(const Json& secured, const Ed25519PublicKey& key) {
  auto description = DescribeEddsaJcsProof(secured);
  if (!description.ok()) return description.error();
  const Json& proof = secured["proof"];
  auto signature = DecodeProofValue(proof["proofValue"].get_ref<const std::string&>());
  if (!signature.ok()) return signature.error();
  // Canonical forms without copying: the document minus "proof", the proof minus "proofValue".
  auto canonical_config = CanonicalizeJsonWithout(proof, "proofValue");
  if (!canonical_config.ok()) return canonical_config.error();
  Result<std::string> canonical_document = Error::Internal("not computed");
  auto proof_context = proof.find("@context");
  auto document_context = secured.find("@context");
  if (proof_context == proof.end() ||
      (document_context != secured.end() && *proof_context == *document_context)) {
    canonical_document = CanonicalizeJsonWithout(secured, "proof");
  } else {
    // The holder appended contexts after signing (VC-DI-EDDSA §3.3.2 step 3): the proof's
    // list must be a prefix of the document's, and it is what was signed.
    bool prefix_ok = proof_context->is_array() && document_context != secured.end() &&
                     document_context->is_array() &&
                     proof_context->size() <= document_context->size();
    for (size_t i = 0; prefix_ok && i < proof_context->size(); ++i) {
      prefix_ok = (*proof_context)[i] == (*document_context)[i];
    }
    if (!prefix_ok)
      return Error::InvalidInput(
          "the document's @context does not start with the proof's @context");
    Json unsecured = secured;
    unsecured.erase("proof");
    unsecured["@context"] = *proof_context;
    canonical_document = CanonicalizeJson(unsecured);
  }
  if (!canonical_document.ok()) return canonical_document.error();
  Bytes hash_data = EddsaHashData(*canonical_config, *canonical_document);
  if (!key.Verify(
          std::string_view(reinterpret_cast<const char*>(hash_data.data()), hash_data.size()),
          *signature)) {
    return Error::Refused("the signature does not match the document");
  }
  return Status::Ok();
}

}  // namespace siegel
