// The strict reading of a chunked request body (RFC 9112 §7.1), as it arrives: chunk sizes in
// plain hex, bounded chunk extensions (ignored), exactly CRLF after each chunk's data, a
// bounded trailer section (read and dropped). The decoded body may never outgrow its limit:
// the size line of a chunk that would pass it is refused before the chunk's data is read.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "server/http/request_head.h"

namespace siegel::http {

class ChunkedBody {
 public:
  static constexpr size_t kMaxSizeLine = 1024;  // hex digits and extensions, with CRLF
  static constexpr size_t kMaxTrailers = 4096;  // the whole trailer section
  static constexpr size_t kMaxTrailerLines = 32;

  explicit ChunkedBody(size_t max_body) : max_body_(max_body) {}

  struct Step {
    enum Kind { kNeedMore, kDone, kRefused };
    Kind kind = kNeedMore;
    size_t consumed = 0;  // bytes of the input read (all of them, unless kDone or kRefused)
    Refusal refusal;
  };

  // Reads what it can of `input`, appending decoded data to `body`. Call again with the bytes
  // after `consumed` and any that arrive later.
  Step Feed(std::string_view input, std::string& body);

 private:
  enum class State { kSizeLine, kData, kDataEnd, kTrailer, kDone };
  Step ReadSizeLine(std::string_view line);

  size_t max_body_;
  State state_ = State::kSizeLine;
  size_t chunk_left_ = 0;
  size_t decoded_ = 0;
  size_t trailer_bytes_ = 0;
  size_t trailer_lines_ = 0;
};

}  // namespace siegel::http
