// Plain-HTTP serving for many keep-alive connections on few threads. cpp-httplib 0.11 serves
// each connection on a thread of its own, with a fresh stream per request that polls before
// each read and each write, asks the kernel for both socket addresses, and sends headers and
// body separately: 14 system calls and a thread wake-up for a status answer, where nginx
// needs three and no wake-up. This server keeps cpp-httplib's parser, router and response
// writer, and replaces only the per-connection loop, through the virtual hook cpp-httplib
// provides for it:
//   - accepted connections go to event loops (server/http/event_loop.h), two per core, which
//     answer the requests they can frame and the policy admits;
//   - the rest continue on a pool of threads (server/http/blocking_connection.h), each
//     serving one connection for as long as it keeps sending requests, then giving it back.
// HTTPS keeps cpp-httplib's own loop (httplib::SSLServer).
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "server/http/blocking_connection.h"

namespace siegel::http {

class EventLoop;

class ConnectionServer : public httplib::Server {
 public:
  ConnectionServer();
  ~ConnectionServer() override;

  // Which requests the event loops answer themselves; the others move, with their
  // connection, to a thread. Work that may take long (signing, password hashing, writes)
  // belongs on a thread: while a loop answers one request, its other connections wait.
  // Call before StartLoops. Default: every request the loops can frame.
  void set_answers_in_loop(std::function<bool(std::string_view method, std::string_view path)>);

  // Starts `event_loops` loops and `threads` threads for handed-off connections, with the
  // timeouts and request limit set so far. Without this call every connection gets a thread
  // of cpp-httplib's task queue, as in cpp-httplib.
  void StartLoops(size_t event_loops, size_t threads);

  // Stops accepting, then wakes every connection that waits for its next request, so that
  // stopping does not wait out their keep-alive timeout. A request being answered finishes.
  void StopAndWake();
  // After listen_after_bind() returned: stops, and waits until every connection is closed.
  void FinishConnections();

 private:
  bool process_and_close_socket(socket_t sock) override;
  // How long a thread keeps a connection that has sent nothing since its last answer before
  // the event loops take it back: a client that sends requests back to back keeps its
  // thread, and idle keep-alive connections do not hold any.
  static constexpr std::chrono::microseconds kThreadLinger{50000};

  // Serves a connection on the calling thread until it ends (then closes it) or idles (then
  // gives it back to an event loop).
  void ServeOnThread(socket_t sock, std::string received, std::string unsent, size_t answered);
  ConnectionLimits Limits() const;

  std::function<bool(std::string_view, std::string_view)> answers_in_loop_;
  std::vector<std::unique_ptr<EventLoop>> loops_;
  std::atomic<size_t> next_loop_{0};
  std::unique_ptr<httplib::ThreadPool> handed_off_;
  std::atomic<bool> stopping_{false};
  bool finished_ = false;

  std::mutex open_mutex_;
  std::unordered_set<socket_t> open_;  // connections being served on threads
};

}  // namespace siegel::http
