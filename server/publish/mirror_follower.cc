#include "server/publish/mirror_follower.h"

#include <chrono>
#include <iostream>

namespace siegel::publish {
namespace {

constexpr auto kLookEvery = std::chrono::milliseconds(100);
constexpr auto kEverythingEvery = std::chrono::hours(24);

void Announce(const Result<PublicationReport>& report) {
  if (!report.ok()) {
    std::cerr << "siegel: cannot publish the mirror (tried again at the next change): "
              << report.message() << std::endl;
    return;
  }
  if (report->files.written == 0) return;
  std::cerr << "siegel: mirror: " << report->files.written << " file(s) written ("
            << report->files.bytes << " bytes) for " << report->certificates
            << " certificate(s), the log up to " << report->tree_size << std::endl;
}

}  // namespace

MirrorFollower::MirrorFollower(std::unique_ptr<MirrorPublisher> publisher)
    : publisher_(std::move(publisher)) {}

Result<std::unique_ptr<MirrorFollower>> MirrorFollower::Start(
    const std::filesystem::path& data_dir, const std::filesystem::path& out_dir) {
  auto publisher = MirrorPublisher::Open(data_dir, out_dir, /*with_pdf=*/true);
  if (!publisher.ok()) return publisher.error();
  // What changed since the mirror was last written (everything, for a new one): a registry of
  // 100,000 certificates takes minutes to render whole, which a restart need not wait for.
  auto first = (*publisher)->Publish(/*full=*/false);
  if (!first.ok()) return first.error();
  Announce(first);
  std::unique_ptr<MirrorFollower> follower(new MirrorFollower(std::move(publisher).value()));
  follower->thread_ = std::thread([f = follower.get()] { f->Follow(); });
  return follower;
}

MirrorFollower::~MirrorFollower() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void MirrorFollower::Follow() {
  std::optional<uint64_t> published_at = publisher_->ChangeCount();
  auto last_full = std::chrono::steady_clock::now();
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, kLookEvery, [this] { return stopping_; })) {
    const bool full = std::chrono::steady_clock::now() - last_full >= kEverythingEvery;
    std::optional<uint64_t> now = publisher_->ChangeCount();
    if (!full && now == published_at) continue;
    lock.unlock();
    auto report = publisher_->Publish(full);
    Announce(report);
    lock.lock();
    // A failed publication is tried again at the next look.
    if (report.ok()) published_at = now;
    if (full) last_full = std::chrono::steady_clock::now();
  }
}

}  // namespace siegel::publish
