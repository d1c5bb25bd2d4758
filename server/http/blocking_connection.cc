#include "server/http/blocking_connection.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "server/http/socket_address.h"

namespace siegel::http {
namespace {

constexpr size_t kReadBufferBytes = 16 * 1024;
// Answers up to this size leave in one send; a larger body goes out with the buffered headers
// in one sendmsg, straight from cpp-httplib's string.
constexpr size_t kWriteBufferBytes = 64 * 1024;

int MillisecondsOf(const timeval& tv) {
  return static_cast<int>(tv.tv_sec * 1000 + tv.tv_usec / 1000);
}

bool SameTime(const timeval& a, const timeval& b) {
  return a.tv_sec == b.tv_sec && a.tv_usec == b.tv_usec;
}

// Reads are buffered; writes are collected until the answer is complete (Flush) or the
// buffer is full, and pending output is sent before the stream waits for input.
class ConnectionStream final : public ConnectionStreamBase {
 public:
  ConnectionStream(socket_t sock, const ConnectionLimits& limits, std::string received,
                   std::string unsent)
      : ConnectionStreamBase(sock, addresses_),
        limits_(limits),
        carried_(std::move(received)),
        out_(std::move(unsent)) {
    setsockopt(sock_, SOL_SOCKET, SO_SNDTIMEO, &limits_.write_timeout,
               sizeof(limits_.write_timeout));
  }

  // The next read starts a request: it may wait the keep-alive timeout rather than the read
  // timeout. (When the two are equal, as Siegel sets them, this costs no system call.)
  void AwaitRequest() { awaiting_request_ = true; }

  enum class Next { kRequest, kClosed, kIdle };
  // Waits up to `wait` for the first bytes of the next request, after sending what is pending.
  Next AwaitRequestFor(const timeval& wait) {
    if (carried_at_ < carried_.size() || in_begin_ < in_end_) return Next::kRequest;
    if (!out_.empty() && !Flush()) return Next::kClosed;
    SetReceiveTimeout(wait);
    ssize_t n;
    do {
      n = recv(sock_, in_, kReadBufferBytes, 0);
    } while (n < 0 && errno == EINTR);
    if (n > 0) {
      in_begin_ = 0;
      in_end_ = static_cast<size_t>(n);
      awaiting_request_ = false;
      return Next::kRequest;
    }
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) ? Next::kIdle : Next::kClosed;
  }

  bool Flush() {
    bool sent = SendAll(out_.data(), out_.size(), nullptr, 0);
    out_.clear();
    return sent;
  }

  bool is_readable() const override {
    if (carried_at_ < carried_.size() || in_begin_ < in_end_) return true;
    pollfd p{sock_, POLLIN, 0};
    return poll(&p, 1, MillisecondsOf(limits_.read_timeout)) > 0;
  }

  bool is_writable() const override {
    pollfd p{sock_, POLLOUT, 0};
    return poll(&p, 1, MillisecondsOf(limits_.write_timeout)) > 0;
  }

  ssize_t read(char* ptr, size_t size) override {
    if (carried_at_ < carried_.size()) {
      size_t n = std::min(size, carried_.size() - carried_at_);
      std::memcpy(ptr, carried_.data() + carried_at_, n);
      carried_at_ += n;
      awaiting_request_ = false;
      return static_cast<ssize_t>(n);
    }
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

 private:
  // recv with the timeout of the phase: 0 when the peer closed, -1 on an error or timeout.
  ssize_t Receive(char* into, size_t size) {
    SetReceiveTimeout(awaiting_request_ ? limits_.idle_timeout : limits_.read_timeout);
    ssize_t n;
    do {
      n = recv(sock_, into, size, 0);
    } while (n < 0 && errno == EINTR);
    if (n > 0) awaiting_request_ = false;
    return n;
  }

  void SetReceiveTimeout(const timeval& wanted) {
    if (!receive_timeout_set_ || !SameTime(wanted, receive_timeout_)) {
      setsockopt(sock_, SOL_SOCKET, SO_RCVTIMEO, &wanted, sizeof(wanted));
      receive_timeout_ = wanted;
      receive_timeout_set_ = true;
    }
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

  ConnectionAddresses addresses_;  // bound by reference in the base: only used after construction
  ConnectionLimits limits_;
  timeval receive_timeout_{};
  bool receive_timeout_set_ = false;
  bool awaiting_request_ = true;
  std::string carried_;  // read by the event loop before the hand-off
  size_t carried_at_ = 0;
  char in_[kReadBufferBytes];
  size_t in_begin_ = 0, in_end_ = 0;
  std::string out_;
};

}  // namespace

BlockingServeResult ServeConnectionBlocking(socket_t sock, std::string received, std::string unsent,
                                            size_t answered, const ConnectionLimits& limits,
                                            const timeval* linger, const RequestProcessor& process,
                                            const std::function<bool()>& keep_going) {
  ConnectionStream stream(sock, limits, std::move(received), std::move(unsent));
  BlockingServeResult result;
  result.answered = answered;
  while (result.answered < limits.max_requests && keep_going()) {
    if (linger != nullptr && result.answered > answered) {
      ConnectionStream::Next next = stream.AwaitRequestFor(*linger);
      if (next == ConnectionStream::Next::kIdle) {
        result.idle = true;
        return result;
      }
      if (next == ConnectionStream::Next::kClosed) break;
    }
    stream.AwaitRequest();
    bool connection_closed = false;
    ++result.answered;
    result.ok = process(stream, /*close_connection=*/result.answered == limits.max_requests,
                        connection_closed);
    if (!stream.Flush()) result.ok = false;
    if (!result.ok || connection_closed) break;
  }
  if (!stream.Flush()) result.ok = false;  // what the event loop had not sent, if nothing followed
  return result;
}

}  // namespace siegel::http
