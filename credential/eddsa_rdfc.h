// W3C Data Integrity proofs with the eddsa-rdfc-2022 cryptosuite (VC-DI-EDDSA §3.2): the
// document and the proof configuration are each expanded as JSON-LD, converted to RDF and
// canonicalized with RDFC-1.0; the SHA-256 of both canonical N-Quads texts is signed.
// Contexts come only from `loader` (LoadPinnedContext in production): nothing is fetched.
#pragma once

#include <string>

#include "base/json_strict.h"
#include "credential/data_integrity.h"
#include "credential/ed25519.h"
#include "rdf/jsonld_context.h"

namespace siegel {

// The canonical N-Quads of a JSON-LD document (expansion, toRdf, RDFC-1.0).
Result<std::string> CanonicalNQuads(const Json& document, const rdf::DocumentLoader& loader);

// The 64 bytes that are signed: SHA-256(canonical proof config) ‖ SHA-256(canonical document).
Result<Bytes> EddsaRdfcHashData(const Json& proof_config, const Json& unsecured,
                                const rdf::DocumentLoader& loader);

// A DataIntegrityProof over `unsecured` (which must have no proof; for a proof set, sign the
// document without its other proofs), with the document's @context copied into it.
Result<Json> CreateEddsaRdfcProof(const Json& unsecured, const Ed25519PrivateKey& key,
                                  const ProofOptions& options, const rdf::DocumentLoader& loader);

// Verifies one eddsa-rdfc-2022 `proof` over `unsecured` (the document without any proof).
// The error says which step failed.
Status VerifyEddsaRdfcProof(const Json& unsecured, const Json& proof, const Ed25519PublicKey& key,
                            const rdf::DocumentLoader& loader);

}  // namespace siegel
