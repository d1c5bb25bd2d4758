// JSON-LD 1.1 expansion (§5.1.2) and value expansion (§5.3.2), step numbers as in the
// specification. Errors are thrown as JsonLdError inside and returned as values outside.
#include "rdf/jsonld_expand.h"

#include <algorithm>

#include "rdf/iri.h"

namespace siegel::rdf {
namespace {

[[noreturn]] void Fail(const std::string& code, const std::string& detail = {}) {
  throw JsonLdError{code, detail};
}

Json AsArray(const Json& value) { return value.is_array() ? value : Json::array({value}); }

void Append(Json& object, const std::string& key, const Json& value) {
  Json& slot = object[key];
  if (slot.is_null()) slot = Json::array();
  if (!slot.is_array()) slot = Json::array({slot});
  if (value.is_array()) {
    for (const Json& item : value) slot.push_back(item);
  } else {
    slot.push_back(value);
  }
}

bool IsValueObject(const Json& v) { return v.is_object() && v.contains("@value"); }
bool IsListObject(const Json& v) { return v.is_object() && v.contains("@list"); }
bool IsGraphObject(const Json& v) {
  if (!v.is_object() || !v.contains("@graph")) return false;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (it.key() != "@graph" && it.key() != "@id" && it.key() != "@index" &&
        it.key() != "@context") {
      return false;
    }
  }
  return true;
}

class Expander {
 public:
  explicit Expander(const JsonLdOptions& options) : processor_(options) {}

  ContextProcessor& processor() { return processor_; }

  Json Expand(const ActiveContext& active_in, const std::optional<std::string>& property,
              const Json& element, const std::string& base_url, bool from_map = false) {
    if (++values_ > processor_.options().max_expanded_values) {
      Fail("unsupported feature", "the document is larger than the expansion bound");
    }
    if (element.is_null()) return nullptr;
    const TermDefinition* property_def = property ? active_in.Find(*property) : nullptr;
    if (!element.is_array() && !element.is_object()) {
      if (!property || *property == "@graph") return nullptr;
      if (property_def && property_def->context) {
        ActiveContext scoped = processor_.ProcessScoped(active_in, *property_def, true, true);
        return ExpandValue(scoped, *property, element);
      }
      return ExpandValue(active_in, *property, element);
    }
    if (element.is_array()) {
      Json result = Json::array();
      for (const Json& item : element) {
        Json expanded = Expand(active_in, property, item, base_url, from_map);
        if (property_def && property_def->container.count("@list") && expanded.is_array()) {
          expanded = Json{{"@list", expanded}};
        }
        if (expanded.is_array()) {
          for (const Json& e : expanded) result.push_back(e);
        } else if (!expanded.is_null()) {
          result.push_back(expanded);
        }
      }
      return result;
    }
    // A map. Step 7: a term-scoped context does not reach into new node objects.
    ActiveContext active = active_in;
    if (active.previous && !from_map) {
      bool revert = true;
      for (auto it = element.begin(); it != element.end(); ++it) {
        auto key = processor_.ExpandIri(active, it.key(), false, true);
        if (key == "@value") revert = false;
        if (key == "@id" && element.size() == 1) revert = false;
      }
      if (revert) {
        std::shared_ptr<const ActiveContext> previous = active.previous;
        active = *previous;
      }
    }
    if (property_def && property_def->context) {
      active = processor_.ProcessScoped(active, *property_def, true, true);
    }
    if (element.contains("@context"))
      active = processor_.Process(active, element["@context"], base_url);
    ActiveContext type_scoped = active;
    std::string input_type;
    for (auto it = element.begin(); it != element.end(); ++it) {
      if (processor_.ExpandIri(active, it.key(), false, true) != "@type") continue;
      Json types = AsArray(it.value());
      std::vector<std::string> sorted;
      for (const Json& t : types) {
        if (t.is_string()) sorted.push_back(t.get<std::string>());
      }
      std::sort(sorted.begin(), sorted.end());
      for (const std::string& type : sorted) {
        const TermDefinition* d = type_scoped.Find(type);
        if (d && d->context) {
          active = processor_.ProcessScoped(active, *d, false, false);
        }
      }
      if (!types.empty() && types.back().is_string()) {
        auto expanded =
            processor_.ExpandIri(type_scoped, types.back().get<std::string>(), false, true);
        if (expanded) input_type = *expanded;
      }
    }
    Json result = Json::object();
    ExpandEntries(active, type_scoped, property, element, base_url, input_type, result);
    return Finish(property, std::move(result));
  }

