// JSON-LD 1.1 context processing (§4.1.2) and term definition creation (§4.2.2), step
// numbers as in the specification; IRI expansion (§5.2.2) is in jsonld_iri.cc.
#include "rdf/jsonld_context.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "rdf/digest.h"
#include "rdf/iri.h"
#include "rdf/jsonld_iri.h"

namespace siegel::rdf {
namespace {

[[noreturn]] void Fail(const std::string& code, const std::string& detail = {}) {
  throw JsonLdError{code, detail};
}

// A scoped context's name in the processed-context cache: the SHA-256 of its serialization.
// Its text would do as well, but the key is built and compared at every node it applies to,
// and VC 2.0's type-scoped contexts run to kilobytes.
std::string ContextDigest(const Json& context) {
  std::string text = context.dump();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest, &length, Sha256(), nullptr) != 1) {
    return text;
  }
  return std::string(reinterpret_cast<const char*>(digest), length);
}

bool EndsWithGenDelim(const std::string& iri) {
  return !iri.empty() && std::string(":/?#[]@").find(iri.back()) != std::string::npos;
}

bool ValidContainer(const std::set<std::string>& c, bool json_ld_1_0) {
  static const std::set<std::string> kSingle = {"@graph", "@id",  "@index", "@language",
                                                "@list",  "@set", "@type"};
  if (c.empty()) return false;
  if (json_ld_1_0) {
    return c.size() == 1 &&
           (c.count("@index") || c.count("@language") || c.count("@list") || c.count("@set"));
  }
  if (c.size() == 1) return kSingle.count(*c.begin()) > 0;
  if (c.count("@list")) return false;
  std::set<std::string> rest = c;
  if (c.count("@graph")) {
    rest.erase("@graph");
    rest.erase("@set");
    if (rest.size() > 1) return false;
    return rest.empty() || rest.count("@id") || rest.count("@index");
  }
  if (c.count("@set")) {
    rest.erase("@set");
    return rest.size() == 1 && (rest.count("@index") || rest.count("@id") || rest.count("@type") ||
                                rest.count("@language"));
  }
  return false;
}

}  // namespace

bool TermDefinition::SameAs(const TermDefinition& o) const {
  return iri == o.iri && prefix == o.prefix && reverse == o.reverse &&
         type_mapping == o.type_mapping && language == o.language && direction == o.direction &&
         context == o.context && nest == o.nest && container == o.container && index == o.index;
}

// The state of one local context being defined into `result` (§4.2.2's inputs).
struct ContextProcessor::Definer {
  ContextProcessor& processor;
  ActiveContext& result;
  const Json& local;
  std::map<std::string, bool> defined;
  std::string base_url;
  bool protected_default;
  bool override_protected;
  std::vector<std::string> remote;

  // IRI expansion that first defines a term of the local context it depends on (§5.2.2
  // steps 3 and 6.3).
  std::optional<std::string> Expand(const std::string& value, bool document_relative, bool vocab) {
    return ExpandIriIn(result, value, document_relative, vocab, [this](const std::string& term) {
      if (local.contains(term) && (!defined.count(term) || !defined[term])) Define(term);
    });
  }

