// Slows down password guessing: after too many failed sign-ins for one account or from one
// address within a window, further attempts are refused (429 with Retry-After) until the
// oldest failure leaves the window. An attempt takes its place before its password is
// checked, so attempts sent at once cannot all slip past the limit while the first ones are
// still being checked. Kept in memory: a restart forgets, which only helps the legitimate user
// who locked themselves out.
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

  // Before a password is checked: 0 if the attempt may go ahead, and it then counts as a
  // failure (made at `now`) until Succeeded says otherwise; else the seconds to wait.
  int64_t Begin(const std::string& username, const std::string& address, int64_t now);
  // The attempt begun at `now` succeeded: the account's failures are cleared, and it no longer
  // counts against the address.
  void Succeeded(const std::string& username, const std::string& address, int64_t now);

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
