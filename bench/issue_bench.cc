// Fills a new registry with N initiatives and N certificates through the real lifecycle code
// (one transaction per certificate, both signatures), and prints the issue rate.
// With EXPORT_DIR, also writes the first EXPORT_COUNT certificates as cN.json and cN.jwt, and
// did.json, jwks.json, revocation.json, suspension.json: what a partner would download.
// Usage: siegel-bench-issue DATA_DIR N BASE_URL [EXPORT_DIR EXPORT_COUNT]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "registry/registry.h"

int main(int argc, char** argv) {
  if (argc != 4 && argc != 6) {
    std::fprintf(stderr,
                 "usage: siegel-bench-issue DATA_DIR N BASE_URL [EXPORT_DIR EXPORT_COUNT]\n");
    return 2;
  }
  std::vector<std::string> ids;
  const int count = std::stoi(argv[2]);
  siegel::InitOptions options;
  options.four_eyes = false;  // one person signs, through Issue
  options.base_url = argv[3];
  options.allow_insecure_base_url = true;  // a fictional registry, never resolved
  options.issuer_name = "Benchmark registry (fictional)";
  auto registry = siegel::Registry::Create(argv[1], options);
  if (!registry.ok()) {
    std::fprintf(stderr, "siegel-bench-issue: %s\n", registry.message().c_str());
    return 1;
  }
  siegel::Actor actor{"bench"};
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) {
    siegel::Initiative initiative;
    initiative.slug = "bench-" + std::to_string(i);
    initiative.name = "Benchmark-Initiative Nr. " + std::to_string(i) + " (fiktiv)";
    initiative.region = i % 2 ? "Regierungsbezirk Stuttgart" : "Regierungsbezirk Freiburg";
    if (auto s = (*registry)->records().AddInitiative(initiative, actor); !s.ok()) {
      std::fprintf(stderr, "siegel-bench-issue: %s\n", s.message().c_str());
      return 1;
    }
  }
  auto initiatives_done = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) {
    siegel::IssueRequest request;
    request.initiative_slug = "bench-" + std::to_string(i);
    auto certificate = (*registry)->lifecycle().Issue(request, actor);
    if (!certificate.ok()) {
      std::fprintf(stderr, "siegel-bench-issue: %s\n", certificate.message().c_str());
      return 1;
    }
    ids.push_back(certificate->id);
  }
  auto done = std::chrono::steady_clock::now();
  double issue_seconds = std::chrono::duration<double>(done - initiatives_done).count();
  double add_seconds = std::chrono::duration<double>(initiatives_done - start).count();
  std::printf("initiatives_added=%d seconds=%.2f per_second=%.0f\n", count, add_seconds,
              count / add_seconds);
  std::printf("certificates_issued=%d seconds=%.2f per_second=%.0f\n", count, issue_seconds,
              count / issue_seconds);
  if (argc == 6) {
    std::filesystem::path out = argv[4];
    std::filesystem::create_directories(out);
    auto write = [&](const std::string& name, const std::string& text) {
      std::ofstream(out / name) << text;
    };
    int exported = std::min<int>(std::stoi(argv[5]), static_cast<int>(ids.size()));
    for (int i = 0; i < exported; ++i) {
      auto c = (*registry)->certificates().GetCertificate(ids[i]);
      write("c" + std::to_string(i) + ".json", c->credential_json);
      write("c" + std::to_string(i) + ".jwt", c->credential_jws);
    }
    write("did.json", (*registry)->keys().DidDocument()->dump());
    write("jwks.json", (*registry)->keys().Jwks()->dump());
    write("revocation.json", *(*registry)->status_lists().StatusListCredential(
                                 "ce-bw", siegel::StatusPurpose::kRevocation));
    write("suspension.json", *(*registry)->status_lists().StatusListCredential(
                                 "ce-bw", siegel::StatusPurpose::kSuspension));
    std::printf("exported=%d dir=%s\n", exported, argv[4]);
  }
  return 0;
}
