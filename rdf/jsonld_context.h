// JSON-LD 1.1 active contexts: context processing, term definitions and IRI expansion
// (JSON-LD 1.1 Processing Algorithms §4.1, §4.2, §5.2). Remote contexts come only from the
// caller's loader, which serves pinned documents and never fetches.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/json_strict.h"

namespace siegel::rdf {

// A JSON-LD error: `code` is the error code the specification names ("invalid term
// definition", ...), or "unsupported feature" for what this processor does not implement.
struct JsonLdError {
  std::string code;
  std::string detail;
};

struct ActiveContext;

// Contexts processed from remote documents, reused across documents: processing VC 2.0's
// context takes far longer than expanding a credential. Only for a loader whose documents
// never change (pinned ones); thread-safe.
class ProcessedContextCache {
 public:
  std::shared_ptr<const ActiveContext> Find(const std::string& key) const;
  // Keeps `context` under `key` and returns the name it is known by from now on (its origin);
  // nothing when the cache is full.
  std::optional<std::string> Put(const std::string& key, ActiveContext context);

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const ActiveContext>> contexts_;
  size_t serial_ = 0;
};

// Returns the JSON document at an absolute URL, or nothing when it is not one the caller
// serves (the processor then fails with "loading remote context failed").
using DocumentLoader = std::function<std::optional<Json>(const std::string& url)>;

struct JsonLdOptions {
  std::string base;  // the document's own URL
  DocumentLoader loader;
  bool json_ld_1_0 = false;  // processingMode json-ld-1.0
  // Safe mode: a property no context defines is an error ("safe mode: ...") instead of being
  // dropped, so nothing a person reads in the JSON is left out of what is signed.
  bool safe_mode = false;
  ProcessedContextCache* context_cache = nullptr;  // see ProcessedContextCache
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
  std::string context_key;        // that context's digest: what names it in the cache
  std::string context_base;       // the base URL the scoped context is resolved against
  std::optional<std::string> nest;
  std::set<std::string> container;
  std::optional<std::string> index;

  bool SameAs(const TermDefinition& other) const;
};

struct ActiveContext {
  // Hashed: expansion looks terms up for every key and value of a document.
  using Terms = std::unordered_map<std::string, TermDefinition>;
  // Shared until changed: expansion copies the active context at every node, and a context
  // such as VC 2.0's has hundreds of terms.
  std::shared_ptr<const Terms> terms = std::make_shared<const Terms>();
  std::optional<std::string> base;
  std::string original_base;
  std::optional<std::string> vocab;
  std::optional<std::string> language;
  std::optional<std::string> direction;
  std::shared_ptr<const ActiveContext> previous;

  // How this context was built, when only from remote contexts on an empty one (each URL on
  // a line); nothing otherwise. It keys the processed-context cache.
  std::optional<std::string> origin = std::string();

  const TermDefinition* Find(const std::string& term) const {
    auto it = terms->find(term);
    return it == terms->end() ? nullptr : &it->second;
  }
  Terms& MutableTerms() {
    if (terms.use_count() != 1) terms = std::make_shared<const Terms>(*terms);
    return const_cast<Terms&>(*terms);
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

  // Process for a term's scoped context, cached when `active` itself came from the cache.
  ActiveContext ProcessScoped(const ActiveContext& active, const TermDefinition& term,
                              bool override_protected, bool propagate);

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
