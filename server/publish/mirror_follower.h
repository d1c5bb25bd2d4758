// `siegel serve --publish DIR`: threads that keep a static mirror current. It publishes what
// changed since the mirror was written when it starts (everything for a new mirror),
// everything once a day (what the clock changes is in no log entry), and what changed
// whenever the registry's generation moves, which every committed public change raises (the
// server's own and the CLI's alike); it looks ten times a second.
//
// The records a change touches (status lists, the certificate's and its initiative's
// documents, the log) are published by one thread, the registry-wide documents (home page,
// listings, exports, feed) by another after it: the exports of 100,000 certificates take
// seconds to render, and a revocation must not wait behind them to reach the mirror's files.
#pragma once

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include "server/publish/mirror_publisher.h"

namespace siegel::publish {

class MirrorFollower {
 public:
  // Brings the mirror up to date before it returns (so a server that starts serves a mirror
  // that is complete), then follows in threads of its own.
  static Result<std::unique_ptr<MirrorFollower>> Start(const std::filesystem::path& data_dir,
                                                       const std::filesystem::path& out_dir);
  ~MirrorFollower();  // stops the threads

 private:
  MirrorFollower(std::unique_ptr<MirrorPublisher> records,
                 std::unique_ptr<MirrorPublisher> registry_wide);
  void FollowRecords();
  void FollowRegistryWide();

  // Each with a registry and server of its own: the two threads share nothing but the flag.
  std::unique_ptr<MirrorPublisher> records_;
  std::unique_ptr<MirrorPublisher> registry_wide_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool registry_wide_due_ = false;
  std::thread records_thread_;
  std::thread registry_wide_thread_;
};

}  // namespace siegel::publish
