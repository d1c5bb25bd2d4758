// The published status lists (Bitstring Status List credentials): as stored, mended where a
// stored list no longer verifies, and signed again when old. Every other change to a list
// happens inside the lifecycle's writes (status_publisher.h).
#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"
#include "credential/status_vocabulary.h"

namespace siegel {

class RegistryStore;
class IssuerKeys;

class StatusLists {
 public:
  StatusLists(RegistryStore& store, const IssuerKeys& keys) : store_(store), keys_(keys) {}

  // The signed BitstringStatusListCredential, as stored.
  Result<std::string> StatusListCredential(const std::string& programme,
                                           StatusPurpose purpose) const;
  // The stored list, or, where it no longer verifies with the registry's keys, the list signed
  // again from the status records (audited as status_list.repair): the one write a public
  // read may cause, and it only restores what the records already say.
  Result<std::string> SoundStatusListCredential(const std::string& programme,
                                                StatusPurpose purpose);
  // The certificate at `index` of the programme's revocation or suspension list; NotFound if
  // the index was never given out.
  Result<std::string> CertificateAtStatusIndex(const std::string& programme, StatusPurpose purpose,
                                               uint64_t index) const;
  // Signs again, with today's date, every status list signed `older_than_seconds` ago or
  // earlier, so that a list saved for offline use speaks for the present (a list speaks only
  // from its own date). Returns how many were signed.
  Result<int> RefreshStatusLists(int64_t older_than_seconds);

 private:
  RegistryStore& store_;
  const IssuerKeys& keys_;  // the DID document a stored list must verify under
};

}  // namespace siegel
