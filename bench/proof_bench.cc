// Cost of the eddsa-rdfc-2022 proof beside eddsa-jcs-2022, on a label credential as the
// registry builds it: signing with one proof (the baseline, eddsa-jcs-2022) against the proof
// set, verifying one proof against both, and verifying the label as a partner does (parse,
// contexts, shape, profile, proofs, both status lists: VerifyLabelCredential) with one proof
// against both, in the same run, interleaved in rounds so that the machine's drift hits all
// alike; and the proof set once more as the registry's API verifies a label it met before (the
// memo of verified proof sets, credential/verified_proofs.h). Prints one "ratio" line per
// comparison.
// Usage: siegel-bench-proofs [SECONDS_PER_ROUND=1] [ROUNDS=3]
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>

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

}  // namespace

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::stod(argv[1]) : 1.0;
  int rounds = argc > 2 ? std::stoi(argv[2]) : 3;
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
  double sign_one = 0, sign_both = 0, verify_one = 0, verify_both = 0;
  double label_one = 0, label_both = 0, label_again = 0;
  // As the registry's API verifies: with the memo of proof sets verified before, warm.
  siegel::VerifiedProofs memo;
  const siegel::VerificationInputs remembering{&lists, nullptr, true, &memo};
  (void)siegel::VerifyLabelCredential(both_text, *trust, remembering, at);
  for (int round = 0; round < rounds; ++round) {
    sign_one += Rate([&] { (void)siegel::AddEddsaJcsProof(label, *key, options); }, seconds);
    sign_both += Rate([&] { (void)siegel::AddProofSet(label, *key, options); }, seconds);
    verify_one += Rate([&] { (void)siegel::VerifyProofs(one, public_key); }, seconds);
    verify_both += Rate([&] { (void)siegel::VerifyProofs(*both, public_key); }, seconds);
    label_one += Rate(
        [&] {
          (void)siegel::VerifyLabelCredential(one_text, *trust, {&lists, nullptr, true}, at);
        },
        seconds);
    label_both += Rate(
        [&] {
          (void)siegel::VerifyLabelCredential(both_text, *trust, {&lists, nullptr, true}, at);
        },
        seconds);
    label_again += Rate(
        [&] { (void)siegel::VerifyLabelCredential(both_text, *trust, remembering, at); }, seconds);
  }
  std::printf("sign   eddsa-jcs-2022 alone: %.0f/s, proof set: %.0f/s, ratio %.2f\n",
              sign_one / rounds, sign_both / rounds, sign_both / sign_one);
  std::printf("verify eddsa-jcs-2022 alone: %.0f/s, proof set: %.0f/s, ratio %.2f\n",
              verify_one / rounds, verify_both / rounds, verify_both / verify_one);
  std::printf("label  eddsa-jcs-2022 alone: %.0f/s, proof set: %.0f/s, ratio %.2f\n",
              label_one / rounds, label_both / rounds, label_both / label_one);
  std::printf(
      "label  eddsa-jcs-2022 alone: %.0f/s, proof set verified before: %.0f/s, ratio %.2f\n",
      label_one / rounds, label_again / rounds, label_again / label_one);
  return 0;
}
