// The registry's own records as a verifier's issuance source, for tests that verify what a
// registry issued with only what it publishes and records.
#pragma once

#include <gtest/gtest.h>

#include "registry/open_badge.h"
#include "registry/registry.h"

namespace siegel::testing {

class IssuanceFromRegistry : public IssuanceSource {
 public:
  explicit IssuanceFromRegistry(const PublicRegistry& registry) : registry_(registry) {}
  Result<IssuanceRecord> Find(const std::string& credential_id) const override {
    std::string id = CertificateIdOfUrl(registry_.settings(), credential_id);
    if (id.empty()) return Error::NotFound(credential_id + " is not this registry's");
    return registry_.log().IssuanceRecordOf(id);
  }

 private:
  const PublicRegistry& registry_;
};

// Verifies `text` at `at` with only what the registry publishes: its DID document, its status
// lists of programme ce-bw, and its record of what it issued.
inline VerificationReport VerifyAsPublished(Registry& registry, const std::string& text,
                                            UnixSeconds at) {
  auto trust = TrustedIssuer::FromDocument(*registry.keys().DidDocument());
  EXPECT_TRUE(trust.ok()) << trust.message();
  StatusListSet lists;
  for (StatusPurpose purpose : kStatusPurposes) {
    Status s = lists.Add(*registry.status_lists().StatusListCredential("ce-bw", purpose), *trust);
    EXPECT_TRUE(s.ok()) << s.message();
  }
  IssuanceFromRegistry records(registry.public_view());
  return VerifyLabelCredential(text, *trust, VerificationInputs{&lists, &records, true}, at);
}

}  // namespace siegel::testing
