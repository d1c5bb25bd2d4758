#include "server/http/connection_server.h"

#include <sys/socket.h>
#include <unistd.h>

#include "server/http/event_loop.h"

namespace siegel::http {
namespace {

timeval TimevalOf(time_t seconds, time_t microseconds) {
  timeval tv{};
  tv.tv_sec = seconds;
  tv.tv_usec = static_cast<suseconds_t>(microseconds);
  return tv;
}

}  // namespace

ConnectionServer::ConnectionServer()
    : answers_in_loop_([](std::string_view, std::string_view) { return true; }) {}

ConnectionServer::~ConnectionServer() { FinishConnections(); }

void ConnectionServer::set_answers_in_loop(
    std::function<bool(std::string_view, std::string_view)> policy) {
  answers_in_loop_ = std::move(policy);
}

ConnectionLimits ConnectionServer::Limits() const {
  ConnectionLimits limits;
  limits.read_timeout = TimevalOf(read_timeout_sec_, read_timeout_usec_);
  limits.idle_timeout = TimevalOf(keep_alive_timeout_sec_, 0);
  limits.write_timeout = TimevalOf(write_timeout_sec_, write_timeout_usec_);
  limits.max_requests = keep_alive_max_count_;
  return limits;
}

void ConnectionServer::StartLoops(size_t event_loops, size_t threads) {
  handed_off_ = std::make_unique<httplib::ThreadPool>(threads);
  EventLoop::Handlers handlers;
  handlers.process = [this](httplib::Stream& stream, bool close_connection, bool& closed) {
    return process_request(stream, close_connection, closed, nullptr);
  };
  handlers.answers_here = answers_in_loop_;
  handlers.hand_off = [this](socket_t sock, std::string received, std::string unsent,
                             size_t answered) {
    handed_off_->enqueue([this, sock, received = std::move(received), unsent = std::move(unsent),
                          answered]() mutable {
      ServeOnThread(sock, std::move(received), std::move(unsent), answered);
    });
  };
  for (size_t i = 0; i < event_loops; ++i) {
    loops_.push_back(std::make_unique<EventLoop>(handlers, Limits()));
  }
}

void ConnectionServer::StopAndWake() {
  stopping_ = true;
  stop();
  for (auto& loop : loops_) loop->Stop();
  std::lock_guard<std::mutex> lock(open_mutex_);
  // Only the receiving side: a connection waiting for its next request reads end-of-file and
  // closes; one that is answering a request still sends its answer.
  for (socket_t sock : open_) shutdown(sock, SHUT_RD);
}

void ConnectionServer::FinishConnections() {
  if (finished_) return;
  finished_ = true;
  StopAndWake();
  for (auto& loop : loops_) loop->Join();  // no hand-offs after this
  if (handed_off_) handed_off_->shutdown();
}

bool ConnectionServer::process_and_close_socket(socket_t sock) {
  if (!loops_.empty()) {
    loops_[next_loop_++ % loops_.size()]->Adopt(sock);
  } else {
    ServeOnThread(sock, {}, {}, 0);
  }
  return true;
}

void ConnectionServer::ServeOnThread(socket_t sock, std::string received, std::string unsent,
                                     size_t answered) {
  {
    std::lock_guard<std::mutex> lock(open_mutex_);
    open_.insert(sock);
    if (stopping_) shutdown(sock, SHUT_RD);  // handed off while stopping: finish and close
  }
  const timeval linger = TimevalOf(0, kThreadLinger.count());
  BlockingServeResult result = ServeConnectionBlocking(
      sock, std::move(received), std::move(unsent), answered, Limits(),
      loops_.empty() ? nullptr : &linger,
      [this](httplib::Stream& stream, bool close_connection, bool& closed) {
        return process_request(stream, close_connection, closed, nullptr);
      },
      [this] { return !stopping_; });
  {
    std::lock_guard<std::mutex> lock(open_mutex_);
    open_.erase(sock);
  }
  if (result.idle) {
    loops_[next_loop_++ % loops_.size()]->Adopt(sock, result.answered);  // closes when stopping
    return;
  }
  shutdown(sock, SHUT_RDWR);
  close(sock);
}

}  // namespace siegel::http
