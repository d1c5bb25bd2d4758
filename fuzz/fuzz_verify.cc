// The whole verification checklist on arbitrary bytes (JSON credential or JWS): never crash,
// never "verified" (nothing here is signed by the trusted key).
#include <cstdlib>

#include "credential/verifier.h"

namespace {
const siegel::TrustedIssuer& Trust() {
  static const siegel::TrustedIssuer trust = [] {
    auto key = siegel::Ed25519PrivateKey::FromSeed(siegel::Bytes(32, 7));
    return siegel::TrustedIssuer::FromKeys(
        "did:web:127.0.0.1%3A8080",
        {{"did:web:127.0.0.1%3A8080#key-1", key->public_key(), std::nullopt}});
  }();
  return trust;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  siegel::StatusListSet lists;
  auto report = siegel::VerifyLabelCredential(
      text, Trust(), siegel::VerificationInputs{&lists, nullptr, true}, 1800000000);
  if (report.verified) std::abort();
  (void)report.ToJson(true).dump();
  return 0;
}
