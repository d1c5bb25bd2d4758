// W3C Data Integrity proofs with the eddsa-rdfc-2022 cryptosuite (VC-DI-EDDSA §3.2): the
// document and the proof configuration are each expanded as JSON-LD, converted to RDF and
// canonicalized with RDFC-1.0; the SHA-256 of both canonical N-Quads texts is signed.
// Contexts come only from the caller's ContextSource (PinnedContexts() in production):
// nothing is fetched.
#pragma once

#include <string>

#include "base/json_strict.h"
#include "credential/data_integrity.h"
#include "credential/ed25519.h"
#include "rdf/jsonld_context.h"

namespace siegel {

// Where a document's JSON-LD contexts come from: a loader and, for a loader whose documents
// never change, a cache of their processed form shared by every document.
struct ContextSource {
  rdf::DocumentLoader loader;
  rdf::ProcessedContextCache* cache = nullptr;  // null: processed anew for each document
};

// The pinned contexts (LoadPinnedContext), with one processed-context cache for the process.
const ContextSource& PinnedContexts();

// The canonical N-Quads of a JSON-LD document (expansion, toRdf, RDFC-1.0).
Result<std::string> CanonicalNQuads(const Json& document, const ContextSource& contexts);

// The 64 bytes that are signed: SHA-256(canonical proof config) ‖ SHA-256(canonical document).
Result<Bytes> EddsaRdfcHashData(const Json& proof_config, const Json& unsecured,
                                const ContextSource& contexts);

// A DataIntegrityProof over `unsecured` (which must have no proof; for a proof set, sign the
// document without its other proofs), with the document's @context copied into it.
Result<Json> CreateEddsaRdfcProof(const Json& unsecured, const Ed25519PrivateKey& key,
                                  const ProofOptions& options, const ContextSource& contexts);

// Verifies one eddsa-rdfc-2022 `proof` over `unsecured` (the document without any proof).
// The error says which step failed.
Status VerifyEddsaRdfcProof(const Json& unsecured, const Json& proof, const Ed25519PublicKey& key,
                            const ContextSource& contexts);

}  // namespace siegel
