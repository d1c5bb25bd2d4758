#include "server/http/transport.h"

#include <openssl/err.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <climits>

namespace siegel::http {
namespace {

class PlainTransport final : public Transport {
 public:
  explicit PlainTransport(int sock) : sock_(sock) {}

  IoResult Receive(char* buffer, size_t capacity, size_t& received) override {
    ssize_t n;
    do {
      n = recv(sock_, buffer, capacity, MSG_DONTWAIT);
    } while (n < 0 && errno == EINTR);
    if (n > 0) {
      received = static_cast<size_t>(n);
      return IoResult::kDone;
    }
    if (n == 0) return IoResult::kClosed;
    return errno == EAGAIN || errno == EWOULDBLOCK ? IoResult::kWouldBlock : IoResult::kFailed;
  }

  IoResult Send(const char* data, size_t size, size_t& sent) override {
    ssize_t n;
    do {
      n = send(sock_, data, size, MSG_DONTWAIT | MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    if (n >= 0) {
      sent = static_cast<size_t>(n);
      return IoResult::kDone;
    }
    return errno == EAGAIN || errno == EWOULDBLOCK ? IoResult::kWouldBlock : IoResult::kFailed;
  }

  void EndSending() override { shutdown(sock_, SHUT_WR); }

 private:
  int sock_;
};

class TlsTransport final : public Transport {
 public:
  TlsTransport(int sock, SSL* ssl) : sock_(sock), ssl_(ssl) {}
  ~TlsTransport() override { SSL_free(ssl_); }

  IoResult Handshake() override {
    ERR_clear_error();
    int r = SSL_accept(ssl_);
    return r == 1 ? IoResult::kDone : Failure(r);
  }

  IoResult Receive(char* buffer, size_t capacity, size_t& received) override {
    ERR_clear_error();
    int n = SSL_read(ssl_, buffer, static_cast<int>(std::min<size_t>(capacity, INT_MAX)));
    if (n > 0) {
      received = static_cast<size_t>(n);
      return IoResult::kDone;
    }
    return Failure(n);
  }

  IoResult Send(const char* data, size_t size, size_t& sent) override {
    if (size == 0) {
      sent = 0;
      return IoResult::kDone;
    }
    ERR_clear_error();
    int n = SSL_write(ssl_, data, static_cast<int>(std::min<size_t>(size, INT_MAX)));
    if (n > 0) {
      sent = static_cast<size_t>(n);
      return IoResult::kDone;
    }
    return Failure(n);
  }

  void EndSending() override {
    ERR_clear_error();
    SSL_shutdown(ssl_);  // sends close_notify if it can; the peer may not wait for it
    ERR_clear_error();
    shutdown(sock_, SHUT_WR);
  }

 private:
  IoResult Failure(int result) {
    switch (SSL_get_error(ssl_, result)) {
      case SSL_ERROR_WANT_READ:
      case SSL_ERROR_WANT_WRITE:
        return IoResult::kWouldBlock;
      case SSL_ERROR_ZERO_RETURN:
        return IoResult::kClosed;
      default:
        ERR_clear_error();
        return IoResult::kFailed;
    }
  }

  int sock_;
  SSL* ssl_;
};

}  // namespace

std::unique_ptr<Transport> MakePlainTransport(int sock) {
  return std::make_unique<PlainTransport>(sock);
}

std::unique_ptr<Transport> MakeTlsTransport(int sock, SSL_CTX* context) {
  SSL* ssl = SSL_new(context);
  if (ssl == nullptr) return nullptr;
  if (SSL_set_fd(ssl, sock) != 1) {
    SSL_free(ssl);
    return nullptr;
  }
  SSL_set_accept_state(ssl);
  return std::make_unique<TlsTransport>(sock, ssl);
}

}  // namespace siegel::http
