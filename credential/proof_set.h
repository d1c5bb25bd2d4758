// The Data Integrity proofs on a document, one or a proof set (VC Data Integrity §2.1.2):
// Siegel signs each credential and status list with eddsa-jcs-2022 and eddsa-rdfc-2022 by
// the same key. Every proof must verify; a proof this verifier cannot check (another
// cryptosuite, a proof chain) is reported by name, never skipped.
#pragma once

#include <string>
#include <vector>

#include "base/json_strict.h"
#include "credential/data_integrity.h"
#include "credential/ed25519.h"

namespace siegel {

inline constexpr char kEddsaJcs2022[] = "eddsa-jcs-2022";
inline constexpr char kEddsaRdfc2022[] = "eddsa-rdfc-2022";
inline constexpr size_t kMaxProofs = 4;

struct ProofSetDescription {
  std::string verification_method;  // the one key every proof names
  std::string proof_purpose;        // the one purpose every proof names
  std::vector<std::string> cryptosuites;
  // "DataIntegrityProof, eddsa-jcs-2022 + eddsa-rdfc-2022"
  std::string Summary() const;
};

// Checks the shape of every proof (at most kMaxProofs; each a DataIntegrityProof with a
// cryptosuite this verifier implements, verificationMethod, proofPurpose, proofValue, a valid
// created; no previousProof) and that all name one key and one purpose.
Result<ProofSetDescription> DescribeProofs(const Json& secured);

// Verifies every proof over the document without its proofs, with `key`.
Status VerifyProofs(const Json& secured, const Ed25519PublicKey& key);

// `unsecured` with a proof set: eddsa-jcs-2022 and eddsa-rdfc-2022, both by `key`.
Result<Json> AddProofSet(const Json& unsecured, const Ed25519PrivateKey& key,
                         const ProofOptions& options);

}  // namespace siegel
