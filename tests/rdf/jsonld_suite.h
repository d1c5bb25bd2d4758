// Shared by the JSON-LD suite tests: the W3C manifests (tests/data/vectors/json-ld-api), a
// loader that serves the suite's files for its URLs, and JSON-LD object comparison.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "rdf/jsonld_expand.h"

namespace siegel::rdf::testing {

inline const std::string kSuiteDir = std::string(SIEGEL_TEST_DATA_DIR) + "/vectors/json-ld-api/";
inline const std::string kSuiteBase = "https://w3c.github.io/json-ld-api/tests/";

inline std::string ReadSuiteFile(const std::string& relative) {
  std::ifstream in(kSuiteDir + relative, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The suite's documents by URL; nothing else, and nothing over the network.
inline std::optional<Json> SuiteLoader(const std::string& url) {
  if (url.compare(0, kSuiteBase.size(), kSuiteBase) != 0) return std::nullopt;
  std::ifstream in(kSuiteDir + url.substr(kSuiteBase.size()), std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  try {
    return Json::parse(text.str());
  } catch (const Json::exception&) {
    return std::nullopt;
  }
}

// JSON-LD object comparison: arrays are unordered, except the values of @list.
inline bool JsonLdEqual(const Json& a, const Json& b, bool ordered = false) {
  if (a.is_array() && b.is_array()) {
    if (a.size() != b.size()) return false;
    if (ordered) {
      for (size_t i = 0; i < a.size(); ++i) {
        if (!JsonLdEqual(a[i], b[i])) return false;
      }
      return true;
    }
    std::vector<bool> used(b.size(), false);
    for (const Json& x : a) {
      bool found = false;
      for (size_t i = 0; i < b.size() && !found; ++i) {
        if (!used[i] && JsonLdEqual(x, b[i])) used[i] = found = true;
      }
      if (!found) return false;
    }
    return true;
  }
  if (a.is_object() && b.is_object()) {
    if (a.size() != b.size()) return false;
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (!b.contains(it.key()) || !JsonLdEqual(it.value(), b[it.key()], it.key() == "@list")) {
        return false;
      }
    }
    return true;
  }
  return a == b;
}

struct SuiteTest {
  std::string id, name, input, expect, error_code;
  bool negative = false;
  Json option;
};

// A test meant for JSON-LD 1.0 processors only: a 1.1 processor does not run it.
inline bool OnlyFor10(const SuiteTest& t) {
  return t.option.value("specVersion", "") == "json-ld-1.0";
}

// The expanded input of a test under its options (base, processing mode, expandContext).
inline Result<Json> ExpandSuiteInput(const SuiteTest& t) {
  JsonLdOptions options;
  options.base = t.option.value("base", kSuiteBase + t.input);
  options.loader = SuiteLoader;
  options.json_ld_1_0 = t.option.value("processingMode", "") == "json-ld-1.0";
  Json expand_context;
  if (t.option.contains("expandContext")) {
    expand_context = *SuiteLoader(kSuiteBase + t.option["expandContext"].get<std::string>());
  }
  auto input = SuiteLoader(kSuiteBase + t.input);
  if (!input) return Error::NotFound("the suite has no " + t.input);
  return ExpandJsonLd(*input, options, expand_context);
}

// For a negative test: an empty string when `message` starts with the expected error code.
inline std::string WrongError(const SuiteTest& t, bool ok, const std::string& message) {
  if (!ok) {
    if (message.rfind(t.error_code, 0) == 0) return "";
    return t.id + " (" + t.name + "): wanted " + t.error_code + ", got " + message;
  }
  return t.id + " (" + t.name + "): wanted " + t.error_code + ", got a result";
}

inline std::vector<SuiteTest> ReadManifest(const std::string& manifest) {
  Json m = Json::parse(ReadSuiteFile(manifest));
  std::vector<SuiteTest> tests;
  for (const Json& e : m["sequence"]) {
    SuiteTest t;
    t.id = e["@id"];
    t.name = e.value("name", "");
    t.input = e["input"];
    t.expect = e.value("expect", "");
    t.error_code = e.value("expectErrorCode", "");
    for (const Json& type : e["@type"]) t.negative |= type == "jld:NegativeEvaluationTest";
    t.option = e.value("option", Json::object());
    tests.push_back(t);
  }
  return tests;
}

}  // namespace siegel::rdf::testing
