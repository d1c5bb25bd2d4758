#include "server/http/event_loop.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <system_error>

#include "server/http/event_loop_connection.h"
#include "server/http/refusal_answer.h"
#include "server/http/request_assembler.h"
#include "server/http/socket_address.h"
#include "server/http/transport.h"

namespace siegel::http {
namespace {

// Pipelined requests of a client that does not read its answers wait once this much is unsent.
constexpr size_t kMaxUnsentBytes = 256 * 1024;
constexpr int kMaxEvents = 64;
// Answers kept per loop: the quick reads of one second (the cache starts over each second).
constexpr size_t kAnswerCacheBytes = 8 * 1024 * 1024;

}  // namespace

namespace {

// A worker's job: one whole request, answered away from the loop, the answer handed back.
class RequestJob final : public WorkerPool::Job {
 public:
  RequestJob(LoopShared& shared, EventLoop& loop, uint64_t id, std::string request,
             BodyReservation reservation, PeerAddresses addresses, bool last,
             std::chrono::steady_clock::time_point deadline)
      : shared_(shared),
        loop_(loop),
        id_(id),
        request_(std::move(request)),
        reservation_(std::move(reservation)),
        addresses_(std::move(addresses)),
        last_(last),
        deadline_(deadline) {}

  void Run() override {
    std::string answer;
    std::vector<AnswerTail> tail;
    bool keep_open = false;
    if (std::chrono::steady_clock::now() > deadline_) {
      // It waited for a worker past the time the whole request is given: answering it now
      // would only make the queue longer.
      if (shared_.on_refusal) shared_.on_refusal("", "", 503);
      answer = RefusalAnswer({503, "the server is too busy to answer in time; try again", 1},
                             shared_.tls != nullptr);
    } else {
      keep_open = shared_.app.Answer(request_, addresses_, last_, answer, tail);
    }
    std::string().swap(request_);
    reservation_.Release();
    loop_.Complete(id_, std::move(answer), std::move(tail), keep_open);
  }

 private:
  LoopShared& shared_;
  EventLoop& loop_;
  uint64_t id_;
  std::string request_;
  BodyReservation reservation_;
  PeerAddresses addresses_;
  bool last_;
  std::chrono::steady_clock::time_point deadline_;
};

}  // namespace

EventLoop::EventLoop(LoopShared& shared)
    : shared_(shared), scratch_(new char[kReceiveBytes]), answer_cache_(kAnswerCacheBytes) {
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
  now_ = Clock::now();
  thread_ = std::thread([this] { Run(); });
}

EventLoop::~EventLoop() {
  Stop();
  Join();
  std::vector<Connection*> left;
  for (auto& entry : connections_) left.push_back(entry.second.get());
  for (Connection* c : left) Close(*c);
  closed_.clear();
  for (const auto& adopted : pending_) {  // adopted after the loop's last look
    close(adopted.first);
    --shared_.open_connections;
  }
  close(wake_fd_);
  close(epoll_fd_);
}

void EventLoop::Adopt(int sock, const sockaddr_storage& peer) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!stopping_) {
      pending_.emplace_back(sock, peer);
      sock = -1;
    }
  }
  if (sock >= 0) {
    close(sock);
    --shared_.open_connections;
    return;
  }
  uint64_t one = 1;
  [[maybe_unused]] ssize_t n = write(wake_fd_, &one, sizeof(one));
}

void EventLoop::Complete(uint64_t id, std::string answer, std::vector<AnswerTail> tail,
                         bool keep_open) {
  bool wake;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    completions_.push_back(Completion{id, std::move(answer), std::move(tail), keep_open});
    wake = completions_.size() == 1;  // otherwise a wake-up is already on its way
  }
  if (wake) {
    uint64_t one = 1;
    [[maybe_unused]] ssize_t n = write(wake_fd_, &one, sizeof(one));
  }
}

void EventLoop::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
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
      } else if (c->sock >= 0) {
        Drive(*c);
      }
    }
    if (woken) {
      uint64_t count;
      [[maybe_unused]] ssize_t r = read(wake_fd_, &count, sizeof(count));
      AdoptPending();
      DeliverCompletions();
      if (stopping_ && !stop_begun_) BeginStopping();
    }
    if (now_ - last_sweep >= std::chrono::seconds(1)) {
      SweepDeadlines();
      last_sweep = now_;
    }
    closed_.clear();
    if (stop_begun_ && connections_.empty()) break;
  }
}