 private:
  // Steps 13 and 14 over one map (and, through @nest, the maps nested in it).
  void ExpandEntries(const ActiveContext& active, const ActiveContext& type_scoped,
                     const std::optional<std::string>& property, const Json& element,
                     const std::string& base_url, const std::string& input_type, Json& result) {
    std::vector<std::string> nests;
    const bool json_ld_1_0 = processor_.options().json_ld_1_0;
    for (auto it = element.begin(); it != element.end(); ++it) {
      const std::string& key = it.key();
      const Json& value = it.value();
      if (key == "@context") continue;
      auto expanded_property = processor_.ExpandIri(active, key, false, true);
      if (!expanded_property ||
          (expanded_property->find(':') == std::string::npos && !IsKeyword(*expanded_property))) {
        if (processor_.options().safe_mode) {
          Fail("safe mode", "\"" + key + "\" is defined by no context, so JSON-LD would drop it");
        }
        continue;
      }
      const std::string& ep = *expanded_property;
      if (IsKeyword(ep)) {
        if (property == "@reverse") Fail("invalid reverse property map", key);
        if (result.contains(ep) && ep != "@included" && ep != "@type")
          Fail("colliding keywords", ep);
        Json expanded;
        if (ep == "@id") {
          if (!value.is_string()) Fail("invalid @id value");
          auto id = processor_.ExpandIri(active, value.get<std::string>(), true, false);
          expanded = id ? Json(*id) : Json(nullptr);
        } else if (ep == "@type") {
          bool strings = value.is_string();
          if (value.is_array()) {
            strings = std::all_of(value.begin(), value.end(),
                                  [](const Json& t) { return t.is_string(); });
          }
          if (!strings) Fail("invalid type value");
          Json types = Json::array();
          for (const Json& t : AsArray(value)) {
            auto iri = processor_.ExpandIri(type_scoped, t.get<std::string>(), true, true);
            types.push_back(iri ? Json(*iri) : Json(nullptr));
          }
          expanded = value.is_array() ? types : types[0];
          if (result.contains("@type")) {
            Json merged = AsArray(result["@type"]);
            for (const Json& t : AsArray(expanded)) merged.push_back(t);
            expanded = merged;
          }
        } else if (ep == "@graph") {
          expanded = AsArray(Expand(active, std::string("@graph"), value, base_url));
        } else if (ep == "@included") {
          if (json_ld_1_0) continue;
          expanded = AsArray(Expand(active, std::nullopt, value, base_url));
          for (const Json& node : expanded) {
            if (!node.is_object() || IsValueObject(node) || IsListObject(node)) {
              Fail("invalid @included value");
            }
          }
          if (result.contains("@included")) {
            Json merged = result["@included"];
            for (const Json& n : expanded) merged.push_back(n);
            expanded = merged;
          }
        } else if (ep == "@value") {
          if (input_type == "@json") {
            if (json_ld_1_0) Fail("invalid value object value");
            expanded = value;
          } else if (value.is_object() || value.is_array()) {
            Fail("invalid value object value");
          } else {
            expanded = value;
          }
          if (expanded.is_null()) {
            result["@value"] = nullptr;
            continue;
          }
        } else if (ep == "@language") {
          if (!value.is_string()) Fail("invalid language-tagged string");
          std::string language = value;
          for (char& c : language)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          expanded = language;
        } else if (ep == "@direction") {
          if (json_ld_1_0) continue;
          if (value != "ltr" && value != "rtl") Fail("invalid base direction");
          expanded = value;
        } else if (ep == "@index") {
          if (!value.is_string()) Fail("invalid @index value");
          expanded = value;
        } else if (ep == "@list") {
          if (!property || *property == "@graph") continue;
          expanded = AsArray(Expand(active, property, value, base_url));
        } else if (ep == "@set") {
          expanded = Expand(active, property, value, base_url);
        } else if (ep == "@reverse") {
          if (!value.is_object()) Fail("invalid @reverse value");
          expanded = Expand(active, std::string("@reverse"), value, base_url);
          if (expanded.contains("@reverse")) {
            for (auto r = expanded["@reverse"].begin(); r != expanded["@reverse"].end(); ++r) {
              Append(result, r.key(), r.value());
            }
          }
          bool others = false;
          for (auto r = expanded.begin(); r != expanded.end(); ++r) others |= r.key() != "@reverse";
          if (others) {
            Json& reverse_map = result["@reverse"];
            if (reverse_map.is_null()) reverse_map = Json::object();
            for (auto r = expanded.begin(); r != expanded.end(); ++r) {
              if (r.key() == "@reverse") continue;
              for (const Json& item : r.value()) {
                if (IsValueObject(item) || IsListObject(item))
                  Fail("invalid reverse property value");
                Append(reverse_map, r.key(), item);
              }
            }
          }
          continue;
        } else if (ep == "@nest") {
          nests.push_back(key);
          continue;
        } else {
          // @default, @embed, @explicit, ...: framing keywords, not part of expansion.
          continue;
        }
        if (!(expanded.is_null() && ep == "@value" && input_type != "@json")) result[ep] = expanded;
        continue;
      }
      const TermDefinition* def = active.Find(key);
      static const std::set<std::string> kNoContainer;
      const std::set<std::string>& container = def ? def->container : kNoContainer;
      Json expanded;
      if (def && def->type_mapping == "@json") {
        expanded = Json{{"@value", value}, {"@type", "@json"}};
      } else if (container.count("@language") && value.is_object()) {
        expanded = Json::array();
        std::optional<std::string> direction = active.direction;
        if (def && def->direction) {
          direction = def->direction->is_null()
                          ? std::nullopt
                          : std::optional<std::string>(def->direction->get<std::string>());
        }
        for (auto lang = value.begin(); lang != value.end(); ++lang) {
          for (const Json& item : AsArray(lang.value())) {
            if (item.is_null()) continue;
            if (!item.is_string()) Fail("invalid language map value");
            Json v = {{"@value", item}};
            auto expanded_language = processor_.ExpandIri(active, lang.key(), false, true);
            if (lang.key() != "@none" && expanded_language != "@none") {
              std::string language = lang.key();
              for (char& c : language)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
              v["@language"] = language;
            }
            if (direction) v["@direction"] = *direction;
            expanded.push_back(v);
          }
        }
      } else if ((container.count("@index") || container.count("@type") ||
                  container.count("@id")) &&
                 value.is_object()) {
        expanded = ExpandIndexMap(active, key, *def, value, base_url);
      } else {
        expanded = Expand(active, key, value, base_url);
      }
      if (expanded.is_null()) continue;
      if (container.count("@list") && !IsListObject(expanded)) {
        expanded = Json{{"@list", AsArray(expanded)}};
      }
      if (container.count("@graph") && !container.count("@id") && !container.count("@index")) {
        Json graphs = Json::array();
        for (const Json& ev : AsArray(expanded)) graphs.push_back(Json{{"@graph", AsArray(ev)}});
        expanded = graphs;
      }
      if (def && def->reverse) {
        Json& reverse_map = result["@reverse"];
        if (reverse_map.is_null()) reverse_map = Json::object();
        for (const Json& item : AsArray(expanded)) {
          if (IsValueObject(item) || IsListObject(item)) Fail("invalid reverse property value");
          Append(reverse_map, ep, item);
        }
      } else {
        Append(result, ep, expanded);
      }
    }
    std::sort(nests.begin(), nests.end());
    for (const std::string& nest_key : nests) {
      // A nesting term's own context applies to what is nested under it.
      const TermDefinition* nest_def = active.Find(nest_key);
      ActiveContext nest_context = active;
      if (nest_def && nest_def->context) {
        nest_context = processor_.ProcessScoped(active, *nest_def, true, true);
      }
      for (const Json& nested : AsArray(element.at(nest_key))) {
        if (!nested.is_object()) Fail("invalid @nest value");
        for (auto it = nested.begin(); it != nested.end(); ++it) {
          if (processor_.ExpandIri(nest_context, it.key(), false, true) == "@value") {
            Fail("invalid @nest value");
          }
        }
        ExpandEntries(nest_context, type_scoped, property, nested, base_url, input_type, result);
      }
    }
  }

