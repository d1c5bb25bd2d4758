// A client socket for the connection tests, plain or TLS: bytes exactly as a test writes them,
// and answers read by their Content-Length.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <memory>
#include <string>

namespace siegel::testing {

// A TLS client context that trusts anything: the tests speak to their own server.
inline SSL_CTX* TestClientTls() {
  static SSL_CTX* context = [] {
    SSL_CTX* c = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_verify(c, SSL_VERIFY_NONE, nullptr);
    SSL_CTX_set_options(c, SSL_OP_IGNORE_UNEXPECTED_EOF);
    return c;
  }();
  return context;
}

class RawConnection {
 public:
  // receive_buffer > 0: a small socket buffer, for a client that stops reading. `tls`: speak
  // TLS (the handshake is done here unless `handshake` is false).
  explicit RawConnection(int port, int receive_buffer = 0, bool tls = false,
                         bool handshake = true) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    if (receive_buffer > 0) {
      setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof(receive_buffer));
    }
    int yes = 1;  // each Send leaves at once, as its own segment
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof(yes));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
    SetTimeout(5);  // a test that waits longer has failed
    if (tls && connected_) {
      ssl_ = SSL_new(TestClientTls());
      SSL_set_fd(ssl_, fd_);
      if (handshake) connected_ = SSL_connect(ssl_) == 1;
    }
  }
  ~RawConnection() {
    if (ssl_ != nullptr) SSL_free(ssl_);
    close(fd_);
  }

  bool connected() const { return connected_; }
  int fd() const { return fd_; }
  void SetTimeout(int seconds) {
    timeval timeout{seconds, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  }

  void Send(const std::string& bytes) { ASSERT_TRUE(TrySend(bytes)); }
  // False if the server closed the connection.
  bool TrySend(const std::string& bytes) {
    size_t at = 0;
    while (at < bytes.size()) {
      ssize_t n = ssl_ != nullptr
                      ? SSL_write(ssl_, bytes.data() + at, static_cast<int>(bytes.size() - at))
                      : send(fd_, bytes.data() + at, bytes.size() - at, MSG_NOSIGNAL);
      if (n <= 0) return false;
      at += static_cast<size_t>(n);
    }
    return true;
  }

  // Everything until the server closes the connection (or the timeout passes).
  std::string ReadToEnd() {
    std::string all = std::move(pending_);
    pending_.clear();
    char buffer[8192];
    ssize_t n;
    while ((n = Receive(buffer, sizeof(buffer))) > 0) all.append(buffer, n);
    closed_ = n == 0;
    return all;
  }

  // One answer: the head, then exactly Content-Length bytes of body. Interim 1xx answers
  // count as answers of their own.
  std::string ReadAnswer() {
    while (pending_.find("\r\n\r\n") == std::string::npos && Fill()) {
    }
    size_t head_end = pending_.find("\r\n\r\n");
    if (head_end == std::string::npos) return "";
    size_t length = 0;
    std::string head = pending_.substr(0, head_end);
    size_t at = head.find("Content-Length: ");
    if (at != std::string::npos) length = std::stoul(head.substr(at + 16));
    while (pending_.size() < head_end + 4 + length && Fill()) {
    }
    std::string answer = pending_.substr(0, head_end + 4 + length);
    pending_.erase(0, answer.size());
    return answer;
  }

  bool closed_by_server() const { return closed_; }

  // What has arrived so far, without waiting (for TLS: application data only).
  std::string ReadAvailable() {
    int flags = fcntl(fd_, F_GETFL);
    fcntl(fd_, F_SETFL, flags | O_NONBLOCK);
    std::string all = std::move(pending_);
    pending_.clear();
    char buffer[8192];
    ssize_t n;
    while ((n = Receive(buffer, sizeof(buffer))) > 0) all.append(buffer, n);
    fcntl(fd_, F_SETFL, flags);
    return all;
  }

 private:
  ssize_t Receive(char* buffer, size_t size) {
    if (ssl_ == nullptr) return recv(fd_, buffer, size, 0);
    int n = SSL_read(ssl_, buffer, static_cast<int>(size));
    if (n > 0) return n;
    int error = SSL_get_error(ssl_, n);
    ERR_clear_error();
    return error == SSL_ERROR_ZERO_RETURN ? 0 : -1;
  }

  bool Fill() {
    char buffer[8192];
    ssize_t n = Receive(buffer, sizeof(buffer));
    if (n <= 0) {
      closed_ = n == 0;
      return false;
    }
    pending_.append(buffer, n);
    return true;
  }

  int fd_ = -1;
  SSL* ssl_ = nullptr;
  bool connected_ = false;
  bool closed_ = false;
  std::string pending_;
};

// The status code of an answer, or 0.
inline int StatusOf(const std::string& answer) {
  if (answer.rfind("HTTP/1.1 ", 0) != 0 || answer.size() < 12) return 0;
  return std::stoi(answer.substr(9, 3));
}

}  // namespace siegel::testing
