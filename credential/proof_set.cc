// Proof sets: each proof signs the document without any proof, independently of the others.
#include "credential/proof_set.h"

#include <set>

#include "base/timestamp.h"
#include "credential/contexts.h"
#include "credential/eddsa_rdfc.h"

namespace siegel {
namespace {

Json ProofsOf(const Json& secured) {
  const Json& proof = secured["proof"];
  return proof.is_array() ? proof : Json::array({proof});
}

}  // namespace

std::string ProofSetDescription::Summary() const {
  std::string summary = "DataIntegrityProof, ";
  for (size_t i = 0; i < cryptosuites.size(); ++i) {
    summary += (i == 0 ? "" : " + ") + cryptosuites[i];
  }
  return summary;
}

Result<ProofSetDescription> DescribeProofs(const Json& secured) {
  if (!secured.is_object()) return Error::InvalidInput("the credential is not a JSON object");
  auto it = secured.find("proof");
  if (it == secured.end()) return Error::InvalidInput("the credential has no proof");
  if (it->is_array() && (it->empty() || it->size() > kMaxProofs)) {
    return Error::InvalidInput("a proof set has 1 to " + std::to_string(kMaxProofs) +
                               " proofs; this one has " + std::to_string(it->size()));
  }
  if (!it->is_array() && !it->is_object()) {
    return Error::InvalidInput("proof is not a JSON object");
  }
  const Json proofs = ProofsOf(secured);
  ProofSetDescription description;
  for (size_t i = 0; i < proofs.size(); ++i) {
    const Json& proof = proofs[i];
    std::string which = proofs.size() == 1 ? "proof" : "proof " + std::to_string(i + 1);
    if (!proof.is_object()) return Error::InvalidInput(which + " is not a JSON object");
    if (StringMember(proof, "type") != "DataIntegrityProof") {
      return Error::InvalidInput(which + " type is not DataIntegrityProof");
    }
    std::string suite = StringMember(proof, "cryptosuite");
    if (suite != kEddsaJcs2022 && suite != kEddsaRdfc2022) {
      return Error::InvalidInput(which + " has the cryptosuite \"" + suite +
                                 "\", which this verifier does not implement (it checks "
                                 "eddsa-jcs-2022 and eddsa-rdfc-2022); every proof must verify");
    }
    static const std::set<std::string> kMembers = {
        "@context",           "type",         "cryptosuite",  "created", "expires",
        "verificationMethod", "proofPurpose", "proofValue",   "id",      "domain",
        "challenge",          "nonce",        "previousProof"};
    for (auto member = proof.begin(); member != proof.end(); ++member) {
      if (!kMembers.count(member.key())) {
        return Error::InvalidInput(which + " has the member \"" + member.key() +
                                   "\", which a Data Integrity proof does not define");
      }
    }
    if (proof.contains("previousProof")) {
      return Error::InvalidInput(which +
                                 " is part of a proof chain (previousProof), which "
                                 "this verifier does not accept");
    }
    if (proof.contains("created") &&
        (!proof["created"].is_string() ||
         !ParseDateTimeStamp(proof["created"].get<std::string>()).ok())) {
      return Error::InvalidInput(which + " created is not a valid date-time");
    }
    std::string method = StringMember(proof, "verificationMethod");
    std::string purpose = StringMember(proof, "proofPurpose");
    if (method.empty()) return Error::InvalidInput(which + " verificationMethod is missing");
    if (purpose.empty()) return Error::InvalidInput(which + " proofPurpose is missing");
    if (!proof.contains("proofValue") || !proof["proofValue"].is_string()) {
      return Error::InvalidInput(which + " proofValue is missing");
    }
    if (i == 0) {
      description.verification_method = method;
      description.proof_purpose = purpose;
    } else if (method != description.verification_method || purpose != description.proof_purpose) {
      return Error::InvalidInput(
          "the proofs name different keys or purposes; a proof set here is one key's");
    }
    description.cryptosuites.push_back(suite);
  }
  return description;
}

Status VerifyProofs(const Json& secured, const Ed25519PublicKey& key) {
  auto description = DescribeProofs(secured);
  if (!description.ok()) return description.error();
  const Json proofs = ProofsOf(secured);
  Json unsecured = secured;
  unsecured.erase("proof");
  for (size_t i = 0; i < proofs.size(); ++i) {
    Status verified;
    if (description->cryptosuites[i] == kEddsaJcs2022) {
      Json single = unsecured;
      single["proof"] = proofs[i];
      verified = VerifyEddsaJcsProof(single, key);
    } else {
      verified = VerifyEddsaRdfcProof(unsecured, proofs[i], key, PinnedContexts());
    }
    if (!verified.ok()) {
      if (proofs.size() == 1) return verified;
      return Error::Make(verified.error().code, "proof " + std::to_string(i + 1) + " (" +
                                                    description->cryptosuites[i] +
                                                    "): " + verified.message());
    }
  }
  return Status::Ok();
}

Result<Json> AddProofSet(const Json& unsecured, const Ed25519PrivateKey& key,
                         const ProofOptions& options) {
  auto with_jcs = AddEddsaJcsProof(unsecured, key, options);
  if (!with_jcs.ok()) return with_jcs.error();
  auto rdfc = CreateEddsaRdfcProof(unsecured, key, options, PinnedContexts());
  if (!rdfc.ok()) return rdfc.error();
  Json secured = std::move(with_jcs).value();
  secured["proof"] = Json::array({secured["proof"], *rdfc});
  return secured;
}

}  // namespace siegel
