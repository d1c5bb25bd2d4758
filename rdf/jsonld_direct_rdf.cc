// Expansion (§5.1.2 steps 7 to 14, §5.3.2) and deserialization to RDF (§8.1, §8.2) in one
// walk over the document, for the subset rdf/jsonld_direct_rdf.h names. Each decision is the
// one ExpandJsonLd makes at the same step, on the same contexts and through the same
// ContextProcessor; whatever ExpandJsonLd would do more than that ends the walk (GiveUp).
#include "rdf/jsonld_direct_rdf.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rdf/iri.h"
#include "rdf/jsonld_expand.h"
#include "rdf/jsonld_to_rdf.h"

namespace siegel::rdf {
namespace {

// Keywords compared as views: their length first, and no strlen.
using namespace std::string_view_literals;

constexpr char kRdfType[] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
constexpr char kXsdBoolean[] = "http://www.w3.org/2001/XMLSchema#boolean";
constexpr char kXsdInteger[] = "http://www.w3.org/2001/XMLSchema#integer";

// Thrown where the document leaves the subset; the general way takes over.
struct OutsideSubset {};

[[noreturn]] void GiveUp() { throw OutsideSubset{}; }

bool IsBlankId(const std::string& id) { return id.size() > 2 && id[0] == '_' && id[1] == ':'; }

class DirectWriter {
 public:
  explicit DirectWriter(const JsonLdOptions& options) : processor_(options) {}

  Dataset Run(const Json& document) {
    if (!document.is_object()) GiveUp();
    const JsonLdOptions& options = processor_.options();
    ActiveContext active;
    active.base = options.base.empty() ? std::optional<std::string>() : options.base;
    active.original_base = options.base;
    Count();
    dataset_.reserve(64);
    Map(active, nullptr, nullptr, document);
    return std::move(dataset_);
  }

 private:
  // Up to three contexts a map may pass through (the one it came with, or the one before a
  // type-scoped context, is not among them): the current one, the type-scoped one (types are
  // read under it) and the next.
  class ContextSlots {
   public:
    explicit ContextSlots(const ActiveContext* start) : active_(start), type_scoped_(start) {}
    const ActiveContext& active() const { return *active_; }
    const ActiveContext& type_scoped() const { return *type_scoped_; }
    void Revert(const ActiveContext* previous) { active_ = type_scoped_ = previous; }
    void Replace(ActiveContext next) {
      ++replaced_;
      for (std::optional<ActiveContext>& slot : slots_) {
        if (slot && (&*slot == active_ || &*slot == type_scoped_)) continue;
        slot = std::move(next);
        active_ = &*slot;
        return;
      }
    }
    void FixTypeScoped() { type_scoped_ = active_; }
    // Counts the contexts written: a slot's address may come back holding another one.
    int replaced() const { return replaced_; }

   private:
    int replaced_ = 0;
    const ActiveContext* active_;
    const ActiveContext* type_scoped_;
    std::optional<ActiveContext> slots_[3];
  };

  // The value bound of the general way, counted at the same places (each value expanded).
  void Count() {
    if (++values_ > processor_.options().max_expanded_values) GiveUp();
  }

  std::string NewBlank() { return "b" + std::to_string(counter_++); }

  // A key expanded as keys are (vocabulary-relative, §5.2.2), and the term defining it.
  struct Key {
    std::optional<std::string> iri;
    const TermDefinition* def = nullptr;
  };
  // The term's own mapping when there is one (one lookup, where ExpandIri and the definition
  // would take two), or the vocabulary's IRI for a plain word; keywords, compact and absolute
  // IRIs through ExpandIri.
  Key ExpandKey(const ActiveContext& context, const std::string& key) {
    if (!key.empty() && key[0] != '@') {
      if (const TermDefinition* def = context.Find(key)) return {def->iri, def};
      // No term, no prefix: the vocabulary's IRI, or the key itself (§5.2.2 steps 7 and 8).
      if (key.find(':') == std::string::npos) return {context.vocab ? *context.vocab + key : key};
    }
    return {processor_.ExpandIri(context, key, false, true), nullptr};
  }

  Term Resource(const std::optional<std::string>& id) {
    if (!id) GiveUp();
    if (IsBlankId(*id)) {
      auto found = labels_.find(*id);
      if (found != labels_.end()) return Term::Blank(found->second);
      return Term::Blank(labels_[*id] = NewBlank());
    }
    if (!IsWellFormedIri(*id)) GiveUp();  // the general way drops the triple
    return Term::Iri(*id);
  }

