// A SAX handler over nlohmann's lexer that builds the tree and refuses duplicate keys.
#include "base/json_strict.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

#include "base/encoding.h"

namespace siegel {
namespace {

// Error messages quote the input; what is not printable UTF-8 is shown as \xNN, so that a
// message is always safe to print, log and put into JSON.
std::string Printable(const std::string& text) {
  bool clean = IsValidUtf8(text);
  for (unsigned char c : text) clean = clean && c >= 0x20 && c != 0x7f;
  if (clean) return text;
  std::string out;
  for (unsigned char c : text) {
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char escaped[5];
      std::snprintf(escaped, sizeof(escaped), "\\x%02X", c);
      out += escaped;
    }
  }
  return out;
}

class StrictBuilder {
 public:
  explicit StrictBuilder(size_t max_depth) : max_depth_(max_depth) {}

  bool null() { return Add(Json(nullptr)); }
  bool boolean(bool v) { return Add(Json(v)); }
  bool number_integer(Json::number_integer_t v) { return Add(Json(v)); }
  bool number_unsigned(Json::number_unsigned_t v) { return Add(Json(v)); }
  bool number_float(Json::number_float_t v, const std::string&) {
    if (!std::isfinite(v)) return Fail("a number is too large to be represented");
    return Add(Json(v));
  }
  bool string(Json::string_t& v) { return Add(Json(std::move(v))); }
  bool binary(Json::binary_t&) { return Fail("binary values are not JSON"); }
  bool start_object(size_t) { return Open(Json::object()); }
  // The member is created here, with one lookup that also finds a duplicate; its value is
  // placed into it next (std::map never moves its elements).
  bool key(Json::string_t& k) {
    auto& members = stack_.back()->get_ref<Json::object_t&>();
    auto [member, inserted] = members.emplace(std::move(k), nullptr);
    if (!inserted) return Fail("duplicate object key \"" + member->first + "\"");
    pending_value_ = &member->second;
    return true;
  }
  bool end_object() { return Close(); }
  bool start_array(size_t) { return Open(Json::array()); }
  bool end_array() { return Close(); }
  bool parse_error(size_t position, const std::string&, const nlohmann::detail::exception& e) {
    // nlohmann's text names the token; keep only its own explanation after the last ": ".
    std::string what = e.what();
    auto colon = what.rfind(": ");
    std::string reason = colon == std::string::npos ? what : what.substr(colon + 2);
    return Fail("malformed JSON at byte " + std::to_string(position) + ": " + Printable(reason));
  }

  Json& root() { return root_; }
  const std::string& error() const { return error_; }

 private:
  bool Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return false;
  }

  // Places a value into the current container (or as the root) and returns where it lives.
  Json* Place(Json value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Json& parent = *stack_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    *pending_value_ = std::move(value);
    return pending_value_;
  }

  bool Add(Json value) {
    Place(std::move(value));
    return true;
  }

  bool Open(Json container) {
    if (stack_.size() >= max_depth_)
      return Fail("JSON nesting is deeper than " + std::to_string(max_depth_));
    stack_.push_back(Place(std::move(container)));
    return true;
  }

  bool Close() {
    stack_.pop_back();
    return true;
  }

  size_t max_depth_;
  Json root_;
  std::vector<Json*> stack_;
  Json* pending_value_ = nullptr;  // the member whose key was read last
  std::string error_;
};

}  // namespace

Result<Json> ParseStrictJson(std::string_view text, const StrictJsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return Error::InvalidInput("JSON text is larger than " + std::to_string(limits.max_bytes) +
                               " bytes");
  }
  StrictBuilder builder(limits.max_depth);
  bool ok = false;
  try {
    ok = Json::sax_parse(text.begin(), text.end(), &builder, Json::input_format_t::json, true);
  } catch (const std::exception& e) {
    return Error::InvalidInput(std::string("malformed JSON: ") + e.what());
  }
  if (!ok) {
    return Error::InvalidInput(builder.error().empty() ? "malformed JSON" : builder.error());
  }
  return std::move(builder.root());
}

std::string StringMember(const Json& object, const char* name) {
  if (!object.is_object()) return "";
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

namespace {

// The position of the quote that closes the string opened at `open`, or text.size(). Most of
// a batch body is strings, so they are crossed with memchr: a quote closes the string unless
// an odd number of backslashes stands right before it.
size_t StringEnd(std::string_view text, size_t open) {
  size_t from = open + 1;
  while (from < text.size()) {
    const void* hit = std::memchr(text.data() + from, '"', text.size() - from);
    if (hit == nullptr) break;
    size_t quote = static_cast<size_t>(static_cast<const char*>(hit) - text.data());
    size_t backslashes = 0;
    while (text[quote - 1 - backslashes] == '\\') ++backslashes;  // stops at the opening quote
    if (backslashes % 2 == 0) return quote;
    from = quote + 1;
  }
  return text.size();
}

}  // namespace

Result<std::vector<std::string_view>> SplitJsonArray(std::string_view text, size_t max_elements,
                                                     size_t max_depth) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  size_t pos = 0;
  while (pos < text.size() && is_space(text[pos])) ++pos;
  if (pos >= text.size() || text[pos] != '[')
    return Error::InvalidInput("the text is not a JSON array");
  ++pos;
  std::vector<std::string_view> elements;
  size_t depth = 0;                  // nesting inside the current element
  size_t start = std::string::npos;  // where the current element began
  bool ended = false;                // the current element is complete; only ',' or ']' may follow
  auto missing_comma = [] {
    return Error::InvalidInput("a comma is missing between array elements");
  };
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (is_space(c)) {
      if (depth == 0 && start != std::string::npos) ended = true;
      continue;
    }
    if (depth == 0 && (c == ',' || c == ']')) {
      if (start == std::string::npos) {
        if (c == ']' && elements.empty()) break;  // []
        return Error::InvalidInput("an array element is missing");
      }
      size_t end = pos;
      while (end > start && is_space(text[end - 1])) --end;
      elements.push_back(text.substr(start, end - start));
      if (elements.size() > max_elements) {
        return Error::InvalidInput("the array has more than " + std::to_string(max_elements) +
                                   " elements");
      }
      start = std::string::npos;
      ended = false;
      if (c == ']') break;
      continue;
    }
    if (depth == 0) {
      if (ended) return missing_comma();
      if (start == std::string::npos) start = pos;
    }
    if (c == '"') {
      pos = StringEnd(text, pos);
      if (pos >= text.size()) return Error::InvalidInput("a string in the array is not terminated");
      if (depth == 0) ended = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth)
        return Error::InvalidInput("JSON nesting is deeper than " + std::to_string(max_depth));
    } else if (c == '}' || c == ']') {
      if (depth == 0) return Error::InvalidInput("unbalanced brackets in the array");
      if (--depth == 0) ended = true;
    }
  }
  if (pos >= text.size()) return Error::InvalidInput("the array is not closed");
  for (++pos; pos < text.size(); ++pos) {
    if (!is_space(text[pos])) return Error::InvalidInput("there is data after the array");
  }
  return elements;
}

}  // namespace siegel
