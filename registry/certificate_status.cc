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

const Certificate* CurrentCertificate(const std::vector<Certificate>& certificates,
                                      UnixSeconds now) {
  const Certificate *valid = nullptr, *suspended = nullptr, *begun = nullptr, *next = nullptr;
  // The later to begin (RFC 3339 UTC strings sort by time); of two that begin together, the
  // renewal, which replaces the one it renews.
  auto later = [](const Certificate& c, const Certificate* best) {
    return !best || c.valid_from > best->valid_from ||
           (c.valid_from == best->valid_from && c.supersedes == best->id);
  };
  auto begins = [](const Certificate& c) { return c.valid_from; };
  for (const Certificate& c : certificates) {
    CertificateStatus status = CurrentStatus(c, now);
    bool has_begun = status != CertificateStatus::kNotYetValid &&
                     ParseDateTimeStamp(c.valid_from).ok() &&
                     *ParseDateTimeStamp(c.valid_from) <= now;
    if (status == CertificateStatus::kValid && later(c, valid)) valid = &c;
    if (status == CertificateStatus::kSuspended && later(c, suspended)) suspended = &c;
    if (has_begun && later(c, begun)) begun = &c;
    if (!has_begun && (!next || begins(c) < begins(*next))) next = &c;
  }
  return valid ? valid : suspended ? suspended : begun ? begun : next;
}

std::string KindName(InitiativeKind kind) {
  return kind == InitiativeKind::kStateNetwork ? "state_network" : "cluster_initiative";
}

}  // namespace siegel
