// An epoll loop that serves many keep-alive connections from one thread. With a thread per
// connection every request wakes a sleeping thread, and on two cores the kernel's scheduling
// was more than half of the server's time for a cached answer; a loop instead collects every
// connection that has a request ready in one epoll_wait and answers them in turn.
//
// The loop reads without blocking, frames whole requests (server/http/request_framing.h) and
// only then gives each to cpp-httplib's parser, router and writer, which never wait inside.
// Answers leave with one send; a client that does not read gets the rest when its socket is
// writable, and its further requests wait until then. A request the loop does not frame, or
// one `answers_here` refuses (slow work such as staff pages), is handed off with its
// connection to a thread (server/http/blocking_connection.h), together with the bytes already
// read and not yet sent; the thread gives the connection back once it has been idle briefly.
//
// Timeouts: a connection idle between requests is closed after the keep-alive timeout; a
// request must arrive whole within the read timeout of its first byte (a client that sends a
// byte now and then does not keep it open); a client must take output within the write
// timeout of the last progress.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "server/http/blocking_connection.h"

namespace siegel::http {

class EventLoop {
 public:
  struct Handlers {
    RequestProcessor process;
    // Whether the loop answers this request itself; otherwise it is handed off.
    std::function<bool(std::string_view method, std::string_view path)> answers_here;
    // Takes over a connection: its socket, bytes read, bytes not yet sent, requests answered.
    std::function<void(socket_t, std::string received, std::string unsent, size_t answered)>
        hand_off;
  };

  // Starts the loop's thread. Throws std::system_error if epoll is not available.
  EventLoop(Handlers handlers, ConnectionLimits limits);
  // Stops and joins.
  ~EventLoop();

  // Serves a connection: newly accepted, or back from a thread with `answered` requests
  // answered and nothing read past them. Closes it if the loop is stopping. Thread-safe.
  void Adopt(socket_t sock, size_t answered = 0);
  // Closes idle connections and stops taking requests; answers already written are still
  // sent (up to the write timeout), then the thread ends. Thread-safe.
  void Stop();
  void Join();

 private:
  struct Connection;
  using Clock = std::chrono::steady_clock;

  void Run();
  void AdoptPending();
  void OnReadable(Connection& c);
  void OnWritable(Connection& c);
  // Answers the whole requests at the start of `input` (the receive buffer or c.in), keeps
  // the rest in c.in, and sends. May close or hand off the connection.
  void Serve(Connection& c, std::string_view input);
  // Sends what it can without waiting; false if the connection failed and was closed.
  bool SendPending(Connection& c);
  void WatchFor(Connection& c, bool output);
  void SetDeadline(Connection& c, bool request_finished);
  void HandOff(Connection& c, std::string_view received);
  void Close(Connection& c);
  void CloseExpired();

  Handlers handlers_;
  ConnectionLimits limits_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  std::atomic<bool> stopping_{false};
  std::mutex pending_mutex_;
  std::vector<std::pair<socket_t, size_t>> pending_;  // adopted, not yet registered
  std::unordered_map<socket_t, std::unique_ptr<Connection>> connections_;
  std::vector<std::unique_ptr<Connection>> closed_;  // freed after the current batch of events
  Clock::time_point now_;
  std::unique_ptr<char[]> scratch_;
  std::thread thread_;
};

}  // namespace siegel::http
