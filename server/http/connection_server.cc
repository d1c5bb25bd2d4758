#include "server/http/connection_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace siegel::http {
namespace {

constexpr size_t kReadBufferBytes = 16 * 1024;
// Answers up to this size leave in one send; a larger body goes out with the buffered headers
// in one sendmsg, straight from cpp-httplib's string.
constexpr size_t kWriteBufferBytes = 64 * 1024;

timeval TimevalOf(time_t seconds, time_t microseconds) {
  timeval tv{};
  tv.tv_sec = seconds;
  tv.tv_usec = static_cast<suseconds_t>(microseconds);
  return tv;
}

int MillisecondsOf(const timeval& tv) {
  return static_cast<int>(tv.tv_sec * 1000 + tv.tv_usec / 1000);
}

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

// An end of the connection, asked of the kernel once (cpp-httplib asks for both on every
// request).
class CachedAddress {
 public:
  using Query = int (*)(int, sockaddr*, socklen_t*);
  void Get(socket_t sock, Query query, std::string& ip, int& port) {
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

 private:
  std::string ip_;
  int port_ = -1;
};

// One per connection, for all its requests. Reads are buffered; writes are collected until
// the answer is complete (Flush) or the buffer is full, and pending output is sent before
// the stream waits for input (an interim "100 Continue" must reach the client first).
class ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(socket_t sock, timeval read_timeout, timeval idle_timeout, timeval write_timeout)
      : sock_(sock),
        read_timeout_(read_timeout),
        idle_timeout_(idle_timeout),
        write_timeout_(write_timeout) {
    setsockopt(sock_, SOL_SOCKET, SO_SNDTIMEO, &write_timeout_, sizeof(write_timeout_));
  }

  // The next read starts a request: it may wait the keep-alive timeout rather than the read
  // timeout. (When the two are equal, as Siegel sets them, this costs no system call.)
  void AwaitRequest() { awaiting_request_ = true; }

  bool Flush() {
    bool sent = SendAll(out_.data(), out_.size(), nullptr, 0);
    out_.clear();
    return sent;
  }

  bool is_readable() const override {
    if (in_begin_ < in_end_) return true;
    pollfd p{sock_, POLLIN, 0};
    return poll(&p, 1, MillisecondsOf(read_timeout_)) > 0;
  }

  bool is_writable() const override {
    pollfd p{sock_, POLLOUT, 0};
    return poll(&p, 1, MillisecondsOf(write_timeout_)) > 0;
  }

  ssize_t read(char* ptr, size_t size) override {
    if (in_begin_ == in_end_) {
      if (!out_.empty() && !Flush()) return -1;
      if (size >= kReadBufferBytes) return Receive(ptr, size);  // a large body: no copy
      ssize_t n = Receive(in_, kReadBufferBytes);
      if (n <= 0) return n;
      in_begin_ = 0;
      in_end_ = static_cast<size_t>(n);
    }
    size_t n = std::min(size, in_end_ - in_begin_);
    std::memcpy(ptr, in_ + in_begin_, n);
    in_begin_ += n;
    awaiting_request_ = false;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (out_.size() + size <= kWriteBufferBytes) {
      if (out_.capacity() == 0) out_.reserve(kWriteBufferBytes / 4);
      out_.append(ptr, size);
      return static_cast<ssize_t>(size);
    }
    bool sent = SendAll(out_.data(), out_.size(), ptr, size);
    out_.clear();
    return sent ? static_cast<ssize_t>(size) : -1;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    remote_.Get(sock_, getpeername, ip, port);
  }

  void get_local_ip_and_port(std::string& ip, int& port) const override {
    local_.Get(sock_, getsockname, ip, port);
  }

  socket_t socket() const override { return sock_; }

 private:
  // recv with the timeout of the phase: 0 when the peer closed, -1 on an error or timeout.
  ssize_t Receive(char* into, size_t size) {
    const timeval& wanted = awaiting_request_ ? idle_timeout_ : read_timeout_;
    if (!receive_timeout_set_ || wanted.tv_sec != receive_timeout_.tv_sec ||
        wanted.tv_usec != receive_timeout_.tv_usec) {
      setsockopt(sock_, SOL_SOCKET, SO_RCVTIMEO, &wanted, sizeof(wanted));
      receive_timeout_ = wanted;
      receive_timeout_set_ = true;
    }
    ssize_t n;
    do {
      n = recv(sock_, into, size, 0);
    } while (n < 0 && errno == EINTR);
    if (n > 0) awaiting_request_ = false;
    return n;
  }

  // Sends first and then second, whole; false if the peer is gone or the write timed out.
  bool SendAll(const char* first, size_t first_size, const char* second, size_t second_size) {
    iovec parts[2] = {{const_cast<char*>(first), first_size},
                      {const_cast<char*>(second), second_size}};
    iovec* next = parts;
    int count = 2;
    while (count > 0) {
      if (next->iov_len == 0) {
        ++next;
        --count;
        continue;
      }
      msghdr message{};
      message.msg_iov = next;
      message.msg_iovlen = static_cast<size_t>(count);
      ssize_t n = sendmsg(sock_, &message, MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EINTR) continue;
        return false;
      }
      size_t sent = static_cast<size_t>(n);
      while (count > 0 && sent >= next->iov_len) {
        sent -= next->iov_len;
        ++next;
        --count;
      }
      if (count > 0) {
        next->iov_base = static_cast<char*>(next->iov_base) + sent;
        next->iov_len -= sent;
      }
    }
    return true;
  }

  socket_t sock_;
  timeval read_timeout_, idle_timeout_, write_timeout_;
  timeval receive_timeout_{};
  bool receive_timeout_set_ = false;
  bool awaiting_request_ = true;
  char in_[kReadBufferBytes];
  size_t in_begin_ = 0, in_end_ = 0;
  std::string out_;
  mutable CachedAddress remote_, local_;
};

}  // namespace

void ConnectionServer::StopAndWake() {
  stop();
  std::lock_guard<std::mutex> lock(open_mutex_);
  // Only the receiving side: a connection waiting for its next request reads end-of-file and
  // closes; one that is answering a request still sends its answer.
  for (socket_t sock : open_) shutdown(sock, SHUT_RD);
}

bool ConnectionServer::process_and_close_socket(socket_t sock) {
  {
    std::lock_guard<std::mutex> lock(open_mutex_);
    open_.insert(sock);
  }
  bool ok = true;
  {
    ConnectionStream stream(sock, TimevalOf(read_timeout_sec_, read_timeout_usec_),
                            TimevalOf(keep_alive_timeout_sec_, 0),
                            TimevalOf(write_timeout_sec_, write_timeout_usec_));
    for (size_t remaining = keep_alive_max_count_; remaining > 0 && svr_sock_ != INVALID_SOCKET;
         --remaining) {
      stream.AwaitRequest();
      bool connection_closed = false;
      ok = process_request(stream, /*close_connection=*/remaining == 1, connection_closed, nullptr);
      if (!stream.Flush()) ok = false;
      if (!ok || connection_closed) break;
    }
  }
  {
    std::lock_guard<std::mutex> lock(open_mutex_);
    open_.erase(sock);
  }
  shutdown(sock, SHUT_RDWR);
  close(sock);
  return ok;
}

}  // namespace siegel::http