  // Steps 7 to 14 for a map under `property` (nullptr at the top) and its quads. Returns the
  // map's term: the node it describes, or the literal a value object states.
  // `property_def` is the property's definition in `active_in`.
  Term Map(const ActiveContext& active_in, const std::string* property,
           const TermDefinition* property_def, const Json& element) {
    ContextSlots contexts(&active_in);
    // The keys expanded under one context, kept while that context is the one in force: the
    // steps below read them up to three times.
    std::vector<Key> keys;
    std::pair<const ActiveContext*, int> keys_under{nullptr, -1};
    auto expand_keys = [&](const ActiveContext& context) -> std::vector<Key>& {
      if (keys_under != std::make_pair(&context, contexts.replaced())) {
        keys.clear();
        keys.reserve(element.size());
        for (auto it = element.begin(); it != element.end(); ++it) {
          keys.push_back(ExpandKey(context, it.key()));
        }
        keys_under = {&context, contexts.replaced()};
      }
      return keys;
    };
    // Step 7: a type-scoped context does not reach into a new node object.
    if (active_in.previous) {
      bool revert = true;
      for (const Key& key : expand_keys(active_in)) {
        if (key.iri == "@value"sv || (key.iri == "@id"sv && element.size() == 1)) revert = false;
      }
      if (revert) contexts.Revert(active_in.previous.get());
    }
    if (property_def && property_def->context) {
      contexts.Replace(processor_.ProcessScoped(contexts.active(), *property_def, true, true));
    }
    if (auto local = element.find("@context"); local != element.end()) {
      contexts.Replace(processor_.Process(contexts.active(), *local, processor_.options().base));
    }
    contexts.FixTypeScoped();
    // Step 11: the contexts of the types, in lexicographic order of the types. (A key is
    // expanded under the context as it is when the key is reached, as ExpandJsonLd does.)
    size_t index = 0;
    for (auto it = element.begin(); it != element.end(); ++it, ++index) {
      if (expand_keys(contexts.active())[index].iri != "@type"sv) continue;
      std::vector<std::string> types;
      auto add = [&types](const Json& type) {
        if (type.is_string()) types.push_back(type.get<std::string>());
      };
      if (it.value().is_array()) {
        for (const Json& type : it.value()) add(type);
      } else {
        add(it.value());
      }
      std::sort(types.begin(), types.end());
      for (const std::string& type : types) {
        const TermDefinition* def = contexts.type_scoped().Find(type);
        if (def && def->context) {
          contexts.Replace(processor_.ProcessScoped(contexts.active(), *def, false, false));
        }
      }
    }
    const ActiveContext& active = contexts.active();
    // Step 13: what each key means under the context now in force.
    const Json* id = nullptr;
    const Json* types = nullptr;
    const Json* value = nullptr;
    const Json* language = nullptr;
    struct Property {
      const std::string* key;
      const Json* value;
      std::string iri;
      const TermDefinition* def;  // in `active`
    };
    std::vector<Property> properties;
    properties.reserve(element.size());
    index = 0;
    for (auto it = element.begin(); it != element.end(); ++it, ++index) {
      if (it.key() == "@context"sv) continue;
      Key& key = expand_keys(active)[index];
      std::optional<std::string>& iri = key.iri;
      if (!iri) GiveUp();
      const Json** keyword = *iri == "@id"sv         ? &id
                             : *iri == "@type"sv     ? &types
                             : *iri == "@value"sv    ? &value
                             : *iri == "@language"sv ? &language
                                                     : nullptr;
      if (keyword != nullptr) {
        if (*keyword != nullptr) GiveUp();  // two keys for one keyword
        *keyword = &it.value();
        continue;
      }
      if (IsKeyword(*iri) || iri->find(':') == std::string::npos) GiveUp();
      properties.push_back({&it.key(), &it.value(), std::move(*iri), key.def});
    }
    if (value != nullptr) {
      if (property == nullptr || id != nullptr || !properties.empty()) GiveUp();
      return ValueObject(contexts.type_scoped(), *value, types, language);
    }
    if (language != nullptr) GiveUp();
    Term subject;
    if (id != nullptr) {
      if (!id->is_string()) GiveUp();
      subject = Resource(processor_.ExpandIri(active, id->get<std::string>(), true, false));
    } else {
      subject = Term::Blank(NewBlank());
    }
    if (types != nullptr) {
      if (!types->is_string() && (!types->is_array() || types->empty())) GiveUp();
      auto add = [&](const Json& type) {
        if (!type.is_string()) GiveUp();
        Term object = Resource(
            processor_.ExpandIri(contexts.type_scoped(), type.get<std::string>(), true, true));
        dataset_.push_back({subject, Term::Iri(kRdfType), std::move(object), Term::DefaultGraph()});
      };
      if (types->is_array()) {
        for (const Json& type : *types) add(type);
      } else {
        add(*types);
      }
    }
    for (const Property& entry : properties) {
      const TermDefinition* def = entry.def;
      if (def && (def->type_mapping == "@json"sv || def->reverse || def->nest)) GiveUp();
      if (def && !def->container.empty() &&
          !(def->container.size() == 1 && def->container.count("@set"))) {
        GiveUp();
      }
      if (IsBlankId(entry.iri) || !IsWellFormedIri(entry.iri)) GiveUp();
      Term predicate = Term::Iri(entry.iri);
      Count();
      if (entry.value->is_array()) {
        for (const Json& item : *entry.value) {
          Count();
          if (item.is_array()) GiveUp();
          Item(active, *entry.key, def, item, subject, predicate);
        }
      } else {
        Item(active, *entry.key, def, *entry.value, subject, predicate);
      }
    }
    return subject;
  }

