#include "registry/change_signal.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <string>

namespace siegel {
namespace {

// The pages the SIGBUS handler may replace, with the signal each belongs to. A fixed table of
// atomics: the handler may neither lock nor allocate.
struct MappedPage {
  std::atomic<uintptr_t> page{0};
  std::atomic<ChangeSignal*> owner{nullptr};
};
constexpr int kPages = 64;
MappedPage g_pages[kPages];
struct sigaction g_previous_sigbus {};
long g_page_size = 4096;

void OnSigbus(int sig, siginfo_t* info, void* context) {
  auto address = reinterpret_cast<uintptr_t>(info->si_addr);
  for (MappedPage& mapped : g_pages) {
    uintptr_t page = mapped.page.load(std::memory_order_acquire);
    if (page == 0 || address < page || address >= page + static_cast<uintptr_t>(g_page_size)) {
      continue;
    }
    // The file under this page was truncated: a zero page takes its place, the faulting read
    // runs again and sees zero, and the owner maps the file anew on its next read.
    void* zero = mmap(reinterpret_cast<void*>(page), g_page_size, PROT_READ | PROT_WRITE,
                      MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (zero == MAP_FAILED) break;
    ChangeSignal* owner = mapped.owner.load(std::memory_order_acquire);
    if (owner != nullptr) owner->MarkStale();
    return;
  }
  // Not ours: whoever handled SIGBUS before us (a sanitizer, say), or the default, which
  // ends the process when the fault repeats.
  if ((g_previous_sigbus.sa_flags & SA_SIGINFO) && g_previous_sigbus.sa_sigaction != nullptr) {
    g_previous_sigbus.sa_sigaction(sig, info, context);
    return;
  }
  if (g_previous_sigbus.sa_handler != SIG_DFL && g_previous_sigbus.sa_handler != SIG_IGN) {
    g_previous_sigbus.sa_handler(sig);
    return;
  }
  signal(SIGBUS, SIG_DFL);
}

void InstallSigbusHandler() {
  static std::once_flag once;
  std::call_once(once, [] {
    g_page_size = sysconf(_SC_PAGESIZE);
    struct sigaction action {};
    action.sa_sigaction = OnSigbus;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    sigaction(SIGBUS, &action, &g_previous_sigbus);
  });
}

void RegisterPage(void* page, ChangeSignal* owner) {
  for (MappedPage& mapped : g_pages) {
    uintptr_t free = 0;
    if (mapped.page.compare_exchange_strong(free, reinterpret_cast<uintptr_t>(page))) {
      mapped.owner.store(owner, std::memory_order_release);
      return;
    }
  }
  // More than kPages live signals: this one is unprotected against truncation, as before.
}

void UnregisterPage(void* page) {
  for (MappedPage& mapped : g_pages) {
    if (mapped.page.load(std::memory_order_acquire) != reinterpret_cast<uintptr_t>(page)) continue;
    mapped.owner.store(nullptr, std::memory_order_release);
    mapped.page.store(0, std::memory_order_release);
    return;
  }
}

}  // namespace

Result<std::shared_ptr<ChangeSignal>> ChangeSignal::Open(const std::filesystem::path& dir) {
  static std::mutex open_mutex;
  static std::map<std::string, std::weak_ptr<ChangeSignal>> open_signals;
  std::error_code ignored;
  std::string key = std::filesystem::weakly_canonical(dir, ignored).string();
  if (key.empty()) key = dir.string();

  std::lock_guard<std::mutex> lock(open_mutex);
  if (auto shared = open_signals[key].lock()) return shared;
  InstallSigbusHandler();
  std::shared_ptr<ChangeSignal> signal(new ChangeSignal(dir));
  {
    std::lock_guard<std::mutex> remap(signal->remap_);
    if (Status s = signal->Map(); !s.ok()) return s.error();
  }
  signal->inotify_fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  signal->stop_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (signal->inotify_fd_ >= 0 && signal->stop_fd_ >= 0 &&
      inotify_add_watch(signal->inotify_fd_, dir.c_str(),
                        IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO) >= 0) {
    signal->watcher_ = std::thread([raw = signal.get()] { raw->Watch(); });
  }
  // Without a watcher (inotify exhausted) a replaced file is noticed by the once-a-second
  // generation check, as for a writer that died before its bump.
  open_signals[key] = signal;
  return signal;
}

ChangeSignal::~ChangeSignal() {
  if (watcher_.joinable()) {
    uint64_t one = 1;
    if (write(stop_fd_, &one, sizeof(one)) != sizeof(one)) {
      // The eventfd cannot be full after one write; nothing else to do.
    }
    watcher_.join();
  }
  if (inotify_fd_ >= 0) close(inotify_fd_);
  if (stop_fd_ >= 0) close(stop_fd_);
  uint64_t* counter = counter_.load();
  if (counter != nullptr) {
    UnregisterPage(counter);
    munmap(counter, sizeof(uint64_t));
  }
  for (void* page : retired_) munmap(page, sizeof(uint64_t));
}

Status ChangeSignal::Map() {
  std::filesystem::path file = dir_ / kChangeSignalFile;
  int fd = open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Error::Io("cannot open " + file.string() + ": " + std::strerror(errno));
  }
  struct stat info {};
  if (fstat(fd, &info) != 0) {
    int error = errno;
    close(fd);
    return Error::Io("cannot read " + file.string() + ": " + std::strerror(error));
  }
  // A new (or truncated) file starts from a random count, never from zero: a reader that saw
  // count N of the old file must not take the new file's N for "nothing changed". Two
  // processes doing this at once both write a value nobody has seen, which is a change too;
  // a file that already has its counter keeps it.
  if (info.st_size < static_cast<off_t>(sizeof(uint64_t))) {
    uint64_t start = 0;
    if (getrandom(&start, sizeof(start), 0) != sizeof(start)) {
      start = static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    }
    if (ftruncate(fd, sizeof(uint64_t)) != 0 ||
        pwrite(fd, &start, sizeof(start), 0) != sizeof(start)) {
      int error = errno;
      close(fd);
      return Error::Io("cannot size " + file.string() + ": " + std::strerror(error));
    }
  }
  void* mapping = mmap(nullptr, sizeof(uint64_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  int error = errno;
  close(fd);  // the mapping stays
  if (mapping == MAP_FAILED) {
    return Error::Io("cannot map " + file.string() + ": " + std::strerror(error));
  }
  RegisterPage(mapping, this);
  uint64_t* old = counter_.exchange(static_cast<uint64_t*>(mapping), std::memory_order_acq_rel);
  if (old != nullptr) {
    UnregisterPage(old);
    retired_.push_back(old);
  }
  return Status::Ok();
}

void ChangeSignal::MapAgainIfStale() {
  if (!stale_.load(std::memory_order_acquire)) return;
  std::lock_guard<std::mutex> lock(remap_);
  if (!stale_.exchange(false, std::memory_order_acq_rel)) return;
  // On failure (the directory went read-only, say) the zero page stays: readers fall back to
  // the once-a-second generation check, and the watcher marks the counter stale again when a
  // file appears.
  (void)Map();
}

// Lock-free 64-bit atomics on x86-64 and arm64 work between processes sharing the page.
uint64_t ChangeSignal::Read() {
  MapAgainIfStale();
  return __atomic_load_n(counter_.load(std::memory_order_acquire), __ATOMIC_ACQUIRE);
}

void ChangeSignal::Bump() {
  MapAgainIfStale();
  __atomic_fetch_add(counter_.load(std::memory_order_acquire), 1, __ATOMIC_SEQ_CST);
  // Truncated under the bump: it went to the zero page; bump the file mapped anew.
  if (stale_.load(std::memory_order_acquire)) {
    MapAgainIfStale();
    __atomic_fetch_add(counter_.load(std::memory_order_acquire), 1, __ATOMIC_SEQ_CST);
  }
}

void ChangeSignal::Watch() {
  alignas(inotify_event) char buffer[4096];
  pollfd fds[2] = {{inotify_fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
  while (true) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents != 0) return;
    ssize_t length = read(inotify_fd_, buffer, sizeof(buffer));
    for (ssize_t offset = 0; offset < length;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + offset);
      if (event->len > 0 && std::strcmp(event->name, kChangeSignalFile) == 0) MarkStale();
      if (event->mask & IN_Q_OVERFLOW) MarkStale();
      offset += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
    }
  }
}

}  // namespace siegel
