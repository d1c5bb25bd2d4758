// One connection's requests, assembled from its bytes as they arrive: the head read strictly
// (server/http/request_head.h), the route looked up before any of the body is read, the
// route's body limit and the server's body budget enforced on the bytes as they come, a
// chunked body decoded (server/http/chunked_body.h), and the whole request handed on as one
// piece of memory that cpp-httplib can parse without waiting. A request that arrives with
// plain framing is handed on as the client sent it; one whose framing had to be undone
// (chunked, or "Expect: 100-continue") is handed on rewritten with a Content-Length.
#pragma once

#include <string>
#include <string_view>

#include "server/http/body_budget.h"
#include "server/http/chunked_body.h"
#include "server/http/request_head.h"
#include "server/http/route_table.h"

namespace siegel::http {

class RequestAssembler {
 public:
  RequestAssembler(const RouteTable& routes, const HeadLimits& limits, BodyBudget& budget)
      : routes_(routes), limits_(limits), budget_(&budget), reservation_(&budget) {}

  struct Outcome {
    enum Kind {
      kNeedMore,  // all of the input was read; more must arrive
      kContinue,  // send "100 Continue", then call again with the rest of the input
      kReady,     // a whole request: request() and route()
      kRefused,   // answer `refusal` and close the connection
    };
    Kind kind = kNeedMore;
    size_t consumed = 0;  // bytes of the input this call read; the caller drops them
    Refusal refusal;
  };

  // Reads on from `input`, the connection's bytes that earlier calls did not consume. After
  // kReady the next call starts the next request.
  Outcome Next(std::string_view input);

  // After kReady, until the next call to Next: the request and its route.
  std::string_view request() const { return request_; }
  const RouteClass& route() const { return route_; }
  // Whether the client asked to close the connection after this request's answer.
  bool closes_connection() const { return closes_connection_; }
  // After kReady: the request as a string of its own, for another thread; and the budget held
  // for its body, to give back once it has been answered.
  std::string TakeRequest();
  BodyReservation TakeReservation();

  // Whether bytes of a request not yet answered have been read (or handed on).
  bool Started() const { return started_; }
  // The method and path of the request being read, once its head has been read: for the
  // access log of a refusal. Empty before.
  const std::string& method() const { return method_; }
  const std::string& path() const { return path_; }

 private:
  enum class Stage {
    kHead,         // the head has not all arrived
    kBodyInPlace,  // Content-Length: the body follows the head in the input
    kBodyCopied,   // Content-Length after a rewritten head: the body is copied out
    kChunkedBody,  // decoded into body_
  };
  Outcome OnHead(const RequestHead& head, std::string_view input);
  Outcome Ready(size_t consumed);
  Outcome Refuse(Refusal refusal);
  void KeepRewrittenHead(std::string_view head);

  const RouteTable& routes_;
  HeadLimits limits_;
  BodyBudget* budget_;
  BodyReservation reservation_;

  Stage stage_ = Stage::kHead;
  bool started_ = false;  // bytes of the current request have arrived
  size_t scanned_ = 0;    // bytes of the head already checked
  size_t leading_blank_lines_ = 0;
  std::string method_, path_;
  RouteClass route_;
  bool takes_body_ = false;
  bool closes_connection_ = false;
  size_t head_length_ = 0;      // kBodyInPlace
  uint64_t body_length_ = 0;    // kBodyInPlace, kBodyCopied
  std::string rewritten_head_;  // kBodyCopied, kChunkedBody: the head without its framing
  std::string body_;            // kBodyCopied, kChunkedBody
  ChunkedBody chunked_{0};

  std::string_view request_;  // kReady: into the input, or into owned_request_
  std::string owned_request_;
  bool request_is_owned_ = false;
};

}  // namespace siegel::http
