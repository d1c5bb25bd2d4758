// Type-specific checks of label certificates and status list credentials (VCDM 2.0 §6.3):
// exact context lists, required fields, no VC 1.1 leftovers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/json_strict.h"

namespace siegel {

// The document's @context is exactly one of the `accepted` lists, and no @context appears
// anywhere else except in the proof (where eddsa-jcs-2022 copies it).
Status CheckPinnedContexts(const Json& document,
                           const std::vector<std::vector<std::string>>& accepted);

// A label certificate: VerifiableCredential + OpenBadgeCredential, id, issuer, validFrom,
// optional validUntil after it, credentialSubject with an achievement.
Status CheckLabelCredentialShape(const Json& credential);

// issuer.id, or issuer when it is a plain URL string; empty when neither.
std::string IssuerId(const Json& credential);

struct StatusEntry {
  std::string purpose;
  uint64_t index = 0;
  std::string list_url;
};

// The BitstringStatusListEntry objects of credentialStatus (one object or an array).
Result<std::vector<StatusEntry>> ReadStatusEntries(const Json& credential);

}  // namespace siegel
