// The server's housekeeping, each job on a thread of its own with a registry connection of its
// own: run at once, then every so often, until stopped. Two jobs use it (server/siegel_server.cc):
//   - the status lists are signed again when older than a set age, so that a list a partner
//     saves for offline use speaks for the present (a list speaks only from its own date, and
//     offline only for its ttl and a day);
//   - the database is read for damage (RegistryStore::CheckIntegrity), so that a damaged page no
//     write touches stops the writes and shows in /healthz within the hour, not at the next
//     backup.
#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "registry/registry.h"

namespace siegel::http {

class PeriodicTask {
 public:
  // `job` runs on the registry in `data_dir` (opened on first use) now and then every
  // `every`; what it returns wrong is written to standard error after `what`.
  PeriodicTask(std::string what, std::filesystem::path data_dir, std::chrono::seconds every,
               std::function<Status(Registry&)> job);
  ~PeriodicTask();  // stops

  void Start();
  void Stop();

 private:
  void Run();

  std::string what_;
  std::filesystem::path data_dir_;
  std::chrono::seconds every_;
  std::function<Status(Registry&)> job_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace siegel::http
