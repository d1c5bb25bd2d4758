// eddsa-rdfc-2022: transformation (RDFC-1.0 of the expanded document), hashing, proof
// configuration and serialization as VC-DI-EDDSA §3.2.3 to §3.2.7 describe them.
#include "credential/eddsa_rdfc.h"

#include <optional>

#include "base/encoding.h"
#include "base/timestamp.h"
#include "credential/contexts.h"
#include "credential/sha256.h"
#include "rdf/canonicalize.h"
#include "rdf/jsonld_direct_rdf.h"

namespace siegel {
namespace {

constexpr char kCryptosuite[] = "eddsa-rdfc-2022";

Status CheckProofConfig(const Json& proof) {
  if (StringMember(proof, "type") != "DataIntegrityProof") {
    return Error::InvalidInput("proof type is not DataIntegrityProof");
  }
  if (StringMember(proof, "cryptosuite") != kCryptosuite) {
    return Error::InvalidInput("proof cryptosuite is not eddsa-rdfc-2022");
  }
  if (proof.contains("created") &&
      (!proof["created"].is_string() ||
       !ParseDateTimeStamp(proof["created"].get<std::string>()).ok())) {
    return Error::InvalidInput("proof created is not a valid date-time");
  }
  if (StringMember(proof, "verificationMethod").empty()) {
    return Error::InvalidInput("proof verificationMethod is missing");
  }
  if (StringMember(proof, "proofPurpose").empty()) {
    return Error::InvalidInput("proof proofPurpose is missing");
  }
  return Status::Ok();
}

}  // namespace

const ContextSource& PinnedContexts() {
  // The pinned contexts never change, so their processed form is kept for every document.
  static rdf::ProcessedContextCache cache;
  static const ContextSource kPinned{LoadPinnedContext, &cache};
  return kPinned;
}

Result<std::string> CanonicalNQuads(const Json& document, const ContextSource& contexts) {
  rdf::JsonLdOptions options;
  options.loader = contexts.loader;
  options.context_cache = contexts.cache;
  options.safe_mode = true;  // what JSON-LD would drop would be unsigned
  auto dataset = rdf::DocumentToRdf(document, options);
  if (!dataset.ok()) return dataset.error();
  auto canonical = rdf::Canonicalize(*dataset);
  if (!canonical.ok()) return canonical.error();
  return canonical->nquads;
}

Result<Bytes> EddsaRdfcHashData(const Json& proof_config, const Json& unsecured,
                                const ContextSource& contexts) {
  auto canonical_config = CanonicalNQuads(proof_config, contexts);
  if (!canonical_config.ok()) return canonical_config.error();
  auto canonical_document = CanonicalNQuads(unsecured, contexts);
  if (!canonical_document.ok()) return canonical_document.error();
  return EddsaHashData(*canonical_config, *canonical_document);
}

Result<Json> CreateEddsaRdfcProof(const Json& unsecured, const Ed25519PrivateKey& key,
                                  const ProofOptions& options, const ContextSource& contexts) {
  auto config = EddsaProofConfig(unsecured, kCryptosuite, options);
  if (!config.ok()) return config.error();
  if (Status s = CheckProofConfig(*config); !s.ok()) return s.error();
  auto hash_data = EddsaRdfcHashData(*config, unsecured, contexts);
  if (!hash_data.ok()) return hash_data.error();
  return SignedEddsaProof(std::move(config).value(), *hash_data, key);
}

Status VerifyEddsaRdfcProof(const Json& unsecured, const Json& proof, const Ed25519PublicKey& key,
                            const ContextSource& contexts) {
  if (!proof.is_object()) return Error::InvalidInput("proof is not a JSON object");
  if (Status s = CheckProofConfig(proof); !s.ok()) return s;
  auto signature = DecodeProofValue(StringMember(proof, "proofValue"));
  if (!signature.ok()) return signature.error();
  Json config = proof;
  config.erase("proofValue");
  // The holder may have appended contexts after signing: the proof's list must be a prefix of
  // the document's, and it is what was signed (as for eddsa-jcs-2022). Only then is the
  // document copied.
  std::optional<Json> narrowed;
  if (config.contains("@context") && unsecured.contains("@context") &&
      config["@context"] != unsecured["@context"]) {
    const Json& signed_context = config["@context"];
    const Json& context = unsecured["@context"];
    bool prefix =
        signed_context.is_array() && context.is_array() && signed_context.size() <= context.size();
    for (size_t i = 0; prefix && i < signed_context.size(); ++i) {
      prefix = signed_context[i] == context[i];
    }
    if (!prefix) {
      return Error::InvalidInput(
          "the document's @context does not start with the proof's @context");
    }
    narrowed = unsecured;
    (*narrowed)["@context"] = signed_context;
  }
  const Json& document = narrowed ? *narrowed : unsecured;
  // Proof Configuration (§3.2.5): the configuration is hashed under the document's context.
  if (document.contains("@context")) config["@context"] = document["@context"];
  auto hash_data = EddsaRdfcHashData(config, document, contexts);
  if (!hash_data.ok()) return hash_data.error();
  if (!key.Verify(
          std::string_view(reinterpret_cast<const char*>(hash_data->data()), hash_data->size()),
          *signature)) {
    return Error::Refused("the signature does not match the document");
  }
  return Status::Ok();
}

}  // namespace siegel
