#include "server/http/answer_cache.h"

#include <array>

#include "server/http/request_head.h"

namespace siegel::http {
namespace {

// Request headers whose values select among a public answer's representations, in the order
// they enter a key.
constexpr std::array<std::string_view, 4> kSelecting = {"accept", "accept-encoding",
                                                        "accept-language", "if-none-match"};

// Request headers that no public answer depends on: framing and connection handling (read by
// the front door), and what browsers, clients and proxies send along.
constexpr std::array<std::string_view, 19> kIgnorable = {"host",
                                                         "connection",
                                                         "keep-alive",
                                                         "content-length",
                                                         "user-agent",
                                                         "cache-control",
                                                         "pragma",
                                                         "referer",
                                                         "origin",
                                                         "dnt",
                                                         "priority",
                                                         "upgrade-insecure-requests",
                                                         "x-forwarded-for",
                                                         "x-forwarded-proto",
                                                         "x-real-ip",
                                                         "forwarded",
                                                         "via",
                                                         "sec-gpc",
                                                         "te"};

bool HasPrefixIgnoringCase(std::string_view text, std::string_view lower_prefix) {
  if (text.size() < lower_prefix.size()) return false;
  for (size_t i = 0; i < lower_prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower_prefix[i]) return false;
  }
  return true;
}

bool ContainsLine(std::string_view head, std::string_view lower_prefix) {
  for (size_t at = head.find("\r\n"); at != std::string_view::npos;
       at = head.find("\r\n", at + 2)) {
    if (HasPrefixIgnoringCase(head.substr(at + 2), lower_prefix)) return true;
  }
  return false;
}

}  // namespace

bool AnswerKeyOf(std::string_view request, std::string& key) {
  size_t line_end = request.find("\r\n");
  if (line_end == std::string_view::npos) return false;
  std::array<std::string_view, kSelecting.size()> values;
  std::array<bool, kSelecting.size()> seen{};
  for (size_t at = line_end + 2; at + 2 < request.size();) {
    size_t end = request.find("\r\n", at);
    if (end == std::string_view::npos) return false;
    std::string_view line = request.substr(at, end - at);
    at = end + 2;
    bool known = false;
    for (size_t i = 0; i < kSelecting.size() && !known; ++i) {
      if (!FieldNameIs(line, kSelecting[i])) continue;
      if (seen[i]) return false;  // which of two would a handler read? Not the cache's guess.
      seen[i] = true;
      values[i] = line.substr(kSelecting[i].size() + 1);
      known = true;
    }
    for (std::string_view name : kIgnorable) known = known || FieldNameIs(line, name);
    known = known || HasPrefixIgnoringCase(line, "sec-fetch-") ||
            HasPrefixIgnoringCase(line, "sec-ch-");
    if (!known) return false;
  }
  key.assign(request.substr(0, line_end));
  for (size_t i = 0; i < kSelecting.size(); ++i) {
    key += '\n';
    if (!seen[i]) continue;
    key += '=';  // an empty value and no header at all differ
    size_t first = values[i].find_first_not_of(" \t");
    if (first != std::string_view::npos) key.append(values[i].substr(first));
  }
  return true;
}

void AnswerCache::Begin(std::time_t second, uint64_t changes) {
  if (second == second_ && changes == changes_) return;
  entries_.clear();
  bytes_ = 0;
  second_ = second;
  changes_ = changes;
}

const AnswerCache::Entry* AnswerCache::Find(const std::string& key) const {
  auto found = entries_.find(key);
  return found == entries_.end() ? nullptr : &found->second;
}

void AnswerCache::Store(const std::string& key, std::string_view answer, const char* route) {
  if (bytes_ + answer.size() + key.size() > max_bytes_) return;
  size_t head_end = answer.find("\r\n\r\n");
  if (head_end == std::string_view::npos || answer.size() < 12) return;
  std::string_view head = answer.substr(0, head_end + 2);
  int status = answer.compare(0, 13, "HTTP/1.1 200 ") == 0   ? 200
               : answer.compare(0, 13, "HTTP/1.1 304 ") == 0 ? 304
                                                             : 0;
  if (status == 0 || ContainsLine(head, "set-cookie:") || ContainsLine(head, "connection: close")) {
    return;
  }
  for (size_t at = head.find("\r\nCache-Control:"); at != std::string_view::npos;
       at = head.find("\r\nCache-Control:", at + 2)) {
    if (head.substr(at, head.find("\r\n", at + 2) - at).find("no-store") !=
        std::string_view::npos) {
      return;
    }
  }
  bytes_ += answer.size() + key.size();
  entries_[key] = Entry{std::string(answer), route, status, answer.size() - head_end - 4};
}

}  // namespace siegel::http
