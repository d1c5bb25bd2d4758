// The registry's own records as a verifier's issuance source, for tests that verify what a
// registry issued with only what it publishes and records.
#pragma once

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

}  // namespace siegel::testing
