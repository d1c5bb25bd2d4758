// Strict I-JSON parsing (RFC 7493): what every signed or verified document goes through.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace siegel {

using Json = nlohmann::json;

struct StrictJsonLimits {
  size_t max_bytes = 1 << 20;  // 1 MiB: far above any credential, far below harm
  size_t max_depth = 64;
};

// Parses `text` as one JSON value. Refuses, with the reason: malformed JSON, trailing data,
// duplicate object keys, invalid UTF-8 or lone surrogates, non-finite numbers, texts over
// the size limit and nesting deeper than the depth limit.
Result<Json> ParseStrictJson(std::string_view text, const StrictJsonLimits& limits = {});

// The string member `name` of `object`, or "" when it is absent or not a string.
std::string StringMember(const Json& object, const char* name);

// Splits the text of a JSON array into the texts of its elements without parsing them, so
// they can be parsed (strictly) in parallel. Checks the array's own structure: brackets,
// strings and commas; an element's content is left to its parser. Refuses arrays longer
// than `max_elements` and nesting deeper than `max_depth`.
Result<std::vector<std::string_view>> SplitJsonArray(std::string_view text, size_t max_elements,
                                                     size_t max_depth = 64);

}  // namespace siegel
