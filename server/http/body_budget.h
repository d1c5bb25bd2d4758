// One limit on the request bodies the server holds at once, across all connections: each
// route's own limit bounds one request, this bounds how many may be held together, so that
// many clients uploading large bodies at once cannot exhaust memory. Thread-safe.
#pragma once

#include <atomic>
#include <cstddef>
#include <utility>

namespace siegel::http {

class BodyBudget {
 public:
  explicit BodyBudget(size_t bytes) : available_(bytes) {}

  bool TryTake(size_t bytes) {
    size_t available = available_.load(std::memory_order_relaxed);
    do {
      if (available < bytes) return false;
    } while (!available_.compare_exchange_weak(available, available - bytes));
    return true;
  }
  void Give(size_t bytes) { available_.fetch_add(bytes); }
  size_t available() const { return available_.load(); }

 private:
  std::atomic<size_t> available_;
};

// Bytes of a BodyBudget held for one request; given back when it is destroyed.
class BodyReservation {
 public:
  BodyReservation() = default;
  explicit BodyReservation(BodyBudget* budget) : budget_(budget) {}
  BodyReservation(BodyReservation&& other) noexcept
      : budget_(other.budget_), bytes_(std::exchange(other.bytes_, 0)) {}
  BodyReservation& operator=(BodyReservation&& other) noexcept {
    if (this != &other) {
      Release();
      budget_ = other.budget_;
      bytes_ = std::exchange(other.bytes_, 0);
    }
    return *this;
  }
  BodyReservation(const BodyReservation&) = delete;
  BodyReservation& operator=(const BodyReservation&) = delete;
  ~BodyReservation() { Release(); }

  // Holds `total` bytes in all (more than before, or nothing changes); false if the budget
  // has not that much left.
  bool GrowTo(size_t total) {
    if (total <= bytes_) return true;
    if (budget_ == nullptr || !budget_->TryTake(total - bytes_)) return false;
    bytes_ = total;
    return true;
  }
  void Release() {
    if (budget_ != nullptr && bytes_ > 0) budget_->Give(bytes_);
    bytes_ = 0;
  }

 private:
  BodyBudget* budget_ = nullptr;
  size_t bytes_ = 0;
};

}  // namespace siegel::http
