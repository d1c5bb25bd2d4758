// cpp-httplib's parser, router and response writer, over requests held in memory. The front
// door (server/http/front_door.h) reads, frames and checks every request before it comes
// here, so cpp-httplib never reads a socket, never waits, and never judges where a request
// ends; it parses one whole request and writes one whole answer into a string.
#pragma once

#include <httplib.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "server/http/socket_address.h"
#include "server/http/spooled_file.h"

namespace siegel::http {

// A stretch of a spooled file sent as (part of) an answer's body.
struct FileStretch {
  std::shared_ptr<const SpooledFile> file;
  uint64_t offset = 0;
  uint64_t length = 0;
};

// What follows an answer's first bytes when its body comes from a file: the stretch, read as
// the client takes it, then more bytes (the next answers on the connection, say).
struct AnswerTail {
  FileStretch stretch;
  std::string after;
};

class HttpApplication : public httplib::Server {
 public:
  // Answers `request` (exactly one request, head and body, as the front door passes it on),
  // appending the answer to `out`, or, from where its body is a file (SendSpooledBody), to
  // `tail`. `last`: the connection closes after this answer, which then says so. Returns
  // whether the connection may carry another request.
  bool Answer(std::string_view request, const PeerAddresses& addresses, bool last, std::string& out,
              std::vector<AnswerTail>& tail);
};

// In a route handler: the answer's body is `file`, sent from the file as the client takes
// it, never held in memory whole (Range is ignored: the answer is a whole 200).
void SendSpooledBody(const httplib::Request& req, httplib::Response& res,
                     std::shared_ptr<const SpooledFile> file, const std::string& content_type);

}  // namespace siegel::http
