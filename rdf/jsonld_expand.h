// JSON-LD 1.1 expansion (JSON-LD 1.1 Processing Algorithms §5.1 and §5.3): a document in
// expanded form, every term an IRI, under contexts the caller's loader serves.
#pragma once

#include "base/result.h"
#include "rdf/jsonld_context.h"

namespace siegel::rdf {

// The expanded document (always an array). An error's message starts with the JSON-LD error
// code ("invalid term definition: ...").
Result<Json> ExpandJsonLd(const Json& document, const JsonLdOptions& options);

// Like ExpandJsonLd, with expandContext applied first (the test suite's option).
Result<Json> ExpandJsonLd(const Json& document, const JsonLdOptions& options,
                          const Json& expand_context);

}  // namespace siegel::rdf
