// The plain-HTTP connection loop (server/http/connection_server.h), spoken to over raw sockets:
// what cpp-httplib's parser sees must not depend on how the bytes arrive, every answer must
// leave whole, and stopping must not wait for idle keep-alive connections.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>

#include "tests/server/server_fixture.h"

namespace siegel::testing {
namespace {

class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
    timeval five_seconds{5, 0};  // a test that waits longer has failed
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &five_seconds, sizeof(five_seconds));
  }
  ~RawConnection() { close(fd_); }

  bool connected() const { return connected_; }

  void Send(const std::string& bytes) {
    ASSERT_EQ(send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(bytes.size()));
  }

  // Everything until the server closes the connection (or the five seconds pass).
  std::string ReadToEnd() {
    std::string all;
    char buffer[8192];
    ssize_t n;
    while ((n = recv(fd_, buffer, sizeof(buffer), 0)) > 0) all.append(buffer, n);
    closed_ = n == 0;
    return all;
  }

  // One answer: the head, then exactly Content-Length bytes of body.
  std::string ReadAnswer() {
    while (pending_.find("\r\n\r\n") == std::string::npos && Fill()) {
    }
    size_t head_end = pending_.find("\r\n\r\n");
    if (head_end == std::string::npos) return "";
    size_t length = 0;
    std::string head = pending_.substr(0, head_end);
    size_t at = head.find("Content-Length: ");
    if (at != std::string::npos) length = std::stoul(head.substr(at + 16));
    while (pending_.size() < head_end + 4 + length && Fill()) {
    }
    std::string answer = pending_.substr(0, head_end + 4 + length);
    pending_.erase(0, answer.size());
    return answer;
  }

  bool closed_by_server() const { return closed_; }

 private:
  bool Fill() {
    char buffer[8192];
    ssize_t n = recv(fd_, buffer, sizeof(buffer), 0);
    if (n <= 0) return false;
    pending_.append(buffer, n);
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
  std::string pending_;
};

size_t Count(const std::string& text, const std::string& needle) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

std::string BodyOf(const std::string& answer) {
  size_t at = answer.find("\r\n\r\n");
  return at == std::string::npos ? "" : answer.substr(at + 4);
}

using ConnectionTest = ServerFixture;

TEST_F(ConnectionTest, AnswersPipelinedRequestsInOrder) {
  RawConnection connection(port_);
  ASSERT_TRUE(connection.connected());
  // Three requests in one packet: the bytes read past the first belong to the next ones.
  connection.Send(
      "GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"
      "GET /api/v1/certificates/" +
      id_ +
      "/status HTTP/1.1\r\nHost: t\r\n\r\n"
      "GET /no/such/page HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  std::string all = connection.ReadToEnd();
  EXPECT_TRUE(connection.closed_by_server());
  EXPECT_EQ(Count(all, "HTTP/1.1 200 OK\r\n"), 2u) << all;
  EXPECT_EQ(Count(all, "HTTP/1.1 404 Not Found\r\n"), 1u) << all;
  size_t health = all.find("\"ok\"");
  size_t status = all.find("\"id\":\"" + id_ + "\"");
  size_t missing = all.find("there is nothing at this address");
  ASSERT_NE(health, std::string::npos) << all;
  ASSERT_NE(status, std::string::npos) << all;
  ASSERT_NE(missing, std::string::npos) << all;
  EXPECT_LT(health, status);
  EXPECT_LT(status, missing);
}

TEST_F(ConnectionTest, KeepsAConnectionOpenUntilTheClientAsksToClose) {
  RawConnection connection(port_);
  ASSERT_TRUE(connection.connected());
  for (int i = 0; i < 3; ++i) {
    connection.Send("GET /api/v1/certificates/" + id_ + "/status HTTP/1.1\r\nHost: t\r\n\r\n");
    std::string answer = connection.ReadAnswer();
    EXPECT_EQ(answer.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << answer;
    EXPECT_EQ(Json::parse(BodyOf(answer))["id"], id_);
  }
  connection.Send("GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(connection.ReadAnswer().rfind("HTTP/1.1 200 OK\r\n", 0), 0u);
  EXPECT_EQ(connection.ReadToEnd(), "");
  EXPECT_TRUE(connection.closed_by_server());
}

TEST_F(ConnectionTest, AnAnswerLargerThanTheWriteBufferArrivesWhole) {
  RawConnection connection(port_);
  ASSERT_TRUE(connection.connected());
  // The OpenAPI document is over 100 KB, past the 64 KiB the stream collects before sending.
  connection.Send("GET /api/openapi.json HTTP/1.1\r\nHost: t\r\n\r\n");
  std::string answer = connection.ReadAnswer();
  std::string body = BodyOf(answer);
  EXPECT_GT(body.size(), 64u * 1024);
  Json document = Json::parse(body, nullptr, false);
  ASSERT_FALSE(document.is_discarded()) << answer.substr(0, 300);
  EXPECT_EQ(document["openapi"], "3.1.0");
  // The connection still serves the next request.
  connection.Send("GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(connection.ReadAnswer().rfind("HTTP/1.1 200 OK\r\n", 0), 0u);
}

TEST_F(ConnectionTest, SendsTheInterimContinueBeforeWaitingForTheBody) {
  std::string credential = writer_->GetCertificate(id_)->credential_json;
  RawConnection connection(port_);
  ASSERT_TRUE(connection.connected());
  connection.Send(
      "POST /api/v1/verify HTTP/1.1\r\nHost: t\r\nContent-Type: application/vc\r\n"
      "Expect: 100-continue\r\nContent-Length: " +
      std::to_string(credential.size()) + "\r\n\r\n");
  // A client that waits for "100 Continue" before sending the body must get it: the server
  // must not keep it in its write buffer while it waits for the body.
  EXPECT_EQ(connection.ReadAnswer(), "HTTP/1.1 100 Continue\r\n\r\n");
  connection.Send(credential);
  std::string answer = connection.ReadAnswer();
  EXPECT_EQ(answer.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << answer;
  EXPECT_EQ(Json::parse(BodyOf(answer))["verified"], true);
}

TEST_F(ConnectionTest, StoppingDoesNotWaitForIdleKeepAliveConnections) {
  RawConnection idle(port_);
  ASSERT_TRUE(idle.connected());
  idle.Send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
  ASSERT_EQ(idle.ReadAnswer().rfind("HTTP/1.1 200 OK\r\n", 0), 0u);
  // The connection now waits for its next request, for up to the 10 s keep-alive timeout.
  auto start = std::chrono::steady_clock::now();
  server_->Stop();
  thread_.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 2.0);
  EXPECT_EQ(idle.ReadToEnd(), "");
  EXPECT_TRUE(idle.closed_by_server());
}

}  // namespace
}  // namespace siegel::testing
