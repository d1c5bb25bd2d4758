// RFC 8785 JSON Canonicalization Scheme: the bytes that eddsa-jcs-2022 hashes and signs.
#pragma once

#include <string>

#include "base/encoding.h"  // IsValidUtf8
#include "base/json_strict.h"

namespace siegel {

// Serialises `value` canonically: no whitespace, members sorted by UTF-16 code units,
// strings escaped minimally, numbers as ECMAScript Number::toString. Fails on non-finite
// numbers and on strings that are not valid UTF-8.
Result<std::string> CanonicalizeJson(const Json& value);

// Appends `text` as a canonical JSON string (quoted, minimally escaped): for writers that
// build a small canonical object member by member. Fails if `text` is not valid UTF-8.
Status AppendJcsString(const std::string& text, std::string* out);

// The canonical form of `object` without its member `omitted_key` (e.g. a document without
// its "proof"), with no copy of the object.
Result<std::string> CanonicalizeJsonWithout(const Json& object, std::string_view omitted_key);

// ECMAScript Number::toString for a finite double ("1e+21", "0.000001", "-5e-324", "0").
Result<std::string> FormatEs6Number(double value);

}  // namespace siegel
