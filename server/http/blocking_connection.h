// A connection served by one thread that waits in recv, for what the event loop does not
// answer itself (server/http/event_loop.h): staff pages, uploads over its body limit, chunked
// bodies, "Expect: 100-continue". One stream serves all of the connection's requests:
//   - it waits in recv itself, with the timeout as a socket option, instead of polling first;
//   - it sends each answer with one send, however many pieces cpp-httplib writes it in;
//   - it keeps bytes read past one request for the next (pipelined requests are answered);
//   - it sends pending output before it waits for input, so a "100 Continue" arrives.
#pragma once

#include <httplib.h>
#include <sys/time.h>

#include <functional>
#include <string>

namespace siegel::http {

struct ConnectionLimits {
  timeval read_timeout{};   // within a request
  timeval idle_timeout{};   // between requests (keep-alive)
  timeval write_timeout{};  // for each send
  size_t max_requests = 1;  // the last one is answered with "Connection: close"
};

// cpp-httplib's parser, router and writer for one request (Server::process_request).
using RequestProcessor =
    std::function<bool(httplib::Stream& stream, bool close_connection, bool& connection_closed)>;

struct BlockingServeResult {
  bool ok = true;       // false after an error
  bool idle = false;    // the client sent nothing within `linger`: the connection is still open
  size_t answered = 0;  // requests answered on the connection, including earlier ones
};

// Serves requests on `sock` until the client closes, an error or timeout, the request limit,
// or `keep_going` turns false; or, when `linger` is given, until the client has sent nothing
// for that long after an answer, so that an idle connection does not keep a thread (its
// event loop takes it back). `received` are bytes already read from the socket and `unsent`
// bytes of earlier answers not yet sent (both from the event loop); `answered` requests
// already count against the limit. Does not close the socket.
BlockingServeResult ServeConnectionBlocking(socket_t sock, std::string received, std::string unsent,
                                            size_t answered, const ConnectionLimits& limits,
                                            const timeval* linger, const RequestProcessor& process,
                                            const std::function<bool()>& keep_going);

}  // namespace siegel::http
