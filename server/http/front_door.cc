#include "server/http/front_door.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <thread>

#include "server/http/refusal_answer.h"

namespace siegel::http {
namespace {

size_t TwoPerCore() { return 2 * std::max<unsigned>(1, std::thread::hardware_concurrency()); }

// The descriptors this process may open, raised to the hard limit: each connection takes one.
size_t DescriptorLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
  }
  return limit.rlim_cur == RLIM_INFINITY ? SIZE_MAX : static_cast<size_t>(limit.rlim_cur);
}

}  // namespace

FrontDoor::FrontDoor(FrontDoorConfig config, HttpApplication& app, const RouteTable& routes,
                     RefusalObserver on_refusal)
    : config_(std::move(config)), app_(app), routes_(routes), on_refusal_(std::move(on_refusal)) {}

FrontDoor::~FrontDoor() {
  Stop();
  if (!finished_) {
    for (auto& loop : loops_) loop->Stop();
    for (auto& loop : loops_) loop->Join();
    if (compute_) compute_->Shutdown();
    if (staff_) staff_->Shutdown();
    loops_.clear();
  }
  if (listen_fd_ >= 0) close(listen_fd_);
}

Result<int> FrontDoor::Bind() {
  std::string where = config_.host + ":" + std::to_string(config_.port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (getaddrinfo(config_.host.c_str(), std::to_string(config_.port).c_str(), &hints, &found) !=
          0 ||
      found == nullptr) {
    return Error::InvalidInput("cannot listen on " + where + ": unknown host");
  }
  for (addrinfo* at = found; at != nullptr && listen_fd_ < 0; at = at->ai_next) {
    int sock = socket(at->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (sock < 0) continue;
    // SO_REUSEADDR lets a restart bind at once. Not SO_REUSEPORT: with it a second server on
    // the same port would start too, and the kernel would split the public's requests
    // between two servers, maybe of two registries.
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    if (bind(sock, at->ai_addr, at->ai_addrlen) == 0 && listen(sock, config_.backlog) == 0) {
      listen_fd_ = sock;
    } else {
      close(sock);
    }
  }
  freeaddrinfo(found);
  if (listen_fd_ < 0) return Error::Io("cannot listen on " + where + " (is the port in use?)");
  sockaddr_storage bound{};
  socklen_t length = sizeof(bound);
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&bound), &length);
  int port = bound.ss_family == AF_INET6
                 ? ntohs(reinterpret_cast<const sockaddr_in6&>(bound).sin6_port)
                 : ntohs(reinterpret_cast<const sockaddr_in&>(bound).sin_port);

  // Each connection takes a descriptor; keep some for the database, logs and key files.
  size_t descriptors = DescriptorLimit();
  max_connections_ = std::min(config_.max_connections, descriptors > 256 ? descriptors - 128 : 128);
  budget_ = std::make_unique<BodyBudget>(config_.body_budget);
  compute_ = std::make_unique<WorkerPool>(
      config_.compute_threads > 0 ? config_.compute_threads : TwoPerCore(), config_.compute_queue);
  staff_ =
      std::make_unique<WorkerPool>(std::max<size_t>(1, config_.staff_threads), config_.staff_queue);
  shared_.reset(new LoopShared{app_, routes_, config_.limits, *budget_, *compute_, *staff_,
                               config_.tls, open_connections_, on_refusal_, config_.change_count,
                               config_.on_cached_answer});
  size_t loops = config_.event_loops > 0 ? config_.event_loops : TwoPerCore();
  for (size_t i = 0; i < loops; ++i) loops_.push_back(std::make_unique<EventLoop>(*shared_));
  return port;
}

bool FrontDoor::Run() {
  if (listen_fd_ < 0 || finished_) return false;
  bool ok = true;
  size_t next = 0;
  while (!stopping_) {
    sockaddr_storage peer{};
    socklen_t length = sizeof(peer);
    int sock = accept4(listen_fd_, reinterpret_cast<sockaddr*>(&peer), &length,
                       SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (sock < 0) {
      if (stopping_) break;
      if (errno == EINTR || errno == ECONNABORTED || errno == EAGAIN || errno == EPROTO) continue;
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
        // Out of descriptors or memory: the kernel's backlog holds the connections meanwhile.
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        continue;
      }
      ok = false;
      break;
    }
    if (open_connections_.load() >= max_connections_) {
      RefuseConnection(sock);
      continue;
    }
    ++open_connections_;
    int yes = 1;  // answers leave at once, not after Nagle's 40 ms
    setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof(yes));
    loops_[next++ % loops_.size()]->Adopt(sock, peer);
  }
  // Stop: the loops finish what is in progress (waiting for the workers' answers), then the
  // workers end; the loops are freed last, after no worker can reach them any more.
  for (auto& loop : loops_) loop->Stop();
  for (auto& loop : loops_) loop->Join();
  compute_->Shutdown();
  staff_->Shutdown();
  loops_.clear();
  finished_ = true;
  return ok;
}

void FrontDoor::Stop() {
  stopping_ = true;
  if (listen_fd_ >= 0) shutdown(listen_fd_, SHUT_RDWR);  // wakes accept()
}

void FrontDoor::RefuseConnection(int sock) {
  if (on_refusal_) on_refusal_("", "", 503);
  if (config_.tls == nullptr) {
    static const std::string answer = RefusalAnswer(
        {503, "the server has too many open connections; try again in a moment", 1}, false);
    [[maybe_unused]] ssize_t n =
        send(sock, answer.data(), answer.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
  }
  close(sock);
}

}  // namespace siegel::http
