#include "credential/verified_proofs.h"

namespace siegel {

bool VerifiedProofs::Contains(const std::string& key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return keys_.count(key) > 0;
}

void VerifiedProofs::Add(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (capacity_ == 0 || !keys_.insert(key).second) return;
  order_.push_back(key);
  if (order_.size() > capacity_) {
    keys_.erase(order_.front());
    order_.pop_front();
  }
}

size_t VerifiedProofs::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return keys_.size();
}

}  // namespace siegel
