// The Open Badges 3.0 form of each issued credential (credential/open_badge_form.h), for
// wallets and tools that check the 1EdTech schema. It is derived from the stored credential
// and signed on request by the registry's active key: nothing new is claimed, so nothing
// new is stored or logged, and the same key gives the same bytes every time (Ed25519 is
// deterministic and the proofs are dated by the issuance).
#pragma once

#include <string>

#include "base/result.h"

namespace siegel {

class RegistryStore;
class CertificateQueries;

class OpenBadgeForms {
 public:
  OpenBadgeForms(RegistryStore& store, const CertificateQueries& certificates)
      : store_(store), certificates_(certificates) {}

  // The signed Open Badges 3.0 form of certificate `id` (JSON text with its proof set).
  Result<std::string> SignedForm(const std::string& id) const;

 private:
  RegistryStore& store_;
  const CertificateQueries& certificates_;
};

}  // namespace siegel
