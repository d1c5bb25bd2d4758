// N-Quads: the canonical form escapes only what it must, and the reader says which line is
// wrong and why instead of guessing.
#include <gtest/gtest.h>

#include "rdf/quad.h"

namespace siegel::rdf {
namespace {

TEST(NQuadsTest, CanonicalFormOfEachKindOfTerm) {
  Quad quad{Term::Blank("b0"), Term::Iri("https://schema.org/name"),
            Term::Literal("Zeile 1\nTab\t\"x\" \\ \x01\x7f\xc3\xa4"), Term::DefaultGraph()};
  EXPECT_EQ(ToNQuad(quad),
            "_:b0 <https://schema.org/name> \"Zeile 1\\nTab\\t\\\"x\\\" \\\\ "
            "\\u0001\\u007F\xc3\xa4\" .\n");
  quad.object = Term::Literal("Exzellenz", kRdfLangString, "de");
  quad.graph = Term::Blank("g");
  EXPECT_EQ(ToNQuad(quad), "_:b0 <https://schema.org/name> \"Exzellenz\"@de _:g .\n");
  quad.object = Term::Literal("2026-03-01T00:00:00Z", "http://www.w3.org/2001/XMLSchema#dateTime");
  quad.graph = Term::Iri("urn:g");
  EXPECT_EQ(ToNQuad(quad),
            "_:b0 <https://schema.org/name> "
            "\"2026-03-01T00:00:00Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime> <urn:g> .\n");
}

TEST(NQuadsTest, ReadsWhatItWritesAndUnescapes) {
  auto dataset = ParseNQuads(
      "# comment\n"
      "\n"
      "<urn:s> <urn:p> \"a\\u00E4\\U0001F303\\\"\"@de-DE <urn:g> . # trailing\r\n"
      "_:x <urn:p> \"1\"^^<urn:t> .\n");
  ASSERT_TRUE(dataset.ok()) << dataset.message();
  ASSERT_EQ(dataset->size(), 2u);
  EXPECT_EQ((*dataset)[0].object.value, "a\xc3\xa4\xf0\x9f\x8c\x83\"");
  EXPECT_EQ((*dataset)[0].object.language, "de-DE");
  EXPECT_EQ((*dataset)[0].graph, Term::Iri("urn:g"));
  EXPECT_EQ((*dataset)[1].subject, Term::Blank("x"));
  EXPECT_EQ((*dataset)[1].object.datatype, "urn:t");
  EXPECT_EQ((*dataset)[1].graph.kind, TermKind::kDefaultGraph);
}

TEST(NQuadsTest, RefusesMalformedLinesNamingTheLine) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"<urn:s> <urn:p> <urn:o>\n", "N-Quads line 1: the closing '.' is missing"},
      {"\n<urn:s> \"p\" <urn:o> .\n", "N-Quads line 2: unexpected '\"'"},
      {"<urn:s> _:p <urn:o> .\n", "N-Quads line 1: a predicate must be an IRI"},
      {"<s> <urn:p> <urn:o> .\n", "N-Quads line 1: \"s\" is not an absolute IRI"},
      {"<urn:s> <urn:p> \"open .\n", "N-Quads line 1: a literal has no closing '\"'"},
      {"<urn:s> <urn:p> \"\\q\" .\n", "N-Quads line 1: unknown escape \\q"},
      {"<urn:s> <urn:p> \"\\uD800\" .\n",
       "N-Quads line 1: a \\u escape names no Unicode scalar value"},
      {"<urn:s> <urn:p> <urn:o> . x\n", "N-Quads line 1: text after the closing '.'"},
      {"<urn:a b> <urn:p> <urn:o> .\n", "N-Quads line 1: an IRI holds a character it may not"},
  };
  for (const Case& c : cases) {
    auto dataset = ParseNQuads(c.text);
    ASSERT_FALSE(dataset.ok()) << c.text;
    EXPECT_EQ(dataset.message(), c.message);
  }
}

}  // namespace
}  // namespace siegel::rdf
