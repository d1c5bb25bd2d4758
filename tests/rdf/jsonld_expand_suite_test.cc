// The W3C JSON-LD 1.1 expansion test suite (tests/data/vectors/json-ld-api/expand-manifest),
// every test but those in kSkipped, each of which names the feature and why a credential under
// the pinned contexts cannot use it.
#include <map>

#include "rdf/jsonld_expand.h"
#include "tests/rdf/jsonld_suite.h"

namespace siegel::rdf {
namespace {

using namespace siegel::rdf::testing;

// Test id -> the feature it needs and why a label credential cannot use it. Empty: every
// expansion test passes. (The tests marked specVersion json-ld-1.0 are for JSON-LD 1.0
// processors only; a 1.1 processor does not run them.)
const std::map<std::string, std::string> kSkipped = {};

TEST(JsonLdExpandSuite, EveryTestPassesOrIsSkippedForAReason) {
  auto tests = ReadManifest("expand-manifest.jsonld");
  ASSERT_EQ(tests.size(), 385u);
  int passed = 0, skipped = 0;
  std::vector<std::string> failed;
  for (const SuiteTest& t : tests) {
    if (kSkipped.count(t.id) || OnlyFor10(t)) {
      ++skipped;
      continue;
    }
    auto expanded = ExpandSuiteInput(t);
    if (t.negative) {
      std::string wrong = WrongError(t, expanded.ok(), expanded.ok() ? "" : expanded.message());
      if (wrong.empty()) {
        ++passed;
      } else {
        failed.push_back(wrong);
      }
      continue;
    }
    Json expected = *SuiteLoader(kSuiteBase + t.expect);
    if (!expanded.ok() || !JsonLdEqual(*expanded, expected)) {
      failed.push_back(
          t.id + " (" + t.name + "): " +
          (expanded.ok() ? expanded->dump() + " wanted " + expected.dump() : expanded.message()));
    } else {
      ++passed;
    }
  }
  for (const std::string& f : failed) ADD_FAILURE() << f;
  std::cout << "expand: " << passed << " passed, " << skipped << " skipped, " << failed.size()
            << " failed\n";
}

}  // namespace
}  // namespace siegel::rdf
