// Prometheus metrics: requests by route and status, a latency histogram per route.
// Recording takes one short lock; sharing it among readers (std::shared_mutex) was measured
// with wrk on the status route and made no difference (bench/RESULTS.md).
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>

namespace siegel::http {

class Metrics {
 public:
  static constexpr std::array<double, 11> kBucketsSeconds = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0};

  void Record(const std::string& route, int status, double seconds);
  // An answer an event loop sent from its answer cache (also Record()ed).
  void RecordCachedAnswer() { cached_answers_.fetch_add(1, std::memory_order_relaxed); }

  // The text exposition format; `certificates_by_status` is read by the caller at scrape time.
  std::string Render(const std::map<std::string, int64_t>& certificates_by_status) const;

 private:
  struct RouteStats {
    std::map<int, std::atomic<uint64_t>> by_status;  // guarded by mutex_ for insertion
    std::array<std::atomic<uint64_t>, kBucketsSeconds.size() + 1> buckets{};
    std::atomic<uint64_t> count{0};
    std::atomic<uint64_t> sum_micros{0};
  };
  mutable std::mutex mutex_;
  std::map<std::string, RouteStats> routes_;
  std::atomic<uint64_t> cached_answers_{0};
};

}  // namespace siegel::http