void EventLoop::AdoptPending() {
  std::vector<std::pair<int, sockaddr_storage>> adopted;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    adopted.swap(pending_);
  }
  for (const auto& [sock, peer] : adopted) {
    auto connection = std::make_unique<Connection>(shared_);
    Connection& c = *connection;
    c.id = next_id_++;
    c.sock = sock;
    c.transport = shared_.tls ? MakeTlsTransport(sock, shared_.tls) : MakePlainTransport(sock);
    c.addresses = AddressesOf(sock, peer);
    c.phase = shared_.tls ? Connection::Phase::kHandshake : Connection::Phase::kOpen;
    c.phase_since = c.idle_since = now_;
    epoll_event event{};
    // Edge-triggered: the loop reads and writes until the socket would block, and remembers
    // what it still wants; it never has to change what it watches.
    event.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
    event.data.ptr = &c;
    if (stopping_ || c.transport == nullptr ||
        epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, sock, &event) != 0) {
      close(sock);
      --shared_.open_connections;
      continue;
    }
    connections_[c.id] = std::move(connection);
    Drive(c);
  }
}

void EventLoop::DeliverCompletions() {
  std::vector<Completion> done;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done.swap(completions_);
  }
  for (Completion& completion : done) {
    auto found = connections_.find(completion.id);
    if (found == connections_.end()) continue;  // closed while the worker answered
    Connection& c = *found->second;
    if (c.out.empty() && c.tail.empty()) {
      c.out = std::move(completion.answer);
    } else {
      Output(c) += completion.answer;
    }
    for (AnswerTail& part : completion.tail) c.tail.push_back(std::move(part));
    c.phase =
        completion.keep_open && !stopping_ ? Connection::Phase::kOpen : Connection::Phase::kClosing;
    c.idle_since = now_;
    Drive(c);
  }
}

void EventLoop::BeginStopping() {
  stop_begun_ = true;
  std::vector<Connection*> all;
  for (auto& entry : connections_) all.push_back(entry.second.get());
  for (Connection* c : all) {
    if (c->phase == Connection::Phase::kWorking) continue;  // its answer is still sent
    if (Unsent(*c) > 0) {
      c->phase = Connection::Phase::kClosing;
      c->linger_on_close = false;
    } else {
      Close(*c);
    }
  }
}

void EventLoop::Drive(Connection& c) {
  using Phase = Connection::Phase;
  for (;;) {
    if (c.sock < 0) return;
    if (c.phase == Phase::kHandshake) {
      IoResult r = c.transport->Handshake();
      if (r == IoResult::kWouldBlock) return;
      if (r != IoResult::kDone) return Close(c);
      c.phase = Phase::kOpen;
      c.idle_since = now_;
      continue;
    }
    if (c.phase == Phase::kLingering) return Linger(c);
    if (!Flush(c)) return;
    bool unsent = Unsent(c) > 0;
    if (c.phase == Phase::kClosing) {
      if (unsent) return;
      if (c.linger_on_close && !c.peer_closed) {
        c.transport->EndSending();
        c.phase = Phase::kLingering;
        c.phase_since = now_;
        continue;
      }
      return Close(c);
    }
    if (c.phase == Phase::kWorking) return;
    if (stopping_) {
      c.phase = Phase::kClosing;  // no new requests
      continue;
    }
    if (Unsent(c) > kMaxUnsentBytes) return;  // until writable
    if (ServeBuffered(c)) continue;
    if (c.peer_closed) {  // what is left is not a whole request, and nothing more will come
      c.phase = Phase::kClosing;
      continue;
    }
    if (!Receive(c)) return;
  }
}

bool EventLoop::ServeBuffered(Connection& c) {
  bool progress = false;
  while (c.phase == Connection::Phase::kOpen && Unsent(c) <= kMaxUnsentBytes) {
    std::string_view input(c.in.data() + c.in_start, c.in.size() - c.in_start);
    RequestAssembler::Outcome outcome = c.assembler.Next(input);
    c.in_start += outcome.consumed;
    if (outcome.kind == RequestAssembler::Outcome::kNeedMore) break;
    progress = true;
    if (outcome.kind == RequestAssembler::Outcome::kContinue) {
      Output(c).append(kContinueAnswer);
      continue;
    }
    if (outcome.kind == RequestAssembler::Outcome::kRefused) {
      Refuse(c, outcome.refusal);
      break;
    }
    // A whole request.
    ++c.answered;
    bool last = c.answered >= shared_.limits.max_requests || c.assembler.closes_connection();
    if (c.assembler.route().work != Work::kQuick) {
      PassToWorker(c, last);
      break;
    }
    bool keep_open = AnswerQuick(c, last);
    c.idle_since = now_;
    c.request_pending = false;  // the next request's clock starts now, if its bytes are here
    UpdateRequestClock(c);
    if (!keep_open) {
      c.phase = Connection::Phase::kClosing;
      // Requests sent after this one would be lost in a reset: read and drop them first.
      c.linger_on_close = c.in_start < c.in.size();
    }
  }
  // Drop what was consumed; keep the start of the next request.
  if (c.in_start == c.in.size()) {
    c.in.clear();
    c.in_start = 0;
    if (c.in.capacity() > kKeptBufferBytes) std::string().swap(c.in);
  } else if (c.in_start > kKeptBufferBytes || c.in_start * 2 > c.in.size()) {
    c.in.erase(0, c.in_start);
    c.in_start = 0;
  }
  UpdateRequestClock(c);
  return progress;
}

