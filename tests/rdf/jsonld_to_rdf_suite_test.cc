// The W3C JSON-LD 1.1 toRdf test suite (tests/data/vectors/json-ld-api/toRdf-manifest): the
// dataset of each input, compared with the expected N-Quads after RDFC-1.0 canonicalization of
// both (blank node labels are arbitrary), every test but those in kSkipped, each of which
// names the feature and why a credential under the pinned contexts cannot use it.
#include <map>

#include "rdf/canonicalize.h"
#include "rdf/jsonld_expand.h"
#include "rdf/jsonld_to_rdf.h"
#include "tests/rdf/jsonld_suite.h"

namespace siegel::rdf {
namespace {

using namespace siegel::rdf::testing;

// Test id -> the feature it needs and why a label credential cannot use it.
const std::map<std::string, std::string> kSkipped = {
    {"#te075",
     "generalized RDF (a blank node as predicate): not RDF; eddsa-rdfc-2022 produces standard "
     "RDF only, and no term of the pinned contexts maps to a blank node"},
    {"#tdi11",
     "rdfDirection compound-literal (non-normative): eddsa-rdfc-2022 uses the default, which "
     "drops @direction; the pinned contexts set no direction"},
    {"#tdi12", "rdfDirection compound-literal (non-normative): as #tdi11"},
};

Result<std::string> Canonical(const Dataset& dataset) {
  auto canonical = Canonicalize(dataset);
  if (!canonical.ok()) return canonical.error();
  return canonical->nquads;
}

TEST(JsonLdToRdfSuite, EveryTestPassesOrIsSkippedForAReason) {
  auto tests = ReadManifest("toRdf-manifest.jsonld");
  ASSERT_EQ(tests.size(), 467u);
  int passed = 0, skipped = 0;
  std::vector<std::string> failed;
  for (const SuiteTest& t : tests) {
    if (kSkipped.count(t.id) || OnlyFor10(t)) {
      ++skipped;
      continue;
    }
    ToRdfOptions rdf_options;
    rdf_options.produce_generalized_rdf = t.option.value("produceGeneralizedRdf", false);
    rdf_options.rdf_direction = t.option.value("rdfDirection", "");
    auto expanded = ExpandSuiteInput(t);
    Result<Dataset> dataset =
        expanded.ok() ? JsonLdToRdf(*expanded, rdf_options) : Result<Dataset>(expanded.error());
    if (t.negative) {
      std::string wrong = WrongError(t, dataset.ok(), dataset.ok() ? "" : dataset.message());
      if (wrong.empty()) {
        ++passed;
      } else {
        failed.push_back(wrong);
      }
      continue;
    }
    if (!dataset.ok()) {
      failed.push_back(t.id + " (" + t.name + "): " + dataset.message());
      continue;
    }
    if (t.expect.empty()) {  // a syntax test: it must be processed without error
      ++passed;
      continue;
    }
    auto expected = ParseNQuads(ReadSuiteFile(t.expect));
    if (!expected.ok()) {
      failed.push_back(t.id + ": the expected N-Quads do not parse: " + expected.message());
      continue;
    }
    auto got = Canonical(*dataset), want = Canonical(*expected);
    if (!got.ok() || !want.ok() || *got != *want) {
      std::string got_text;
      for (const Quad& q : *dataset) got_text += ToNQuad(q);
      failed.push_back(t.id + " (" + t.name + "):\n" + got_text + "wanted\n" +
                       ReadSuiteFile(t.expect));
    } else {
      ++passed;
    }
  }
  for (const std::string& f : failed) ADD_FAILURE() << f;
  std::cout << "toRdf: " << passed << " passed, " << skipped << " skipped, " << failed.size()
            << " failed\n";
}

}  // namespace
}  // namespace siegel::rdf