  void Define(const std::string& term) {
    auto state = defined.find(term);
    if (state != defined.end()) {
      if (state->second) return;
      Fail("cyclic IRI mapping", term);
    }
    if (term.empty()) Fail("invalid term definition", "an empty term");
    defined[term] = false;
    Json value = local.at(term);
    const bool json_ld_1_0 = processor.options_.json_ld_1_0;
    if (term == "@type") {
      bool allowed = !json_ld_1_0 && value.is_object() && !value.empty();
      for (auto it = value.begin(); allowed && it != value.end(); ++it) {
        allowed = (it.key() == "@container" && it.value() == "@set") || it.key() == "@protected";
      }
      if (!allowed) Fail("keyword redefinition", term);
    } else if (IsKeyword(term)) {
      Fail("keyword redefinition", term);
    } else if (HasKeywordForm(term)) {
      defined[term] = true;
      return;
    }
    std::optional<TermDefinition> previous;
    if (auto it = result.terms->find(term); it != result.terms->end()) {
      previous = it->second;
      result.MutableTerms().erase(term);
    }
    bool simple_term = false;
    if (value.is_null()) {
      value = Json{{"@id", nullptr}};
    } else if (value.is_string()) {
      value = Json{{"@id", value}};
      simple_term = true;
    } else if (!value.is_object()) {
      Fail("invalid term definition", term);
    }
    TermDefinition def;
    if (value.contains("@protected")) {
      if (json_ld_1_0) Fail("invalid term definition", term);
      if (!value["@protected"].is_boolean()) Fail("invalid @protected value", term);
      def.is_protected = value["@protected"].get<bool>();
    } else {
      def.is_protected = protected_default;
    }
    if (value.contains("@type")) {
      if (!value["@type"].is_string()) Fail("invalid type mapping", term);
      auto type = Expand(value["@type"].get<std::string>(), false, true);
      if (!type) Fail("invalid type mapping", term);
      if (json_ld_1_0 && (*type == "@json" || *type == "@none")) Fail("invalid type mapping", term);
      if (*type != "@id" && *type != "@json" && *type != "@none" && *type != "@vocab" &&
          !IsAbsoluteIri(*type)) {
        Fail("invalid type mapping", term);
      }
      def.type_mapping = type;
    }
    if (value.contains("@reverse")) {
      if (value.contains("@id") || value.contains("@nest")) Fail("invalid reverse property", term);
      if (!value["@reverse"].is_string()) Fail("invalid IRI mapping", term);
      std::string reverse = value["@reverse"];
      if (HasKeywordForm(reverse)) {
        defined[term] = true;
        return;
      }
      auto iri = Expand(reverse, false, true);
      if (!iri || iri->find(':') == std::string::npos) Fail("invalid IRI mapping", term);
      def.iri = iri;
      if (value.contains("@container")) {
        const Json& c = value["@container"];
        if (!(c.is_null() || c == "@set" || c == "@index")) Fail("invalid reverse property", term);
        if (c.is_string()) def.container = {c.get<std::string>()};
      }
      def.reverse = true;
      if (value.contains("@index")) SetIndex(term, value, def);
      Finish(term, std::move(def), previous, value);
      return;
    }
    if (value.contains("@id") && value["@id"] != Json(term)) {
      const Json& id = value["@id"];
      if (id.is_null()) {
        def.iri.reset();
      } else {
        if (!id.is_string()) Fail("invalid IRI mapping", term);
        std::string id_text = id;
        if (!IsKeyword(id_text) && HasKeywordForm(id_text)) {
          defined[term] = true;
          return;
        }
        def.iri = Expand(id_text, false, true);
        if (!def.iri || (!IsKeyword(*def.iri) && def.iri->find(':') == std::string::npos)) {
          Fail("invalid IRI mapping", term);
        }
        if (*def.iri == "@context") Fail("invalid keyword alias", term);
        size_t colon = term.find(':', 1);
        if ((colon != std::string::npos && colon < term.size() - 1) ||
            term.find('/') != std::string::npos) {
          defined[term] = true;
          if (Expand(term, false, true) != def.iri) Fail("invalid IRI mapping", term);
        }
        if (term.find(':') == std::string::npos && term.find('/') == std::string::npos &&
            simple_term && (EndsWithGenDelim(*def.iri) || def.iri->compare(0, 2, "_:") == 0)) {
          def.prefix = true;
        }
      }
    } else if (term.find(':', 1) != std::string::npos) {
      size_t colon = term.find(':', 1);
      std::string prefix = term.substr(0, colon), suffix = term.substr(colon + 1);
      if (local.contains(prefix)) Define(prefix);
      const TermDefinition* p = result.Find(prefix);
      if (p && p->iri) {
        def.iri = *p->iri + suffix;
      } else {
        def.iri = term;
      }
    } else if (term.find('/') != std::string::npos) {
      def.iri = processor.ExpandIri(result, term, false, true);
      if (!def.iri || !IsAbsoluteIri(*def.iri)) Fail("invalid IRI mapping", term);
    } else if (term == "@type") {
      def.iri = "@type";
    } else {
      if (!result.vocab) Fail("invalid IRI mapping", term);
      def.iri = *result.vocab + term;
    }
    if (value.contains("@container")) {
      const Json& c = value["@container"];
      std::set<std::string> container;
      if (c.is_string()) {
        container.insert(c.get<std::string>());
      } else if (c.is_array() && !json_ld_1_0) {
        for (const Json& item : c) {
          if (!item.is_string()) Fail("invalid container mapping", term);
          container.insert(item.get<std::string>());
        }
      } else {
        Fail("invalid container mapping", term);
      }
      if (!ValidContainer(container, json_ld_1_0)) Fail("invalid container mapping", term);
      def.container = container;
      if (container.count("@type")) {
        if (!def.type_mapping) def.type_mapping = "@id";
        if (*def.type_mapping != "@id" && *def.type_mapping != "@vocab") {
          Fail("invalid type mapping", term);
        }
      }
    }
    if (value.contains("@index")) SetIndex(term, value, def);
    if (value.contains("@context")) {
      if (json_ld_1_0) Fail("invalid term definition", term);
      try {
        processor.Process(result, value["@context"], base_url, remote, true, true, false);
      } catch (const JsonLdError& e) {
        Fail("invalid scoped context", e.code + ": " + e.detail);
      }
      def.context = value["@context"];
      def.context_base = base_url;
      def.context_key = ContextDigest(*def.context);
    }
    if (value.contains("@language") && !value.contains("@type")) {
      const Json& language = value["@language"];
      if (!language.is_null() && !language.is_string()) Fail("invalid language mapping", term);
      def.language = language.is_string() ? Json(Lower(language.get<std::string>())) : language;
    }
    if (value.contains("@direction") && !value.contains("@type")) {
      const Json& direction = value["@direction"];
      if (!direction.is_null() && direction != "ltr" && direction != "rtl") {
        Fail("invalid base direction", term);
      }
      def.direction = direction;
    }
    if (value.contains("@nest")) {
      if (json_ld_1_0) Fail("invalid term definition", term);
      const Json& nest = value["@nest"];
      if (!nest.is_string() || (IsKeyword(nest.get<std::string>()) && nest != "@nest")) {
        Fail("invalid @nest value", term);
      }
      def.nest = nest.get<std::string>();
    }
    if (value.contains("@prefix")) {
      if (json_ld_1_0 || term.find(':') != std::string::npos ||
          term.find('/') != std::string::npos) {
        Fail("invalid term definition", term);
      }
      if (!value["@prefix"].is_boolean()) Fail("invalid @prefix value", term);
      def.prefix = value["@prefix"].get<bool>();
      if (def.prefix && def.iri && IsKeyword(*def.iri)) Fail("invalid term definition", term);
    }
    Finish(term, std::move(def), previous, value);
  }

