#include "credential/status_vocabulary.h"

namespace siegel {

std::string StatusName(CertificateStatus status) {
  switch (status) {
    case CertificateStatus::kNotYetIssued:
      return "not_yet_issued";
    case CertificateStatus::kRevoked:
      return "revoked";
    case CertificateStatus::kSuspended:
      return "suspended";
    case CertificateStatus::kNotYetValid:
      return "not_yet_valid";
    case CertificateStatus::kExpired:
      return "expired";
    case CertificateStatus::kValid:
      return "valid";
  }
  return "valid";
}

std::optional<CertificateStatus> ParseStatusName(std::string_view name) {
  for (auto status :
       {CertificateStatus::kRevoked, CertificateStatus::kSuspended, CertificateStatus::kNotYetValid,
        CertificateStatus::kExpired, CertificateStatus::kValid}) {
    if (StatusName(status) == name) return status;
  }
  return std::nullopt;
}

const char* PurposeName(StatusPurpose purpose) {
  return purpose == StatusPurpose::kRevocation ? "revocation" : "suspension";
}

std::optional<StatusPurpose> ParsePurpose(std::string_view name) {
  for (StatusPurpose purpose : kStatusPurposes) {
    if (name == PurposeName(purpose)) return purpose;
  }
  return std::nullopt;
}

const char* EventName(StatusEventKind event) {
  switch (event) {
    case StatusEventKind::kIssued:
      return "issued";
    case StatusEventKind::kSuspended:
      return "suspended";
    case StatusEventKind::kReinstated:
      return "reinstated";
    case StatusEventKind::kRevoked:
      return "revoked";
  }
  return "issued";
}

std::optional<StatusEventKind> ParseEventName(std::string_view name) {
  for (StatusEventKind event : kStatusEventKinds) {
    if (name == EventName(event)) return event;
  }
  return std::nullopt;
}

}  // namespace siegel
