// JSON-LD 1.1 to RDF (JSON-LD 1.1 Processing Algorithms §7.1 node map generation, §8.1
// deserialization, §8.2 object to RDF, §8.3 list conversion): the dataset an expanded
// document states, as eddsa-rdfc-2022 canonicalizes it.
#pragma once

#include <string_view>

#include "base/json_strict.h"
#include "base/result.h"
#include "rdf/quad.h"

namespace siegel::rdf {

struct ToRdfOptions {
  // Keep triples whose predicate is a blank node (generalized RDF); off by default, as
  // eddsa-rdfc-2022 has it.
  bool produce_generalized_rdf = false;
  // How @direction becomes RDF: "" drops it (the default, and what eddsa-rdfc-2022 uses), or
  // "i18n-datatype". "compound-literal" is not implemented and fails.
  std::string rdf_direction;
};

// A language tag as conversion to RDF accepts it (§8.2: [a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*); a
// value with any other is left out of the dataset.
bool IsWellFormedLanguageTag(std::string_view tag);

// `expanded` is the output of ExpandJsonLd. Quads in no particular order; blank nodes are
// labelled b0, b1, ... afresh.
Result<Dataset> JsonLdToRdf(const Json& expanded, const ToRdfOptions& options = {});

}  // namespace siegel::rdf