  void SetIndex(const std::string& term, const Json& value, TermDefinition& def) {
    if (processor.options_.json_ld_1_0 || !def.container.count("@index")) {
      Fail("invalid term definition", term);
    }
    if (!value["@index"].is_string()) Fail("invalid term definition", term);
    std::string index = value["@index"];
    auto expanded = Expand(index, false, true);
    if (!expanded || !IsAbsoluteIri(*expanded)) Fail("invalid term definition", term);
    def.index = index;
  }

  static std::string Lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  }

  void Finish(const std::string& term, TermDefinition def,
              const std::optional<TermDefinition>& previous, const Json& value) {
    static const std::set<std::string> kAllowed = {
        "@id",       "@reverse", "@container", "@context",   "@direction", "@index",
        "@language", "@nest",    "@prefix",    "@protected", "@type"};
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (!kAllowed.count(it.key())) Fail("invalid term definition", term + ": " + it.key());
    }
    if (!override_protected && previous && previous->is_protected) {
      if (!def.SameAs(*previous)) Fail("protected term redefinition", term);
      def = *previous;
    }
    result.MutableTerms()[term] = std::move(def);
    defined[term] = true;
  }
};

std::shared_ptr<const ActiveContext> ProcessedContextCache::Find(const std::string& key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = contexts_.find(key);
  return found == contexts_.end() ? nullptr : found->second;
}

