#include "server/http/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace siegel::http {
namespace {
constexpr size_t kMaxAddresses = 100000;
}  // namespace

int64_t RateLimiter::Take(const std::string& address, double cost, double now) {
  if (per_second_ <= 0) return 0;
  std::lock_guard<std::mutex> lock(mutex_);
  if (buckets_.size() > kMaxAddresses) {
    // Forget the buckets that would be full by now: they carry no information.
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      bool full = it->second.tokens + (now - it->second.updated) * per_second_ >= burst_;
      it = full ? buckets_.erase(it) : std::next(it);
    }
  }
  auto [it, added] = buckets_.try_emplace(address, Bucket{burst_, now});
  Bucket& bucket = it->second;
  bucket.tokens = std::min(burst_, bucket.tokens + (now - bucket.updated) * per_second_);
  bucket.updated = now;
  if (bucket.tokens >= cost) {
    bucket.tokens -= cost;
    return 0;
  }
  return std::max<int64_t>(1,
                           static_cast<int64_t>(std::ceil((cost - bucket.tokens) / per_second_)));
}

}  // namespace siegel::http
