// Canonical N-Quads (the serialization RDFC-1.0 hashes) and a strict N-Quads reader.
#include <cstdint>
#include <cstdio>

#include "base/encoding.h"
#include "rdf/quad.h"

namespace siegel::rdf {
namespace {

// Canonical N-Quads escapes only what it must: ", \, the five control characters that have a
// short escape, and every other control character as \u00XX in upper-case hex.
bool NeedsEscape(unsigned char c) { return c < 0x20 || c == 0x7f || c == '"' || c == '\\'; }

void AppendEscapedLiteral(std::string& out, std::string_view value) {
  size_t plain = 0;  // the start of the run of characters written as they are
  for (size_t i = 0; i < value.size(); ++i) {
    auto c = static_cast<unsigned char>(value[i]);
    if (!NeedsEscape(c)) continue;
    out.append(value.data() + plain, i - plain);
    plain = i + 1;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04X", c);
          out += buf;
        }
    }
  }
  out.append(value.data() + plain, value.size() - plain);
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Reads one line of N-Quads; every method returns false with why_ set when the line is wrong.
class LineReader {
 public:
  explicit LineReader(std::string_view line) : line_(line) {}

  const std::string& why() const { return why_; }

  // Skips white space; true when only a comment or nothing is left.
  bool AtEnd() {
    SkipSpace();
    return pos_ == line_.size() || line_[pos_] == '#';
  }

  bool ReadTerm(Term& term, bool allow_literal) {
    SkipSpace();
    if (pos_ >= line_.size()) return Fail("a term is missing");
    char c = line_[pos_];
    if (c == '<') {
      term.kind = TermKind::kIri;
      return ReadIri(term.value);
    }
    if (c == '_') {
      term.kind = TermKind::kBlankNode;
      return ReadBlankLabel(term.value);
    }
    if (c == '"' && allow_literal) {
      term = Term::Literal("");
      return ReadLiteral(term);
    }
    return Fail(std::string("unexpected '") + c + "'");
  }

  bool ReadDot() {
    SkipSpace();
    if (pos_ >= line_.size() || line_[pos_] != '.') return Fail("the closing '.' is missing");
    ++pos_;
    if (!AtEnd()) return Fail("text after the closing '.'");
    return true;
  }

  bool NextIsDot() {
    SkipSpace();
    return pos_ < line_.size() && line_[pos_] == '.';
  }

 private:
  void SkipSpace() {
    while (pos_ < line_.size() && (line_[pos_] == ' ' || line_[pos_] == '\t')) ++pos_;
  }
  bool Fail(std::string why) {
    why_ = std::move(why);
    return false;
  }

  bool ReadHex(size_t digits, uint32_t& cp) {
    if (pos_ + digits > line_.size()) return Fail("a \\u escape is cut short");
    cp = 0;
    for (size_t i = 0; i < digits; ++i) {
      char h = line_[pos_++];
      int v = (h >= '0' && h <= '9')   ? h - '0'
              : (h >= 'a' && h <= 'f') ? h - 'a' + 10
              : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                       : -1;
      if (v < 0) return Fail("a \\u escape has a character that is not hex");
      cp = cp * 16 + static_cast<uint32_t>(v);
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return Fail("a \\u escape names no Unicode scalar value");
    }
    return true;
  }

  // After a backslash: \uXXXX, \UXXXXXXXX, and in literals the short escapes.
  bool ReadEscape(std::string& out, bool literal) {
    if (pos_ >= line_.size()) return Fail("a line ends in a backslash");
    char e = line_[pos_++];
    uint32_t cp = 0;
    if (e == 'u' || e == 'U') {
      if (!ReadHex(e == 'u' ? 4 : 8, cp)) return false;
      AppendUtf8(out, cp);
      return true;
    }
    if (!literal) return Fail("an IRI may only hold \\u and \\U escapes");
    switch (e) {
      case 't':
        out += '\t';
        return true;
      case 'b':
        out += '\b';
        return true;
      case 'n':
        out += '\n';
        return true;
      case 'r':
        out += '\r';
        return true;
      case 'f':
        out += '\f';
        return true;
      case '"':
        out += '"';
        return true;
      case '\'':
        out += '\'';
        return true;
      case '\\':
        out += '\\';
        return true;
      default:
        return Fail(std::string("unknown escape \\") + e);
    }
  }

  bool ReadIri(std::string& iri) {
    ++pos_;  // '<'
    iri.clear();
    while (pos_ < line_.size() && line_[pos_] != '>') {
      auto c = static_cast<unsigned char>(line_[pos_]);
      if (c <= 0x20 || c == '<' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' ||
          c == '`') {
        return Fail("an IRI holds a character it may not");
      }
      if (c == '\\') {
        ++pos_;
        if (!ReadEscape(iri, /*literal=*/false)) return false;
        continue;
      }
      iri += line_[pos_++];
    }
    if (pos_ >= line_.size()) return Fail("an IRI has no closing '>'");
    ++pos_;
    if (iri.find(':') == std::string::npos) return Fail("\"" + iri + "\" is not an absolute IRI");
    return true;
  }