std::optional<std::string> ProcessedContextCache::Put(const std::string& key,
                                                      ActiveContext context) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (contexts_.size() >= 1024) return std::nullopt;
  std::string name = "#" + std::to_string(serial_++);
  context.origin = name;
  contexts_[key] = std::make_shared<const ActiveContext>(std::move(context));
  return name;
}

ActiveContext ContextProcessor::ProcessScoped(const ActiveContext& active,
                                              const TermDefinition& term, bool override_protected,
                                              bool propagate) {
  ProcessedContextCache* cache = options_.context_cache;
  const Json& local = *term.context;
  if (!cache || !active.origin || (local.is_object() && local.contains("@base"))) {
    return Process(active, local, term.context_base, {}, override_protected, propagate);
  }
  // What the result depends on: the context it is applied to, the scoped context, the flags.
  std::string key = *active.origin + "\n@" + (override_protected ? "o" : "-") +
                    (propagate ? "p" : "-") + term.context_base + "\n" + term.context_key;
  if (auto hit = cache->Find(key)) {
    ActiveContext result = *hit;
    result.base = active.base;
    result.original_base = active.original_base;
    return result;
  }
  ActiveContext result =
      Process(active, local, term.context_base, {}, override_protected, propagate);
  result.origin = cache->Put(key, result);
  return result;
}

Json ContextProcessor::LoadContext(const std::string& url) {
  auto cached = loaded_.find(url);
  if (cached != loaded_.end()) return cached->second;
  std::optional<Json> document = options_.loader ? options_.loader(url) : std::nullopt;
  if (!document) Fail("loading remote context failed", url);
  if (!document->is_object() || !document->contains("@context")) {
    Fail("invalid remote context", url);
  }
  return loaded_[url] = (*document)["@context"];
}

