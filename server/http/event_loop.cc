#include "server/http/event_loop.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "server/http/request_framing.h"
#include "server/http/socket_address.h"

namespace siegel::http {
namespace {

constexpr size_t kReceiveBytes = 16 * 1024;  // one recv
constexpr size_t kMaxHeadBytes = 16 * 1024;  // longer heads go to a thread, which answers 414/400
constexpr size_t kMaxBodyBytes = 64 * 1024;  // larger uploads go to a thread
// Pipelined requests of a client that does not read its answers wait once this much is unsent.
constexpr size_t kMaxUnsentBytes = 256 * 1024;
constexpr int kMaxEvents = 64;

std::chrono::steady_clock::duration DurationOf(const timeval& tv) {
  return std::chrono::seconds(tv.tv_sec) + std::chrono::microseconds(tv.tv_usec);
}

// One whole request for cpp-httplib to read, and the connection's output to write to.
class RequestStream final : public ConnectionStreamBase {
 public:
  RequestStream(socket_t sock, std::string_view request, std::string& out,
                ConnectionAddresses& addresses)
      : ConnectionStreamBase(sock, addresses), request_(request), out_(out) {}

  bool is_readable() const override { return at_ < request_.size(); }
  bool is_writable() const override { return true; }

  ssize_t read(char* ptr, size_t size) override {
    size_t n = std::min(size, request_.size() - at_);
    std::memcpy(ptr, request_.data() + at_, n);
    at_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    out_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }

 private:
  std::string_view request_;
  size_t at_ = 0;
  std::string& out_;
};

}  // namespace

struct EventLoop::Connection {
  socket_t sock = INVALID_SOCKET;  // INVALID_SOCKET once closed or handed off
  std::string in;                  // the start of a request that has not all arrived
  std::string out;                 // answers, sent up to out_sent
  size_t out_sent = 0;
  size_t answered = 0;
  bool closing = false;          // close once the output is sent
  bool watching_output = false;  // waiting to write, not to read
  bool request_started = false;  // `in` holds part of a request; the deadline is its own
  Clock::time_point deadline;
  ConnectionAddresses addresses;
};

EventLoop::EventLoop(Handlers handlers, ConnectionLimits limits)
    : handlers_(std::move(handlers)), limits_(limits), scratch_(new char[kReceiveBytes]) {
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (epoll_fd_ < 0 || wake_fd_ < 0) {
    int error = errno;
    if (epoll_fd_ >= 0) close(epoll_fd_);
    if (wake_fd_ >= 0) close(wake_fd_);
    throw std::system_error(error, std::generic_category(), "cannot create an event loop");
  }
  epoll_event wake{};
  wake.events = EPOLLIN;
  wake.data.ptr = nullptr;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &wake);
  thread_ = std::thread([this] { Run(); });
}

EventLoop::~EventLoop() {
  Stop();
  Join();
  std::vector<Connection*> left;
  for (auto& entry : connections_) left.push_back(entry.second.get());
  for (Connection* c : left) Close(*c);
  closed_.clear();
  // Adopted after the loop's last look at them (it stops once it has no connections left).
  for (const auto& adopted : pending_) close(adopted.first);
  close(wake_fd_);
  close(epoll_fd_);
}

void EventLoop::Adopt(socket_t sock, size_t answered) {
  {
    std::lock_guard<std::mutex> lock(pending_mutex_);
    if (!stopping_) {
      pending_.emplace_back(sock, answered);
      sock = INVALID_SOCKET;
    }
  }
  if (sock != INVALID_SOCKET) {
    close(sock);
    return;
  }
  uint64_t one = 1;
  [[maybe_unused]] ssize_t n = write(wake_fd_, &one, sizeof(one));
}

void EventLoop::Stop() {
  {
    std::lock_guard<std::mutex> lock(pending_mutex_);
    stopping_ = true;
  }
  uint64_t one = 1;
  [[maybe_unused]] ssize_t n = write(wake_fd_, &one, sizeof(one));
}

void EventLoop::Join() {
  if (thread_.joinable()) thread_.join();
}

void EventLoop::Run() {
  epoll_event events[kMaxEvents];
  auto last_sweep = Clock::now();
  for (;;) {
    int n = epoll_wait(epoll_fd_, events, kMaxEvents, 1000);
    if (n < 0 && errno != EINTR) break;
    now_ = Clock::now();
    bool woken = false;
    for (int i = 0; i < n; ++i) {
      auto* c = static_cast<Connection*>(events[i].data.ptr);
      if (c == nullptr) {
        woken = true;
      } else if (c->sock == INVALID_SOCKET) {
        continue;  // closed by an earlier event of this batch
      } else if (c->watching_output && (events[i].events & EPOLLOUT)) {
        OnWritable(*c);
      } else {
        OnReadable(*c);
      }
    }
    if (woken) {
      uint64_t count;
      [[maybe_unused]] ssize_t r = read(wake_fd_, &count, sizeof(count));
      AdoptPending();
      if (stopping_) {
        std::vector<Connection*> all;
        for (auto& entry : connections_) all.push_back(entry.second.get());
        for (Connection* c : all) {
          if (c->out_sent < c->out.size()) {
            c->closing = true;  // its answer is still sent
          } else {
            Close(*c);
          }
        }
      }
    }
    if (now_ - last_sweep >= std::chrono::seconds(1)) {
      CloseExpired();
      last_sweep = now_;
    }
    closed_.clear();
    if (stopping_ && connections_.empty()) break;
  }
}