  bool ReadBlankLabel(std::string& label) {
    if (line_.substr(pos_, 2) != "_:") return Fail("a blank node must start with \"_:\"");
    pos_ += 2;
    size_t start = pos_;
    while (pos_ < line_.size() && line_[pos_] != ' ' && line_[pos_] != '\t' && line_[pos_] != '<' &&
           line_[pos_] != '"') {
      ++pos_;
    }
    // A label cannot end in '.': the dot closes the statement.
    while (pos_ > start && line_[pos_ - 1] == '.') --pos_;
    label.assign(line_.substr(start, pos_ - start));
    if (label.empty()) return Fail("a blank node has no label");
    return true;
  }

  bool ReadLiteral(Term& term) {
    ++pos_;  // '"'
    std::string& value = term.value;
    while (pos_ < line_.size() && line_[pos_] != '"') {
      char c = line_[pos_];
      if (c == '\n' || c == '\r') return Fail("a literal holds a raw line break");
      if (c == '\\') {
        ++pos_;
        if (!ReadEscape(value, /*literal=*/true)) return false;
        continue;
      }
      value += c;
      ++pos_;
    }
    if (pos_ >= line_.size()) return Fail("a literal has no closing '\"'");
    ++pos_;
    if (pos_ < line_.size() && line_[pos_] == '@') {
      size_t start = ++pos_;
      while (pos_ < line_.size() &&
             (std::isalnum(static_cast<unsigned char>(line_[pos_])) || line_[pos_] == '-')) {
        ++pos_;
      }
      term.language.assign(line_.substr(start, pos_ - start));
      if (term.language.empty() || !std::isalpha(static_cast<unsigned char>(term.language[0]))) {
        return Fail("a language tag is empty or does not start with a letter");
      }
      term.datatype = kRdfLangString;
    } else if (line_.substr(pos_, 2) == "^^") {
      pos_ += 2;
      if (pos_ >= line_.size() || line_[pos_] != '<') return Fail("a datatype must be an IRI");
      if (!ReadIri(term.datatype)) return false;
    }
    return true;
  }

  std::string_view line_;
  size_t pos_ = 0;
  std::string why_;
};

}  // namespace

void AppendNQuadsTerm(std::string& out, const Term& term, const std::string* blank_label) {
  switch (term.kind) {
    case TermKind::kIri:
      out += '<';
      out += term.value;
      out += '>';
      return;
    case TermKind::kBlankNode:
      out += "_:";
      out += blank_label != nullptr ? *blank_label : term.value;
      return;
    case TermKind::kLiteral:
      out += '"';
      AppendEscapedLiteral(out, term.value);
      out += '"';
      if (!term.language.empty()) {
        out += '@';
        out += term.language;
      } else if (term.datatype != std::string_view(kXsdString, sizeof kXsdString - 1)) {
        out += "^^<";
        out += term.datatype;
        out += '>';
      }
      return;
    case TermKind::kDefaultGraph:
      return;
  }
}

std::string ToNQuadsTerm(const Term& term) {
  std::string out;
  AppendNQuadsTerm(out, term);
  return out;
}

void AppendNQuad(std::string& out, const Quad& quad, const BlankLabels& labels) {
  AppendNQuadsTerm(out, quad.subject, labels.subject);
  out += ' ';
  AppendNQuadsTerm(out, quad.predicate);
  out += ' ';
  AppendNQuadsTerm(out, quad.object, labels.object);
  if (quad.graph.kind != TermKind::kDefaultGraph) {
    out += ' ';
    AppendNQuadsTerm(out, quad.graph, labels.graph);
  }
  out += " .\n";
}

std::string ToNQuad(const Quad& quad) {
  std::string line;
  line.reserve(quad.subject.value.size() + quad.predicate.value.size() + quad.object.value.size() +
               quad.object.datatype.size() + 16);
  AppendNQuad(line, quad);
  return line;
}

Result<Dataset> ParseNQuads(std::string_view text) {
  Dataset dataset;
  size_t number = 0;
  while (!text.empty()) {
    ++number;
    size_t end = text.find_first_of("\r\n");
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    LineReader reader(line);
    if (reader.AtEnd()) continue;
    Quad quad;
    bool ok = reader.ReadTerm(quad.subject, /*allow_literal=*/false) &&
              reader.ReadTerm(quad.predicate, /*allow_literal=*/false);
    if (ok && quad.predicate.kind != TermKind::kIri) {
      return Error::InvalidInput("N-Quads line " + std::to_string(number) +
                                 ": a predicate must be an IRI");
    }
    ok = ok && reader.ReadTerm(quad.object, /*allow_literal=*/true);
    if (ok && !reader.NextIsDot() && !reader.AtEnd()) {
      ok = reader.ReadTerm(quad.graph, /*allow_literal=*/false);
    }
    ok = ok && reader.ReadDot();
    if (!ok) {
      return Error::InvalidInput("N-Quads line " + std::to_string(number) + ": " + reader.why());
    }
    dataset.push_back(std::move(quad));
  }
  return dataset;
}

}  // namespace siegel::rdf
