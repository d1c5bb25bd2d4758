// JCS serialiser: strings, numbers and key order exactly as RFC 8785 §3.2 requires.
#include "base/jcs.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

namespace siegel {
namespace {

// Decodes UTF-8 to UTF-16 code units (or only checks it, when `out` is null); false if the
// bytes are not valid UTF-8.
bool Utf8ToUtf16(const std::string& in, std::u16string* out) {
  if (out != nullptr) out->clear();
  size_t i = 0;
  while (i < in.size()) {
    uint8_t c = static_cast<uint8_t>(in[i]);
    uint32_t cp;
    size_t extra;
    if (c < 0x80) {
      cp = c;
      extra = 0;
    } else if ((c & 0xe0) == 0xc0) {
      cp = c & 0x1f;
      extra = 1;
    } else if ((c & 0xf0) == 0xe0) {
      cp = c & 0x0f;
      extra = 2;
    } else if ((c & 0xf8) == 0xf0) {
      cp = c & 0x07;
      extra = 3;
    } else {
      return false;
    }
    for (size_t k = 1; k <= extra; ++k) {
      if (i + k >= in.size()) return false;
      uint8_t cc = static_cast<uint8_t>(in[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    static const uint32_t kMinForLength[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    if (out == nullptr) {
      // validation only
    } else if (cp >= 0x10000) {
      cp -= 0x10000;
      out->push_back(static_cast<char16_t>(0xd800 + (cp >> 10)));
      out->push_back(static_cast<char16_t>(0xdc00 + (cp & 0x3ff)));
    } else {
      out->push_back(static_cast<char16_t>(cp));
    }
    i += extra + 1;
  }
  return true;
}

// True for plain ASCII: no escaping beyond the ASCII rules, nothing to validate.
bool IsAscii(const std::string& text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

Status AppendString(const std::string& text, std::string* out) {
  if (!IsAscii(text) && !Utf8ToUtf16(text, nullptr))
    return Error::InvalidInput("a JSON string is not valid UTF-8");
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  // Characters that need no escape are copied in runs: most strings have none that do.
  size_t run = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    uint8_t c = static_cast<uint8_t>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(text, run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\b':
        *out += "\\b";
        break;
      case '\t':
        *out += "\\t";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\f':
        *out += "\\f";
        break;
      case '\r':
        *out += "\\r";
        break;
      default:
        *out += "\\u00";
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
    }
  }
  out->append(text, run, text.size() - run);
  out->push_back('"');
  return Status::Ok();
}

Status AppendValue(const Json& value, std::string* out);
Status AppendObject(const Json& object, std::string* out, std::string_view omitted);

// Whether some key holds a character at or above U+10000 (a 4-byte UTF-8 sequence). Only then
// can UTF-16 order differ from the byte order the object's std::map already keeps.
bool NeedsUtf16Sort(const Json& object) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    for (char c : it.key()) {
      if (static_cast<unsigned char>(c) >= 0xf0) return true;
    }
  }
  return false;
}

Status AppendMember(const std::string& key, const Json& value, bool* first, std::string* out) {
  if (!*first) out->push_back(',');
  *first = false;
  if (Status s = AppendString(key, out); !s.ok()) return s;
  out->push_back(':');
  return AppendValue(value, out);
}

// Members in RFC 8785 order, leaving out the member named `omitted` (if any).
Status AppendObject(const Json& object, std::string* out, std::string_view omitted) {
  if (!NeedsUtf16Sort(object)) {
    out->push_back('{');
    bool first = true;
    for (auto it = object.begin(); it != object.end(); ++it) {
      if (!omitted.empty() && it.key() == omitted) continue;
      if (Status s = AppendMember(it.key(), it.value(), &first, out); !s.ok()) return s;
    }
    out->push_back('}');
    return Status::Ok();
  }
  std::vector<std::pair<std::u16string, const std::string*>> keys;
  keys.reserve(object.size());
  for (auto it = object.begin(); it != object.end(); ++it) {
    std::u16string utf16;
    if (!Utf8ToUtf16(it.key(), &utf16)) return Error::InvalidInput("a JSON key is not valid UTF-8");
    keys.emplace_back(std::move(utf16), &it.key());
  }
  // std::u16string compares char16_t values unsigned, which is exactly RFC 8785's order.
  std::sort(keys.begin(), keys.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  out->push_back('{');
  bool first = true;
  for (const auto& [utf16, key] : keys) {
    if (!omitted.empty() && *key == omitted) continue;
    if (Status s = AppendMember(*key, object.at(*key), &first, out); !s.ok()) return s;
  }
  out->push_back('}');
  return Status::Ok();
}

Status AppendValue(const Json& value, std::string* out) {
  switch (value.type()) {
    case Json::value_t::null:
      *out += "null";
      return Status::Ok();
    case Json::value_t::boolean:
      *out += value.get<bool>() ? "true" : "false";
      return Status::Ok();
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: {
      auto number = FormatEs6Number(value.get<double>());
      if (!number.ok()) return number.error();
      *out += *number;
      return Status::Ok();
    }
    case Json::value_t::string:
      return AppendString(value.get_ref<const std::string&>(), out);
    case Json::value_t::array: {
      out->push_back('[');
      bool first = true;
      for (const auto& element : value) {
        if (!first) out->push_back(',');
        first = false;
        if (Status s = AppendValue(element, out); !s.ok()) return s;
      }
      out->push_back(']');
      return Status::Ok();
    }
    case Json::value_t::object:
      return AppendObject(value, out, {});
    default:
      return Error::InvalidInput("the JSON value has a type JCS cannot serialise");
  }
}

}  // namespace

Result<std::string> FormatEs6Number(double value) {
  if (!std::isfinite(value)) return Error::InvalidInput("NaN and Infinity are not allowed in JSON");
  if (value == 0) return std::string("0");  // also -0
  std::string out;
  if (value < 0) {
    out.push_back('-');
    value = -value;
  }
  // Shortest round-trip digits, as d.ddde±x; re-laid out by ES6 Number::toString's rules.
  char buffer[64];
  auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  if (ec != std::errc()) return Error::Internal("could not format a number");
  std::string sci(buffer, end);
  size_t e_pos = sci.find('e');
  std::string digits;
  for (size_t i = 0; i < e_pos; ++i) {
    if (sci[i] != '.') digits.push_back(sci[i]);
  }
  int exponent = std::atoi(sci.c_str() + e_pos + 1);
  int k = static_cast<int>(digits.size());
  int n = exponent + 1;  // value = 0.digits × 10^n
  if (k <= n && n <= 21) {
    out += digits;
    out.append(n - k, '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, n);
    out.push_back('.');
    out += digits.substr(n);
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(-n, '0');
    out += digits;
  } else {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out += digits.substr(1);
    }
    out.push_back('e');
    out.push_back(n - 1 >= 0 ? '+' : '-');
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

Status AppendJcsString(const std::string& text, std::string* out) {
  return AppendString(text, out);
}

Result<std::string> CanonicalizeJsonWithout(const Json& object, std::string_view omitted_key) {
  if (!object.is_object()) return Error::InvalidInput("only a JSON object can omit a member");
  std::string out;
  out.reserve(1024);
  if (Status s = AppendObject(object, &out, omitted_key); !s.ok()) return s.error();
  return out;
}

Result<std::string> CanonicalizeJson(const Json& value) {
  std::string out;
  out.reserve(1024);
  if (Status s = AppendValue(value, &out); !s.ok()) return s.error();
  return out;
}

}  // namespace siegel
