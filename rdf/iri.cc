// RFC 3986 §5.2: reference resolution with dot-segment removal.
#include "rdf/iri.h"

#include <array>
#include <cctype>
#include <optional>

namespace siegel::rdf {
namespace {

struct IriParts {
  std::optional<std::string> scheme, authority, query, fragment;
  std::string path;
};

IriParts Split(std::string_view iri) {
  IriParts parts;
  size_t colon = iri.find(':');
  if (colon != std::string_view::npos && IsAbsoluteIri(iri)) {
    parts.scheme = std::string(iri.substr(0, colon));
    iri.remove_prefix(colon + 1);
  }
  size_t hash = iri.find('#');
  if (hash != std::string_view::npos) {
    parts.fragment = std::string(iri.substr(hash + 1));
    iri = iri.substr(0, hash);
  }
  size_t question = iri.find('?');
  if (question != std::string_view::npos) {
    parts.query = std::string(iri.substr(question + 1));
    iri = iri.substr(0, question);
  }
  if (iri.substr(0, 2) == "//") {
    iri.remove_prefix(2);
    size_t slash = iri.find('/');
    parts.authority = std::string(iri.substr(0, slash));
    iri = slash == std::string_view::npos ? std::string_view() : iri.substr(slash);
  }
  parts.path = std::string(iri);
  return parts;
}

// RFC 3986 §5.2.4.
std::string RemoveDotSegments(std::string input) {
  std::string output;
  while (!input.empty()) {
    if (input.compare(0, 3, "../") == 0) {
      input.erase(0, 3);
    } else if (input.compare(0, 2, "./") == 0) {
      input.erase(0, 2);
    } else if (input.compare(0, 3, "/./") == 0) {
      input.erase(0, 2);
    } else if (input == "/.") {
      input = "/";
    } else if (input.compare(0, 4, "/../") == 0 || input == "/..") {
      input = input.size() == 3 ? "/" : input.substr(3);
      size_t last = output.rfind('/');
      output.erase(last == std::string::npos ? 0 : last);
    } else if (input == "." || input == "..") {
      input.clear();
    } else {
      size_t next = input.find('/', input[0] == '/' ? 1 : 0);
      output += input.substr(0, next);
      input.erase(0, next == std::string::npos ? input.size() : next);
    }
  }
  return output;
}

std::string Merge(const IriParts& base, const std::string& path) {
  if (base.authority && base.path.empty()) return "/" + path;
  size_t last = base.path.rfind('/');
  return last == std::string::npos ? path : base.path.substr(0, last + 1) + path;
}

std::string Join(const IriParts& p) {
  std::string out;
  if (p.scheme) out += *p.scheme + ":";
  if (p.authority) out += "//" + *p.authority;
  out += p.path;
  if (p.query) out += "?" + *p.query;
  if (p.fragment) out += "#" + *p.fragment;
  return out;
}

}  // namespace

bool IsAbsoluteIri(std::string_view value) {
  if (value.empty() || !std::isalpha(static_cast<unsigned char>(value[0]))) return false;
  for (size_t i = 1; i < value.size(); ++i) {
    char c = value[i];
    if (c == ':') return true;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  return false;
}

bool IsWellFormedIri(std::string_view value) {
  if (!IsAbsoluteIri(value) || value.compare(0, 2, "_:") == 0) return false;
  size_t hash = value.find('#');
  if (hash != std::string_view::npos && value.find('#', hash + 1) != std::string_view::npos) {
    return false;  // a fragment holds no second '#'
  }
  // A table, as this runs for every term of every quad.
  static const auto kForbidden = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c <= 0x20; ++c) table[c] = true;
    for (unsigned char c : std::string_view("<>\"{}|\\^`")) table[c] = true;
    return table;
  }();
  for (char ch : value) {
    if (kForbidden[static_cast<unsigned char>(ch)]) return false;
  }
  return true;
}

std::string ResolveIri(std::string_view base_text, std::string_view reference) {
  // An absolute reference without dot segments is its own resolution (contexts name their
  // URLs so, and documents their IRIs).
  if (IsAbsoluteIri(reference) && reference.find("/.") == std::string_view::npos &&
      reference.substr(reference.find(':') + 1, 1) != ".") {
    return std::string(reference);
  }
  IriParts r = Split(reference), base = Split(base_text), t;
  if (r.scheme) {
    t = r;
    t.path = RemoveDotSegments(r.path);
  } else {
    if (r.authority) {
      t.authority = r.authority;
      t.path = RemoveDotSegments(r.path);
      t.query = r.query;
    } else {
      if (r.path.empty()) {
        t.path = base.path;
        t.query = r.query ? r.query : base.query;
      } else {
        t.path =
            r.path[0] == '/' ? RemoveDotSegments(r.path) : RemoveDotSegments(Merge(base, r.path));
        t.query = r.query;
      }
      t.authority = base.authority;
    }
    t.scheme = base.scheme;
  }
  t.fragment = r.fragment;
  return Join(t);
}

}  // namespace siegel::rdf
