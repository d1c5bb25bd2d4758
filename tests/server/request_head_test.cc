// The front door's strict reading of requests, without sockets: the head (every way a head may
// be refused, each with its status), chunked bodies, and the assembler that puts a request
// together for cpp-httplib. The expectations are typed out here from RFC 9112, not derived
// from the code.
#include "server/http/request_head.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "server/http/chunked_body.h"
#include "server/http/request_assembler.h"

namespace siegel::http {
namespace {

struct HeadCase {
  const char* name;
  std::string head;
  int status;  // 0: accepted
};

// A literal with NUL bytes in it, whole.
template <size_t N>
std::string Bytes(const char (&text)[N]) {
  return std::string(text, N - 1);
}

TEST(RequestHead, AcceptsOrRefusesEachHeadWithTheRightStatus) {
  const std::vector<HeadCase> cases = {
      {"plain GET", "GET / HTTP/1.1\r\nHost: t\r\n\r\n", 0},
      {"HTTP/1.0 without Host", "GET / HTTP/1.0\r\n\r\n", 0},
      {"query string", "GET /a?b=c&d HTTP/1.1\r\nHost: t\r\n\r\n", 0},
      {"OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: t\r\n\r\n", 0},
      {"obs-text in a value", "GET / HTTP/1.1\r\nHost: t\r\nX: caf\xc3\xa9\r\n\r\n", 0},
      {"tab in a value", "GET / HTTP/1.1\r\nHost: t\r\nX: a\tb\r\n\r\n", 0},
      {"same Content-Length twice",
       "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 7\r\nContent-Length: 7\r\n\r\n", 0},
      {"chunked, any case", "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: ChUnKeD\r\n\r\n", 0},
      {"Expect 100-continue",
       "POST / HTTP/1.1\r\nHost: t\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\n", 0},
      {"lower-case method", "get / HTTP/1.1\r\nHost: t\r\n\r\n", 501},
      {"unknown method", "BREW /pot HTTP/1.1\r\nHost: t\r\n\r\n", 501},
      {"CONNECT", "CONNECT t:443 HTTP/1.1\r\nHost: t\r\n\r\n", 501},
      {"TRACE", "TRACE / HTTP/1.1\r\nHost: t\r\n\r\n", 501},
      {"HTTP/2.0", "GET / HTTP/2.0\r\nHost: t\r\n\r\n", 505},
      {"HTTP/1.2", "GET / HTTP/1.2\r\nHost: t\r\n\r\n", 505},
      {"no version", "GET /\r\nHost: t\r\n\r\n", 400},
      {"lower-case version", "GET / http/1.1\r\nHost: t\r\n\r\n", 400},
      {"two spaces", "GET  / HTTP/1.1\r\nHost: t\r\n\r\n", 400},
      {"trailing space", "GET / HTTP/1.1 \r\nHost: t\r\n\r\n", 400},
      {"space in target", "GET /a b HTTP/1.1\r\nHost: t\r\n\r\n", 400},
      {"fragment in target", "GET /a#b HTTP/1.1\r\nHost: t\r\n\r\n", 400},
      {"non-ASCII target", "GET /caf\xc3\xa9 HTTP/1.1\r\nHost: t\r\n\r\n", 400},
      {"absolute-form", "GET http://t/ HTTP/1.1\r\nHost: t\r\n\r\n", 400},
      {"asterisk for GET", "GET * HTTP/1.1\r\nHost: t\r\n\r\n", 400},
      {"missing Host", "GET / HTTP/1.1\r\nX: y\r\n\r\n", 400},
      {"two Host lines", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400},
      {"two Host lines in 1.0", "GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n", 400},
      {"bare LF ends the head", "GET / HTTP/1.1\nHost: t\n\n", 400},
      {"bare LF line", "GET / HTTP/1.1\r\nHost: t\r\n\nX: y\r\n\r\n", 400},
      {"bare CR", "GET / HTTP/1.1\r\nHost: t\rX: y\r\n\r\n", 400},
      {"NUL in a value", Bytes("GET / HTTP/1.1\r\nHost: t\r\nX: a\0b\r\n\r\n"), 400},
      {"NUL in the request line", Bytes("GET /\0 HTTP/1.1\r\nHost: t\r\n\r\n"), 400},
      {"control character in a value", "GET / HTTP/1.1\r\nHost: t\r\nX: a\x01z\r\n\r\n", 400},
      {"DEL in a value", "GET / HTTP/1.1\r\nHost: t\r\nX: a\x7fz\r\n\r\n", 400},
      {"folded line", "GET / HTTP/1.1\r\nHost: t\r\nX: a\r\n b\r\n\r\n", 400},
      {"folded with a tab", "GET / HTTP/1.1\r\nHost: t\r\nX: a\r\n\tb\r\n\r\n", 400},
      {"space before the colon", "GET / HTTP/1.1\r\nHost : t\r\n\r\n", 400},
      {"tab before the colon", "GET / HTTP/1.1\r\nHost\t: t\r\n\r\n", 400},
      {"no colon", "GET / HTTP/1.1\r\nHost: t\r\nBad Header\r\n\r\n", 400},
      {"empty name", "GET / HTTP/1.1\r\nHost: t\r\n: v\r\n\r\n", 400},
      {"Content-Length +7", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: +7\r\n\r\n", 400},
      {"Content-Length -1", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n", 400},
      {"Content-Length 7abc", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 7abc\r\n\r\n", 400},
      {"Content-Length %37", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: %37\r\n\r\n", 400},
      {"Content-Length 0x7", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 0x7\r\n\r\n", 400},
      {"Content-Length 7 7", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 7 7\r\n\r\n", 400},
      {"Content-Length list", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 7, 7\r\n\r\n", 400},
      {"Content-Length empty", "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: \r\n\r\n", 400},
      {"Content-Length 7 then NUL",
       Bytes("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 7\0\r\n\r\n"), 400},
      {"two different Content-Lengths",
       "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n", 400},
      {"Content-Length and Transfer-Encoding",
       "POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
       400},
      {"Transfer-Encoding and Content-Length",
       "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n",
       400},
      {"Transfer-Encoding in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n",
       400},
      {"Transfer-Encoding gzip, chunked",
       "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501},
      {"Transfer-Encoding chunked, gzip",
       "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked, gzip\r\n\r\n", 400},
      {"Transfer-Encoding chunked twice",
       "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", 400},
      {"Transfer-Encoding on two lines",
       "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked"
       "\r\n\r\n",
       400},
      {"Transfer-Encoding identity",
       "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: identity\r\n\r\n", 400},
      {"Transfer-Encoding %63hunked",
       "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: %63hunked\r\n\r\n", 400},
      {"Transfer-Encoding chunked then NUL",
       Bytes("POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\0x\r\n\r\n"), 400},
      {"Transfer-Encoding with a parameter",
       "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked;q=1\r\n\r\n", 400},
      {"Transfer-Encoding quoted",
       "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: \"chunked\"\r\n\r\n", 400},
      {"Transfer-Encoding empty", "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: \r\n\r\n", 400},
      {"Transfer-Encoding folded",
       "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding:\r\n chunked\r\n\r\n", 400},
      {"Transfer-Encoding space before colon",
       "POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding : chunked\r\n\r\n", 400},
      {"Expect something else", "POST / HTTP/1.1\r\nHost: t\r\nExpect: 200-ok\r\n\r\n", 417},
  };
  for (const HeadCase& c : cases) {
    HeadParse parse = ParseRequestHead(c.head, HeadLimits{});
    if (c.status == 0) {
      EXPECT_EQ(parse.kind, HeadParse::kComplete) << c.name << ": " << parse.refusal.detail;
      EXPECT_EQ(parse.head.length, c.head.size()) << c.name;
    } else {
      EXPECT_EQ(parse.kind, HeadParse::kRefused) << c.name;
      EXPECT_EQ(parse.refusal.status, c.status) << c.name << ": " << parse.refusal.detail;
      EXPECT_FALSE(parse.refusal.detail.empty()) << c.name;
    }
  }
}

TEST(RequestHead, ReadsTheFramingItIsTold) {
  HeadParse get = ParseRequestHead("GET /a%20b?x=1 HTTP/1.1\r\nHost: t\r\n\r\nrest", HeadLimits{});
  ASSERT_EQ(get.kind, HeadParse::kComplete);
  EXPECT_EQ(get.head.method, "GET");
  EXPECT_EQ(get.head.target, "/a%20b?x=1");
  EXPECT_EQ(get.head.path, "/a%20b");
  EXPECT_EQ(get.head.framing, BodyFraming::kNone);
  EXPECT_EQ(get.head.length, 36u);
  EXPECT_FALSE(get.head.http10);

  HeadParse post = ParseRequestHead(
      "POST /v HTTP/1.1\r\nhost: t\r\ncontent-length: 0012\r\nContent-Encoding: gzip\r\n\r\n",
      HeadLimits{});
  ASSERT_EQ(post.kind, HeadParse::kComplete);
  EXPECT_EQ(post.head.framing, BodyFraming::kLength);
  EXPECT_EQ(post.head.content_length, 12u);
  EXPECT_TRUE(post.head.content_encoded);
  EXPECT_FALSE(post.head.expect_continue);

  HeadParse identity = ParseRequestHead(
      "POST /v HTTP/1.1\r\nHost: t\r\nContent-Encoding: identity\r\n\r\n", HeadLimits{});
  EXPECT_FALSE(identity.head.content_encoded);

  HeadParse huge = ParseRequestHead(
      "POST /v HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999999999999999\r\n\r\n", HeadLimits{});
  ASSERT_EQ(huge.kind, HeadParse::kComplete);  // a length, just too large: the route says 413
  EXPECT_EQ(huge.head.content_length, UINT64_MAX);

  EXPECT_FALSE(get.head.closes_connection);
  EXPECT_TRUE(
      ParseRequestHead("GET / HTTP/1.1\r\nHost: t\r\nConnection: x, Close\r\n\r\n", HeadLimits{})
          .head.closes_connection);
  EXPECT_TRUE(ParseRequestHead("GET / HTTP/1.0\r\n\r\n", HeadLimits{}).head.closes_connection);
  EXPECT_FALSE(ParseRequestHead("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", HeadLimits{})
                   .head.closes_connection);

  HeadParse chunked = ParseRequestHead(
      "POST /v HTTP/1.1\r\nHost: t\r\nTransfer-Encoding:  chunked \r\n\r\n", HeadLimits{});
  ASSERT_EQ(chunked.kind, HeadParse::kComplete);
  EXPECT_EQ(chunked.head.framing, BodyFraming::kChunked);
}

TEST(RequestHead, WaitsForAHeadThatHasNotAllArrivedAndResumesWhereItStopped) {
  std::string head = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";
  size_t scanned = 0;
  for (size_t n = 1; n < head.size(); ++n) {
    HeadParse parse = ParseRequestHead(head.substr(0, n), HeadLimits{}, scanned);
    ASSERT_EQ(parse.kind, HeadParse::kIncomplete) << n;
    scanned = parse.scanned;
  }
  HeadParse whole = ParseRequestHead(head, HeadLimits{}, scanned);
  EXPECT_EQ(whole.kind, HeadParse::kComplete);
  // A carriage return that arrived last is judged when the next byte comes.
  size_t at_cr = ParseRequestHead("GET / HTTP/1.1\r", HeadLimits{}).scanned;
  EXPECT_EQ(ParseRequestHead("GET / HTTP/1.1\rX", HeadLimits{}, at_cr).kind, HeadParse::kRefused);
}

TEST(RequestHead, LimitsTheRequestLineTheHeadersAndTheirNumber) {
  HeadLimits limits;  // 8 KiB line, 16 KiB of headers, 100 header lines
  std::string long_target = "GET /" + std::string(8 * 1024, 'a') + " HTTP/1.1\r\n";
  EXPECT_EQ(ParseRequestHead(long_target, limits).refusal.status, 414);
  // Refused as soon as the limit has passed without a line end: nothing more is read.
  EXPECT_EQ(ParseRequestHead(long_target.substr(0, 8 * 1024), limits).refusal.status, 414);
  EXPECT_EQ(ParseRequestHead(long_target.substr(0, 8 * 1024 - 1), limits).kind,
            HeadParse::kIncomplete);
  std::string at_limit = "GET /" + std::string(8 * 1024 - 16, 'a') + " HTTP/1.1\r\nHost: t\r\n\r\n";
  ASSERT_EQ(at_limit.find("\r\n") + 2, 8u * 1024);  // exactly the limit
  EXPECT_EQ(ParseRequestHead(at_limit, limits).kind, HeadParse::kComplete);

  std::string big_header = "GET / HTTP/1.1\r\nHost: t\r\nX: " + std::string(16 * 1024, 'b');
  EXPECT_EQ(ParseRequestHead(big_header, limits).refusal.status, 431);
  EXPECT_EQ(ParseRequestHead(big_header + "\r\n\r\n", limits).refusal.status, 431);

  std::string many = "GET / HTTP/1.1\r\nHost: t\r\n";
  for (int i = 0; i < 99; ++i) many += "X: y\r\n";
  EXPECT_EQ(ParseRequestHead(many + "\r\n", limits).kind, HeadParse::kComplete);   // 100 lines
  EXPECT_EQ(ParseRequestHead(many + "X: y\r\n\r\n", limits).refusal.status, 431);  // 101
}

TEST(RequestHead, DecodesThePathAsTheRouterSeesIt) {
  std::string decoded;
  ASSERT_TRUE(DecodePath("/api/v1/ver%69fy", decoded));
  EXPECT_EQ(decoded, "/api/v1/verify");
  ASSERT_TRUE(DecodePath("/a%2Fb%2fc", decoded));
  EXPECT_EQ(decoded, "/a/b/c");
  EXPECT_FALSE(DecodePath("/a%2", decoded));
  EXPECT_FALSE(DecodePath("/a%zz", decoded));
  EXPECT_FALSE(DecodePath("/a%u0041", decoded));
  EXPECT_FALSE(DecodePath("/a%", decoded));
}

// Decodes `body` fed in pieces of `piece` bytes; returns the refusal status or 0.
int FeedChunked(const std::string& body, size_t piece, size_t limit, std::string& decoded) {
  ChunkedBody chunked(limit);
  std::string pending;
  for (size_t at = 0; at < body.size(); at += piece) {
    pending += body.substr(at, piece);
    ChunkedBody::Step step = chunked.Feed(pending, decoded);
    if (step.kind == ChunkedBody::Step::kRefused) return step.refusal.status;
    pending.erase(0, step.consumed);
    if (step.kind == ChunkedBody::Step::kDone) return pending.empty() ? 0 : -1;
  }
  return -2;  // never finished
}

TEST(ChunkedBody, DecodesWhateverPiecesTheBytesArriveIn) {
  std::string body = "5\r\nhello\r\n1;ext=\"v\"\r\n \r\nA\r\n0123456789\r\n0\r\nX-Sum: 1\r\n\r\n";
  for (size_t piece : {1, 2, 3, 7, 100}) {
    std::string decoded;
    EXPECT_EQ(FeedChunked(body, piece, 100, decoded), 0) << piece;
    EXPECT_EQ(decoded, "hello 0123456789") << piece;
  }
}

TEST(ChunkedBody, RefusesWhatIsNotPlainChunking) {
  struct Case {
    const char* name;
    std::string body;
    int status;
  };
  const std::vector<Case> cases = {
      {"size 0x7", "0x7\r\nabcdefg\r\n0\r\n\r\n", 400},
      {"size with a sign", "+7\r\nabcdefg\r\n0\r\n\r\n", 400},
      {"size after a space", " 7\r\nabcdefg\r\n0\r\n\r\n", 400},
      {"no size", "\r\nabc\r\n0\r\n\r\n", 400},
      {"seventeen hex digits", "00000000000000007\r\nabcdefg\r\n0\r\n\r\n", 400},
      {"junk after data", "7\r\nabcdefgXX0\r\n\r\n", 400},
      {"LF alone after data", "7\r\nabcdefg\n0\r\n\r\n", 400},
      {"bare LF after size", "7\nabcdefg\r\n0\r\n\r\n", 400},
      {"extension too long", "7;" + std::string(2000, 'e') + "\r\nabcdefg\r\n0\r\n\r\n", 400},
      {"control in extension", "7;a=\x01\r\nabcdefg\r\n0\r\n\r\n", 400},
      {"trailer without colon", "0\r\nnot a field\r\n\r\n", 400},
      {"trailers too long", "0\r\nX: " + std::string(5000, 'v') + "\r\n\r\n", 431},
      {"over the body limit", "65\r\n" + std::string(101, 'x') + "\r\n0\r\n\r\n", 413},
      {"over the limit in two chunks", "32\r\n" + std::string(50, 'x') + "\r\n33\r\n", 413},
  };
  for (const Case& c : cases) {
    std::string decoded;
    EXPECT_EQ(FeedChunked(c.body, 1, 100, decoded), c.status) << c.name;
    EXPECT_EQ(FeedChunked(c.body, c.body.size(), 100, decoded), c.status) << c.name;
    EXPECT_LE(decoded.size(), 100u * 2) << c.name;
  }
  std::string exactly(100, 'x');
  std::string decoded;
  EXPECT_EQ(FeedChunked("64\r\n" + exactly + "\r\n0\r\n\r\n", 9, 100, decoded), 0);
}

class AssemblerTest : public ::testing::Test {
 protected:
  AssemblerTest() : routes_(server_), budget_(1 << 20) {
    auto nothing = [](const httplib::Request&, httplib::Response&) {};
    routes_.Get("/quick", "quick", Work::kQuick, nothing);
    routes_.Post("/verify", "verify", Work::kCompute, 100, nothing);
    routes_.Post("/admin/x", "staff", Work::kStaff, 1000, nothing);
  }
  httplib::Server server_;
  RouteTable routes_;
  BodyBudget budget_;
};

TEST_F(AssemblerTest, HandsOnAPlainRequestAsSentAndItsRoute) {
  RequestAssembler assembler(routes_, HeadLimits{}, budget_);
  std::string input = "POST /ver%69fy HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabcGET";
  RequestAssembler::Outcome outcome = assembler.Next(input);
  ASSERT_EQ(outcome.kind, RequestAssembler::Outcome::kReady);
  EXPECT_EQ(outcome.consumed, input.size() - 3);
  EXPECT_EQ(assembler.request(), input.substr(0, input.size() - 3));
  EXPECT_EQ(assembler.route().work, Work::kCompute);
  EXPECT_EQ(assembler.path(), "/verify");
  EXPECT_EQ(budget_.available(), (1u << 20) - 3);  // held until the next request starts
  EXPECT_EQ(assembler.Next("GET").kind, RequestAssembler::Outcome::kNeedMore);
  EXPECT_EQ(budget_.available(), 1u << 20);
  EXPECT_TRUE(assembler.Started());
}

TEST_F(AssemblerTest, UndoesChunkingAndExpectForTheParser) {
  RequestAssembler assembler(routes_, HeadLimits{}, budget_);
  std::string head =
      "POST /admin/x HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue"
      "\r\nX-Other: 1\r\n\r\n";
  RequestAssembler::Outcome first = assembler.Next(head);
  ASSERT_EQ(first.kind, RequestAssembler::Outcome::kContinue);
  EXPECT_EQ(first.consumed, head.size());
  std::string body = "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
  RequestAssembler::Outcome rest = assembler.Next(body);
  ASSERT_EQ(rest.kind, RequestAssembler::Outcome::kReady);
  EXPECT_EQ(rest.consumed, body.size());
  EXPECT_EQ(assembler.request(),
            "POST /admin/x HTTP/1.1\r\nHost: t\r\nX-Other: 1\r\nContent-Length: 5\r\n\r\nabcde");
  EXPECT_EQ(assembler.route().work, Work::kStaff);
  EXPECT_EQ(assembler.TakeRequest(),
            "POST /admin/x HTTP/1.1\r\nHost: t\r\nX-Other: 1\r\nContent-Length: 5\r\n\r\nabcde");
}

TEST_F(AssemblerTest, RefusesBodiesARouteDoesNotTake) {
  struct Case {
    const char* name;
    std::string request;
    int status;
  };
  const std::vector<Case> cases = {
      {"GET with a body", "GET /quick HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\nx", 400},
      {"HEAD with a body", "HEAD /quick HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\nx", 400},
      {"OPTIONS with a body", "OPTIONS * HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\nx", 400},
      {"GET chunked", "GET /quick HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n", 400},
      {"DELETE with a body", "DELETE /x HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\nx", 400},
      {"over the route's limit", "POST /verify HTTP/1.1\r\nHost: t\r\nContent-Length: 101\r\n\r\n",
       413},
      {"over it, percent-encoded",
       "POST /%76erify HTTP/1.1\r\nHost: t\r\nContent-Length: 101\r\n\r\n", 413},
      {"unknown route, over the small limit",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nContent-Length: 65537\r\n\r\n", 413},
      {"a huge length",
       "POST /verify HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999999999999999"
       "\r\n\r\n",
       413},
      {"chunked over the limit",
       "POST /verify HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n65\r\n", 413},
      {"compressed",
       "POST /verify HTTP/1.1\r\nHost: t\r\nContent-Encoding: gzip\r\n"
       "Content-Length: 3\r\n\r\nabc",
       415},
      {"compressed, percent-encoded",
       "POST /verify HTTP/1.1\r\nHost: t\r\nContent-Encoding: %67zip\r\nContent-Length: "
       "3\r\n\r\nabc",
       415},
      {"bad percent in the path", "GET /a%zz HTTP/1.1\r\nHost: t\r\n\r\n", 400},
      {"too many blank lines first",
       "\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\nGET /quick HTTP/1.1\r\nHost: t\r\n\r\n", 400},
  };
  for (const Case& c : cases) {
    RequestAssembler assembler(routes_, HeadLimits{}, budget_);
    RequestAssembler::Outcome outcome = assembler.Next(c.request);
    EXPECT_EQ(outcome.kind, RequestAssembler::Outcome::kRefused) << c.name;
    EXPECT_EQ(outcome.refusal.status, c.status) << c.name << ": " << outcome.refusal.detail;
  }
  EXPECT_EQ(budget_.available(), 1u << 20);  // nothing held after a refusal
}

TEST_F(AssemblerTest, SkipsAFewBlankLinesBeforeARequest) {
  RequestAssembler assembler(routes_, HeadLimits{}, budget_);
  EXPECT_EQ(assembler.Next("\r\n\r\nGET /quick HTTP/1.1\r\nHost: t\r\n\r\n").kind,
            RequestAssembler::Outcome::kReady);
  EXPECT_EQ(assembler.request(), "GET /quick HTTP/1.1\r\nHost: t\r\n\r\n");
}

TEST_F(AssemblerTest, TheBodyBudgetIsSharedAndRefusesWhenSpent) {
  BodyBudget small(150);
  RequestAssembler a(routes_, HeadLimits{}, small), b(routes_, HeadLimits{}, small);
  EXPECT_EQ(a.Next("POST /verify HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n").kind,
            RequestAssembler::Outcome::kNeedMore);
  RequestAssembler::Outcome refused =
      b.Next("POST /verify HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n");
  EXPECT_EQ(refused.kind, RequestAssembler::Outcome::kRefused);
  EXPECT_EQ(refused.refusal.status, 503);
  EXPECT_EQ(refused.refusal.retry_after_seconds, 1);
  BodyReservation held;
  {
    RequestAssembler c(routes_, HeadLimits{}, small);
    std::string whole =
        "POST /verify HTTP/1.1\r\nHost: t\r\nContent-Length: 50\r\n\r\n" + std::string(50, 'x');
    ASSERT_EQ(c.Next(whole).kind, RequestAssembler::Outcome::kReady);
    held = c.TakeReservation();  // a worker holds it while it answers
  }
  EXPECT_EQ(small.available(), 0u);
  held.Release();
  EXPECT_EQ(small.available(), 50u);
}

}  // namespace
}  // namespace siegel::http
