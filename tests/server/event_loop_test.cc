// The event loops of server/http/connection_server.h on a server of their own, with short
// timeouts and routes that take their time: idle and trickling connections are closed on
// time, and work the policy leaves to threads never holds up a loop's other connections.
#include <gtest/gtest.h>
#include <poll.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string_view>
#include <thread>
#include <vector>

#include "server/http/connection_server.h"
#include "tests/server/raw_connection.h"

namespace siegel::testing {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// One event loop, two threads, one-second timeouts; /slow takes 1.5 s, /echo answers with
// the body it was sent.
class SmallServer {
 public:
  explicit SmallServer(std::function<bool(std::string_view, std::string_view)> answers_in_loop) {
    server_.set_keep_alive_timeout(1);
    server_.set_read_timeout(1, 0);
    server_.set_write_timeout(1, 0);
    server_.Get("/hi", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("hi", "text/plain");
    });
    server_.Post("/echo", [](const httplib::Request& req, httplib::Response& res) {
      res.set_content(req.body, "text/plain");
    });
    server_.Get("/slow", [](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      res.set_content("slow", "text/plain");
    });
    server_.set_answers_in_loop(std::move(answers_in_loop));
    port_ = server_.bind_to_any_port("127.0.0.1");
    server_.StartLoops(1, 2);
    thread_ = std::thread([this] {
      server_.listen_after_bind();
      server_.FinishConnections();
    });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~SmallServer() {
    server_.StopAndWake();
    thread_.join();
  }
  int port() const { return port_; }

 private:
  http::ConnectionServer server_;
  int port_ = 0;
  std::thread thread_;
};

bool AnswersHi(const std::string& answer) {
  return answer.rfind("HTTP/1.1 200 OK\r\n", 0) == 0 && answer.size() > 2 &&
         answer.compare(answer.size() - 2, 2, "hi") == 0;
}

TEST(EventLoop, AnswersPipelinedBodiesByTheirLength) {
  SmallServer server([](std::string_view, std::string_view) { return true; });
  RawConnection connection(server.port());
  ASSERT_TRUE(connection.connected());
  // The first body looks like a request of its own; the second arrives in two pieces.
  connection.Send(
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 29\r\n\r\n"
      "GET /hi HTTP/1.1\r\nHost: t\r\n\r\n"
      "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nhello");
  std::string first = connection.ReadAnswer();
  EXPECT_NE(first.find("\r\n\r\nGET /hi HTTP/1.1\r\nHost: t\r\n\r\n"), std::string::npos) << first;
  connection.Send(" loop");
  std::string second = connection.ReadAnswer();
  EXPECT_EQ(second.substr(second.size() - 10), "hello loop") << second;
  connection.Send("GET /hi HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_TRUE(AnswersHi(connection.ReadAnswer()));
}

TEST(EventLoop, ClosesAConnectionIdleLongerThanTheKeepAliveTimeout) {
  SmallServer server([](std::string_view, std::string_view) { return true; });
  RawConnection connection(server.port());
  ASSERT_TRUE(connection.connected());
  connection.Send("GET /hi HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_TRUE(AnswersHi(connection.ReadAnswer()));
  auto idle_since = Clock::now();
  EXPECT_EQ(connection.ReadToEnd(), "");
  EXPECT_TRUE(connection.closed_by_server());
  double idle = SecondsSince(idle_since);
  EXPECT_GT(idle, 0.9);
  EXPECT_LT(idle, 3.0);  // the timeout, and the loop looks once a second
}

TEST(EventLoop, ClosesAConnectionWhoseRequestTricklesInPastTheReadTimeout) {
  SmallServer server([](std::string_view, std::string_view) { return true; });
  RawConnection connection(server.port());
  ASSERT_TRUE(connection.connected());
  connection.Send("GET /hi HTTP/1.1\r\nX-Slow: ");
  auto start = Clock::now();
  bool closed = false;
  // A byte every 200 ms: each arrives well within the timeout, the request never does.
  while (!closed && SecondsSince(start) < 5.0) {
    send(connection.fd(), "a", 1, MSG_NOSIGNAL);
    pollfd p{connection.fd(), POLLIN, 0};
    if (poll(&p, 1, 200) > 0) {
      char byte;
      closed = recv(connection.fd(), &byte, 1, MSG_DONTWAIT) <= 0;
    }
  }
  EXPECT_TRUE(closed);
  EXPECT_LT(SecondsSince(start), 3.0);
}

TEST(EventLoop, WorkLeftToThreadsHoldsUpNoConnectionOfTheLoop) {
  SmallServer server([](std::string_view, std::string_view path) { return path != "/slow"; });
  RawConnection slow(server.port());
  RawConnection quick(server.port());
  slow.Send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // /slow is being answered
  auto start = Clock::now();
  quick.Send("GET /hi HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_TRUE(AnswersHi(quick.ReadAnswer()));
  EXPECT_LT(SecondsSince(start), 0.5);
  EXPECT_EQ(slow.ReadAnswer().rfind("HTTP/1.1 200 OK\r\n", 0), 0u);
  // The slow connection, now on a thread, still serves its next request.
  slow.Send("GET /hi HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_TRUE(AnswersHi(slow.ReadAnswer()));
}

TEST(EventLoop, ConnectionsIdleOnThreadsGoBackToTheLoopsAndHoldNoThread) {
  // Everything on threads, and there are two of them: five keep-alive clients would need five
  // if an idle connection kept its thread.
  SmallServer server([](std::string_view, std::string_view) { return false; });
  std::vector<std::unique_ptr<RawConnection>> clients;
  for (int i = 0; i < 5; ++i) {
    clients.push_back(std::make_unique<RawConnection>(server.port()));
    clients.back()->Send("GET /hi HTTP/1.1\r\nHost: t\r\n\r\n");
  }
  auto start = Clock::now();
  for (auto& client : clients) EXPECT_TRUE(AnswersHi(client->ReadAnswer()));
  for (auto& client : clients) client->Send("GET /hi HTTP/1.1\r\nHost: t\r\n\r\n");
  for (auto& client : clients) EXPECT_TRUE(AnswersHi(client->ReadAnswer()));
  // Not the one-second keep-alive timeout of a thread's connection before it frees the thread.
  EXPECT_LT(SecondsSince(start), 0.8);
}

// The other side of that policy: a loop answers one request at a time, so slow work it takes
// on delays its other connections. (If the policy were not applied, this would not wait.)
TEST(EventLoop, WorkTheLoopAnswersItselfDelaysItsOtherConnections) {
  SmallServer server([](std::string_view, std::string_view) { return true; });
  RawConnection slow(server.port());
  RawConnection quick(server.port());
  slow.Send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto start = Clock::now();
  quick.Send("GET /hi HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_TRUE(AnswersHi(quick.ReadAnswer()));
  EXPECT_GT(SecondsSince(start), 1.0);
}

}  // namespace
}  // namespace siegel::testing
