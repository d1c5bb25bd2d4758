// The front door (server/http/front_door.h) on a server of its own, with one loop, short
// timeouts and routes that take their time: who answers what, the bounded worker queue and
// its deadline, the connection limit, the timeouts, and stopping with answers in flight.
#include "server/http/front_door.h"

#include <gtest/gtest.h>
#include <poll.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "server/http/http_application.h"
#include "server/http/route_table.h"
#include "tests/server/raw_connection.h"
#include "tests/test_support.h"

namespace siegel::testing {
namespace {

using Clock = std::chrono::steady_clock;
using http::Work;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

const std::string kHi = "GET /hi HTTP/1.1\r\nHost: t\r\n\r\n";
const std::string kSlow = "GET /slow HTTP/1.1\r\nHost: t\r\n\r\n";

// /hi (quick), /slow-quick (quick, but takes 1.5 s), /slow (a worker's, 1.5 s), /echo (a
// worker's: the body back). One loop, one compute worker unless a test asks for more.
class SmallServer {
 public:
  explicit SmallServer(http::FrontDoorConfig config = {}) : routes_(app_) {
    routes_.Get("/hi", "hi", Work::kQuick, [](const httplib::Request&, httplib::Response& res) {
      res.set_content("hi", "text/plain");
    });
    auto slow = [](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      res.set_content("slow", "text/plain");
    };
    routes_.Get("/slow-quick", "slow_quick", Work::kQuick, slow);
    routes_.Get("/slow", "slow", Work::kCompute, slow);
    routes_.Post("/echo", "echo", Work::kCompute, 1024,
                 [](const httplib::Request& req, httplib::Response& res) {
                   res.set_content(req.body, "text/plain");
                 });
    config.event_loops = 1;
    if (config.compute_threads == 0) config.compute_threads = 1;
    config.staff_threads = 1;
    config.limits.request_timeout = std::chrono::seconds(1);
    config.limits.idle_timeout = std::chrono::seconds(1);
    config.limits.write_timeout = std::chrono::seconds(1);
    door_ = std::make_unique<http::FrontDoor>(config, app_, routes_, nullptr);
    auto port = door_->Bind();
    EXPECT_TRUE(port.ok()) << port.message();
    port_ = port.ok() ? *port : 0;
    thread_ = std::thread([this] { door_->Run(); });
  }
  ~SmallServer() { Stop(); }
  void Stop() {
    door_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  int port() const { return port_; }
  size_t open_connections() const { return door_->open_connections(); }

 private:
  http::HttpApplication app_;
  http::RouteTable routes_;
  std::unique_ptr<http::FrontDoor> door_;
  int port_ = 0;
  std::thread thread_;
};

bool AnswersHi(const std::string& answer) {
  return answer.rfind("HTTP/1.1 200 OK\r\n", 0) == 0 && answer.size() > 2 &&
         answer.compare(answer.size() - 2, 2, "hi") == 0;
}

TEST(FrontDoor, AnswersPipelinedBodiesByTheirLength) {
  SmallServer server;
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
  connection.Send(kHi);
  EXPECT_TRUE(AnswersHi(connection.ReadAnswer()));
}

TEST(FrontDoor, AnswersOfTheLoopAndOfWorkersLeaveInTheOrderAsked) {
  SmallServer server;
  RawConnection connection(server.port());
  connection.Send(kSlow + kHi + "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nok" +
                  kHi);
  std::string slow = connection.ReadAnswer();
  EXPECT_EQ(slow.substr(slow.size() - 4), "slow");
  EXPECT_TRUE(AnswersHi(connection.ReadAnswer()));
  std::string echo = connection.ReadAnswer();
  EXPECT_EQ(echo.substr(echo.size() - 2), "ok");
  EXPECT_TRUE(AnswersHi(connection.ReadAnswer()));
}

TEST(FrontDoor, WorkersHoldUpNoConnectionOfTheLoop) {
  SmallServer server;
  RawConnection slow(server.port());
  RawConnection quick(server.port());
  slow.Send(kSlow);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // /slow is being answered
  auto start = Clock::now();
  quick.Send(kHi);
  EXPECT_TRUE(AnswersHi(quick.ReadAnswer()));
  EXPECT_LT(SecondsSince(start), 0.5 * kTimeFactor);
  EXPECT_EQ(StatusOf(slow.ReadAnswer()), 200);
  slow.Send(kHi);  // the connection serves its next request
  EXPECT_TRUE(AnswersHi(slow.ReadAnswer()));
}

// The other side: a loop answers one request at a time, so a quick route that is not quick
// delays the loop's other connections. (Were it run on a worker, this would not wait.)
TEST(FrontDoor, WorkTheLoopAnswersItselfDelaysItsOtherConnections) {
  SmallServer server;
  RawConnection slow(server.port());
  RawConnection quick(server.port());
  slow.Send("GET /slow-quick HTTP/1.1\r\nHost: t\r\n\r\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto start = Clock::now();
  quick.Send(kHi);
  EXPECT_TRUE(AnswersHi(quick.ReadAnswer()));
  EXPECT_GT(SecondsSince(start), 1.0);
}

TEST(FrontDoor, IdleKeepAliveConnectionsHoldNoWorker) {
  // One worker and twenty idle keep-alive clients: each is still answered by the worker.
  SmallServer server;
  std::vector<std::unique_ptr<RawConnection>> clients;
  for (int i = 0; i < 20; ++i) {
    clients.push_back(std::make_unique<RawConnection>(server.port()));
    clients.back()->Send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\nx");
  }
  auto start = Clock::now();
  for (auto& client : clients) EXPECT_EQ(StatusOf(client->ReadAnswer()), 200);
  for (auto& client : clients) {
    client->Send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\n\r\ny");
  }
  for (auto& client : clients) EXPECT_EQ(StatusOf(client->ReadAnswer()), 200);
  EXPECT_LT(SecondsSince(start), 0.8 * kTimeFactor);
}

TEST(FrontDoor, AFullWorkerQueueIsAnswered503AtOnce) {
  http::FrontDoorConfig config;
  config.compute_queue = 1;
  SmallServer server(config);
  RawConnection running(server.port()), waiting(server.port()), refused(server.port());
  running.Send(kSlow);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the worker has it
  waiting.Send(kSlow);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the queue holds it
  auto start = Clock::now();
  refused.Send(kSlow);
  std::string answer = refused.ReadAnswer();
  EXPECT_LT(SecondsSince(start), 0.5 * kTimeFactor);
  EXPECT_EQ(StatusOf(answer), 503) << answer;
  EXPECT_NE(answer.find("Retry-After: 1\r\n"), std::string::npos) << answer;
  EXPECT_EQ(refused.ReadToEnd(), "");
  EXPECT_TRUE(refused.closed_by_server());
  EXPECT_EQ(StatusOf(running.ReadAnswer()), 200);
}

TEST(FrontDoor, ARequestThatWaitedForAWorkerPastItsDeadlineIsNotAnswered) {
  // The request timeout (1 s) covers the wait for a worker: the second /slow waits 1.5 s.
  SmallServer server;
  RawConnection first(server.port()), second(server.port());
  first.Send(kSlow);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  second.Send(kSlow);
  EXPECT_EQ(StatusOf(first.ReadAnswer()), 200);
  std::string late = second.ReadAnswer();
  EXPECT_EQ(StatusOf(late), 503) << late;
  EXPECT_NE(late.find("too busy to answer in time"), std::string::npos);
}

TEST(FrontDoor, ClosesAConnectionIdleLongerThanTheKeepAliveTimeout) {
  SmallServer server;
  RawConnection connection(server.port());
  connection.Send(kHi);
  EXPECT_TRUE(AnswersHi(connection.ReadAnswer()));
  auto idle_since = Clock::now();
  EXPECT_EQ(connection.ReadToEnd(), "");
  EXPECT_TRUE(connection.closed_by_server());
  double idle = SecondsSince(idle_since);
  EXPECT_GT(idle, 0.9);
  EXPECT_LT(idle, 3.0);  // the timeout, and the loop looks once a second
}

TEST(FrontDoor, ARequestThatTricklesInPastTheRequestTimeoutGets408) {
  SmallServer server;
  RawConnection connection(server.port());
  connection.Send("GET /hi HTTP/1.1\r\nX-Slow: ");
  auto start = Clock::now();
  std::string answer;
  // A byte every 200 ms: each arrives well within the timeout, the request never does.
  while (answer.empty() && SecondsSince(start) < 5.0) {
    send(connection.fd(), "a", 1, MSG_NOSIGNAL);
    pollfd p{connection.fd(), POLLIN, 0};
    if (poll(&p, 1, 200) > 0) answer = connection.ReadAnswer();
  }
  EXPECT_EQ(StatusOf(answer), 408) << answer;
  EXPECT_LT(SecondsSince(start), 3.0);
}

TEST(FrontDoor, ASilentConnectionIsClosedAfterTheRequestTimeout) {
  SmallServer server;
  RawConnection connection(server.port());
  auto start = Clock::now();
  EXPECT_EQ(connection.ReadToEnd(), "");
  EXPECT_TRUE(connection.closed_by_server());
  EXPECT_LT(SecondsSince(start), 3.0);
}

TEST(FrontDoor, BeyondTheConnectionLimitAConnectionGets503) {
  http::FrontDoorConfig config;
  config.max_connections = 4;
  SmallServer server(config);
  std::vector<std::unique_ptr<RawConnection>> open;
  for (int i = 0; i < 4; ++i) {
    open.push_back(std::make_unique<RawConnection>(server.port()));
    open.back()->Send(kHi);
    EXPECT_TRUE(AnswersHi(open.back()->ReadAnswer()));
  }
  RawConnection fifth(server.port());
  std::string answer = fifth.ReadToEnd();
  EXPECT_EQ(StatusOf(answer), 503) << answer;
  EXPECT_NE(answer.find("too many open connections"), std::string::npos);
  EXPECT_TRUE(fifth.closed_by_server());
  open.pop_back();  // one closes: there is room again
  for (int i = 0; i < 100 && server.open_connections() >= 4; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  RawConnection again(server.port());
  again.Send(kHi);
  EXPECT_TRUE(AnswersHi(again.ReadAnswer()));
}

TEST(FrontDoor, StoppingFinishesTheAnswersInFlightAndClosesIdleConnections) {
  SmallServer server;
  RawConnection busy(server.port()), idle(server.port());
  idle.Send(kHi);
  EXPECT_TRUE(AnswersHi(idle.ReadAnswer()));
  busy.Send(kSlow);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto start = Clock::now();
  std::thread stopper([&server] { server.Stop(); });
  std::string answer = busy.ReadAnswer();
  EXPECT_EQ(StatusOf(answer), 200) << answer;
  stopper.join();
  EXPECT_LT(SecondsSince(start), 2.5);  // the answer, not the idle connection's timeout
  EXPECT_EQ(idle.ReadToEnd(), "");
  EXPECT_TRUE(idle.closed_by_server());
}

}  // namespace
}  // namespace siegel::testing