  // One value of `property` on `subject`: a node or value object, or a scalar (§5.3.2).
  // `def` is the property's definition in `active`.
  void Item(const ActiveContext& active, const std::string& property, const TermDefinition* def,
            const Json& item, const Term& subject, const Term& predicate) {
    if (item.is_null()) return;
    if (item.is_object()) {
      Term object = Map(active, &property, def, item);
      dataset_.push_back({subject, predicate, std::move(object), Term::DefaultGraph()});
      return;
    }
    std::optional<ActiveContext> scoped;
    const ActiveContext* context = &active;
    if (def && def->context) {
      scoped = processor_.ProcessScoped(active, *def, true, true);
      context = &*scoped;
      def = context->Find(property);
    }
    Term object;
    if (def && item.is_string() &&
        (def->type_mapping == "@id"sv || def->type_mapping == "@vocab"sv)) {
      bool vocab = def->type_mapping == "@vocab"sv;
      object = Resource(processor_.ExpandIri(*context, item.get<std::string>(), true, vocab));
    } else if (def && def->type_mapping && *def->type_mapping != "@id"sv &&
               *def->type_mapping != "@vocab"sv && *def->type_mapping != "@none"sv) {
      object = Literal(item, *def->type_mapping);
    } else {
      if (item.is_string()) {  // a language or direction from the term or the context
        bool language = context->language.has_value();
        if (def && def->language) language = !def->language->is_null();
        bool direction = context->direction.has_value();
        if (def && def->direction) direction = !def->direction->is_null();
        if (language || direction) GiveUp();
      }
      object = Literal(item, "");
    }
    dataset_.push_back({subject, predicate, std::move(object), Term::DefaultGraph()});
  }

  // A scalar as a literal; `datatype` empty for none.
  static Term Literal(const Json& value, const std::string& datatype) {
    if (!datatype.empty() && !IsWellFormedIri(datatype)) GiveUp();
    if (value.is_string()) {
      return Term::Literal(value.get<std::string>(), datatype.empty() ? kXsdString : datatype);
    }
    if (value.is_boolean()) {
      return Term::Literal(value.get<bool>() ? "true" : "false",
                           datatype.empty() ? kXsdBoolean : datatype);
    }
    if (value.is_number_integer() && datatype.empty())
      return Term::Literal(value.dump(), kXsdInteger);
    GiveUp();  // fractions, and numbers with a datatype, take the general way's care
  }

  // A value object of a string with a datatype or a language, or neither.
  Term ValueObject(const ActiveContext& type_scoped, const Json& value, const Json* type,
                   const Json* language) {
    if (!value.is_string() || (type != nullptr && language != nullptr)) GiveUp();
    if (type != nullptr) {
      if (!type->is_string()) GiveUp();
      auto datatype = processor_.ExpandIri(type_scoped, type->get<std::string>(), true, true);
      if (!datatype) GiveUp();
      return Literal(value, *datatype);
    }
    if (language != nullptr) {
      if (!language->is_string()) GiveUp();
      std::string tag = language->get<std::string>();
      for (char& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (!IsWellFormedLanguageTag(tag)) GiveUp();
      return Term::Literal(value.get<std::string>(), kRdfLangString, tag);
    }
    return Term::Literal(value.get<std::string>());
  }

  ContextProcessor processor_;
  Dataset dataset_;
  std::map<std::string, std::string> labels_;
  size_t counter_ = 0;
  size_t values_ = 0;
};

}  // namespace

std::optional<Dataset> DirectJsonLdToRdf(const Json& document, const JsonLdOptions& options) {
  try {
    return DirectWriter(options).Run(document);
  } catch (const OutsideSubset&) {
    return std::nullopt;
  } catch (const JsonLdError&) {
    return std::nullopt;  // the general way reports it
  }
}

Result<Dataset> DocumentToRdf(const Json& document, const JsonLdOptions& options) {
  if (auto direct = DirectJsonLdToRdf(document, options)) return std::move(*direct);
  auto expanded = ExpandJsonLd(document, options);
  if (!expanded.ok()) return Error::InvalidInput("JSON-LD expansion failed: " + expanded.message());
  auto dataset = JsonLdToRdf(*expanded);
  if (!dataset.ok()) return Error::InvalidInput("JSON-LD to RDF failed: " + dataset.message());
  return dataset;
}

}  // namespace siegel::rdf
