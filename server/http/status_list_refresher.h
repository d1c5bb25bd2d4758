// Keeps the registry's status lists dated while it serves: now and then it signs again every
// list older than a set age, so that a list a partner saves for offline use speaks for the
// present (a list speaks only from its own date, and offline only for its ttl and a day).
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

namespace siegel::http {

class StatusListRefresher {
 public:
  // Every `every`, lists signed `older_than` ago or earlier are signed again.
  StatusListRefresher(std::filesystem::path data_dir, std::chrono::seconds every,
                      std::chrono::seconds older_than);
  ~StatusListRefresher();  // stops

  void Start();
  void Stop();

 private:
  void Run();

  std::filesystem::path data_dir_;
  std::chrono::seconds every_, older_than_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace siegel::http
