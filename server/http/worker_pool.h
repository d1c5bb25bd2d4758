// A fixed set of threads that answer requests the event loops pass on, behind a bounded
// queue: when the queue is full the loop answers 503 at once instead of letting requests pile
// up. Workers never touch a socket: a job holds a whole request and hands its answer back.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace siegel::http {

class WorkerPool {
 public:
  class Job {
   public:
    virtual ~Job() = default;
    virtual void Run() = 0;
  };

  // `capacity`: jobs that may wait for a thread.
  WorkerPool(size_t threads, size_t capacity);
  // Runs the jobs still queued, then joins.
  ~WorkerPool();

  // Queues `job`; false (and `job` left with the caller) when `capacity` jobs already wait.
  bool TrySubmit(std::unique_ptr<Job>& job);
  // Runs the jobs still queued, then joins the threads. Jobs submitted later are refused.
  void Shutdown();

 private:
  void Work();

  size_t capacity_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::unique_ptr<Job>> queue_;
  bool shutting_down_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace siegel::http
