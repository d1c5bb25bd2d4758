// IRI references as JSON-LD needs them (RFC 3986 §5.2 reference resolution, checked for a
// scheme): no percent-decoding, no normalization beyond removing dot segments.
#pragma once

#include <string>
#include <string_view>

namespace siegel::rdf {

// An absolute IRI: a scheme (ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )) and a colon.
bool IsAbsoluteIri(std::string_view value);

// An absolute IRI without the characters no IRI may hold (space, <>"{}|\^` and controls)
// and with at most one '#'.
bool IsWellFormedIri(std::string_view value);

// `reference` resolved against the absolute `base` (RFC 3986 §5.2.2).
std::string ResolveIri(std::string_view base, std::string_view reference);

}  // namespace siegel::rdf
