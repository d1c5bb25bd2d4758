#include "server/http/http_application.h"

#include <cstring>

namespace siegel::http {
namespace {

// One request to read and the answer's bytes to collect; nothing here touches a socket.
class MemoryStream final : public httplib::Stream {
 public:
  MemoryStream(std::string_view request, const PeerAddresses& addresses, std::string& out)
      : request_(request), addresses_(addresses), out_(out) {}

  bool is_readable() const override { return at_ < request_.size(); }
  bool is_writable() const override { return true; }

  ssize_t read(char* ptr, size_t size) override {
    size_t n = std::min(size, request_.size() - at_);
    std::memcpy(ptr, request_.data() + at_, n);
    at_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    out_.append(ptr, size);
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
};

}  // namespace

bool HttpApplication::Answer(std::string_view request, const PeerAddresses& addresses, bool last,
                             std::string& out) {
  MemoryStream stream(request, addresses, out);
  bool closed = false;
  bool ok = process_request(stream, last, closed, nullptr);
  return ok && !closed && !last;
}

}  // namespace siegel::http