  // Step 13.8: index, type and id maps (with or without @graph).
  Json ExpandIndexMap(const ActiveContext& active, const std::string& key,
                      const TermDefinition& def, const Json& value, const std::string& base_url) {
    Json expanded = Json::array();
    const std::set<std::string>& container = def.container;
    std::string index_key = def.index.value_or("@index");
    for (auto entry = value.begin(); entry != value.end(); ++entry) {
      const std::string& index = entry.key();
      ActiveContext map_context = active;
      if (container.count("@id") || container.count("@type")) {
        if (active.previous) map_context = *active.previous;
      }
      if (container.count("@type")) {
        const TermDefinition* index_def = map_context.Find(index);
        if (index_def && index_def->context) {
          map_context = processor_.ProcessScoped(map_context, *index_def, false, true);
        }
      } else if (!container.count("@id")) {
        map_context = active;
      }
      auto expanded_index = processor_.ExpandIri(active, index, false, true);
      Json items = AsArray(Expand(map_context, key, AsArray(entry.value()), base_url, true));
      for (Json item : items) {
        if (container.count("@graph") && !IsGraphObject(item))
          item = Json{{"@graph", AsArray(item)}};
        if (container.count("@index") && index_key != "@index" && expanded_index != "@none") {
          Json reexpanded = ExpandValue(active, index_key, index);
          auto expanded_index_key = processor_.ExpandIri(active, index_key, false, true);
          if (!expanded_index_key) Fail("invalid term definition", index_key);
          Json values = Json::array({reexpanded});
          if (item.contains(*expanded_index_key)) {
            for (const Json& v : AsArray(item[*expanded_index_key])) values.push_back(v);
          }
          item[*expanded_index_key] = values;
          if (IsValueObject(item) && item.size() > 1) Fail("invalid value object");
        } else if (container.count("@index") && !item.contains("@index") &&
                   expanded_index != "@none") {
          item["@index"] = index;
        } else if (container.count("@id") && !item.contains("@id") && expanded_index != "@none") {
          auto id = processor_.ExpandIri(active, index, true, false);
          item["@id"] = id ? Json(*id) : Json(nullptr);
        } else if (container.count("@type") && expanded_index != "@none") {
          Json types = Json::array({expanded_index ? Json(*expanded_index) : Json(nullptr)});
          if (item.contains("@type")) {
            for (const Json& t : AsArray(item["@type"])) types.push_back(t);
          }
          item["@type"] = types;
        }
        expanded.push_back(item);
      }
    }
    return expanded;
  }

