// The two ends of a connection, asked of the kernel once when it is accepted: cpp-httplib
// asks for both on every request, and the answer never changes.
#pragma once

#include <sys/socket.h>

#include <string>

namespace siegel::http {

struct PeerAddresses {
  std::string remote_ip;
  int remote_port = 0;
  std::string local_ip;
  int local_port = 0;
};

// `remote` as accept() filled it in; the local end is asked of the socket.
PeerAddresses AddressesOf(int sock, const sockaddr_storage& remote);

}  // namespace siegel::http
