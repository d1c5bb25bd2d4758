// The bytes of one connection, read and written without ever blocking: plain TCP, or TLS
// through OpenSSL on the same non-blocking socket. The event loop does all I/O through this,
// so that plain and TLS connections take exactly the same path through the front door.
#pragma once

#include <openssl/ssl.h>

#include <cstddef>
#include <memory>

namespace siegel::http {

enum class IoResult {
  kDone,        // progress: the handshake finished, or bytes moved
  kWouldBlock,  // nothing can move until the socket is ready again
  kClosed,      // the peer closed its sending side (orderly)
  kFailed,      // the connection failed: close it
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Finishes the TLS handshake; a plain connection has none.
  virtual IoResult Handshake() { return IoResult::kDone; }
  virtual IoResult Receive(char* buffer, size_t capacity, size_t& received) = 0;
  // After kWouldBlock, the next call must offer the same bytes again (at least as many).
  virtual IoResult Send(const char* data, size_t size, size_t& sent) = 0;
  // Ends the sending direction (TLS close_notify, then TCP FIN); receiving goes on.
  virtual void EndSending() = 0;
};

// Neither closes the socket: the connection that owns it does.
std::unique_ptr<Transport> MakePlainTransport(int sock);
// nullptr if OpenSSL cannot make a connection object.
std::unique_ptr<Transport> MakeTlsTransport(int sock, SSL_CTX* context);

}  // namespace siegel::http
