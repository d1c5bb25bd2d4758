#include "server/http/status_list_refresher.h"

#include <iostream>
#include <memory>

#include "registry/registry.h"

namespace siegel::http {

StatusListRefresher::StatusListRefresher(std::filesystem::path data_dir, std::chrono::seconds every,
                                         std::chrono::seconds older_than)
    : data_dir_(std::move(data_dir)), every_(every), older_than_(older_than) {}

StatusListRefresher::~StatusListRefresher() { Stop(); }

void StatusListRefresher::Start() {
  if (!thread_.joinable()) thread_ = std::thread([this] { Run(); });
}

void StatusListRefresher::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void StatusListRefresher::Run() {
  std::unique_ptr<Registry> registry;  // a connection of its own, opened on first use
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    lock.unlock();
    if (!registry) {
      auto opened = Registry::Open(data_dir_);
      if (opened.ok()) registry = std::move(opened).value();
    }
    if (registry) {
      auto refreshed = registry->RefreshStatusLists(older_than_.count());
      if (!refreshed.ok()) {
        std::cerr << "siegel: cannot sign the status lists again: " << refreshed.message()
                  << std::endl;
      }
    }
    lock.lock();
    if (wake_.wait_for(lock, every_, [this] { return stopping_; })) return;
  }
}

}  // namespace siegel::http
