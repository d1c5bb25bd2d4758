// The registry's change counter: eight bytes in a file beside the database
// (registry.changes), mapped into every process that opens the registry, which each bumps
// right after it commits a change the public sees (one that bumps the database's
// generation). A server reads it per request from memory, without a system call, and asks
// SQLite for the generation only when it moved; asking SQLite every time (a read
// transaction: file locks, a stat, a mutex all readers share) was a quarter of the server's
// time for a cached status answer.
//
// A bump can only come late, never early: between a commit and its bump a reader still
// serves the state before it, exactly as for a request that came a moment sooner. A writer
// that dies between the two, or one that cannot map the file, leaves the counter still:
// readers therefore also ask SQLite at least once a second (publication_cache.cc).
//
// The file is not ours alone: an operator may truncate or delete it while servers run.
// Reading a mapping whose file was truncated raises SIGBUS; a handler this class installs
// puts a zero page in its place and marks the counter stale, so the read returns and the
// next one maps the file again (creating it). A deleted or renamed file would leave this
// process reading a counter nobody bumps any more: a thread watches the directory
// (inotify) and marks the counter stale as soon as the file is replaced. Readers compare
// values for equality, and a file made anew starts from a random count, so a replaced
// counter reads as a change, never as the count a reader saw before.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "base/result.h"

namespace siegel {

inline constexpr const char* kChangeSignalFile = "registry.changes";

class ChangeSignal {
 public:
  // The counter of the registry in `dir`, created (at a random count) if missing. Every Open of the
  // same directory in one process shares one mapping and one watcher.
  static Result<std::shared_ptr<ChangeSignal>> Open(const std::filesystem::path& dir);
  ~ChangeSignal();
  ChangeSignal(const ChangeSignal&) = delete;
  ChangeSignal& operator=(const ChangeSignal&) = delete;

  uint64_t Read();
  void Bump();

  // Called by the SIGBUS handler and the watcher: the mapping no longer shows the file.
  void MarkStale() { stale_.store(true, std::memory_order_release); }

 private:
  explicit ChangeSignal(std::filesystem::path dir) : dir_(std::move(dir)) {}
  Status Map();  // maps the file at dir_ (creating or regrowing it); under remap_
  void MapAgainIfStale();
  void Watch();

  std::filesystem::path dir_;
  std::atomic<uint64_t*> counter_{nullptr};  // in a shared mapping of the file
  std::atomic<bool> stale_{false};
  std::mutex remap_;
  // Mappings replaced by a newer one: a reader may still hold their address, so they are
  // unmapped only when the signal ends (one page per truncation or deletion).
  std::vector<void*> retired_;
  int inotify_fd_ = -1;
  int stop_fd_ = -1;  // an eventfd that ends the watcher
  std::thread watcher_;
};

}  // namespace siegel
