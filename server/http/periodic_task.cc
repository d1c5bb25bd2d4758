#include "server/http/periodic_task.h"

#include <iostream>

namespace siegel::http {

PeriodicTask::PeriodicTask(std::string what, std::filesystem::path data_dir,
                           std::chrono::seconds every, std::function<Status(Registry&)> job)
    : what_(std::move(what)), data_dir_(std::move(data_dir)), every_(every), job_(std::move(job)) {}

PeriodicTask::~PeriodicTask() { Stop(); }

void PeriodicTask::Start() {
  if (!thread_.joinable()) thread_ = std::thread([this] { Run(); });
}

void PeriodicTask::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void PeriodicTask::Run() {
  std::unique_ptr<Registry> registry;  // a connection of its own, opened on first use
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    lock.unlock();
    if (!registry) {
      auto opened = Registry::Open(data_dir_);
      if (opened.ok()) registry = std::move(opened).value();
    }
    if (registry) {
      if (Status done = job_(*registry); !done.ok()) {
        std::cerr << "siegel: " << what_ << ": " << done.message() << std::endl;
      }
    }
    lock.lock();
    if (wake_.wait_for(lock, every_, [this] { return stopping_; })) return;
  }
}

}  // namespace siegel::http
