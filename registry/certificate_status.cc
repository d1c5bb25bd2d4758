// Status precedence: not yet issued, revoked, suspended, not yet valid, expired, valid.
#include "registry/certificate_status.h"

namespace siegel {
namespace {

CertificateStatus FromDates(const Certificate& certificate, UnixSeconds at) {
  auto from = ParseDateTimeStamp(certificate.valid_from);
  auto until = ParseDateTimeStamp(certificate.valid_until);
  if (from.ok() && at < *from) return CertificateStatus::kNotYetValid;
  if (until.ok() && at >= *until) return CertificateStatus::kExpired;
  return CertificateStatus::kValid;
}

}  // namespace

CertificateStatus StatusAt(const Certificate& certificate, const std::vector<StatusEvent>& history,
                           UnixSeconds at) {
  auto issued = ParseDateTimeStamp(certificate.issued_at);
  if (issued.ok() && at < *issued) return CertificateStatus::kNotYetIssued;
  bool suspended = false;
  for (const StatusEvent& event : history) {  // in the order they happened
    auto when = ParseDateTimeStamp(event.at);
    if (!when.ok() || *when > at) continue;
    if (event.event == "revoked") return CertificateStatus::kRevoked;
    if (event.event == "suspended") suspended = true;
    if (event.event == "reinstated") suspended = false;
  }
  if (suspended) return CertificateStatus::kSuspended;
  return FromDates(certificate, at);
}

CertificateStatus CurrentStatus(const Certificate& certificate, UnixSeconds now) {
  if (!certificate.revoked_at.empty()) return CertificateStatus::kRevoked;
  if (!certificate.suspended_at.empty()) return CertificateStatus::kSuspended;
  return FromDates(certificate, now);
}

std::string KindName(InitiativeKind kind) {
  return kind == InitiativeKind::kStateNetwork ? "state_network" : "cluster_initiative";
}

}  // namespace siegel
