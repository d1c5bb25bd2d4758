// The front door's strict reading of requests (server/http/request_head.h, chunked_body.h) on
// any bytes. Never crash; a head is read the same whether it arrives whole or a byte at a
// time; a head that is accepted ends inside the input; a chunked body decodes to the same
// bytes and the same verdict whatever pieces it arrives in, and never past its limit.
#include <cstdlib>
#include <string>

#include "server/http/chunked_body.h"
#include "server/http/request_head.h"

namespace {

using siegel::http::ChunkedBody;
using siegel::http::HeadLimits;
using siegel::http::HeadParse;

void CheckHead(std::string_view input) {
  HeadLimits limits;
  limits.request_line = 256;
  limits.header_section = 1024;
  limits.header_count = 16;
  HeadParse whole = siegel::http::ParseRequestHead(input, limits);
  if (whole.kind == HeadParse::kComplete && whole.head.length > input.size()) std::abort();
  // A byte at a time, resuming where the last call stopped.
  HeadParse step;
  size_t scanned = 0;
  for (size_t n = 1; n <= input.size(); ++n) {
    step = siegel::http::ParseRequestHead(input.substr(0, n), limits, scanned);
    if (step.kind != HeadParse::kIncomplete) break;
    scanned = step.scanned;
  }
  if (input.empty()) return;
  if (step.kind != whole.kind && whole.kind != HeadParse::kRefused) std::abort();
  if (step.kind == HeadParse::kComplete &&
      (step.head.length != whole.head.length || step.head.framing != whole.head.framing ||
       step.head.content_length != whole.head.content_length)) {
    std::abort();
  }
}

void CheckChunked(std::string_view input) {
  constexpr size_t kLimit = 4096;
  ChunkedBody all_at_once(kLimit), piecewise(kLimit);
  std::string decoded_whole, decoded_pieces;
  ChunkedBody::Step whole = all_at_once.Feed(input, decoded_whole);
  ChunkedBody::Step last;
  std::string pending;
  for (char c : input) {
    pending += c;
    last = piecewise.Feed(pending, decoded_pieces);
    if (last.kind != ChunkedBody::Step::kNeedMore) break;
    pending.erase(0, last.consumed);
  }
  if (decoded_whole.size() > kLimit || decoded_pieces.size() > kLimit) std::abort();
  if (input.empty()) return;
  if (whole.kind != last.kind) std::abort();
  if (whole.kind == ChunkedBody::Step::kDone && decoded_whole != decoded_pieces) std::abort();
  if (whole.kind == ChunkedBody::Step::kRefused && whole.refusal.status != last.refusal.status) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckHead(input);
  CheckChunked(input);
  std::string decoded;
  (void)siegel::http::DecodePath(input, decoded);
  return 0;
}
