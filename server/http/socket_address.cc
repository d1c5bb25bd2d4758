#include "server/http/socket_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace siegel::http {
namespace {

void AddressOf(const sockaddr_storage& address, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    inet_ntop(AF_INET, &v4.sin_addr, text, sizeof(text));
    port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof(text));
    port = ntohs(v6.sin6_port);
  }
  ip = text;
}

}  // namespace

void CachedAddress::Get(socket_t sock, Query query, std::string& ip, int& port) {
  if (port_ < 0) {
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    port_ = 0;
    if (query(sock, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      AddressOf(address, ip_, port_);
    }
  }
  ip = ip_;
  port = port_;
}

void ConnectionStreamBase::get_remote_ip_and_port(std::string& ip, int& port) const {
  addresses_.remote.Get(sock_, getpeername, ip, port);
}

void ConnectionStreamBase::get_local_ip_and_port(std::string& ip, int& port) const {
  addresses_.local.Get(sock_, getsockname, ip, port);
}

}  // namespace siegel::http