void EventLoop::AdoptPending() {
  std::vector<std::pair<socket_t, size_t>> adopted;
  {
    std::lock_guard<std::mutex> lock(pending_mutex_);
    adopted.swap(pending_);
  }
  for (auto [sock, answered] : adopted) {
    if (stopping_) {
      close(sock);
      continue;
    }
    auto connection = std::make_unique<Connection>();
    connection->sock = sock;
    connection->answered = answered;
    connection->deadline = now_ + DurationOf(limits_.idle_timeout);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.ptr = connection.get();
    if (epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, sock, &event) != 0) {
      close(sock);
      continue;
    }
    connections_[sock] = std::move(connection);
  }
}

void EventLoop::OnReadable(Connection& c) {
  ssize_t n;
  do {
    n = recv(c.sock, scratch_.get(), kReceiveBytes, MSG_DONTWAIT);
  } while (n < 0 && errno == EINTR);
  if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
  if (n <= 0) {  // the client closed, or the connection failed
    Close(c);
    return;
  }
  if (c.in.empty()) {
    Serve(c, std::string_view(scratch_.get(), static_cast<size_t>(n)));
  } else {
    c.in.append(scratch_.get(), static_cast<size_t>(n));
    Serve(c, c.in);
  }
}

void EventLoop::OnWritable(Connection& c) {
  if (!SendPending(c) || c.watching_output) return;
  if (c.closing) {
    Close(c);
  } else if (!c.in.empty()) {
    Serve(c, c.in);  // requests that waited for the output to leave
  } else {
    SetDeadline(c, false);
  }
}

void EventLoop::Serve(Connection& c, std::string_view input) {
  size_t consumed = 0;
  while (!c.closing && !stopping_) {
    if (c.out.size() - c.out_sent > kMaxUnsentBytes) {
      if (!SendPending(c)) return;
      if (c.watching_output) break;
    }
    RequestFraming framing = FrameRequest(input.substr(consumed), kMaxHeadBytes, kMaxBodyBytes);
    if (framing.kind == RequestFraming::kIncomplete) break;
    if (framing.kind == RequestFraming::kHandOff ||
        !handlers_.answers_here(framing.method, framing.path)) {
      HandOff(c, input.substr(consumed));
      return;
    }
    RequestStream stream(c.sock, input.substr(consumed, framing.length), c.out, c.addresses);
    ++c.answered;
    bool last = c.answered >= limits_.max_requests;
    bool connection_closed = false;
    bool ok = handlers_.process(stream, last, connection_closed);
    consumed += framing.length;
    if (!ok || connection_closed || last) c.closing = true;
  }
  // Keep the start of the next request (input is either the receive buffer or c.in itself).
  if (input.data() == c.in.data()) {
    c.in.erase(0, consumed);
  } else {
    c.in.assign(input.data() + consumed, input.size() - consumed);
  }
  if (!SendPending(c)) return;
  if (c.closing && c.out_sent == c.out.size()) {
    Close(c);
    return;
  }
  SetDeadline(c, consumed > 0);
}

bool EventLoop::SendPending(Connection& c) {
  if (c.out_sent < c.out.size()) {
    ssize_t n;
    do {
      n = send(c.sock, c.out.data() + c.out_sent, c.out.size() - c.out_sent,
               MSG_DONTWAIT | MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
      Close(c);
      return false;
    }
    if (n > 0) {
      c.out_sent += static_cast<size_t>(n);
      c.deadline = now_ + DurationOf(limits_.write_timeout);  // progress
    }
  }
  bool all_sent = c.out_sent == c.out.size();
  if (all_sent) {
    c.out.clear();
    c.out_sent = 0;
  }
  if (all_sent == c.watching_output) WatchFor(c, !all_sent);
  return true;
}

void EventLoop::WatchFor(Connection& c, bool output) {
  epoll_event event{};
  event.events = output ? EPOLLOUT : EPOLLIN;
  event.data.ptr = &c;
  epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, c.sock, &event);
  c.watching_output = output;
  if (output) c.deadline = now_ + DurationOf(limits_.write_timeout);
}

void EventLoop::SetDeadline(Connection& c, bool request_finished) {
  if (c.watching_output) return;  // the write deadline applies
  if (c.in.empty()) {
    c.request_started = false;
    c.deadline = now_ + DurationOf(limits_.idle_timeout);
  } else if (!c.request_started || request_finished) {
    c.request_started = true;  // the whole request must arrive within the read timeout
    c.deadline = now_ + DurationOf(limits_.read_timeout);
  }
}

void EventLoop::HandOff(Connection& c, std::string_view received) {
  std::string bytes(received);
  std::string unsent = c.out.substr(c.out_sent);
  socket_t sock = c.sock;
  size_t answered = c.answered;
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, sock, nullptr);
  c.sock = INVALID_SOCKET;
  auto entry = connections_.find(sock);
  closed_.push_back(std::move(entry->second));
  connections_.erase(entry);
  handlers_.hand_off(sock, std::move(bytes), std::move(unsent), answered);
}

void EventLoop::Close(Connection& c) {
  socket_t sock = c.sock;
  if (sock == INVALID_SOCKET) return;
  c.sock = INVALID_SOCKET;
  shutdown(sock, SHUT_RDWR);
  close(sock);
  auto entry = connections_.find(sock);
  if (entry != connections_.end()) {
    closed_.push_back(std::move(entry->second));
    connections_.erase(entry);
  }
}

void EventLoop::CloseExpired() {
  std::vector<Connection*> expired;
  for (auto& entry : connections_) {
    if (entry.second->deadline <= now_) expired.push_back(entry.second.get());
  }
  for (Connection* c : expired) Close(*c);
}

}  // namespace siegel::http
