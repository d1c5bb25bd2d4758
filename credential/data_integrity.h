// W3C Data Integrity proofs with the eddsa-jcs-2022 cryptosuite (VC-DI-EDDSA §3.3).
#pragma once

#include <string>

#include "base/json_strict.h"
#include "credential/ed25519.h"

namespace siegel {

struct ProofOptions {
  std::string verification_method;  // "did:web:…#key-1"
  std::string created;              // dateTimeStamp; empty leaves it out
  std::string proof_purpose = "assertionMethod";
};

// Returns `unsecured` with a DataIntegrityProof added. The document's @context is copied
// into the proof, as the REC strongly advises. Fails if `unsecured` already has a proof.
Result<Json> AddEddsaJcsProof(const Json& unsecured, const Ed25519PrivateKey& key,
                              const ProofOptions& options);

// The proof's fields a verifier needs before it can pick a key.
struct ProofDescription {
  std::string verification_method;
  std::string proof_purpose;
  std::string created;  // may be empty
};

// Checks the proof's shape (one map, type DataIntegrityProof, cryptosuite eddsa-jcs-2022,
// verificationMethod, proofPurpose, created if present) and describes it.
Result<ProofDescription> DescribeEddsaJcsProof(const Json& secured);

// Verifies the proof over `secured` with `key` (VC-DI-EDDSA §3.3.2). The error says which
// step failed: proof value encoding, @context prefix or the signature itself.
Status VerifyEddsaJcsProof(const Json& secured, const Ed25519PublicKey& key);

// The 64 bytes that are signed: SHA-256(JCS(proof config)) ‖ SHA-256(JCS(document)).
Result<Bytes> EddsaJcsHashData(const Json& proof_config, const Json& unsecured);

// Shared by the EdDSA cryptosuites: SHA-256(canonical config) ‖ SHA-256(canonical document),
// and a proofValue's 64-byte signature (multibase base58btc), or why it is not one.
Bytes EddsaHashData(std::string_view canonical_config, std::string_view canonical_document);
// The proof configuration an EdDSA cryptosuite signs (VC-DI-EDDSA "Proof Configuration"): the
// options and the document's @context; fails for a document that is no object or already has
// a proof.
Result<Json> EddsaProofConfig(const Json& unsecured, const char* cryptosuite,
                              const ProofOptions& options);
// `config` with the proofValue: `hash_data` signed with `key`, multibase base58btc.
Result<Json> SignedEddsaProof(Json config, const Bytes& hash_data, const Ed25519PrivateKey& key);
Result<Bytes> DecodeProofValue(const std::string& proof_value);

}  // namespace siegel
