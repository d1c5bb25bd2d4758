// The server's one front door: every connection, plain or TLS, enters here and takes the same
// path. One thread accepts (a listen backlog of 1,024; beyond the connection limit a connection
// gets 503 and is closed); event loops (server/http/event_loop.h) do all reading, framing,
// TLS and writing; two worker pools answer what the loops pass on: compute (verification,
// registry-wide reads) and staff (staff pages and API), each behind a bounded queue, so that
// neither kind of work can take the other's threads and no worker ever waits for a client.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "server/http/body_budget.h"
#include "server/http/event_loop.h"
#include "server/http/worker_pool.h"

namespace siegel::http {

struct FrontDoorConfig {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port
  int backlog = 1024;
  size_t max_connections = 10000;  // open at once; capped by the process's descriptor limit
  size_t event_loops = 0;          // 0: two per core
  size_t compute_threads = 0;      // 0: two per core
  size_t staff_threads = 4;
  size_t compute_queue = 512;  // requests that may wait for a compute worker
  size_t staff_queue = 64;
  size_t body_budget = 256 * 1024 * 1024;  // request bodies held at once, all connections
  ConnectionLimits limits;
  SSL_CTX* tls = nullptr;  // null: plain HTTP; else owned by the caller, alive as long
  // For the loops' answer caches (server/http/answer_cache.h): the registry's change
  // counter, and who records the answers sent from a cache. Without a counter, no cache.
  std::function<std::optional<uint64_t>()> change_count;
  CachedAnswerObserver on_cached_answer;
};

class FrontDoor {
 public:
  FrontDoor(FrontDoorConfig config, HttpApplication& app, const RouteTable& routes,
            RefusalObserver on_refusal);
  ~FrontDoor();

  // Listens and starts the loops and workers. Returns the port.
  Result<int> Bind();
  // Accepts until Stop(); then lets the loops finish the requests in progress and send their
  // answers, and joins every thread. Returns false if accepting failed.
  bool Run();
  // Thread-safe; Run() returns soon after.
  void Stop();

  size_t open_connections() const { return open_connections_.load(); }
  size_t max_connections() const { return max_connections_; }

 private:
  void RefuseConnection(int sock);

  FrontDoorConfig config_;
  HttpApplication& app_;
  const RouteTable& routes_;
  RefusalObserver on_refusal_;
  int listen_fd_ = -1;
  size_t max_connections_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<size_t> open_connections_{0};
  std::unique_ptr<BodyBudget> budget_;
  std::unique_ptr<WorkerPool> compute_, staff_;
  std::unique_ptr<LoopShared> shared_;
  std::vector<std::unique_ptr<EventLoop>> loops_;
  bool finished_ = false;
};

}  // namespace siegel::http
