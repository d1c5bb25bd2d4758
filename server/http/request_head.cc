#include "server/http/request_head.h"

#include <cstring>
#include <limits>
#include <optional>

namespace siegel::http {
namespace {

bool IsTokenChar(unsigned char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool IsToken(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!IsTokenChar(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// A field value's characters: visible ASCII, obs-text, space and tab; no other control.
bool IsFieldValue(std::string_view value) {
  for (char ch : value) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 ? c != '\t' : c == 0x7f) return false;
  }
  return true;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

std::string_view TrimOws(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// 1*DIGIT, saturating at UINT64_MAX (a length that large is refused as too large, not as
// malformed); false for anything else: a sign, spaces inside, hex, a list.
bool ParseContentLength(std::string_view text, uint64_t& value) {
  if (text.empty()) return false;
  value = 0;
  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    uint64_t digit = static_cast<uint64_t>(c - '0');
    value = value > (kMax - digit) / 10 ? kMax : value * 10 + digit;
  }
  return true;
}

bool IsHexDigit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

HeadParse Refuse(int status, std::string detail) {
  HeadParse parse;
  parse.kind = HeadParse::kRefused;
  parse.refusal = Refusal{status, std::move(detail)};
  return parse;
}

bool IsKnownMethod(std::string_view method) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"}) {
    if (method == known) return true;
  }
  return false;
}

// Parses "METHOD SP request-target SP HTTP-version" into `head`.
HeadParse ParseRequestLine(std::string_view line, RequestHead& head) {
  size_t first_space = line.find(' ');
  size_t second_space =
      first_space == std::string_view::npos ? first_space : line.find(' ', first_space + 1);
  if (first_space == std::string_view::npos || second_space == std::string_view::npos ||
      line.find(' ', second_space + 1) != std::string_view::npos) {
    return Refuse(400, "the request line must be METHOD, one space, the path, one space, HTTP/1.1");
  }
  head.method = line.substr(0, first_space);
  head.target = line.substr(first_space + 1, second_space - first_space - 1);
  std::string_view version = line.substr(second_space + 1);
  if (!IsToken(head.method)) return Refuse(400, "the request method is not a token");
  if (version == "HTTP/1.0") {
    head.http10 = true;
  } else if (version != "HTTP/1.1") {
    bool http_version = version.size() == 8 && version.substr(0, 5) == "HTTP/" &&
                        version[5] >= '0' && version[5] <= '9' && version[6] == '.' &&
                        version[7] >= '0' && version[7] <= '9';
    if (http_version) return Refuse(505, "this server speaks HTTP/1.1 (and HTTP/1.0) only");
    return Refuse(400, "the request line does not end with HTTP/1.1");
  }
  if (!IsKnownMethod(head.method)) {
    return Refuse(501, "the method " + std::string(head.method) + " is not implemented here");
  }
  if (head.target.empty()) return Refuse(400, "the request has no path");
  for (char ch : head.target) {
    auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c >= 0x7f || c == '#') {
      return Refuse(400, "the request's path holds a character that must be percent-encoded");
    }
  }
  bool asterisk = head.target == "*" && head.method == "OPTIONS";
  if (head.target.front() != '/' && !asterisk) {
    return Refuse(400, "send the path alone as the request target (starting with /)");
  }
  head.path = head.target.substr(0, head.target.find('?'));
  return HeadParse{HeadParse::kComplete, {}, {}, 0};
}

// What the field lines say about the request's framing.
struct FramingFields {
  size_t hosts = 0;
  bool has_length = false;
  uint64_t content_length = 0;
  std::string transfer_encoding;  // every Transfer-Encoding line, joined with commas
  bool has_transfer_encoding = false;
  bool expect_continue = false;
  bool content_encoded = false;
  bool close = false;
  bool keep_alive = false;
};

// Whether the comma-separated `list` holds `token` (compared without case).
bool ListHas(std::string_view list, std::string_view token) {
  while (!list.empty()) {
    size_t comma = list.find(',');
    if (EqualsIgnoringCase(TrimOws(list.substr(0, comma)), token)) return true;
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  return false;
}

HeadParse ReadField(std::string_view line, FramingFields& fields) {
  if (line.front() == ' ' || line.front() == '\t') {
    return Refuse(400, "a header line starts with whitespace (line folding is not accepted)");
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return Refuse(400, "a header line has no colon");
  std::string_view name = line.substr(0, colon);
  if (!IsToken(name)) {
    return Refuse(400,
                  "a header name holds a character that is not allowed (no whitespace "
                  "before the colon)");
  }
  std::string_view value = TrimOws(line.substr(colon + 1));
  if (!IsFieldValue(value)) return Refuse(400, "a header value holds a control character");

  if (EqualsIgnoringCase(name, "host")) {
    ++fields.hosts;
  } else if (EqualsIgnoringCase(name, "content-length")) {
    uint64_t length = 0;
    if (!ParseContentLength(value, length)) {
      return Refuse(400, "Content-Length must be a plain decimal number");
    }
    if (fields.has_length && length != fields.content_length) {
      return Refuse(400, "the request has two different Content-Length values");
    }
    fields.has_length = true;
    fields.content_length = length;
  } else if (EqualsIgnoringCase(name, "transfer-encoding")) {
    if (fields.has_transfer_encoding) fields.transfer_encoding += ',';
    fields.transfer_encoding += value;
    fields.has_transfer_encoding = true;
  } else if (EqualsIgnoringCase(name, "expect")) {
    if (!EqualsIgnoringCase(value, "100-continue")) {
      return Refuse(417, "the only expectation this server meets is 100-continue");
    }
    fields.expect_continue = true;
  } else if (EqualsIgnoringCase(name, "content-encoding")) {
    if (!EqualsIgnoringCase(value, "identity")) fields.content_encoded = true;
  } else if (EqualsIgnoringCase(name, "connection")) {
    fields.close = fields.close || ListHas(value, "close");
    fields.keep_alive = fields.keep_alive || ListHas(value, "keep-alive");
  }
  return HeadParse{HeadParse::kComplete, {}, {}, 0};
}

// Transfer-Encoding: a list of plain tokens whose last (and only) coding is chunked.
HeadParse CheckTransferEncoding(std::string_view list) {
  std::string_view last;
  size_t codings = 0;
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view element = TrimOws(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (element.empty()) continue;
    if (!IsToken(element)) {
      return Refuse(400, "Transfer-Encoding must be a list of plain codings");
    }
    if (!last.empty() && EqualsIgnoringCase(last, "chunked")) {
      return Refuse(400, "chunked must be the last transfer coding, and appear once");
    }
    last = element;
    ++codings;
  }
  if (codings == 0 || !EqualsIgnoringCase(last, "chunked")) {
    return Refuse(400, "the last transfer coding must be chunked");
  }
  if (codings > 1) {
    return Refuse(501, "this server decodes no transfer coding but chunked");
  }
  return HeadParse{HeadParse::kComplete, {}, {}, 0};
}

// Finds the blank line that ends the head (`head_end` just past it, or 0 while it has not
// arrived), refusing bare CR, bare LF and NUL on the way.
std::optional<HeadParse> FindHeadEnd(std::string_view buffered, size_t resume_at,
                                     size_t& head_end) {
  for (size_t i = resume_at; i < buffered.size(); ++i) {
    char c = buffered[i];
    if (c == '\n') {
      if (i == 0 || buffered[i - 1] != '\r') {
        return Refuse(400, "a line of the request ends in a bare line feed; end lines with CRLF");
      }
      if (i >= 3 && buffered[i - 2] == '\n' && buffered[i - 3] == '\r') {
        head_end = i + 1;
        return std::nullopt;
      }
    } else if (c == '\r') {
      if (i + 1 < buffered.size() && buffered[i + 1] != '\n') {
        return Refuse(400, "the request's head holds a carriage return that does not end a line");
      }
    } else if (c == '\0') {
      return Refuse(400, "the request's head holds a NUL byte");
    }
  }
  return std::nullopt;
}

// What the framing fields say of the body and the connection; a refusal if they contradict.
std::optional<HeadParse> ApplyFraming(const FramingFields& fields, RequestHead& head) {
  if (head.http10 ? fields.hosts > 1 : fields.hosts != 1) {
    return Refuse(400, "the request must have exactly one Host header");
  }
  if (fields.has_transfer_encoding) {
    if (head.http10) return Refuse(400, "HTTP/1.0 requests cannot use Transfer-Encoding");
    if (fields.has_length) {
      return Refuse(400, "the request has both Content-Length and Transfer-Encoding");
    }
    HeadParse coding = CheckTransferEncoding(fields.transfer_encoding);
    if (coding.kind == HeadParse::kRefused) return coding;
    head.framing = BodyFraming::kChunked;
  } else if (fields.has_length) {
    head.framing = BodyFraming::kLength;
    head.content_length = fields.content_length;
  }
  head.expect_continue = fields.expect_continue;
  head.content_encoded = fields.content_encoded;
  head.closes_connection = fields.close || (head.http10 && !fields.keep_alive);
  return std::nullopt;
}

}  // namespace

HeadParse ParseRequestHead(std::string_view buffered, const HeadLimits& limits, size_t resume_at) {
  // The request line must end within its limit.
  size_t line_end = buffered.substr(0, limits.request_line).find('\n');
  if (line_end == std::string_view::npos) {
    if (buffered.size() >= limits.request_line) {
      return Refuse(
          414, "the request line is longer than " + std::to_string(limits.request_line) + " bytes");
    }
  }

  size_t head_end = 0;
  if (std::optional<HeadParse> refused = FindHeadEnd(buffered, resume_at, head_end)) {
    return *refused;
  }
  size_t fields_start = line_end == std::string_view::npos ? 0 : line_end + 1;
  if (head_end == 0) {
    if (line_end != std::string_view::npos &&
        buffered.size() - fields_start > limits.header_section + 2) {
      return Refuse(431, "the request's headers are longer than " +
                             std::to_string(limits.header_section) + " bytes");
    }
    HeadParse incomplete;
    incomplete.scanned = buffered.empty() ? 0 : buffered.size() - 1;
    return incomplete;
  }
  if (head_end - 2 - fields_start > limits.header_section) {
    return Refuse(431, "the request's headers are longer than " +
                           std::to_string(limits.header_section) + " bytes");
  }

  HeadParse parse;
  parse.kind = HeadParse::kComplete;
  RequestHead& head = parse.head;
  head.length = head_end;
  HeadParse line = ParseRequestLine(buffered.substr(0, line_end - 1), head);
  if (line.kind == HeadParse::kRefused) return line;

  FramingFields fields;
  size_t count = 0;
  for (size_t at = fields_start; at < head_end - 2;) {
    size_t end = buffered.find("\r\n", at);
    if (++count > limits.header_count) {
      return Refuse(431, "the request has more than " + std::to_string(limits.header_count) +
                             " header lines");
    }
    HeadParse field = ReadField(buffered.substr(at, end - at), fields);
    if (field.kind == HeadParse::kRefused) return field;
    at = end + 2;
  }

  if (std::optional<HeadParse> refused = ApplyFraming(fields, head)) return *refused;
  return parse;
}

Refusal BodyTooLarge(size_t limit) {
  std::string words = limit % (1024 * 1024) == 0 ? std::to_string(limit / (1024 * 1024)) + " MiB"
                      : limit % 1024 == 0        ? std::to_string(limit / 1024) + " KiB"
                                                 : std::to_string(limit) + " bytes";
  return Refusal{413, "the request body is larger than " + words + ", the limit of this address"};
}

bool DecodePath(std::string_view encoded, std::string& decoded) {
  decoded.clear();
  decoded.reserve(encoded.size());
  for (size_t i = 0; i < encoded.size(); ++i) {
    if (encoded[i] != '%') {
      decoded += encoded[i];
      continue;
    }
    if (i + 2 >= encoded.size() || !IsHexDigit(encoded[i + 1]) || !IsHexDigit(encoded[i + 2])) {
      return false;
    }
    decoded += static_cast<char>(HexValue(encoded[i + 1]) * 16 + HexValue(encoded[i + 2]));
    i += 2;
  }
  return true;
}

bool FieldNameIs(std::string_view line, std::string_view lower_name) {
  return EqualsIgnoringCase(line.substr(0, line.find(':')), lower_name);
}

bool MethodTakesBody(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

}  // namespace siegel::http
