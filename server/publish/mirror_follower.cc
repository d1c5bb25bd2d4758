#include "server/publish/mirror_follower.h"

#include <chrono>
#include <iostream>

namespace siegel::publish {
namespace {

constexpr auto kLookEvery = std::chrono::milliseconds(100);
constexpr auto kEverythingEvery = std::chrono::hours(24);

void Announce(const Result<PublicationReport>& report, SitePart part) {
  if (!report.ok()) {
    std::cerr << "siegel: cannot publish the mirror (tried again at the next change): "
              << report.message() << std::endl;
    return;
  }
  if (report->files.written == 0) return;
  std::cerr << "siegel: mirror: " << report->files.written << " file(s) written ("
            << report->files.bytes << " bytes) for ";
  if (part == SitePart::kRegistryWide) {
    std::cerr << "the registry-wide pages and exports" << std::endl;
  } else {
    std::cerr << report->certificates << " certificate(s), the log up to " << report->tree_size
              << std::endl;
  }
}

}  // namespace

MirrorFollower::MirrorFollower(std::unique_ptr<MirrorPublisher> records,
                               std::unique_ptr<MirrorPublisher> registry_wide)
    : records_(std::move(records)), registry_wide_(std::move(registry_wide)) {}

Result<std::unique_ptr<MirrorFollower>> MirrorFollower::Start(
    const std::filesystem::path& data_dir, const std::filesystem::path& out_dir) {
  auto records = MirrorPublisher::Open(data_dir, out_dir, /*with_pdf=*/true);
  if (!records.ok()) return records.error();
  auto registry_wide = MirrorPublisher::Open(data_dir, out_dir, /*with_pdf=*/true);
  if (!registry_wide.ok()) return registry_wide.error();
  // What changed since the mirror was last written (everything, for a new one): a registry of
  // 100,000 certificates takes minutes to render whole, which a restart need not wait for.
  for (auto [publisher, part] : {std::pair{records->get(), SitePart::kRecords},
                                 std::pair{registry_wide->get(), SitePart::kRegistryWide}}) {
    auto first = publisher->Publish(/*full=*/false, part);
    if (!first.ok()) return first.error();
    Announce(first, part);
  }
  std::unique_ptr<MirrorFollower> follower(
      new MirrorFollower(std::move(records).value(), std::move(registry_wide).value()));
  follower->records_thread_ = std::thread([f = follower.get()] { f->FollowRecords(); });
  follower->registry_wide_thread_ = std::thread([f = follower.get()] { f->FollowRegistryWide(); });
  return follower;
}

MirrorFollower::~MirrorFollower() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (records_thread_.joinable()) records_thread_.join();
  if (registry_wide_thread_.joinable()) registry_wide_thread_.join();
}

void MirrorFollower::FollowRecords() {
  std::optional<uint64_t> published_at = records_->ChangeCount();
  auto last_full = std::chrono::steady_clock::now();
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, kLookEvery, [this] { return stopping_; })) {
    const bool full = std::chrono::steady_clock::now() - last_full >= kEverythingEvery;
    std::optional<uint64_t> now = records_->ChangeCount();
    if (!full && now == published_at) continue;
    lock.unlock();
    auto report = records_->Publish(full, SitePart::kRecords);
    Announce(report, SitePart::kRecords);
    lock.lock();
    // A failed publication is tried again at the next look.
    if (report.ok()) published_at = now;
    if (full) last_full = std::chrono::steady_clock::now();
    // Changes that arrive while the registry-wide documents render are gathered into one
    // rendering after it.
    registry_wide_due_ = true;
    wake_.notify_all();
  }
}

void MirrorFollower::FollowRegistryWide() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || registry_wide_due_; });
    if (stopping_) return;
    registry_wide_due_ = false;
    lock.unlock();
    auto report = registry_wide_->Publish(/*full=*/false, SitePart::kRegistryWide);
    Announce(report, SitePart::kRegistryWide);
    lock.lock();  // a failure is tried again at the next change, as Announce says
  }
}

}  // namespace siegel::publish
