// JSON-LD 1.1 active contexts: context processing, term definitions and IRI expansion
// (JSON-LD 1.1 Processing Algorithms §4.1, §4.2, §5.2). Remote contexts come only from the
// caller's loader, which serves pinned documents and never fetches.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/json_strict.h"

namespace siegel::rdf {

// A JSON-LD error: `code` is the error code the specification names ("invalid term
// definition", ...), or "unsupported feature" for what this processor does not implement.
struct JsonLdError {
  std::string code;
  std::string detail;
};

// Returns the JSON document at an absolute URL, or nothing when it is not one the caller
// serves (the processor then fails with "loading remote context failed").
using DocumentLoader = std::function<std::optional<Json>(const std::string& url)>;

struct JsonLdOptions {
  std::string base;  // the document's own URL
  DocumentLoader loader;
  bool json_ld_1_0 = false;  // processingMode json-ld-1.0
  // Work bounds: a document may not make the processor load more than this many contexts,
  // nest contexts deeper, or expand more than this many values.
  size_t max_remote_contexts = 32;
  size_t max_expanded_values = 200000;
};

struct TermDefinition {
  std::optional<std::string> iri;  // nullopt: the term maps to nothing (a null mapping)
  bool prefix = false;
  bool is_protected = false;
  bool reverse = false;
  std::optional<std::string> type_mapping;
  std::optional<Json> language;   // present: set by the term (a null Json is "no language")
  std::optional<Json> direction;  // likewise
  std::optional<Json> context;    // a scoped context, unprocessed
  std::string context_base;       // the base URL the scoped context is resolved against
  std::optional<std::string> nest;
  std::set<std::string> container;
  std::optional<std::string> index;

  bool SameAs(const TermDefinition& other) const;
};

struct ActiveContext {
  std::map<std::string, TermDefinition> terms;
  std::optional<std::string> base;
  std::string original_base;
  std::optional<std::string> vocab;
  std::optional<std::string> language;
  std::optional<std::string> direction;
  std::shared_ptr<const ActiveContext> previous;

  const TermDefinition* Find(const std::string& term) const {
    auto it = terms.find(term);
    return it == terms.end() ? nullptr : &it->second;
  }
};

bool IsKeyword(const std::string& value);
bool HasKeywordForm(const std::string& value);  // "@" followed by letters only

// Processes contexts and expands IRIs under one set of options.
class ContextProcessor {
 public:
  explicit ContextProcessor(const JsonLdOptions& options) : options_(options) {}

  // §4.1.2. Throws JsonLdError.
  ActiveContext Process(const ActiveContext& active, const Json& local, const std::string& base_url,
                        std::vector<std::string> remote = {}, bool override_protected = false,
                        bool propagate = true, bool validate_scoped = true);

  // §5.2.2, without a local context. A null result is returned as nullopt.
  std::optional<std::string> ExpandIri(const ActiveContext& active, const std::string& value,
                                       bool document_relative, bool vocab) const;

  const JsonLdOptions& options() const { return options_; }

 private:
  struct Definer;
  Json LoadContext(const std::string& url);

  const JsonLdOptions& options_;
  std::map<std::string, Json> loaded_;
};

}  // namespace siegel::rdf
