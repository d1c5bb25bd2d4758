// JSON-LD to RDF: first every node flattened into a node map per graph (§7.1), then each
// node's properties as quads (§8.1 to §8.3). Step numbers follow the specification.
#include "rdf/jsonld_to_rdf.h"

#include <cctype>
#include <cmath>
#include <cstdio>

#include "base/jcs.h"
#include "rdf/iri.h"
#include "rdf/jsonld_context.h"

namespace siegel::rdf {
namespace {

constexpr char kRdf[] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr char kXsd[] = "http://www.w3.org/2001/XMLSchema#";

[[noreturn]] void Fail(const std::string& code, const std::string& detail = {}) {
  throw JsonLdError{code, detail};
}

bool IsBlank(const std::string& id) { return id.compare(0, 2, "_:") == 0; }
bool IsValueObject(const Json& v) { return v.is_object() && v.contains("@value"); }
bool IsListObject(const Json& v) { return v.is_object() && v.contains("@list"); }

bool AddUnique(Json& array, const Json& value) {
  for (const Json& existing : array) {
    if (existing == value) return false;
  }
  array.push_back(value);
  return true;
}

// An xsd:double in canonical form: 1.1E0, -5.0E-1, 1.0E21.
std::string CanonicalDouble(double value) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.15E", value);
  std::string text = buffer;
  size_t e = text.find('E');
  std::string mantissa = text.substr(0, e);
  int exponent = std::stoi(text.substr(e + 1));
  while (mantissa.back() == '0' && mantissa[mantissa.size() - 2] != '.') mantissa.pop_back();
  return mantissa + "E" + std::to_string(exponent);
}

class RdfWriter {
 public:
  explicit RdfWriter(const ToRdfOptions& options) : options_(options) {}

  Dataset Run(const Json& expanded) {
    node_map_["@default"] = Json::object();
    GenerateNodeMap(expanded, "@default", Json(), nullptr, nullptr);
    Dataset dataset;
    for (auto graph = node_map_.begin(); graph != node_map_.end(); ++graph) {
      const std::string& graph_name = graph.key();
      Term graph_term = Term::DefaultGraph();
      if (graph_name != "@default") {
        if (IsBlank(graph_name)) {
          graph_term = Term::Blank(graph_name.substr(2));
        } else if (IsWellFormedIri(graph_name)) {
          graph_term = Term::Iri(graph_name);
        } else {
          continue;
        }
      }
      for (auto node = graph.value().begin(); node != graph.value().end(); ++node) {
        auto subject = Resource(node.key());
        if (!subject) continue;
        for (auto property = node.value().begin(); property != node.value().end(); ++property) {
          const std::string& name = property.key();
          if (name == "@type") {
            for (const Json& type : property.value()) {
              auto object = type.is_string() ? Resource(type.get<std::string>()) : std::nullopt;
              if (object) {
                dataset.push_back(
                    {*subject, Term::Iri(std::string(kRdf) + "type"), *object, graph_term});
              }
            }
            continue;
          }
          if (IsKeyword(name)) continue;
          if (IsBlank(name) && !options_.produce_generalized_rdf) continue;
          auto predicate = Resource(name);
          if (!predicate) continue;
          for (const Json& item : property.value()) {
            auto object = ObjectToRdf(item, graph_term, dataset);
            if (object) dataset.push_back({*subject, *predicate, *object, graph_term});
          }
        }
      }
    }
    return dataset;
  }

 private:
  std::string NewBlank() { return "_:b" + std::to_string(counter_++); }
  std::string Relabel(const std::string& id) {
    auto found = labels_.find(id);
    if (found != labels_.end()) return found->second;
    return labels_[id] = NewBlank();
  }

  std::optional<Term> Resource(const std::string& id) const {
    if (IsBlank(id)) return Term::Blank(id.substr(2));
    if (IsWellFormedIri(id)) return Term::Iri(id);
    return std::nullopt;
  }

