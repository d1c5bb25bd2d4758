// A token bucket per client address: `per_second` requests on average, bursts up to `burst`.
// Used for the expensive public POSTs (verification). Kept in memory; buckets of addresses
// that have been quiet long enough to be full again are forgotten.
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace siegel::http {

class RateLimiter {
 public:
  // per_second <= 0 turns the limit off.
  RateLimiter(double per_second, double burst) : per_second_(per_second), burst_(burst) {}

  // Takes `cost` tokens for `address` at time `now_seconds`; returns 0 if it may go ahead,
  // otherwise the whole seconds until it may (for Retry-After).
  int64_t Take(const std::string& address, double cost, double now_seconds);
  bool enabled() const { return per_second_ > 0; }

 private:
  struct Bucket {
    double tokens;
    double updated;
  };
  double per_second_;
  double burst_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace siegel::http
