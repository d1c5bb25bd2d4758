// A client socket for the connection tests: bytes exactly as a test writes them, and answers
// read by their Content-Length.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <string>

namespace siegel::testing {

class RawConnection {
 public:
  // receive_buffer > 0: a small socket buffer, for a client that stops reading.
  explicit RawConnection(int port, int receive_buffer = 0) {
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
    timeval five_seconds{5, 0};  // a test that waits longer has failed
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &five_seconds, sizeof(five_seconds));
  }
  ~RawConnection() { close(fd_); }

  bool connected() const { return connected_; }
  int fd() const { return fd_; }

  void Send(const std::string& bytes) {
    ASSERT_EQ(send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(bytes.size()));
  }

  // Everything until the server closes the connection (or the five seconds pass).
  std::string ReadToEnd() {
    std::string all;
    char buffer[8192];
    ssize_t n;
    while ((n = recv(fd_, buffer, sizeof(buffer), 0)) > 0) all.append(buffer, n);
    closed_ = n == 0;
    return all;
  }

  // One answer: the head, then exactly Content-Length bytes of body.
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

 private:
  bool Fill() {
    char buffer[8192];
    ssize_t n = recv(fd_, buffer, sizeof(buffer), 0);
    if (n <= 0) return false;
    pending_.append(buffer, n);
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
  std::string pending_;
};

}  // namespace siegel::testing
