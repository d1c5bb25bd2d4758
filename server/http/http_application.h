// cpp-httplib's parser, router and response writer, over requests held in memory. The front
// door (server/http/front_door.h) reads, frames and checks every request before it comes
// here, so cpp-httplib never reads a socket, never waits, and never judges where a request
// ends; it parses one whole request and writes one whole answer into a string.
#pragma once

#include <httplib.h>

#include <string>
#include <string_view>

#include "server/http/socket_address.h"

namespace siegel::http {

class HttpApplication : public httplib::Server {
 public:
  // Answers `request` (exactly one request, head and body, as the front door passes it on),
  // appending the answer to `out`. `last`: the connection closes after this answer, which
  // then says so. Returns whether the connection may carry another request.
  bool Answer(std::string_view request, const PeerAddresses& addresses, bool last,
              std::string& out);
};

}  // namespace siegel::http
