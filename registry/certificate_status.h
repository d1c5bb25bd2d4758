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

// Which of an initiative's certificates of one programme stands for it at `now` (its stable
// link and badge, across renewals): one valid now, the latest to have begun; else a suspended
// one; else the latest to have begun (expired or revoked, and it says so); else the next to
// begin. Of two that begin together, the renewal. Null when there is none.
const Certificate* CurrentCertificate(const std::vector<Certificate>& certificates,
                                      UnixSeconds now);

}  // namespace siegel
