#include "server/admin/sign_in_throttle.h"

#include <algorithm>
#include <iterator>

namespace siegel::admin {
namespace {
constexpr size_t kMaxTrackedKeys = 100000;
}  // namespace

int64_t SignInThrottle::WaitFor(Failures& failures, const std::string& key, int limit,
                                int64_t now) {
  auto it = failures.find(key);
  if (it == failures.end()) return 0;
  std::deque<int64_t>& times = it->second;
  while (!times.empty() && times.front() <= now - limits_.window_seconds) times.pop_front();
  if (static_cast<int>(times.size()) < limit) return 0;
  // Allowed again when the failure that completed the limit leaves the window.
  return times[times.size() - limit] + limits_.window_seconds - now;
}

int64_t SignInThrottle::Begin(const std::string& username, const std::string& address,
                              int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  int64_t account = WaitFor(by_account_, username, limits_.failures_per_account, now);
  int64_t from_address = WaitFor(by_address_, address, limits_.failures_per_address, now);
  int64_t wait = std::max(account, from_address);
  if (wait > 0) return wait;
  if (by_account_.size() + by_address_.size() > kMaxTrackedKeys) Forget(now);
  by_account_[username].push_back(now);  // a failure until it proves otherwise
  by_address_[address].push_back(now);
  return 0;
}

void SignInThrottle::Succeeded(const std::string& username, const std::string& address,
                               int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  by_account_.erase(username);
  auto it = by_address_.find(address);
  if (it == by_address_.end()) return;
  std::deque<int64_t>& times = it->second;
  for (auto t = times.rbegin(); t != times.rend(); ++t) {
    if (*t == now) {
      times.erase(std::next(t).base());
      break;
    }
  }
}

void SignInThrottle::Forget(int64_t now) {
  for (Failures* failures : {&by_account_, &by_address_}) {
    for (auto it = failures->begin(); it != failures->end();) {
      if (it->second.empty() || it->second.back() <= now - limits_.window_seconds) {
        it = failures->erase(it);
      } else {
        ++it;
      }
    }
  }
}

}  // namespace siegel::admin