  // §7.1.
  void GenerateNodeMap(const Json& element, const std::string& graph_name,
                       const Json& active_subject, const std::string* active_property, Json* list) {
    if (element.is_array()) {
      for (const Json& item : element)
        GenerateNodeMap(item, graph_name, active_subject, active_property, list);
      return;
    }
    Json& graph = node_map_[graph_name];
    if (graph.is_null()) graph = Json::object();
    Json* subject_node =
        active_subject.is_string() ? &graph[active_subject.get<std::string>()] : nullptr;
    // Read in place: copying each node here copied every subtree once per level.
    const Json& e = element;
    if (IsValueObject(e)) {
      if (list == nullptr) {
        Json& values = (*subject_node)[*active_property];
        if (values.is_null()) values = Json::array();
        AddUnique(values, e);
      } else {
        (*list)["@list"].push_back(e);
      }
      return;
    }
    if (IsListObject(e)) {
      Json result = {{"@list", Json::array()}};
      GenerateNodeMap(e["@list"], graph_name, active_subject, active_property, &result);
      if (list == nullptr) {
        Json& values = (*subject_node)[*active_property];
        if (values.is_null()) values = Json::array();
        values.push_back(result);
      } else {
        (*list)["@list"].push_back(result);
      }
      return;
    }
    std::string id;
    if (e.contains("@id") && e["@id"].is_string()) {
      id = e["@id"].get<std::string>();
      if (IsBlank(id)) id = Relabel(id);
    } else if (e.contains("@id")) {
      return;  // a null @id (an IRI that did not expand): nothing to say about it
    } else {
      id = NewBlank();
    }
    if (!graph.contains(id)) graph[id] = Json{{"@id", id}};
    Json& node = graph[id];
    if (active_subject.is_object()) {
      Json& values = node[*active_property];
      if (values.is_null()) values = Json::array();
      AddUnique(values, active_subject);
    } else if (active_property != nullptr) {
      Json reference = {{"@id", id}};
      if (list == nullptr) {
        Json& values = (*subject_node)[*active_property];
        if (values.is_null()) values = Json::array();
        AddUnique(values, reference);
      } else {
        (*list)["@list"].push_back(reference);
      }
    }
    if (e.contains("@type")) {
      Json& types = node["@type"];
      if (types.is_null()) types = Json::array();
      const Json& listed = e["@type"];
      for (Json t : listed.is_array() ? listed : Json::array({listed})) {
        if (t.is_string() && IsBlank(t.get<std::string>())) t = Relabel(t.get<std::string>());
        AddUnique(types, t);
      }
    }
    if (e.contains("@index")) {
      if (node.contains("@index") && node["@index"] != e["@index"]) Fail("conflicting indexes", id);
      node["@index"] = e["@index"];
    }
    if (e.contains("@reverse")) {
      Json referenced = {{"@id", id}};
      for (auto r = e["@reverse"].begin(); r != e["@reverse"].end(); ++r) {
        for (const Json& value : r.value()) {
          GenerateNodeMap(value, graph_name, referenced, &r.key(), nullptr);
        }
      }
    }
    if (e.contains("@graph")) GenerateNodeMap(e["@graph"], id, Json(), nullptr, nullptr);
    if (e.contains("@included"))
      GenerateNodeMap(e["@included"], graph_name, Json(), nullptr, nullptr);
    for (auto p = e.begin(); p != e.end(); ++p) {
      std::string property = p.key();
      if (property == "@id" || property == "@type" || property == "@index" ||
          property == "@reverse" || property == "@graph" || property == "@included") {
        continue;
      }
      if (IsBlank(property)) property = Relabel(property);
      Json& current = graph[id];
      if (!current.contains(property)) current[property] = Json::array();
      GenerateNodeMap(p.value(), graph_name, Json(id), &property, nullptr);
    }
  }

