// The direct way from JSON-LD to RDF against the general one, under the pinned contexts and in
// safe mode, as eddsa-rdfc-2022 runs them: on any JSON document (seeded with the registry's
// credentials, whose proofs are taken off), and on each proof's configuration. Never crash;
// wherever the direct way answers, the general way succeeds and states the same dataset.
#include <cstdlib>

#include "base/json_strict.h"
#include "credential/eddsa_rdfc.h"
#include "rdf/canonicalize.h"
#include "rdf/jsonld_direct_rdf.h"
#include "rdf/jsonld_expand.h"
#include "rdf/jsonld_to_rdf.h"

namespace {

void Compare(const siegel::Json& document) {
  siegel::rdf::JsonLdOptions options;
  options.loader = siegel::PinnedContexts().loader;
  options.context_cache = siegel::PinnedContexts().cache;
  options.safe_mode = true;
  options.max_expanded_values = 5000;  // small documents: the fuzzer's time goes to variety
  auto direct = siegel::rdf::DirectJsonLdToRdf(document, options);
  if (!direct) return;
  auto expanded = siegel::rdf::ExpandJsonLd(document, options);
  if (!expanded.ok()) std::abort();  // the direct way answered where the general one fails
  auto general = siegel::rdf::JsonLdToRdf(*expanded);
  if (!general.ok()) std::abort();
  auto direct_canonical = siegel::rdf::Canonicalize(*direct);
  auto general_canonical = siegel::rdf::Canonicalize(*general);
  if (direct_canonical.ok() != general_canonical.ok()) std::abort();
  if (direct_canonical.ok() && direct_canonical->nquads != general_canonical->nquads) {
    std::abort();  // the two ways state different datasets
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto json = siegel::ParseStrictJson(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!json.ok()) return 0;
  siegel::Json document = std::move(json).value();
  siegel::Json proofs;
  if (document.is_object() && document.contains("proof")) {
    proofs = document["proof"];
    document.erase("proof");
  }
  Compare(document);
  for (const siegel::Json& proof : proofs.is_array() ? proofs : siegel::Json::array({proofs})) {
    if (!proof.is_object()) continue;
    siegel::Json config = proof;
    config.erase("proofValue");
    if (document.is_object() && document.contains("@context")) {
      config["@context"] = document["@context"];
    }
    Compare(config);
  }
  return 0;
}