bool EventLoop::AnswerQuick(Connection& c, bool last) {
  const std::string& method = c.assembler.method();
  std::optional<uint64_t> changes;
  if (!last && (method == "GET" || method == "HEAD") && shared_.change_count &&
      AnswerKeyOf(c.assembler.request(), answer_key_)) {
    changes = shared_.change_count();  // read before answering: a later commit moves it
  }
  std::vector<AnswerTail> tail;
  std::string& out = Output(c);
  if (!changes) {
    bool keep_open = shared_.app.Answer(c.assembler.request(), c.addresses, last, out, tail);
    for (AnswerTail& part : tail) c.tail.push_back(std::move(part));
    return keep_open;
  }
  answer_cache_.Begin(std::time(nullptr), *changes);
  if (const AnswerCache::Entry* hit = answer_cache_.Find(answer_key_)) {
    out += hit->answer;
    if (shared_.on_cached_answer) {
      shared_.on_cached_answer(method, c.assembler.path(), hit->route, hit->status,
                               hit->body_bytes);
    }
    return true;
  }
  size_t start = out.size();
  bool keep_open = shared_.app.Answer(c.assembler.request(), c.addresses, last, out, tail);
  if (keep_open && tail.empty())  // an answer sent from a file is not kept in memory
    answer_cache_.Store(answer_key_, std::string_view(out).substr(start), CurrentRoute());
  for (AnswerTail& part : tail) c.tail.push_back(std::move(part));
  return keep_open;
}

bool EventLoop::PassToWorker(Connection& c, bool last) {
  std::unique_ptr<WorkerPool::Job> job = std::make_unique<RequestJob>(
      shared_, *this, c.id, c.assembler.TakeRequest(), c.assembler.TakeReservation(), c.addresses,
      last, c.request_since + shared_.limits.request_timeout);
  WorkerPool& pool = c.assembler.route().work == Work::kStaff ? shared_.staff : shared_.compute;
  c.request_pending = false;
  if (!pool.TrySubmit(job)) {
    Refuse(c, {503, "the server is busy; try again in a moment", 1});
    return false;
  }
  c.phase = Connection::Phase::kWorking;
  return true;
}

void EventLoop::Refuse(Connection& c, const Refusal& refusal) {
  if (shared_.on_refusal) {
    shared_.on_refusal(c.assembler.method(), c.assembler.path(), refusal.status);
  }
  Output(c) += RefusalAnswer(refusal, shared_.tls != nullptr);
  c.phase = Connection::Phase::kClosing;
  c.linger_on_close = true;
}

void EventLoop::UpdateRequestClock(Connection& c) {
  bool pending = c.in_start < c.in.size() || c.assembler.Started();
  if (pending && !c.request_pending) {
    c.request_pending = true;
    c.request_since = now_;
  } else if (!pending) {
    c.request_pending = false;
  }
}

void EventLoop::Close(Connection& c) {
  int sock = c.sock;
  if (sock < 0) return;
  c.sock = -1;
  c.transport.reset();
  // Out of the epoll set first: close() alone leaves it only when no other descriptor shares
  // the socket, and a child forked meanwhile (before its exec closes it) holds one; the set
  // would then still report the socket, with a pointer to this Connection once it is freed.
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, sock, nullptr);
  close(sock);
  --shared_.open_connections;
  auto entry = connections_.find(c.id);
  if (entry != connections_.end()) {
    closed_.push_back(std::move(entry->second));
    connections_.erase(entry);
  }
}

void EventLoop::SweepDeadlines() {
  using Phase = Connection::Phase;
  const ConnectionLimits& limits = shared_.limits;
  std::vector<Connection*> expired, timed_out;
  for (auto& entry : connections_) {
    Connection& c = *entry.second;
    switch (c.phase) {
      case Phase::kWorking:
        break;
      case Phase::kHandshake:
        if (now_ - c.phase_since >= limits.handshake_timeout) expired.push_back(&c);
        break;
      case Phase::kLingering:
        if (now_ - c.phase_since >= limits.linger) expired.push_back(&c);
        break;
      case Phase::kOpen:
      case Phase::kClosing:
        if (c.output_blocked) {
          if (now_ - c.output_progress >= limits.write_timeout) expired.push_back(&c);
        } else if (c.request_pending) {
          if (now_ - c.request_since >= limits.request_timeout) timed_out.push_back(&c);
        } else if (now_ - c.idle_since >= limits.idle_timeout) {
          expired.push_back(&c);
        }
        break;
    }
  }
  for (Connection* c : expired) Close(*c);
  for (Connection* c : timed_out) {
    if (c->phase == Phase::kClosing) {
      Close(*c);
      continue;
    }
    Refuse(
        *c,
        {408,
         "the request did not arrive whole within " +
             std::to_string(
                 std::chrono::duration_cast<std::chrono::seconds>(limits.request_timeout).count()) +
             " s of its first byte"});
    Drive(*c);
  }
}

}  // namespace siegel::http
