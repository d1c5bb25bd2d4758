// The front door's framing, spoken to over raw sockets on both transports (plain HTTP and
// TLS): every way a request's length could be read two ways is refused with an exact status
// and the connection closed, so that nothing sent after it is ever taken as a request of its
// own; what is plain is answered, and the connection then carries the next request.
// Each refused case carries a smuggled "GET /metrics" after it: it must never be answered.
#include <string>
#include <vector>

#include "tests/server/raw_connection.h"
#include "tests/server/server_fixture.h"
#include "tests/server/tls_support.h"

namespace siegel::testing {
namespace {

const std::string kSmuggled = "GET /metrics HTTP/1.1\r\nHost: t\r\n\r\n";
const std::string kProbe = "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n";

template <size_t N>
std::string Bytes(const char (&text)[N]) {
  return std::string(text, N - 1);
}

struct FramingCase {
  std::string name;
  std::string bytes;
  int status;   // of the first answer
  bool closed;  // the server closes after it; otherwise the probe is answered 200
};

std::vector<FramingCase> Cases() {
  const std::string chunked_70k =
      "POST /api/v1/verify HTTP/1.1\r\nHost: t\r\nContent-Type: application/vc\r\n"
      "Transfer-Encoding: chunked\r\n\r\n11800\r\n" +
      std::string(0x11800, 'a') + "\r\n0\r\n\r\n";
  std::string hundred_and_one = "GET /healthz HTTP/1.1\r\nHost: t\r\n";
  for (int i = 0; i < 100; ++i) hundred_and_one += "X-N: " + std::to_string(i) + "\r\n";
  return {
      // Plain framing: answered, and the connection carries the next request.
      {"a GET", "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n", 200, false},
      {"a GET with Content-Length 0",
       "GET /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n", 200, false},
      {"blank lines before a request", "\r\n\r\nGET /healthz HTTP/1.1\r\nHost: t\r\n\r\n", 200,
       false},
      {"a POST framed by its length",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello", 404, false},
      {"the same Content-Length twice",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
       404, false},
      {"a chunked POST",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n"
       "\r\n",
       404, false},
      {"a chunked POST with an extension and a trailer",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5;a=b\r\nhello\r\n"
       "0\r\nX-Sum: 5\r\n\r\n",
       404, false},
      {"HTTP/1.0 keep-alive", "GET /healthz HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", 200,
       false},
      // Answered, then closed as asked: what follows is not read.
      {"HTTP/1.0", "GET /healthz HTTP/1.0\r\n\r\n" + kSmuggled, 200, true},
      {"Connection: close",
       "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n" + kSmuggled, 200, true},
      // Bodies where the method has none: the body is never taken as the next request.
      {"a GET with a body holding a request",
       "GET /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: " + std::to_string(kSmuggled.size()) +
           "\r\n\r\n" + kSmuggled,
       400, true},
      {"a HEAD with a body",
       "HEAD /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: " + std::to_string(kSmuggled.size()) +
           "\r\n\r\n" + kSmuggled,
       400, true},
      {"an OPTIONS with a body",
       "OPTIONS /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: " +
           std::to_string(kSmuggled.size()) + "\r\n\r\n" + kSmuggled,
       400, true},
      {"a chunked GET",
       "GET /healthz HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" +
           std::string("0\r\n\r\n") + kSmuggled,
       400, true},
      // Two framings, or a framing that is not plain.
      {"Content-Length and Transfer-Encoding",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nTransfer-Encoding: chunked"
       "\r\n\r\n0\r\n\r\n" +
           kSmuggled,
       400, true},
      {"Transfer-Encoding and Content-Length",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nContent-Length: 40"
       "\r\n\r\n0\r\n\r\n" +
           kSmuggled,
       400, true},
      {"Transfer-Encoding chunked NUL x",
       Bytes("POST /nowhere HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\0x\r\n"
             "Content-Length: 5\r\n\r\nhello") +
           kSmuggled,
       400, true},
      {"Transfer-Encoding %63hunked",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: %63hunked\r\n\r\n0\r\n\r\n" +
           kSmuggled,
       400, true},
      {"Transfer-Encoding gzip, chunked",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n" +
           kSmuggled,
       501, true},
      {"Transfer-Encoding chunked, identity",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n"
       "\r\n" +
           kSmuggled,
       400, true},
      {"Transfer-Encoding folded",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nTransfer-Encoding:\r\n chunked\r\nContent-Length: 5"
       "\r\n\r\nhello" +
           kSmuggled,
       400, true},
      {"Transfer-Encoding with space before the colon",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nTransfer-Encoding : chunked\r\nContent-Length: 5"
       "\r\n\r\nhello" +
           kSmuggled,
       400, true},
      {"two different Content-Lengths",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello" +
           kSmuggled,
       400, true},
      {"Content-Length +7",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nContent-Length: +7\r\n\r\nhello!!" + kSmuggled, 400,
       true},
      {"Content-Length 7abc",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nContent-Length: 7abc\r\n\r\nhello!!" + kSmuggled, 400,
       true},
      {"Content-Length %37",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nContent-Length: %37\r\n\r\nhello!!" + kSmuggled, 400,
       true},
      {"Content-Length 7 NUL",
       Bytes("POST /nowhere HTTP/1.1\r\nHost: t\r\nContent-Length: 7\0\r\n\r\nhello!!") + kSmuggled,
       400, true},
      {"Content-Length 0x7",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nContent-Length: 0x7\r\n\r\nhello!!" + kSmuggled, 400,
       true},
      {"Content-Length -1",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n" + kSmuggled, 400, true},
      {"Content-Length of twenty digits",
       "POST /api/v1/verify HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999999999999999\r\n\r\n" +
           kSmuggled,
       413, true},
      {"chunk size 0x7",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n0x7\r\nabcdefg\r\n0"
       "\r\n\r\n" +
           kSmuggled,
       400, true},
      {"chunk size after a space",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n +7\r\nabcdefg\r\n0"
       "\r\n\r\n" +
           kSmuggled,
       400, true},
      {"junk instead of CRLF after chunk data",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n7\r\nabcdefgXX0"
       "\r\n\r\n" +
           kSmuggled,
       400, true},
      // Lines.
      {"bare LF line ends", "GET /healthz HTTP/1.1\nHost: t\n\n" + kSmuggled, 400, true},
      {"a bare LF line among the headers",
       "GET /healthz HTTP/1.1\r\nHost: t\r\n\nX: y\r\n\r\n" + kSmuggled, 400, true},
      {"a header line without colon, then a request",
       "GET /healthz HTTP/1.1\r\nHost: t\r\nBad Header\r\n\r\n" + kSmuggled, 400, true},
      {"no Host", "GET /healthz HTTP/1.1\r\nX: y\r\n\r\n" + kSmuggled, 400, true},
      {"two Hosts", "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n" + kSmuggled, 400, true},
      {"absolute-form target", "GET http://t/healthz HTTP/1.1\r\nHost: t\r\n\r\n" + kSmuggled, 400,
       true},
      {"HTTP/2.0", "GET /healthz HTTP/2.0\r\nHost: t\r\n\r\n" + kSmuggled, 505, true},
      {"an unknown method", "BREW /healthz HTTP/1.1\r\nHost: t\r\n\r\n" + kSmuggled, 501, true},
      {"an expectation other than 100-continue",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nExpect: 200-ok\r\nContent-Length: 0\r\n\r\n" +
           kSmuggled,
       417, true},
      // Limits.
      {"a request line over 8 KiB",
       "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: t\r\n\r\n" + kSmuggled, 414, true},
      {"headers over 16 KiB",
       "GET /healthz HTTP/1.1\r\nHost: t\r\nX: " + std::string(17000, 'b') + "\r\n\r\n" + kSmuggled,
       431, true},
      {"101 header lines", hundred_and_one + "\r\n" + kSmuggled, 431, true},
      {"a compressed body",
       "POST /api/v1/verify/batch HTTP/1.1\r\nHost: t\r\nContent-Encoding: gzip\r\n"
       "Content-Length: 5\r\n\r\nhello" +
           kSmuggled,
       415, true},
      {"a credential over 64 KiB, chunked", chunked_70k + kSmuggled, 413, true},
      {"a credential over 64 KiB at a percent-encoded path",
       "POST /api/v1/ver%69fy HTTP/1.1\r\nHost: t\r\nContent-Length: 70000\r\n\r\n" + kSmuggled,
       413, true},
      {"a body over the limit of an unknown path",
       "POST /nowhere HTTP/1.1\r\nHost: t\r\nContent-Length: 70000\r\n\r\n" + kSmuggled, 413, true},
      {"a body over the limit with Expect",
       "POST /api/v1/verify HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\n"
       "Content-Length: 70000\r\n\r\n",
       413, true},
  };
}

class FramingTest : public ServerFixture, public ::testing::WithParamInterface<bool> {
 protected:
  void Configure(http::ServerConfig& config) override {
    if (GetParam()) ServeTls(config);
  }
  bool Tls() const { return GetParam(); }
};

TEST_P(FramingTest, EachCaseIsAnsweredOrRefusedExactlyAndNothingIsSmuggled) {
  for (const FramingCase& c : Cases()) {
    RawConnection connection(port_, 0, Tls());
    ASSERT_TRUE(connection.connected()) << c.name;
    connection.Send(c.bytes);
    std::string first = connection.ReadAnswer();
    EXPECT_EQ(StatusOf(first), c.status) << c.name << ":\n" << first.substr(0, 400);
    if (c.closed) {
      EXPECT_NE(first.find("Connection: close\r\n"), std::string::npos) << c.name;
      std::string rest = connection.ReadToEnd();
      EXPECT_EQ(rest, "") << c.name << ": a second answer came";
      EXPECT_TRUE(connection.closed_by_server()) << c.name;
    } else {
      connection.Send(kProbe);
      std::string next = connection.ReadAnswer();
      EXPECT_EQ(StatusOf(next), 200) << c.name << ": the next request got\n" << next;
    }
    if (c.status >= 400) {
      EXPECT_NE(first.find("Content-Type: application/problem+json"), std::string::npos) << c.name;
      EXPECT_NE(first.find("X-Content-Type-Options: nosniff"), std::string::npos) << c.name;
      EXPECT_EQ(first.find("Strict-Transport-Security") != std::string::npos, Tls()) << c.name;
    }
  }
}

TEST_P(FramingTest, ContinueComesBeforeTheBodyAndTheRequestIsAnsweredAfterIt) {
  RawConnection connection(port_, 0, Tls());
  std::string credential = writer_->certificates().GetCertificate(id_)->credential_json;
  connection.Send(
      "POST /api/v1/verify HTTP/1.1\r\nHost: t\r\nContent-Type: application/vc\r\n"
      "Expect: 100-continue\r\nContent-Length: " +
      std::to_string(credential.size()) + "\r\n\r\n");
  EXPECT_EQ(connection.ReadAnswer(), "HTTP/1.1 100 Continue\r\n\r\n");
  connection.Send(credential);
  std::string answer = connection.ReadAnswer();
  ASSERT_EQ(StatusOf(answer), 200) << answer;
  EXPECT_NE(answer.find("\"verified\":true"), std::string::npos);
  connection.Send(kProbe);
  EXPECT_EQ(StatusOf(connection.ReadAnswer()), 200);
}

TEST_P(FramingTest, AChunkedCredentialReachesTheVerifierWhole) {
  RawConnection connection(port_, 0, Tls());
  std::string credential = writer_->certificates().GetCertificate(id_)->credential_json;
  std::string chunked;
  for (size_t at = 0; at < credential.size(); at += 100) {
    std::string piece = credential.substr(at, 100);
    char size[16];
    snprintf(size, sizeof(size), "%zx", piece.size());
    chunked += std::string(size) + "\r\n" + piece + "\r\n";
  }
  connection.Send(
      "POST /api/v1/verify HTTP/1.1\r\nHost: t\r\nContent-Type: application/vc\r\n"
      "Transfer-Encoding: chunked\r\n\r\n" +
      chunked + "0\r\n\r\n" + kProbe);
  std::string answer = connection.ReadAnswer();
  ASSERT_EQ(StatusOf(answer), 200) << answer;
  EXPECT_NE(answer.find("\"verified\":true"), std::string::npos) << answer;
  EXPECT_EQ(StatusOf(connection.ReadAnswer()), 200);  // the pipelined probe
}

INSTANTIATE_TEST_SUITE_P(PlainAndTls, FramingTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Tls" : "Plain";
                         });

}  // namespace
}  // namespace siegel::testing