  // §8.2; list objects through §8.3, their quads added to `dataset`.
  std::optional<Term> ObjectToRdf(const Json& item, const Term& graph, Dataset& dataset) {
    if (IsListObject(item)) return ListToRdf(item["@list"], graph, dataset);
    if (!IsValueObject(item)) {
      if (!item.contains("@id") || !item["@id"].is_string()) return std::nullopt;
      return Resource(item["@id"].get<std::string>());
    }
    Json value = item["@value"];
    std::string datatype =
        item.contains("@type") && item["@type"].is_string() ? item["@type"].get<std::string>() : "";
    if (!datatype.empty() && datatype != "@json" && !IsWellFormedIri(datatype)) return std::nullopt;
    std::string language = item.value("@language", "");
    if (item.contains("@language") && !IsWellFormedLanguageTag(language)) return std::nullopt;
    std::string lexical;
    if (datatype == "@json") {
      auto canonical = CanonicalizeJson(value);
      if (!canonical.ok()) return std::nullopt;
      lexical = *canonical;
      datatype = std::string(kRdf) + "JSON";
    } else if (value.is_boolean()) {
      lexical = value.get<bool>() ? "true" : "false";
      if (datatype.empty()) datatype = std::string(kXsd) + "boolean";
    } else if (value.is_number()) {
      double number = value.get<double>();
      bool integral = value.is_number_integer() || std::fmod(number, 1.0) == 0.0;
      if (!integral || std::fabs(number) >= 1e21 || datatype == std::string(kXsd) + "double") {
        lexical = CanonicalDouble(number);
        if (datatype.empty()) datatype = std::string(kXsd) + "double";
      } else {
        if (number == 0) {
          lexical = "0";  // -0 too
        } else if (value.is_number_integer()) {
          lexical = value.dump();
        } else {
          char buffer[40];
          std::snprintf(buffer, sizeof buffer, "%.0f", number);
          lexical = buffer;
        }
        if (datatype.empty()) datatype = std::string(kXsd) + "integer";
      }
    } else {
      lexical = value.get<std::string>();
      if (datatype.empty()) datatype = item.contains("@language") ? kRdfLangString : kXsdString;
    }
    if (item.contains("@direction") && !options_.rdf_direction.empty()) {
      if (options_.rdf_direction != "i18n-datatype") {
        Fail("unsupported feature", "rdfDirection " + options_.rdf_direction);
      }
      std::string lowered = language;
      for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      datatype =
          "https://www.w3.org/ns/i18n#" + lowered + "_" + item["@direction"].get<std::string>();
      return Term::Literal(lexical, datatype);
    }
    return Term::Literal(lexical, datatype, datatype == kRdfLangString ? language : "");
  }

  // §8.3.
  Term ListToRdf(const Json& list, const Term& graph, Dataset& dataset) {
    if (list.empty()) return Term::Iri(std::string(kRdf) + "nil");
    std::vector<std::string> nodes;
    for (size_t i = 0; i < list.size(); ++i) nodes.push_back(NewBlank());
    for (size_t i = 0; i < list.size(); ++i) {
      Term subject = Term::Blank(nodes[i].substr(2));
      auto object = ObjectToRdf(list[i], graph, dataset);
      if (object)
        dataset.push_back({subject, Term::Iri(std::string(kRdf) + "first"), *object, graph});
      Term rest = i + 1 < list.size() ? Term::Blank(nodes[i + 1].substr(2))
                                      : Term::Iri(std::string(kRdf) + "nil");
      dataset.push_back({subject, Term::Iri(std::string(kRdf) + "rest"), rest, graph});
    }
    return Term::Blank(nodes[0].substr(2));
  }

  const ToRdfOptions& options_;
  Json node_map_ = Json::object();
  std::map<std::string, std::string> labels_;
  size_t counter_ = 0;
};

}  // namespace

bool IsWellFormedLanguageTag(std::string_view tag) {
  size_t start = 0;
  for (bool first = true;; first = false) {
    size_t end = start;
    while (end < tag.size() && (first ? std::isalpha(static_cast<unsigned char>(tag[end]))
                                      : std::isalnum(static_cast<unsigned char>(tag[end])))) {
      ++end;
    }
    if (end == start || end - start > 8) return false;
    if (end == tag.size()) return true;
    if (tag[end] != '-') return false;
    start = end + 1;
  }
}

Result<Dataset> JsonLdToRdf(const Json& expanded, const ToRdfOptions& options) {
  try {
    return RdfWriter(options).Run(expanded);
  } catch (const JsonLdError& e) {
    return Error::InvalidInput(e.code + (e.detail.empty() ? "" : ": " + e.detail));
  }
}

}  // namespace siegel::rdf
