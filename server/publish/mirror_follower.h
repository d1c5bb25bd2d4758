// `siegel serve --publish DIR`: a thread that keeps a static mirror current. It publishes
// what changed since the mirror was written when it starts (everything for a new mirror),
// everything once a day (what the clock changes is in no log entry), and
// what changed whenever the registry's generation moves, which every committed public change
// raises (the server's own and the CLI's alike); it looks ten times a second, so a revocation
// reaches the mirror's files well within a second.
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
  // that is complete), then follows in a thread of its own.
  static Result<std::unique_ptr<MirrorFollower>> Start(const std::filesystem::path& data_dir,
                                                       const std::filesystem::path& out_dir);
  ~MirrorFollower();  // stops the thread

 private:
  explicit MirrorFollower(std::unique_ptr<MirrorPublisher> publisher);
  void Follow();

  std::unique_ptr<MirrorPublisher> publisher_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace siegel::publish
