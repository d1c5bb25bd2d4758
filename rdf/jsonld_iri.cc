#include "rdf/jsonld_iri.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "rdf/iri.h"

namespace siegel::rdf {
namespace {

const std::set<std::string>& Keywords() {
  static const std::set<std::string> kKeywords = {
      "@base",     "@container", "@context",   "@default",   "@direction",  "@embed",
      "@explicit", "@graph",     "@id",        "@import",    "@included",   "@index",
      "@json",     "@language",  "@list",      "@nest",      "@none",       "@omitDefault",
      "@prefix",   "@preserve",  "@propagate", "@protected", "@requireAll", "@reverse",
      "@set",      "@type",      "@value",     "@version",   "@vocab"};
  return kKeywords;
}

}  // namespace

bool IsKeyword(const std::string& value) {
  return !value.empty() && value[0] == '@' && Keywords().count(value) > 0;
}

bool HasKeywordForm(const std::string& value) {
  if (value.size() < 2 || value[0] != '@') return false;
  return std::all_of(value.begin() + 1, value.end(),
                     [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
}

std::optional<std::string> ExpandIriIn(
    const ActiveContext& active, const std::string& value, bool document_relative, bool vocab,
    const std::function<void(const std::string&)>& define_local) {
  if (IsKeyword(value)) return value;
  if (HasKeywordForm(value)) return std::nullopt;
  define_local(value);
  if (const TermDefinition* d = active.Find(value)) {
    if (d->iri && IsKeyword(*d->iri)) return d->iri;
    if (vocab) return d->iri;
  }
  size_t colon = value.find(':', 1);
  if (colon != std::string::npos) {
    std::string prefix = value.substr(0, colon), suffix = value.substr(colon + 1);
    if (prefix == "_" || suffix.compare(0, 2, "//") == 0) return value;
    define_local(prefix);
    const TermDefinition* d = active.Find(prefix);
    if (d && d->iri && d->prefix) return *d->iri + suffix;
    if (IsAbsoluteIri(value)) return value;
  }
  if (vocab && active.vocab) return *active.vocab + value;
  if (document_relative) return active.base ? ResolveIri(*active.base, value) : value;
  return value;
}

}  // namespace siegel::rdf
