// The ends of a connection, asked of the kernel once per connection (cpp-httplib asks for
// both on every request), and the base of the streams that serve a connection.
#pragma once

#include <httplib.h>

#include <string>

namespace siegel::http {

class CachedAddress {
 public:
  using Query = int (*)(int, sockaddr*, socklen_t*);  // getpeername or getsockname
  void Get(socket_t sock, Query query, std::string& ip, int& port);

 private:
  std::string ip_;
  int port_ = -1;  // -1 until asked
};

struct ConnectionAddresses {
  CachedAddress remote, local;
};

// A stream over one connection's socket that knows its addresses from `addresses`, which
// lives as long as the connection.
class ConnectionStreamBase : public httplib::Stream {
 public:
  ConnectionStreamBase(socket_t sock, ConnectionAddresses& addresses)
      : sock_(sock), addresses_(addresses) {}
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return sock_; }

 protected:
  socket_t sock_;

 private:
  ConnectionAddresses& addresses_;
};

}  // namespace siegel::http
