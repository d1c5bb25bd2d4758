// The strict reading of a request's head (RFC 9112), done by the front door before any other
// code sees the request. It refuses rather than guesses: where two readers of HTTP could
// disagree on where a request ends (a reverse proxy in front, cpp-httplib behind), the request
// is answered with an error and its connection closed, so that no byte of one request is ever
// read as the start of another. What it accepts, cpp-httplib's parser reads the same way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace siegel::http {

struct HeadLimits {
  size_t request_line = 8 * 1024;     // with its CRLF: longer gets 414
  size_t header_section = 16 * 1024;  // the field lines after the request line: longer gets 431
  size_t header_count = 100;          // more field lines get 431
};

// Why a request is refused: the status and a sentence for the client.
struct Refusal {
  int status = 400;
  std::string detail;
  int retry_after_seconds = 0;  // > 0: the answer says when to try again (503)
};

// The refusal of a body larger than `limit` bytes (413), with the limit in words.
Refusal BodyTooLarge(size_t limit);

enum class BodyFraming {
  kNone,     // no Content-Length, no Transfer-Encoding: no body
  kLength,   // Content-Length
  kChunked,  // Transfer-Encoding: chunked
};

struct RequestHead {
  std::string_view method;
  std::string_view target;  // as sent: origin-form, or "*" for OPTIONS
  std::string_view path;    // the target up to '?', still percent-encoded
  bool http10 = false;      // HTTP/1.0 (else HTTP/1.1)
  size_t length = 0;        // bytes of the head, the blank line included
  BodyFraming framing = BodyFraming::kNone;
  uint64_t content_length = 0;  // kLength only; saturates at UINT64_MAX
  bool expect_continue = false;
  bool content_encoded = false;  // a Content-Encoding other than identity
  // The client asks to close after the answer: "Connection: close", or HTTP/1.0 without
  // "Connection: keep-alive".
  bool closes_connection = false;
};

struct HeadParse {
  enum Kind { kIncomplete, kComplete, kRefused };
  Kind kind = kIncomplete;
  RequestHead head;  // kComplete
  Refusal refusal;   // kRefused
  // kIncomplete: where the next call may resume scanning (bytes before it were checked).
  size_t scanned = 0;
};

// Reads the head at the start of `buffered`. `resume_at` is the `scanned` of the previous call
// on the same, longer-grown buffer (0 the first time): a head that trickles in is scanned once.
HeadParse ParseRequestHead(std::string_view buffered, const HeadLimits& limits,
                           size_t resume_at = 0);

// The path of a request as cpp-httplib routes it: every %XX decoded. Returns false when a '%'
// is not followed by two hex digits (cpp-httplib would pass such a path on in other ways).
bool DecodePath(std::string_view encoded, std::string& decoded);

// Whether the header field line `line` ("Name: value") has the name `lower_name`, compared
// without case.
bool FieldNameIs(std::string_view line, std::string_view lower_name);

// Whether `method` carries a body in this server: POST, PUT and PATCH. Others must not send one.
bool MethodTakesBody(std::string_view method);

}  // namespace siegel::http