  // Steps 15 to 20.
  Json Finish(const std::optional<std::string>& property, Json result) {
    if (result.contains("@value")) {
      for (auto it = result.begin(); it != result.end(); ++it) {
        static const std::set<std::string> kAllowed = {"@direction", "@index", "@language", "@type",
                                                       "@value"};
        if (!kAllowed.count(it.key())) Fail("invalid value object", it.key());
      }
      if (result.contains("@type") &&
          (result.contains("@language") || result.contains("@direction"))) {
        Fail("invalid value object");
      }
      const Json& type = result.value("@type", Json());
      if (type == "@json") {
        // any JSON value
      } else if (result["@value"].is_null() ||
                 (result["@value"].is_array() && result["@value"].empty())) {
        return nullptr;
      } else if (!result["@value"].is_string() && result.contains("@language")) {
        Fail("invalid language-tagged value");
      } else if (result.contains("@type") &&
                 (!type.is_string() || !IsWellFormedIri(type.get<std::string>()))) {
        Fail("invalid typed value");
      }
    } else if (result.contains("@type") && !result["@type"].is_array()) {
      result["@type"] = Json::array({result["@type"]});
    } else if (result.contains("@set") || result.contains("@list")) {
      if (result.size() > 2 || (result.size() == 2 && !result.contains("@index"))) {
        Fail("invalid set or list object");
      }
      if (result.contains("@set")) {
        Json set = result["@set"];
        return set;
      }
    }
    if (result.size() == 1 && result.contains("@language")) return nullptr;
    if (!property || *property == "@graph") {
      if (result.empty() || result.contains("@value") || result.contains("@list")) return nullptr;
      if (result.size() == 1 && result.contains("@id")) return nullptr;
    }
    return result;
  }