ActiveContext ContextProcessor::Process(const ActiveContext& active, const Json& local_context,
                                        const std::string& base_url,
                                        std::vector<std::string> remote, bool override_protected,
                                        bool propagate, bool validate_scoped) {
  ActiveContext result = active;
  if (local_context.is_object() && local_context.contains("@propagate")) {
    if (!local_context["@propagate"].is_boolean()) Fail("invalid @propagate value");
    propagate = local_context["@propagate"].get<bool>();
  }
  if (!propagate && !result.previous) result.previous = std::make_shared<ActiveContext>(active);
  // A list is read where it is; a single context is wrapped in one.
  const Json wrapped = local_context.is_array() ? Json() : Json::array({local_context});
  const Json& contexts = local_context.is_array() ? local_context : wrapped;
  for (const Json& context_entry : contexts) {
    if (context_entry.is_null()) {
      if (!override_protected) {
        for (const auto& [name, def] : *result.terms) {
          if (def.is_protected) Fail("invalid context nullification", name);
        }
      }
      ActiveContext fresh;
      fresh.origin.reset();
      fresh.base = active.original_base.empty() ? std::optional<std::string>()
                                                : std::optional<std::string>(active.original_base);
      fresh.original_base = active.original_base;
      if (!propagate) fresh.previous = std::make_shared<ActiveContext>(result);
      result = std::move(fresh);
      continue;
    }
    if (context_entry.is_string()) {
      std::string url = ResolveIri(base_url, context_entry.get<std::string>());
      if (!validate_scoped && std::find(remote.begin(), remote.end(), url) != remote.end()) {
        continue;
      }
      if (remote.size() >= options_.max_remote_contexts) Fail("context overflow", url);
      remote.push_back(url);
      ProcessedContextCache* cache = options_.context_cache;
      std::string key;
      if (cache && result.origin && !result.previous && validate_scoped) {
        key = *result.origin + "\n" + url + (options_.json_ld_1_0 ? "\n1.0" : "");
        if (auto hit = cache->Find(key)) {
          std::optional<std::string> base = result.base;
          std::string original_base = result.original_base;
          result = *hit;
          result.base = base;  // @base in a remote context is ignored: the document's stays
          result.original_base = original_base;
          continue;
        }
      }
      std::optional<std::string> origin = result.origin;
      Json loaded = LoadContext(url);
      result = Process(result, loaded, url, remote, false, true, validate_scoped);
      // A remote context's result depends only on what it was applied to and its URL.
      result.origin.reset();
      if (origin && !key.empty()) result.origin = cache->Put(key, result);
      continue;
    }
    if (!context_entry.is_object()) Fail("invalid local context");
    result.origin.reset();  // an inline context: this result is no longer a cacheable one
    Json context = context_entry;
    if (context.contains("@version")) {
      if (context["@version"] != Json(1.1)) Fail("invalid @version value");
      if (options_.json_ld_1_0) Fail("processing mode conflict");
    }
    if (context.contains("@import")) {
      if (options_.json_ld_1_0) Fail("invalid context entry", "@import");
      if (!context["@import"].is_string()) Fail("invalid @import value");
      std::string url = ResolveIri(base_url, context["@import"].get<std::string>());
      Json imported = LoadContext(url);
      if (!imported.is_object()) Fail("invalid remote context", url);
      if (imported.contains("@import")) Fail("invalid context entry", "@import in " + url);
      for (auto it = context.begin(); it != context.end(); ++it) imported[it.key()] = it.value();
      context = imported;
    }
    if (context.contains("@base") && remote.empty()) {
      const Json& value = context["@base"];
      if (value.is_null()) {
        result.base.reset();
      } else if (value.is_string() && IsAbsoluteIri(value.get<std::string>())) {
        result.base = value.get<std::string>();
      } else if (value.is_string() && result.base) {
        result.base = ResolveIri(*result.base, value.get<std::string>());
      } else {
        Fail("invalid base IRI");
      }
    }
    if (context.contains("@vocab")) {
      const Json& value = context["@vocab"];
      if (value.is_null()) {
        result.vocab.reset();
      } else if (!value.is_string()) {
        Fail("invalid vocab mapping");
      } else {
        std::string vocab = value;
        if (options_.json_ld_1_0 && !IsAbsoluteIri(vocab) && vocab.compare(0, 2, "_:") != 0) {
          Fail("invalid vocab mapping");
        }
        static const Json kNoLocalContext = Json::object();
        Definer definer{*this, result, kNoLocalContext, {}, base_url, false, false, remote};
        auto expanded = definer.Expand(vocab, true, true);
        if (!expanded) Fail("invalid vocab mapping");
        result.vocab = expanded;
      }
    }
    if (context.contains("@language")) {
      const Json& value = context["@language"];
      if (value.is_null()) {
        result.language.reset();
      } else if (value.is_string()) {
        result.language = Definer::Lower(value.get<std::string>());
      } else {
        Fail("invalid default language");
      }
    }
    if (context.contains("@direction")) {
      if (options_.json_ld_1_0) Fail("invalid context entry", "@direction");
      const Json& value = context["@direction"];
      if (value.is_null()) {
        result.direction.reset();
      } else if (value == "ltr" || value == "rtl") {
        result.direction = value.get<std::string>();
      } else {
        Fail("invalid base direction");
      }
    }
    if (context.contains("@propagate")) {
      if (options_.json_ld_1_0) Fail("invalid context entry", "@propagate");
      if (!context["@propagate"].is_boolean()) Fail("invalid @propagate value");
    }
    bool protected_default = false;
    if (context.contains("@protected")) {
      if (!context["@protected"].is_boolean()) Fail("invalid @protected value");
      protected_default = context["@protected"].get<bool>();
    }
    Definer definer{*this, result, context, {}, base_url, protected_default, override_protected,
                    remote};
    for (auto it = context.begin(); it != context.end(); ++it) {
      static const std::set<std::string> kSkip = {"@base",     "@direction", "@import",
                                                  "@language", "@propagate", "@protected",
                                                  "@version",  "@vocab"};
      if (!kSkip.count(it.key())) definer.Define(it.key());
    }
  }
  return result;
}

std::optional<std::string> ContextProcessor::ExpandIri(const ActiveContext& active,
                                                       const std::string& value,
                                                       bool document_relative, bool vocab) const {
  return ExpandIriIn(active, value, document_relative, vocab, [](const std::string&) {});
}

}  // namespace siegel::rdf
