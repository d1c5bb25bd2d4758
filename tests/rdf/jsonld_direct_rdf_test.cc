// The direct way from JSON-LD to RDF against the general one (expansion, then conversion):
// over every input of the W3C expand and toRdf suites, wherever the direct way answers, both
// state the same dataset (equal after RDFC-1.0), and where the general way fails, the direct
// way has not answered. And by hand: what the direct way covers, and each feature it leaves.
#include "rdf/jsonld_direct_rdf.h"

#include <iostream>

#include "rdf/canonicalize.h"
#include "rdf/jsonld_expand.h"
#include "rdf/jsonld_to_rdf.h"
#include "tests/rdf/jsonld_suite.h"

namespace siegel::rdf {
namespace {

using namespace siegel::rdf::testing;

std::string CanonicalText(const Result<Dataset>& dataset) {
  if (!dataset.ok()) return "error: " + dataset.message();
  auto canonical = Canonicalize(*dataset);
  return canonical.ok() ? canonical->nquads : "error: " + canonical.message();
}

Result<Dataset> General(const Json& document, const JsonLdOptions& options) {
  auto expanded = ExpandJsonLd(document, options);
  if (!expanded.ok()) return expanded.error();
  return JsonLdToRdf(*expanded);
}

struct Tally {
  int answered = 0, left = 0;
  std::vector<std::string> disagreements;
};

void CompareOverManifest(const std::string& manifest, bool safe_mode, Tally& tally) {
  for (const SuiteTest& t : ReadManifest(manifest)) {
    if (OnlyFor10(t) || t.option.contains("expandContext")) continue;  // no such option here
    JsonLdOptions options;
    options.base = t.option.value("base", kSuiteBase + t.input);
    options.loader = SuiteLoader;
    options.json_ld_1_0 = t.option.value("processingMode", "") == "json-ld-1.0";
    options.safe_mode = safe_mode;
    auto input = SuiteLoader(kSuiteBase + t.input);
    if (!input) continue;  // an input that is not JSON (HTML documents)
    auto direct = DirectJsonLdToRdf(*input, options);
    if (!direct) {
      ++tally.left;
      continue;
    }
    ++tally.answered;
    auto general = General(*input, options);
    std::string want = CanonicalText(general), got = CanonicalText(*direct);
    if (!general.ok() || got != want) {
      tally.disagreements.push_back(manifest + " " + t.id + " (" + t.name + ")" +
                                    (safe_mode ? " in safe mode" : "") + ":\ndirect\n" + got +
                                    "general\n" + want);
    }
  }
}

TEST(DirectJsonLdToRdf, AgreesWithTheGeneralWayOverBothSuites) {
  Tally tally;
  for (bool safe_mode : {false, true}) {
    CompareOverManifest("expand-manifest.jsonld", safe_mode, tally);
    CompareOverManifest("toRdf-manifest.jsonld", safe_mode, tally);
  }
  for (const std::string& d : tally.disagreements) ADD_FAILURE() << d;
  std::cout << "direct: " << tally.answered << " inputs answered, " << tally.left
            << " left to the general way\n";
  // The comparison must cover something: the suites hold some hundreds of plain documents.
  EXPECT_GT(tally.answered, 300);
}

const Json kContext = Json::parse(R"({
  "@vocab": "https://example.org/vocab#",
  "id": "@id", "type": "@type",
  "xsd": "http://www.w3.org/2001/XMLSchema#",
  "link": {"@id": "https://example.org/vocab#link", "@type": "@id"},
  "kind": {"@id": "https://example.org/vocab#kind", "@type": "@vocab"},
  "date": {"@id": "https://example.org/vocab#date", "@type": "xsd:date"},
  "tags": {"@id": "https://example.org/vocab#tags", "@container": "@set"},
  "steps": {"@id": "https://example.org/vocab#steps", "@container": "@list"},
  "label": {"@id": "https://example.org/vocab#label", "@container": "@language"},
  "german": {"@id": "https://example.org/vocab#german", "@language": "de"},
  "Scoped": {"@id": "https://example.org/vocab#Scoped", "@context": {"note": "https://example.org/scoped#note"}}
})");

JsonLdOptions Plain() {
  JsonLdOptions options;
  options.safe_mode = true;
  return options;
}

Json WithContext(Json body) {
  body["@context"] = kContext;
  return body;
}

TEST(DirectJsonLdToRdf, WritesTheQuadsOfNodesValuesAndScopedContexts) {
  Json document = WithContext(Json::parse(R"({
    "id": "https://example.org/a", "type": ["Thing", "Scoped"],
    "name": "A", "count": 3, "open": true, "date": "2026-12-03",
    "link": "https://example.org/b", "kind": "Special", "tags": ["x", "y"],
    "note": "from the type's context",
    "title": {"@value": "Titel", "@language": "DE"},
    "code": {"@value": "7", "@type": "xsd:token"},
    "part": {"name": "inner", "type": "Thing"}
  })"));
  auto direct = DirectJsonLdToRdf(document, Plain());
  ASSERT_TRUE(direct.has_value());
  const std::string expected =
      "<https://example.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
      "<https://example.org/vocab#Scoped> .\n"
      "<https://example.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
      "<https://example.org/vocab#Thing> .\n"
      "<https://example.org/a> <https://example.org/scoped#note> \"from the type's context\" .\n"
      "<https://example.org/a> <https://example.org/vocab#code> "
      "\"7\"^^<http://www.w3.org/2001/XMLSchema#token> .\n"
      "<https://example.org/a> <https://example.org/vocab#count> "
      "\"3\"^^<http://www.w3.org/2001/XMLSchema#integer> .\n"
      "<https://example.org/a> <https://example.org/vocab#date> "
      "\"2026-12-03\"^^<http://www.w3.org/2001/XMLSchema#date> .\n"
      "<https://example.org/a> <https://example.org/vocab#kind> "
      "<https://example.org/vocab#Special> .\n"
      "<https://example.org/a> <https://example.org/vocab#link> <https://example.org/b> .\n"
      "<https://example.org/a> <https://example.org/vocab#name> \"A\" .\n"
      "<https://example.org/a> <https://example.org/vocab#open> "
      "\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n"
      "<https://example.org/a> <https://example.org/vocab#part> _:c14n0 .\n"
      "<https://example.org/a> <https://example.org/vocab#tags> \"x\" .\n"
      "<https://example.org/a> <https://example.org/vocab#tags> \"y\" .\n"
      "<https://example.org/a> <https://example.org/vocab#title> \"Titel\"@de .\n"
      "_:c14n0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
      "<https://example.org/vocab#Thing> .\n"
      "_:c14n0 <https://example.org/vocab#name> \"inner\" .\n";
  EXPECT_EQ(CanonicalText(*direct), expected);
  EXPECT_EQ(CanonicalText(General(document, Plain())), expected);
}

TEST(DirectJsonLdToRdf, LeavesEveryFeatureOutsideItsSubsetToTheGeneralWay) {
  // Each document is valid JSON-LD the general way converts; the direct way must not answer.
  const std::vector<std::string> outside = {
      R"({"steps": ["a", "b"]})",                                       // a list container
      R"({"label": {"en": "Label"}})",                                  // a language map
      R"({"german": "Wort"})",                                          // a term's language
      R"({"name": {"@list": ["a"]}})",                                  // a list object
      R"({"@graph": [{"id": "https://example.org/g", "name": "g"}]})",  // @graph
      R"({"@reverse": {"link": {"id": "https://example.org/r"}}})",     // @reverse
      R"({"@included": [{"id": "https://example.org/i", "name": "i"}]})",
      R"({"ratio": 0.5})",                                  // a fraction
      R"({"id": "relative/path", "name": "x"})",            // a relative IRI
      R"({"name": [["nested"]]})",                          // an array in an array
      R"({"name": {"@value": "x", "@direction": "rtl"}})",  // a direction
      R"({"@context": {"@language": "en"}, "name": "x"})",  // a default language
  };
  for (const std::string& body : outside) {
    Json document = Json::parse(body);
    document["@context"] =
        document.contains("@context") ? Json::array({kContext, document["@context"]}) : kContext;
    JsonLdOptions options = Plain();
    EXPECT_FALSE(DirectJsonLdToRdf(document, options).has_value()) << body;
    auto general = DocumentToRdf(document, options);
    EXPECT_TRUE(general.ok()) << body << ": " << general.message();
  }
}

TEST(DirectJsonLdToRdf, LeavesErrorsToTheGeneralWayWhichReportsThem) {
  Json undefined = Json::parse(R"({"@context": {"id": "@id"}, "id": "https://example.org/a",
                                   "unknown": "x"})");
  EXPECT_FALSE(DirectJsonLdToRdf(undefined, Plain()).has_value());
  auto refused = DocumentToRdf(undefined, Plain());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.message().rfind("JSON-LD expansion failed: safe mode", 0), 0u)
      << refused.message();

  Json bad_id = WithContext(Json::parse(R"({"id": 5, "name": "x"})"));
  EXPECT_FALSE(DirectJsonLdToRdf(bad_id, Plain()).has_value());
  auto invalid = DocumentToRdf(bad_id, Plain());
  ASSERT_FALSE(invalid.ok());
  EXPECT_NE(invalid.message().find("invalid @id value"), std::string::npos) << invalid.message();

  Json missing_context = Json::parse(R"({"@context": "https://example.org/unpinned",
                                         "name": "x"})");
  EXPECT_FALSE(DirectJsonLdToRdf(missing_context, Plain()).has_value());
  auto not_loaded = DocumentToRdf(missing_context, Plain());
  ASSERT_FALSE(not_loaded.ok());
  EXPECT_NE(not_loaded.message().find("loading remote context failed"), std::string::npos);
}

}  // namespace
}  // namespace siegel::rdf
