// The words of the status model, one enum each, spelled as the credentials, the database, the
// API and the verifier spell them: a certificate's status, a status list's purpose, and the
// events of a certificate's status history. The database's CHECK constraints list the same
// names (tests/registry/database_test.cc compares them with these enums).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace siegel {

// A certificate's status at one moment, in docs/DESIGN.md §3's order of precedence.
// kNotYetIssued: a time before the registry signed the certificate, whatever its validity
// period says (a renewal may start before it was signed; it was not valid then).
enum class CertificateStatus {
  kNotYetIssued,
  kRevoked,
  kSuspended,
  kNotYetValid,
  kExpired,
  kValid
};
std::string StatusName(CertificateStatus status);  // "revoked", "not_yet_valid", …
// The five statuses a search or the API may name (not kNotYetIssued).
std::optional<CertificateStatus> ParseStatusName(std::string_view name);

// What a status list says of the certificates whose bit is set (Bitstring Status List's
// statusPurpose): each programme has one list of each.
enum class StatusPurpose { kRevocation, kSuspension };
inline constexpr std::array<StatusPurpose, 2> kStatusPurposes = {StatusPurpose::kRevocation,
                                                                 StatusPurpose::kSuspension};
const char* PurposeName(StatusPurpose purpose);  // "revocation", "suspension"
std::optional<StatusPurpose> ParsePurpose(std::string_view name);

// An event of a certificate's status history.
enum class StatusEventKind { kIssued, kSuspended, kReinstated, kRevoked };
inline constexpr std::array<StatusEventKind, 4> kStatusEventKinds = {
    StatusEventKind::kIssued, StatusEventKind::kSuspended, StatusEventKind::kReinstated,
    StatusEventKind::kRevoked};
const char* EventName(StatusEventKind event);  // "issued", "suspended", "reinstated", "revoked"
std::optional<StatusEventKind> ParseEventName(std::string_view name);

}  // namespace siegel
