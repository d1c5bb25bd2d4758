#include "server/http/request_assembler.h"

namespace siegel::http {
namespace {

// Empty lines a client may send before a request line (RFC 9112 §2.2 asks servers to ignore
// at least one, as some clients send CRLF after a POST body).
constexpr size_t kMaxLeadingBlankLines = 8;

bool IsFramingField(std::string_view line) {
  return FieldNameIs(line, "content-length") || FieldNameIs(line, "transfer-encoding") ||
         FieldNameIs(line, "expect");
}

}  // namespace

RequestAssembler::Outcome RequestAssembler::Refuse(Refusal refusal) {
  reservation_.Release();
  Outcome outcome;
  outcome.kind = Outcome::kRefused;
  outcome.refusal = std::move(refusal);
  return outcome;
}

RequestAssembler::Outcome RequestAssembler::Next(std::string_view input) {
  size_t at = 0;
  if (stage_ == Stage::kHead) {
    if (!started_) {
      reservation_.Release();  // the previous request has been answered
      while (input.substr(at, 2) == "\r\n") {
        if (++leading_blank_lines_ > kMaxLeadingBlankLines) {
          return Refuse({400, "the request starts with too many empty lines"});
        }
        at += 2;
      }
      if (at == input.size() || input.substr(at) == "\r")
        return Outcome{Outcome::kNeedMore, at, {}};
      started_ = true;
    }
    HeadParse parse = ParseRequestHead(input.substr(at), limits_, scanned_);
    if (parse.kind == HeadParse::kRefused) return Refuse(std::move(parse.refusal));
    if (parse.kind == HeadParse::kIncomplete) {
      scanned_ = parse.scanned;
      return Outcome{Outcome::kNeedMore, at, {}};
    }
    Outcome head = OnHead(parse.head, input.substr(at));
    head.consumed += at;
    if (head.kind != Outcome::kNeedMore) return head;
    at = head.consumed;
  }

  switch (stage_) {
    case Stage::kBodyInPlace: {
      size_t total = head_length_ + static_cast<size_t>(body_length_);
      if (input.size() - at < total) return Outcome{Outcome::kNeedMore, at, {}};
      request_ = input.substr(at, total);
      request_is_owned_ = false;
      return Ready(at + total);
    }
    case Stage::kBodyCopied: {
      size_t n = std::min(static_cast<size_t>(body_length_) - body_.size(), input.size() - at);
      body_.append(input.data() + at, n);
      at += n;
      if (body_.size() < body_length_) return Outcome{Outcome::kNeedMore, at, {}};
      return Ready(at);
    }
    case Stage::kChunkedBody: {
      ChunkedBody::Step step = chunked_.Feed(input.substr(at), body_);
      if (step.kind == ChunkedBody::Step::kRefused) return Refuse(std::move(step.refusal));
      if (!reservation_.GrowTo(body_.size())) {
        return Refuse(
            {503, "the server is receiving too many request bodies at once; try again", 1});
      }
      at += step.consumed;
      if (step.kind == ChunkedBody::Step::kNeedMore) return Outcome{Outcome::kNeedMore, at, {}};
      return Ready(at);
    }
    case Stage::kHead:
      break;
  }
  return Outcome{Outcome::kNeedMore, at, {}};
}

RequestAssembler::Outcome RequestAssembler::OnHead(const RequestHead& head,
                                                   std::string_view input) {
  method_ = std::string(head.method);
  closes_connection_ = head.closes_connection;
  if (!DecodePath(head.path, path_)) {
    return Refuse({400, "the path holds a % that is not followed by two hex digits"});
  }
  route_ = routes_.Classify(method_, path_);
  takes_body_ = MethodTakesBody(method_);
  bool has_body = head.framing == BodyFraming::kChunked || head.content_length > 0;
  if (has_body && !takes_body_) {
    return Refuse({400, "a " + method_ + " request cannot carry a body"});
  }
  if (has_body && head.content_encoded) {
    return Refuse({415,
                   "request bodies are not accepted compressed (Content-Encoding); send "
                   "the body as it is"});
  }
  if (head.framing == BodyFraming::kLength && head.content_length > route_.max_body) {
    return Refuse(BodyTooLarge(route_.max_body));
  }
  if (head.framing == BodyFraming::kLength &&
      !reservation_.GrowTo(static_cast<size_t>(head.content_length))) {
    return Refuse({503, "the server is receiving too many request bodies at once; try again", 1});
  }
  body_length_ = head.content_length;
  if (!head.expect_continue && head.framing != BodyFraming::kChunked) {
    head_length_ = head.length;
    stage_ = Stage::kBodyInPlace;
    return Outcome{Outcome::kNeedMore, 0, {}};
  }
  // The framing the client chose is undone here; cpp-httplib gets a plain Content-Length.
  KeepRewrittenHead(input.substr(0, head.length));
  body_.clear();
  if (head.framing == BodyFraming::kChunked) {
    chunked_ = ChunkedBody(route_.max_body);
    stage_ = Stage::kChunkedBody;
  } else {
    stage_ = Stage::kBodyCopied;
    body_.reserve(static_cast<size_t>(body_length_));
  }
  bool continue_first = head.expect_continue && has_body;
  return Outcome{continue_first ? Outcome::kContinue : Outcome::kNeedMore, head.length, {}};
}

void RequestAssembler::KeepRewrittenHead(std::string_view head) {
  rewritten_head_.clear();
  size_t at = 0;
  bool request_line = true;
  while (at + 2 < head.size()) {  // the blank line at the end is added back in Ready
    size_t end = head.find("\r\n", at);
    std::string_view line = head.substr(at, end + 2 - at);
    if (request_line || !IsFramingField(line)) rewritten_head_.append(line);
    request_line = false;
    at = end + 2;
  }
}

RequestAssembler::Outcome RequestAssembler::Ready(size_t consumed) {
  if (stage_ != Stage::kBodyInPlace) {
    owned_request_ = std::move(rewritten_head_);
    if (takes_body_) owned_request_ += "Content-Length: " + std::to_string(body_.size()) + "\r\n";
    owned_request_ += "\r\n";
    owned_request_ += body_;
    std::string().swap(body_);
    request_ = owned_request_;
    request_is_owned_ = true;
  }
  stage_ = Stage::kHead;
  scanned_ = 0;
  started_ = false;
  leading_blank_lines_ = 0;
  return Outcome{Outcome::kReady, consumed, {}};
}

std::string RequestAssembler::TakeRequest() {
  std::string taken = request_is_owned_ ? std::move(owned_request_) : std::string(request_);
  request_ = {};
  request_is_owned_ = false;
  return taken;
}

BodyReservation RequestAssembler::TakeReservation() {
  BodyReservation taken = std::move(reservation_);
  reservation_ = BodyReservation(budget_);
  return taken;
}

}  // namespace siegel::http
