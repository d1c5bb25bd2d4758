#include "server/http/chunked_body.h"

#include <cstring>

namespace siegel::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

ChunkedBody::Step Refuse(int status, std::string detail) {
  ChunkedBody::Step step;
  step.kind = ChunkedBody::Step::kRefused;
  step.refusal = Refusal{status, std::move(detail)};
  return step;
}

bool IsTokenChar(unsigned char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

// A trailer field line: a token, a colon, a value without control characters.
bool IsFieldLine(std::string_view line) {
  size_t colon = line.find(':');
  if (colon == 0 || colon == std::string_view::npos) return false;
  for (size_t i = 0; i < colon; ++i) {
    if (!IsTokenChar(static_cast<unsigned char>(line[i]))) return false;
  }
  for (size_t i = colon + 1; i < line.size(); ++i) {
    auto c = static_cast<unsigned char>(line[i]);
    if (c < 0x20 ? c != '\t' : c == 0x7f) return false;
  }
  return true;
}

// The line at `at` without its CRLF, if it has all arrived: npos in `length` otherwise.
// Returns false for a bare line feed.
bool FindLine(std::string_view input, size_t at, size_t& length) {
  size_t lf = input.find('\n', at);
  if (lf == std::string_view::npos) {
    length = std::string_view::npos;
    return true;
  }
  if (lf == at || input[lf - 1] != '\r') return false;
  length = lf - 1 - at;
  return true;
}

}  // namespace

ChunkedBody::Step ChunkedBody::ReadSizeLine(std::string_view line) {
  size_t digits = 0;
  uint64_t size = 0;
  while (digits < line.size() && HexValue(line[digits]) >= 0) {
    if (digits == 16) return Refuse(400, "a chunk size has more than 16 hex digits");
    size = size * 16 + static_cast<uint64_t>(HexValue(line[digits]));
    ++digits;
  }
  if (digits == 0) return Refuse(400, "a chunk size must start with hex digits");
  std::string_view extensions = line.substr(digits);
  size_t first = extensions.find_first_not_of(" \t");
  if (first != std::string_view::npos) {
    if (extensions[first] != ';') {
      return Refuse(400, "a chunk size must be plain hex, optionally followed by ;extensions");
    }
    for (char ch : extensions) {
      auto c = static_cast<unsigned char>(ch);
      if (c < 0x20 ? c != '\t' : c == 0x7f) {
        return Refuse(400, "a chunk extension holds a control character");
      }
    }
  }
  if (size > max_body_ - decoded_) {
    Step step;
    step.kind = Step::kRefused;
    step.refusal = BodyTooLarge(max_body_);
    return step;
  }
  decoded_ += size;
  chunk_left_ = size;
  state_ = size == 0 ? State::kTrailer : State::kData;
  return Step{};
}

ChunkedBody::Step ChunkedBody::Feed(std::string_view input, std::string& body) {
  size_t at = 0;
  while (at < input.size() && state_ != State::kDone) {
    switch (state_) {
      case State::kSizeLine: {
        size_t length;
        if (!FindLine(input, at, length)) {
          return Refuse(400, "a chunk size line ends in a bare line feed");
        }
        if (length == std::string_view::npos ? input.size() - at >= kMaxSizeLine
                                             : length + 2 > kMaxSizeLine) {
          return Refuse(
              400, "a chunk size line is longer than " + std::to_string(kMaxSizeLine) + " bytes");
        }
        if (length == std::string_view::npos) return Step{Step::kNeedMore, at, {}};
        Step read = ReadSizeLine(input.substr(at, length));
        if (read.kind == Step::kRefused) return read;
        at += length + 2;
        break;
      }
      case State::kData: {
        size_t n = std::min(chunk_left_, input.size() - at);
        body.append(input.data() + at, n);
        chunk_left_ -= n;
        at += n;
        if (chunk_left_ == 0) state_ = State::kDataEnd;
        break;
      }
      case State::kDataEnd: {
        if (input[at] != '\r' || (at + 1 < input.size() && input[at + 1] != '\n')) {
          return Refuse(400, "a chunk's data must be followed by CRLF");
        }
        if (at + 1 == input.size()) return Step{Step::kNeedMore, at, {}};
        at += 2;
        state_ = State::kSizeLine;
        break;
      }
      case State::kTrailer: {
        size_t length;
        if (!FindLine(input, at, length)) {
          return Refuse(400, "a trailer line ends in a bare line feed");
        }
        size_t bytes = length == std::string_view::npos ? input.size() - at : length + 2;
        if (trailer_bytes_ + bytes > kMaxTrailers) {
          return Refuse(431, "the request's trailers are longer than " +
                                 std::to_string(kMaxTrailers) + " bytes");
        }
        if (length == std::string_view::npos) return Step{Step::kNeedMore, at, {}};
        if (length == 0) {
          state_ = State::kDone;
        } else if (++trailer_lines_ > kMaxTrailerLines) {
          return Refuse(431, "the request has more than " + std::to_string(kMaxTrailerLines) +
                                 " trailer lines");
        } else if (!IsFieldLine(input.substr(at, length))) {
          return Refuse(400, "a trailer line is not a header field");
        }
        trailer_bytes_ += bytes;
        at += length + 2;
        break;
      }
      case State::kDone:
        break;
    }
  }
  return Step{state_ == State::kDone ? Step::kDone : Step::kNeedMore, at, {}};
}

}  // namespace siegel::http
