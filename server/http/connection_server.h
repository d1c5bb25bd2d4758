// Plain-HTTP serving with few system calls a request. cpp-httplib 0.11 gives every request of
// a keep-alive connection a fresh stream that polls before each read and each write, asks the
// kernel for both socket addresses, and sends the headers and the body separately: 14 system
// calls for a status answer, where nginx needs three. This server keeps cpp-httplib's parser,
// router and response writer (it overrides only the per-connection loop, through the virtual
// hook cpp-httplib provides for it) and gives each connection one stream that
//   - waits in recv itself, with the read timeout as a socket option, instead of polling first;
//   - sends each answer with one send, however many pieces cpp-httplib writes it in;
//   - asks for the socket addresses once per connection;
//   - keeps bytes it read past one request for the next (pipelined requests are answered).
// HTTPS keeps cpp-httplib's own loop (httplib::SSLServer).
#pragma once

#include <httplib.h>

#include <mutex>
#include <unordered_set>

namespace siegel::http {

class ConnectionServer : public httplib::Server {
 public:
  // Stops accepting, then wakes every connection that waits for its next request, so that
  // stopping does not wait out their keep-alive timeout. A request being answered finishes.
  void StopAndWake();

 private:
  bool process_and_close_socket(socket_t sock) override;

  std::mutex open_mutex_;
  std::unordered_set<socket_t> open_;  // connections being served
};

}  // namespace siegel::http
