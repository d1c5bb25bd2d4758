// RDF terms, quads and datasets as RDF 1.1 defines them, and their canonical N-Quads form
// (the form RDFC-1.0 hashes and signs).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace siegel::rdf {

inline constexpr char kXsdString[] = "http://www.w3.org/2001/XMLSchema#string";
inline constexpr char kRdfLangString[] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

enum class TermKind { kIri, kBlankNode, kLiteral, kDefaultGraph };

struct Term {
  TermKind kind = TermKind::kDefaultGraph;
  std::string value;     // the IRI, the blank node's label (without "_:"), or the lexical form
  std::string datatype;  // literals: the datatype IRI (rdf:langString when language is set)
  std::string language;  // literals: the language tag, or empty

  static Term Iri(std::string iri) { return {TermKind::kIri, std::move(iri), {}, {}}; }
  static Term Blank(std::string label) { return {TermKind::kBlankNode, std::move(label), {}, {}}; }
  static Term Literal(std::string lexical, std::string datatype = kXsdString,
                      std::string language = {}) {
    return {TermKind::kLiteral, std::move(lexical), std::move(datatype), std::move(language)};
  }
  static Term DefaultGraph() { return {}; }

  bool is_blank() const { return kind == TermKind::kBlankNode; }
  bool operator==(const Term& other) const {
    return kind == other.kind && value == other.value && datatype == other.datatype &&
           language == other.language;
  }
};

struct Quad {
  Term subject;
  Term predicate;
  Term object;
  Term graph;  // TermKind::kDefaultGraph for the default graph
};

using Dataset = std::vector<Quad>;

// One term in canonical N-Quads form: <iri>, _:label, or "escaped"[@lang|^^<datatype>].
std::string ToNQuadsTerm(const Term& term);
// One quad as a canonical N-Quads line, ending in "\n".
std::string ToNQuad(const Quad& quad);

// The same, appended to `out`. A blank node term is written with the label given for its
// position instead of its own when one is given (canonicalization relabels without copying).
struct BlankLabels {
  const std::string* subject = nullptr;
  const std::string* object = nullptr;
  const std::string* graph = nullptr;
};
void AppendNQuadsTerm(std::string& out, const Term& term, const std::string* blank_label = nullptr);
void AppendNQuad(std::string& out, const Quad& quad, const BlankLabels& labels = {});

// Parses N-Quads (RDF 1.1, with comments and blank lines). An error names the line and what is
// wrong there. Blank node labels are kept as written.
Result<Dataset> ParseNQuads(std::string_view text);

}  // namespace siegel::rdf
