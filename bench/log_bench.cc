// What the transparency log costs issuance: registries with and without the log issue the
// same number of certificates in rotating blocks (so all see the same machine noise), and the
// ratio of their rates is printed; a second registry without the log is the control. Each
// issuance is one transaction with two signatures; with the log it also appends a signed leaf
// and the subtree hashes it completes (checkpoints are signed when read, not here).
// Usage: siegel-bench-log WORK_DIR [CERTIFICATES_PER_REGISTRY]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "registry/registry.h"

namespace {

std::unique_ptr<siegel::Registry> MakeRegistry(const std::filesystem::path& dir, int count) {
  siegel::InitOptions options;
  options.four_eyes = false;  // one person signs, through Issue
  options.base_url = "https://labels.example.org";
  options.issuer_name = "Benchmark registry (fictional)";
  auto registry = siegel::Registry::Create(dir, options);
  if (!registry.ok()) {
    std::fprintf(stderr, "siegel-bench-log: %s\n", registry.message().c_str());
    std::exit(1);
  }
  for (int i = 0; i < count; ++i) {
    siegel::Initiative initiative;
    initiative.slug = "bench-" + std::to_string(i);
    initiative.name = "Benchmark-Initiative Nr. " + std::to_string(i) + " (fiktiv)";
    if (auto s = (*registry)->records().AddInitiative(initiative, {"bench"}); !s.ok()) {
      std::fprintf(stderr, "siegel-bench-log: %s\n", s.message().c_str());
      std::exit(1);
    }
  }
  return std::move(registry).value();
}

// Issues certificates [from, to) and returns the seconds it took.
double IssueBlock(siegel::Registry& registry, int from, int to) {
  auto start = std::chrono::steady_clock::now();
  for (int i = from; i < to; ++i) {
    siegel::IssueRequest request;
    request.initiative_slug = "bench-" + std::to_string(i);
    auto certificate = registry.lifecycle().Issue(request, {"bench"});
    if (!certificate.ok()) {
      std::fprintf(stderr, "siegel-bench-log: %s\n", certificate.message().c_str());
      std::exit(1);
    }
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::fprintf(stderr, "usage: siegel-bench-log WORK_DIR [CERTIFICATES_PER_REGISTRY]\n");
    return 2;
  }
  std::filesystem::path work = argv[1];
  const int count = argc == 3 ? std::stoi(argv[2]) : 4000;
  constexpr int kBlock = 250;
  auto with_log = MakeRegistry(work / "with-log", count);
  auto without_log = MakeRegistry(work / "without-log", count);
  without_log->store().DisableLog();
  // A second registry without the log shows how far two identical runs differ here.
  auto control = MakeRegistry(work / "control", count);
  control->store().DisableLog();
  double seconds_with = 0, seconds_without = 0, seconds_control = 0;
  for (int from = 0; from < count; from += kBlock) {
    int to = std::min(count, from + kBlock);
    // Rotate which goes first, so none always runs on a warmer cache.
    switch ((from / kBlock) % 3) {
      case 0:
        seconds_with += IssueBlock(*with_log, from, to);
        seconds_without += IssueBlock(*without_log, from, to);
        seconds_control += IssueBlock(*control, from, to);
        break;
      case 1:
        seconds_without += IssueBlock(*without_log, from, to);
        seconds_control += IssueBlock(*control, from, to);
        seconds_with += IssueBlock(*with_log, from, to);
        break;
      default:
        seconds_control += IssueBlock(*control, from, to);
        seconds_with += IssueBlock(*with_log, from, to);
        seconds_without += IssueBlock(*without_log, from, to);
    }
  }
  auto head = with_log->log().Checkpoint();
  std::printf("issued=%d per registry; with log %.0f/s, without log %.0f/s; log size %llu\n", count,
              count / seconds_with, count / seconds_without,
              head.ok() ? static_cast<unsigned long long>(head->size) : 0ULL);
  std::printf("log_append_microseconds_per_issuance=%.0f\n",
              (seconds_with - seconds_without) / count * 1e6);
  std::printf("ratio issue_with_log_vs_without=%.3f\n", seconds_without / seconds_with);
  std::printf("ratio control_vs_without_log=%.3f (the same code twice: only noise)\n",
              seconds_without / seconds_control);
  return 0;
}
