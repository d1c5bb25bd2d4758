// A JSON-LD document's RDF dataset in one pass, for the documents credentials are: node objects
// with @id and @type, strings, booleans, integers and simple value objects under terms with
// no container. The general way (rdf/jsonld_expand.h, then rdf/jsonld_to_rdf.h) builds the
// expanded document and then a node map as JSON trees, node by node; for a credential that
// was three quarters of an eddsa-rdfc-2022 proof's work. This pass reads the document once,
// making the same decisions through the same context processor, and writes quads.
//
// It never decides alone what it does not cover: at the first feature outside its subset
// (lists, language maps, @graph, @reverse, @nest, @included, a language or direction, a
// number with a fraction, a term that expands to nothing, a relative IRI, any error) it gives
// up and the caller takes the general way, which then answers or fails as the specification
// says. The two agree wherever this one answers: tests/rdf/direct_rdf_test.cc checks them
// against each other over the JSON-LD test suites and the credentials.
#pragma once

#include <optional>

#include "base/json_strict.h"
#include "base/result.h"
#include "rdf/jsonld_context.h"
#include "rdf/quad.h"

namespace siegel::rdf {

// The dataset `document` states (possibly with a quad twice, which a dataset holds once), or
// nothing when the document leaves the subset above.
std::optional<Dataset> DirectJsonLdToRdf(const Json& document, const JsonLdOptions& options);

// DirectJsonLdToRdf, else expansion and conversion the general way (the default toRdf
// options). An error's message starts with the JSON-LD error code.
Result<Dataset> DocumentToRdf(const Json& document, const JsonLdOptions& options);

}  // namespace siegel::rdf
