// What the registry signs takes the direct way from JSON-LD to RDF (rdf/jsonld_direct_rdf.h),
// and that way states the same dataset as the general one: for label credentials with and
// without their optional members, both status list credentials, and the proof configuration
// each eddsa-rdfc-2022 proof hashes. Were one of them to leave the direct way, its proof
// would cost three times as much (bench/RESULTS.md); were the ways to differ, the proofs
// others check would not match.
#include <gtest/gtest.h>

#include "bench/label_credential.h"
#include "credential/eddsa_rdfc.h"
#include "credential/proof_set.h"
#include "credential/status_list.h"
#include "rdf/canonicalize.h"
#include "rdf/jsonld_direct_rdf.h"
#include "rdf/jsonld_expand.h"
#include "rdf/jsonld_to_rdf.h"
#include "registry/open_badge.h"
#include "registry/registry.h"

namespace siegel {
namespace {

rdf::JsonLdOptions PinnedOptions() {
  rdf::JsonLdOptions options;
  options.loader = PinnedContexts().loader;
  options.context_cache = PinnedContexts().cache;
  options.safe_mode = true;
  return options;
}

std::string Canonical(const rdf::Dataset& dataset) {
  auto canonical = rdf::Canonicalize(dataset);
  return canonical.ok() ? canonical->nquads : "error: " + canonical.message();
}

// Both ways, and the direct one must answer.
void ExpectTheDirectWay(const Json& document, const std::string& what) {
  auto direct = rdf::DirectJsonLdToRdf(document, PinnedOptions());
  ASSERT_TRUE(direct.has_value()) << what << " left the direct way";
  auto expanded = rdf::ExpandJsonLd(document, PinnedOptions());
  ASSERT_TRUE(expanded.ok()) << what << ": " << expanded.message();
  auto general = rdf::JsonLdToRdf(*expanded);
  ASSERT_TRUE(general.ok()) << what << ": " << general.message();
  EXPECT_EQ(Canonical(*direct), Canonical(*general)) << what;
  EXPECT_GT(direct->size(), 4u) << what;
}

// The label the proof benchmarks measure (bench/label_credential.h), and the same without
// level, renewal and legal entity on a demo registry's base URL.
TEST(CredentialRdf, LabelCredentialsTakeTheDirectWay) {
  ExpectTheDirectWay(bench::BenchLabel(), "a label with level, renewal and legal entity");
  Programme programme = DefaultProgramme();
  Certificate plain = bench::BenchCertificate(programme);
  plain.level.clear();
  plain.supersedes.clear();
  Initiative without_entity = bench::BenchInitiative();
  without_entity.legal_entity.clear();
  RegistrySettings demo = bench::BenchSettings();
  demo.base_url = "http://127.0.0.1:8080";
  ExpectTheDirectWay(BuildLabelCredential(demo, programme, without_entity, plain),
                     "a label without them, on a demo base URL");
}

TEST(CredentialRdf, StatusListsAndProofConfigurationsTakeTheDirectWay) {
  RegistrySettings s = bench::BenchSettings();
  auto key = Ed25519PrivateKey::Generate();
  ASSERT_TRUE(key.ok());
  for (const char* purpose : {"revocation", "suspension"}) {
    auto encoded = EncodeStatusList(Bitstring(131072));
    ASSERT_TRUE(encoded.ok());
    Json list = BuildStatusListCredential(s, "ce-bw", purpose, *encoded, "2026-06-01T00:00:00Z");
    ExpectTheDirectWay(list, std::string("the ") + purpose + " list");
    // The configuration an eddsa-rdfc-2022 proof of it hashes: the proof without its value,
    // under the document's context.
    auto signed_list =
        AddProofSet(list, *key, {"did:web:labels.example.org#key-1", "2026-06-01T00:00:00Z"});
    ASSERT_TRUE(signed_list.ok()) << signed_list.message();
    for (Json proof : (*signed_list)["proof"]) {
      if (proof["cryptosuite"] != "eddsa-rdfc-2022") continue;
      proof.erase("proofValue");
      proof["@context"] = list["@context"];
      ExpectTheDirectWay(proof, std::string("the proof configuration of the ") + purpose + " list");
    }
  }
}

}  // namespace
}  // namespace siegel
