#include "server/http/request_framing.h"

#include <cctype>

namespace siegel::http {
namespace {

constexpr std::string_view kHeadEnd = "\r\n\r\n";

bool IsTokenChar(char c) {
  if (std::isalnum(static_cast<unsigned char>(c))) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

bool EqualsIgnoringCase(std::string_view a, std::string_view lower) {
  if (a.size() != lower.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != lower[i]) return false;
  }
  return true;
}

std::string_view TrimSpaceAndTab(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// A decimal length of at most 15 digits (8 PB), nothing else; false otherwise.
bool ParseLength(std::string_view text, size_t& length) {
  if (text.empty() || text.size() > 15) return false;
  length = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    length = length * 10 + static_cast<size_t>(c - '0');
  }
  return true;
}

RequestFraming HandOff() { return RequestFraming{RequestFraming::kHandOff, 0, {}, {}}; }

}  // namespace

RequestFraming FrameRequest(std::string_view buffered, size_t max_head_bytes,
                            size_t max_body_bytes) {
  size_t head_end = buffered.find(kHeadEnd);
  if (head_end == std::string_view::npos) {
    return buffered.size() > max_head_bytes ? HandOff() : RequestFraming{};
  }
  if (head_end + kHeadEnd.size() > max_head_bytes) return HandOff();
  std::string_view head = buffered.substr(0, head_end + 2);  // each line with its CRLF

  // Every line feed must end a CRLF and every carriage return start one: cpp-httplib splits
  // lines at bare line feeds, and this reader would not.
  for (size_t i = 0; i < head.size(); ++i) {
    if (head[i] == '\n' && (i == 0 || head[i - 1] != '\r')) return HandOff();
    if (head[i] == '\r' && (i + 1 == head.size() || head[i + 1] != '\n')) return HandOff();
  }

  size_t line_end = head.find("\r\n");
  std::string_view request_line = head.substr(0, line_end);
  size_t method_end = request_line.find(' ');
  if (method_end == std::string_view::npos) return HandOff();
  size_t target_end = request_line.find(' ', method_end + 1);
  if (target_end == std::string_view::npos) return HandOff();
  std::string_view method = request_line.substr(0, method_end);
  std::string_view target = request_line.substr(method_end + 1, target_end - method_end - 1);
  std::string_view path = target.substr(0, target.find('?'));

  bool has_length = false;
  size_t body_length = 0;
  for (size_t at = line_end + 2; at < head.size();) {
    size_t end = head.find("\r\n", at);
    std::string_view line = head.substr(at, end - at);
    at = end + 2;
    size_t colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos) return HandOff();  // folded or odd
    std::string_view name = line.substr(0, colon);
    for (char c : name) {
      if (!IsTokenChar(c)) return HandOff();
    }
    if (EqualsIgnoringCase(name, "transfer-encoding") || EqualsIgnoringCase(name, "expect")) {
      return HandOff();
    }
    if (EqualsIgnoringCase(name, "content-length")) {
      if (has_length || !ParseLength(TrimSpaceAndTab(line.substr(colon + 1)), body_length)) {
        return HandOff();
      }
      has_length = true;
    }
  }

  // cpp-httplib reads a body for POST, PUT, PATCH, PRI and DELETE only, and for those reads
  // to the end of the connection when no length is given. Frame only what both read alike.
  bool reads_body = method == "POST" || method == "PUT" || method == "PATCH" || method == "PRI" ||
                    method == "DELETE";
  if (reads_body ? !has_length : body_length != 0) return HandOff();
  if (body_length > max_body_bytes) return HandOff();

  size_t length = head_end + kHeadEnd.size() + body_length;
  if (buffered.size() < length) return RequestFraming{};
  return RequestFraming{RequestFraming::kComplete, length, method, path};
}

}  // namespace siegel::http
