// Whole answers to the public's quick reads, kept by an event loop and sent again as they
// are: a status document, a credential, a status list, a badge. Answering one of those through
// cpp-httplib (its request and response objects, its router's regular expressions, its
// header formatting) costs several times what reading and sending it costs; a cached answer
// costs a lookup.
//
// An answer is only shared between requests that could not get different ones:
//   - the same method and target (query included), and the same values of the request
//     headers an answer depends on (Accept, Accept-Encoding, Accept-Language, If-None-Match);
//   - a request with any other header that could change an answer (a cookie, credentials, a
//     range, conditions other than If-None-Match) is never answered from the cache;
//   - only answers 200 and 304 that set no cookie and do not say "no-store" are kept;
//   - everything is dropped when the registry's change counter moves (a revocation is seen
//     by the very next request, as without the cache) and when the wall-clock second changes
//     (documents such as the status document state the second they were made).
// One cache per event loop: no locks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>
#include <unordered_map>

namespace siegel::http {

// The key for sharing answers to `request` (a GET or HEAD, its head whole, as framed), in
// `key`; false when the request carries a header that could change the answer.
bool AnswerKeyOf(std::string_view request, std::string& key);

class AnswerCache {
 public:
  struct Entry {
    std::string answer;  // the whole answer, head and body
    const char* route;   // for metrics and the access log
    int status;
    size_t body_bytes;
  };

  explicit AnswerCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  // Drops everything unless it was made in `second` with the change counter at `changes`.
  void Begin(std::time_t second, uint64_t changes);
  const Entry* Find(const std::string& key) const;
  // Keeps `answer` if it may be shared (see above) and there is room.
  void Store(const std::string& key, std::string_view answer, const char* route);

 private:
  size_t max_bytes_;
  size_t bytes_ = 0;
  std::time_t second_ = 0;
  uint64_t changes_ = 0;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace siegel::http
