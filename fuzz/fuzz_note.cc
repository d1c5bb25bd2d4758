// Signed notes, checkpoints, verifier keys, log event records and Merkle proof verification,
// on any input: never crash; what parses round-trips.
#include <cstdlib>

#include "transparency/log_event.h"
#include "transparency/merkle.h"
#include "transparency/signed_note.h"

namespace {

const siegel::note::Verifier& LabelLogKey() {
  // The test-only key of signed-note-vectors.json, so vector seeds open.
  static const siegel::note::Verifier key =
      siegel::note::Verifier::Parse(
          "example.org/label-log+02b03437+AZJJl3oEKYtYlDnVmWts1ssrboDP4/jbu9qTIRU0N736")
          .value();
  return key;
}

std::vector<siegel::merkle::Hash> Chunks(const uint8_t* data, size_t size) {
  std::vector<siegel::merkle::Hash> hashes;
  for (size_t at = 0; at + 32 <= size && hashes.size() < 70; at += 32) {
    hashes.emplace_back(data + at, data + at + 32);
  }
  return hashes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto opened = siegel::note::Open(text, {LabelLogKey()});
  (void)siegel::note::OpenCheckpoint(text, LabelLogKey());
  auto checkpoint = siegel::note::Checkpoint::Parse(opened.ok() ? *opened : text);
  if (checkpoint.ok()) {
    auto again = siegel::note::Checkpoint::Parse(checkpoint->Text());
    if (!again.ok() || again->Text() != checkpoint->Text()) std::abort();
  }
  auto verifier = siegel::note::Verifier::Parse(text);
  if (verifier.ok() && verifier->Format() != text) std::abort();
  (void)siegel::OpenLogEvent(text, LabelLogKey());

  if (size >= 16) {
    uint64_t a = 0, b = 0;
    for (int i = 0; i < 8; ++i) {
      a = a << 8 | data[i];
      b = b << 8 | data[8 + i];
    }
    auto hashes = Chunks(data + 16, size - 16);
    if (hashes.size() >= 2) {
      siegel::merkle::Hash first = hashes[0], second = hashes[1];
      std::vector<siegel::merkle::Hash> proof(hashes.begin() + 2, hashes.end());
      (void)siegel::merkle::VerifyInclusion(a, b, first, proof, second);
      (void)siegel::merkle::VerifyConsistency(a, b, first, second, proof);
    }
  }
  return 0;
}
