// Cost of the eddsa-rdfc-2022 proof beside eddsa-jcs-2022, on a label credential as the
// registry builds it: signing with one proof (the baseline, eddsa-jcs-2022) against the proof
// set, verifying one proof against both, and verifying the label as a partner does (parse,
// contexts, shape, profile, proofs, both status lists: VerifyLabelCredential) with one proof
// against both, in the same run, the two sides of each comparison back to back in every
// round; and the proof set once more as the registry's API verifies a label it met before (the
// memo of verified proof sets, credential/verified_proofs.h). Prints one "ratio" line per
// comparison.
// Usage: siegel-bench-proofs [SECONDS_PER_SIDE=0.2] [ROUNDS=15]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "bench/label_credential.h"
#include "credential/data_integrity.h"
#include "credential/did_document.h"
#include "credential/proof_set.h"
#include "credential/status_list.h"
#include "credential/verifier.h"

namespace {

using Clock = std::chrono::steady_clock;

// Operations per second of `op` over `seconds`.
double Rate(const std::function<void()>& op, double seconds) {
  auto start = Clock::now();
  long count = 0;
  while (std::chrono::duration<double>(Clock::now() - start).count() < seconds) {
    op();
    ++count;
  }
  return count / std::chrono::duration<double>(Clock::now() - start).count();
}

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::stod(argv[1]) : 0.2;
  int rounds = argc > 2 ? std::stoi(argv[2]) : 15;
  auto key = siegel::Ed25519PrivateKey::Generate();
  if (!key.ok()) return 1;
  siegel::Json label = siegel::bench::BenchLabel();
  siegel::ProofOptions options{"did:web:labels.example.org#key-1", "2026-03-01T10:00:00Z"};
  siegel::Json one = *siegel::AddEddsaJcsProof(label, *key, options);
  auto both = siegel::AddProofSet(label, *key, options);
  if (!both.ok()) {
    std::fprintf(stderr, "siegel-bench-proofs: %s\n", both.message().c_str());
    return 1;
  }
  siegel::Ed25519PublicKey public_key = key->public_key();
  if (!siegel::VerifyProofs(one, public_key).ok() ||
      !siegel::VerifyProofs(*both, public_key).ok()) {
    std::fprintf(stderr, "siegel-bench-proofs: a proof does not verify\n");
    return 1;
  }
  // What a partner holds: the issuer's DID document and both status lists (signed with one
  // proof each, alike for both measurements).
  auto trust = siegel::TrustedIssuer::FromDocument(
      siegel::BuildDidDocument("did:web:labels.example.org", {{"key-1", public_key, {}}}));
  if (!trust.ok()) return 1;
  siegel::StatusListSet lists;
  for (const char* purpose : {"revocation", "suspension"}) {
    siegel::RegistrySettings s;
    s.base_url = "https://labels.example.org";
    s.did = "did:web:labels.example.org";
    auto encoded = siegel::EncodeStatusList(siegel::Bitstring(131072));
    siegel::Json list =
        siegel::BuildStatusListCredential(s, "ce-bw", purpose, *encoded, "2026-06-01T00:00:00Z");
    auto status = lists.Add(siegel::AddEddsaJcsProof(list, *key, options)->dump(), *trust);
    if (!status.ok()) {
      std::fprintf(stderr, "siegel-bench-proofs: %s\n", status.message().c_str());
      return 1;
    }
  }
  const siegel::UnixSeconds at = *siegel::ParseDateTimeStamp("2026-06-02T00:00:00Z");
  const std::string one_text = one.dump(2), both_text = both->dump(2);
  for (const std::string* text : {&one_text, &both_text}) {
    auto report = siegel::VerifyLabelCredential(*text, *trust, {&lists, nullptr, true}, at);
    if (!report.valid()) {
      std::fprintf(stderr, "siegel-bench-proofs: the label does not verify: %s\n",
                   report.reason.c_str());
      return 1;
    }
  }
  // As the registry's API verifies: with the memo of proof sets verified before, warm.
  siegel::VerifiedProofs memo;
  const siegel::VerificationInputs remembering{&lists, nullptr, true, &memo};
  (void)siegel::VerifyLabelCredential(both_text, *trust, remembering, at);
  // Each comparison's two sides run back to back in every round; the ratio reported is the
  // median of the rounds' ratios, so that a neighbour's load on this shared machine, which
  // comes and goes over seconds, falls on both sides of most rounds alike.
  struct Comparison {
    const char* what;
    const char* baseline;
    const char* other;
    std::function<void()> one, two;
  };
  struct Rounds {
    std::vector<double> one_rates, two_rates, ratios;
  };
  Comparison comparisons[] = {
      {"sign  ", "eddsa-jcs-2022 alone", "proof set",
       [&] { (void)siegel::AddEddsaJcsProof(label, *key, options); },
       [&] { (void)siegel::AddProofSet(label, *key, options); }},
      {"verify", "eddsa-jcs-2022 alone", "proof set",
       [&] { (void)siegel::VerifyProofs(one, public_key); },
       [&] { (void)siegel::VerifyProofs(*both, public_key); }},
      {"label ", "eddsa-jcs-2022 alone", "proof set",
       [&] {
         (void)siegel::VerifyLabelCredential(one_text, *trust, {&lists, nullptr, true}, at);
       },
       [&] {
         (void)siegel::VerifyLabelCredential(both_text, *trust, {&lists, nullptr, true}, at);
       }},
      {"label ", "eddsa-jcs-2022 alone", "proof set verified before",
       [&] {
         (void)siegel::VerifyLabelCredential(one_text, *trust, {&lists, nullptr, true}, at);
       },
       [&] { (void)siegel::VerifyLabelCredential(both_text, *trust, remembering, at); }},
  };
  constexpr size_t kComparisons = sizeof comparisons / sizeof comparisons[0];
  Rounds measured[kComparisons];
  for (int round = 0; round < rounds; ++round) {
    for (size_t i = 0; i < kComparisons; ++i) {
      double one_rate = Rate(comparisons[i].one, seconds);
      double two_rate = Rate(comparisons[i].two, seconds);
      measured[i].one_rates.push_back(one_rate);
      measured[i].two_rates.push_back(two_rate);
      measured[i].ratios.push_back(two_rate / one_rate);
    }
  }
  for (size_t i = 0; i < kComparisons; ++i) {
    const Comparison& c = comparisons[i];
    const Rounds& r = measured[i];
    std::printf("%s %s: %.0f/s, %s: %.0f/s, ratio %.2f (rounds from %.2f to %.2f)\n", c.what,
                c.baseline, Median(r.one_rates), c.other, Median(r.two_rates), Median(r.ratios),
                *std::min_element(r.ratios.begin(), r.ratios.end()),
                *std::max_element(r.ratios.begin(), r.ratios.end()));
  }
  return 0;
}
