#include "server/http/socket_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>

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

PeerAddresses AddressesOf(int sock, const sockaddr_storage& remote) {
  PeerAddresses addresses;
  AddressOf(remote, addresses.remote_ip, addresses.remote_port);
  sockaddr_storage local{};
  socklen_t length = sizeof(local);
  if (getsockname(sock, reinterpret_cast<sockaddr*>(&local), &length) == 0) {
    AddressOf(local, addresses.local_ip, addresses.local_port);
  }
  return addresses;
}

}  // namespace siegel::http