  // §5.3.2.
  Json ExpandValue(const ActiveContext& active, const std::string& property, const Json& value) {
    const TermDefinition* def = active.Find(property);
    if (def && def->type_mapping == "@id" && value.is_string()) {
      auto id = processor_.ExpandIri(active, value.get<std::string>(), true, false);
      return Json{{"@id", id ? Json(*id) : Json(nullptr)}};
    }
    if (def && def->type_mapping == "@vocab" && value.is_string()) {
      auto id = processor_.ExpandIri(active, value.get<std::string>(), true, true);
      return Json{{"@id", id ? Json(*id) : Json(nullptr)}};
    }
    Json result = {{"@value", value}};
    if (def && def->type_mapping && *def->type_mapping != "@id" && *def->type_mapping != "@vocab" &&
        *def->type_mapping != "@none") {
      result["@type"] = *def->type_mapping;
    } else if (value.is_string()) {
      Json language = active.language ? Json(*active.language) : Json(nullptr);
      if (def && def->language) language = *def->language;
      Json direction = active.direction ? Json(*active.direction) : Json(nullptr);
      if (def && def->direction) direction = *def->direction;
      if (!language.is_null()) result["@language"] = language;
      if (!direction.is_null()) result["@direction"] = direction;
    }
    return result;
  }

  ContextProcessor processor_;
  size_t values_ = 0;
};

}  // namespace

Result<Json> ExpandJsonLd(const Json& document, const JsonLdOptions& options,
                          const Json& expand_context) {
  try {
    Expander expander(options);
    ActiveContext active;
    active.base = options.base.empty() ? std::optional<std::string>() : options.base;
    active.original_base = options.base;
    if (!expand_context.is_null()) {
      Json context = expand_context.is_object() && expand_context.contains("@context")
                         ? expand_context["@context"]
                         : expand_context;
      active = expander.processor().Process(active, context, options.base);
    }
    Json expanded = expander.Expand(active, std::nullopt, document, options.base);
    if (expanded.is_object() && expanded.size() == 1 && expanded.contains("@graph")) {
      expanded = expanded["@graph"];
    }
    if (expanded.is_null()) expanded = Json::array();
    if (!expanded.is_array()) expanded = Json::array({expanded});
    return expanded;
  } catch (const JsonLdError& e) {
    return Error::InvalidInput(e.code + (e.detail.empty() ? "" : ": " + e.detail));
  }
}

Result<Json> ExpandJsonLd(const Json& document, const JsonLdOptions& options) {
  return ExpandJsonLd(document, options, Json());
}

}  // namespace siegel::rdf
