// Where one request ends in a connection's buffered input, judged from its head alone, so
// that the event loop (server/http/event_loop.h) hands cpp-httplib's parser only whole
// requests and never waits inside it. The rules are deliberately narrower than HTTP: any
// request whose length is not plain from the head (chunked or missing lengths, duplicate or
// malformed Content-Length, bare line feeds, folded lines, an Expect header, a body above the
// limit) is not framed here but handed to the blocking connection loop, which reads it the
// way cpp-httplib does. Two readers can then never disagree on where a request ends.
#pragma once

#include <cstddef>
#include <string_view>

namespace siegel::http {

struct RequestFraming {
  enum Kind {
    kIncomplete,  // the head or the body has not all arrived yet
    kComplete,    // `length` bytes, head and body, form one request
    kHandOff,     // outside the rules above: leave it to the blocking loop
  };
  Kind kind = kIncomplete;
  size_t length = 0;        // kComplete only
  std::string_view method;  // kComplete only: from the request line
  std::string_view path;    // kComplete only: the target without its query
};

// Frames the request at the start of `buffered`. A head longer than max_head_bytes without
// its end, or a body longer than max_body_bytes, is handed off.
RequestFraming FrameRequest(std::string_view buffered, size_t max_head_bytes,
                            size_t max_body_bytes);

}  // namespace siegel::http
