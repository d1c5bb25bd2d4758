// A certificate's status at a moment, from its dates and its status history.
#pragma once

#include <vector>

#include "base/timestamp.h"
#include "registry/model.h"

namespace siegel {

// Revoked if a revocation happened at or before `at`; suspended if the last suspension or
// reinstatement at or before `at` was a suspension; then not yet valid, expired, valid.
CertificateStatus StatusAt(const Certificate& certificate, const std::vector<StatusEvent>& history,
                           UnixSeconds at);

// The present status from the certificate's own columns (no history needed).
CertificateStatus CurrentStatus(const Certificate& certificate, UnixSeconds now);

}  // namespace siegel
