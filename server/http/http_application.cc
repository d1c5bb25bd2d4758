#include "server/http/http_application.h"

#include <cstring>
#include <optional>

namespace siegel::http {
namespace {

// The body a route handler on this thread asked to be sent from a file (SendSpooledBody),
// for Answer to put after the head cpp-httplib writes.
thread_local std::optional<FileStretch> t_spooled_body;

// One request to read and the answer's bytes to collect; nothing here touches a socket.
class MemoryStream final : public httplib::Stream {
 public:
  MemoryStream(std::string_view request, const PeerAddresses& addresses, std::string& out,
               std::vector<AnswerTail>& tail)
      : request_(request), addresses_(addresses), out_(out), tail_(tail) {}

  bool is_readable() const override { return at_ < request_.size(); }
  bool is_writable() const override { return true; }

  ssize_t read(char* ptr, size_t size) override {
    size_t n = std::min(size, request_.size() - at_);
    std::memcpy(ptr, request_.data() + at_, n);
    at_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    (tail_.empty() ? out_ : tail_.back().after).append(ptr, size);
    return static_cast<ssize_t>(size);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = addresses_.remote_ip;
    port = addresses_.remote_port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = addresses_.local_ip;
    port = addresses_.local_port;
  }
  // cpp-httplib refuses sockets numbered FD_SETSIZE or more (it could not select() on them);
  // this stream has none.
  socket_t socket() const override { return 0; }

 private:
  std::string_view request_;
  size_t at_ = 0;
  const PeerAddresses& addresses_;
  std::string& out_;
  std::vector<AnswerTail>& tail_;
};

}  // namespace

void SendSpooledBody(const httplib::Request& req, httplib::Response& res,
                     std::shared_ptr<const SpooledFile> file, const std::string& content_type) {
  // cpp-httplib sends this head and no body of its own (its body is empty and the length
  // set); the whole file follows it, also for a request with a range (a 200 may ignore one).
  res.set_header("Content-Type", content_type);
  res.set_header("Content-Length", std::to_string(file->size()));
  if (req.method != "HEAD" && file->size() > 0) t_spooled_body = FileStretch{file, 0, file->size()};
}

bool HttpApplication::Answer(std::string_view request, const PeerAddresses& addresses, bool last,
                             std::string& out, std::vector<AnswerTail>& tail) {
  MemoryStream stream(request, addresses, out, tail);
  bool closed = false;
  t_spooled_body.reset();
  bool ok = process_request(stream, last, closed, nullptr);
  if (t_spooled_body) {
    tail.push_back(AnswerTail{std::move(*t_spooled_body), std::string()});
    t_spooled_body.reset();
  }
  return ok && !closed && !last;
}

}  // namespace siegel::http
