// Where the time of one eddsa-rdfc-2022 proof goes, stage by stage, on a label credential as
// the registry builds it: JSON-LD expansion, conversion to RDF, RDFC-1.0, for the document and
// for the proof configuration, and Ed25519; and the direct way from JSON to RDF
// (rdf/jsonld_direct_rdf.h) that takes the place of the first two. Prints microseconds per call of
// each stage. Usage: siegel-bench-rdf-stages [SECONDS_PER_STAGE=1] [ONLY_STAGES_STARTING_WITH] (the
// second to profile one stage alone)
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>

#include "bench/label_credential.h"
#include "credential/data_integrity.h"
#include "credential/eddsa_rdfc.h"
#include "credential/proof_set.h"
#include "rdf/canonicalize.h"
#include "rdf/jsonld_direct_rdf.h"
#include "rdf/jsonld_expand.h"
#include "rdf/jsonld_to_rdf.h"

namespace {

using Clock = std::chrono::steady_clock;

// Microseconds per call of `op`, run for `seconds`; `calls` counts the calls (with perf stat,
// instructions per call are steadier than time on a shared machine).
double MicrosPerCall(const std::function<void()>& op, double seconds, long& calls) {
  auto start = Clock::now();
  long count = 0;
  while (std::chrono::duration<double>(Clock::now() - start).count() < seconds) {
    op();
    ++count;
  }
  calls += count;
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count() / count;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::stod(argv[1]) : 1.0;
  const std::string only = argc > 2 ? argv[2] : "";
  auto key = siegel::Ed25519PrivateKey::Generate();
  if (!key.ok()) return 1;
  const siegel::Json label = siegel::bench::BenchLabel();
  siegel::ProofOptions options{"did:web:labels.example.org#key-1", "2026-03-01T10:00:00Z"};
  auto signed_label = siegel::AddProofSet(label, *key, options);
  if (!signed_label.ok()) return 1;
  siegel::Json config;
  for (const siegel::Json& proof : (*signed_label)["proof"]) {
    if (proof["cryptosuite"] == "eddsa-rdfc-2022") config = proof;
  }
  config.erase("proofValue");
  config["@context"] = label["@context"];
  const siegel::ContextSource& contexts = siegel::PinnedContexts();
  siegel::rdf::JsonLdOptions jsonld;
  jsonld.loader = contexts.loader;
  jsonld.context_cache = contexts.cache;
  jsonld.safe_mode = true;
  const siegel::Json expanded = *siegel::rdf::ExpandJsonLd(label, jsonld);
  const siegel::rdf::Dataset dataset = *siegel::rdf::JsonLdToRdf(expanded);
  const siegel::Json config_expanded = *siegel::rdf::ExpandJsonLd(config, jsonld);
  const siegel::rdf::Dataset config_dataset = *siegel::rdf::JsonLdToRdf(config_expanded);
  const std::string message(64, 'x');
  const auto signature = key->Sign(message);
  const siegel::Ed25519PublicKey public_key = key->public_key();

  struct Stage {
    const char* name;
    std::function<void()> op;
  };
  const Stage stages[] = {
      {"expand document", [&] { (void)siegel::rdf::ExpandJsonLd(label, jsonld); }},
      {"to RDF, document", [&] { (void)siegel::rdf::JsonLdToRdf(expanded); }},
      {"RDFC-1.0, document", [&] { (void)siegel::rdf::Canonicalize(dataset); }},
      {"direct to RDF, document",
       [&] { (void)siegel::rdf::DirectJsonLdToRdf(label, jsonld).value(); }},
      {"expand proof configuration", [&] { (void)siegel::rdf::ExpandJsonLd(config, jsonld); }},
      {"to RDF, proof configuration", [&] { (void)siegel::rdf::JsonLdToRdf(config_expanded); }},
      {"RDFC-1.0, proof configuration", [&] { (void)siegel::rdf::Canonicalize(config_dataset); }},
      {"direct to RDF, proof configuration",
       [&] { (void)siegel::rdf::DirectJsonLdToRdf(config, jsonld).value(); }},
      {"Ed25519 verification", [&] { (void)public_key.Verify(message, *signature); }},
      {"the whole proof (VerifyEddsaRdfcProof)",
       [&] {
         siegel::Json unsecured = *signed_label;
         unsecured.erase("proof");
         siegel::Json proof;
         for (const siegel::Json& p : (*signed_label)["proof"]) {
           if (p["cryptosuite"] == "eddsa-rdfc-2022") proof = p;
         }
         (void)siegel::VerifyEddsaRdfcProof(unsecured, proof, public_key, contexts);
       }},
  };
  std::printf("%zu quads in the document, %zu in the proof configuration\n", dataset.size(),
              config_dataset.size());
  for (const Stage& stage : stages) {
    if (std::string(stage.name).rfind(only, 0) != 0) continue;
    long calls = 0;
    double micros = MicrosPerCall(stage.op, seconds, calls);
    std::printf("%-40s %8.1f us (%ld calls)\n", stage.name, micros, calls);
  }
  return 0;
}
