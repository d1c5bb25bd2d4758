// Slows down password guessing: after too many failed sign-ins for one account or from one
// address within a window, further attempts are refused (429 with Retry-After) until the
// oldest failure leaves the window. Kept in memory: a restart forgets, which only helps the
// legitimate user who locked themselves out.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace siegel::admin {

struct ThrottleLimits {
  int failures_per_account = 5;
  int failures_per_address = 20;
  int64_t window_seconds = 15 * 60;
};

class SignInThrottle {
 public:
  explicit SignInThrottle(ThrottleLimits limits = {}) : limits_(limits) {}

  // Seconds until another attempt is allowed; 0 if one is allowed now.
  int64_t RetryAfter(const std::string& username, const std::string& address, int64_t now);
  void RecordFailure(const std::string& username, const std::string& address, int64_t now);
  // A successful sign-in clears the account's failures (not the address's).
  void RecordSuccess(const std::string& username);

 private:
  using Failures = std::unordered_map<std::string, std::deque<int64_t>>;
  int64_t WaitFor(Failures& failures, const std::string& key, int limit, int64_t now);
  void Forget(int64_t now);

  ThrottleLimits limits_;
  std::mutex mutex_;
  Failures by_account_;
  Failures by_address_;
};

}  // namespace siegel::admin
