#include "server/publish/rendered_answer.h"

#include <algorithm>
#include <cctype>

namespace siegel::publish {
namespace {

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string_view Trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

Result<RenderedAnswer> ParseRenderedAnswer(std::string_view raw) {
  size_t head_end = raw.find("\r\n\r\n");
  if (head_end == std::string_view::npos || raw.substr(0, 9).substr(0, 5) != "HTTP/") {
    return Error::Internal("the server's answer has no complete head");
  }
  RenderedAnswer answer;
  std::string_view head = raw.substr(0, head_end);
  size_t line_end = head.find("\r\n");
  std::string_view status_line = head.substr(0, line_end);
  size_t space = status_line.find(' ');
  if (space == std::string_view::npos || status_line.size() < space + 4) {
    return Error::Internal("the server's answer has no status code");
  }
  answer.status = std::atoi(std::string(status_line.substr(space + 1, 3)).c_str());
  while (line_end != std::string_view::npos) {
    size_t start = line_end + 2;
    line_end = head.find("\r\n", start);
    std::string_view line = head.substr(
        start, line_end == std::string_view::npos ? std::string_view::npos : line_end - start);
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    answer.headers[Lower(std::string(line.substr(0, colon)))] =
        std::string(Trimmed(line.substr(colon + 1)));
  }
  if (answer.headers.count("transfer-encoding")) {
    return Error::Internal("the server sent a chunked answer, which publishing does not read");
  }
  std::string_view body = raw.substr(head_end + 4);
  std::string length = answer.Header("content-length");
  if (length.empty()) {
    if (!body.empty()) return Error::Internal("the server's answer has a body of no stated length");
  } else if (std::to_string(body.size()) != length) {
    return Error::Internal("the server's answer is " + std::to_string(body.size()) +
                           " bytes long, but its head says " + length);
  }
  answer.body = std::string(body);
  return answer;
}

}  // namespace siegel::publish
