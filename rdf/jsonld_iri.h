// JSON-LD 1.1 IRI expansion (§5.2.2) and the keywords, shared by context processing and
// expansion inside rdf/.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "rdf/jsonld_context.h"

namespace siegel::rdf {

// §5.2.2. `define_local` defines a term of the local context being processed before it is
// looked up (a no-op outside context processing).
std::optional<std::string> ExpandIriIn(const ActiveContext& active, const std::string& value,
                                       bool document_relative, bool vocab,
                                       const std::function<void(const std::string&)>& define_local);

}  // namespace siegel::rdf
