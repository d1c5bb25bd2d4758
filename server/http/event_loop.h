// An epoll loop that does all the I/O of many connections from one thread: TLS handshakes,
// reading, framing, writing. Every connection, plain or TLS, takes this one path:
//   - bytes are read without blocking and assembled into whole requests
//     (server/http/request_assembler.h), the route's limits enforced as they arrive;
//   - a quick route is answered here, at once; any other request goes, whole, to a worker
//     pool (server/http/worker_pool.h), whose answer comes back through Complete(), and the
//     connection reads nothing more until it has been sent;
//   - answers leave without blocking: a client that does not read holds up no one.
// A worker therefore never waits for a client, and a slow client costs a few kilobytes here,
// never a thread.
//
// Deadlines, checked once a second: a TLS handshake must finish within the handshake timeout;
// a request must arrive whole within the request timeout of its first byte (else 408); a
// connection idle between requests is closed after the keep-alive timeout; a client must take
// output within the write timeout of the last progress. After a refusal the loop ends its
// sending side and reads and drops input for up to the linger time, so that the client reads
// the refusal instead of a connection reset.
#pragma once

#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "server/http/answer_cache.h"
#include "server/http/body_budget.h"
#include "server/http/http_application.h"
#include "server/http/request_head.h"
#include "server/http/route_table.h"
#include "server/http/worker_pool.h"

typedef struct ssl_ctx_st SSL_CTX;

namespace siegel::http {

struct ConnectionLimits {
  using Duration = std::chrono::steady_clock::duration;
  Duration request_timeout = std::chrono::seconds(10);    // first byte to last byte of a request
  Duration idle_timeout = std::chrono::seconds(10);       // between requests
  Duration write_timeout = std::chrono::seconds(10);      // without output progress
  Duration handshake_timeout = std::chrono::seconds(10);  // TLS
  Duration linger = std::chrono::seconds(2);              // after a refusal
  size_t max_requests = 10000;                            // on one connection
  HeadLimits head;
};

// Called for every request the front door refuses itself (not those a route answers).
using RefusalObserver =
    std::function<void(const std::string& method, const std::string& path, int status)>;
// Called for every answer a loop sends from its answer cache (cpp-httplib's post-routing
// handler records the others).
using CachedAnswerObserver = std::function<void(const std::string& method, const std::string& path,
                                                const char* route, int status, size_t bytes)>;

// What all loops share; owned by the front door, alive as long as the loops.
struct LoopShared {
  HttpApplication& app;
  const RouteTable& routes;
  ConnectionLimits limits;
  BodyBudget& budget;
  WorkerPool& compute;
  WorkerPool& staff;
  SSL_CTX* tls;  // null: plain HTTP
  std::atomic<size_t>& open_connections;
  RefusalObserver on_refusal;
  // The registry's change counter, read from memory, for the answer cache
  // (server/http/answer_cache.h); null, or nullopt, keeps no answers.
  std::function<std::optional<uint64_t>()> change_count;
  CachedAnswerObserver on_cached_answer;
};

class EventLoop {
 public:
  // Starts the loop's thread. Throws std::system_error if epoll is not available.
  explicit EventLoop(LoopShared& shared);
  // Stops, joins and closes what is left.
  ~EventLoop();

  // Serves a newly accepted connection (non-blocking socket; counted in open_connections,
  // which Close counts down). Closes it if the loop is stopping. Thread-safe.
  void Adopt(int sock, const sockaddr_storage& peer);
  // A worker's answer to the request of connection `id` (from the job this loop submitted).
  // Thread-safe.
  void Complete(uint64_t id, std::string answer, std::vector<AnswerTail> tail, bool keep_open);
  // Closes idle connections and takes no new requests; answers in progress are finished and
  // sent (up to the write timeout), then the thread ends. Thread-safe.
  void Stop();
  void Join();

 private:
  struct Connection;
  struct Completion {
    uint64_t id;
    std::string answer;
    std::vector<AnswerTail> tail;
    bool keep_open;
  };
  using Clock = std::chrono::steady_clock;

  void Run();
  void AdoptPending();
  void DeliverCompletions();
  void BeginStopping();
  // Does everything the connection allows without waiting: handshake, send, answer the
  // requests already read, read more. Returns when it must wait for the socket, a worker, or
  // the connection closed.
  void Drive(Connection& c);
  // Answers or passes on the whole requests in the input; false if it needs more input.
  bool ServeBuffered(Connection& c);
  // Answers a quick request here, from the answer cache if it may; false: close after it.
  bool AnswerQuick(Connection& c, bool last);
  bool PassToWorker(Connection& c, bool last);
  void Refuse(Connection& c, const Refusal& refusal);
  bool Receive(Connection& c);  // false: wait (or closed)
  bool Flush(Connection& c);    // false: closed
  // Where the next answer's bytes go: after everything the connection has still to send.
  static std::string& Output(Connection& c);
  static size_t Unsent(const Connection& c);
  // Moves the next piece of the tail into the emptied output; false if it closed `c`.
  bool Refill(Connection& c);
  void Linger(Connection& c);
  void UpdateRequestClock(Connection& c);
  void Close(Connection& c);
  void SweepDeadlines();

  LoopShared& shared_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  std::atomic<bool> stopping_{false};
  bool stop_begun_ = false;

  std::mutex mutex_;  // guards pending_, completions_
  std::vector<std::pair<int, sockaddr_storage>> pending_;
  std::vector<Completion> completions_;

  std::unordered_map<uint64_t, std::unique_ptr<Connection>> connections_;
  std::vector<std::unique_ptr<Connection>> closed_;  // freed after the current batch of events
  uint64_t next_id_ = 1;
  Clock::time_point now_;
  std::unique_ptr<char[]> scratch_;
  AnswerCache answer_cache_;
  std::string answer_key_;  // reused for every request's key
  std::thread thread_;
};

}  // namespace siegel::http
