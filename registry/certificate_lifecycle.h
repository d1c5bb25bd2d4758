// The certificate lifecycle: issue, renew, suspend, reinstate, revoke. Each is one write
// that also appends to the audit trail, re-signs the status lists where a status changes and
// enters the transparency log, so every public view changes at once.
#pragma once

#include <optional>
#include <string>

#include "base/result.h"
#include "base/timestamp.h"
#include "registry/model.h"

namespace siegel {

class RegistryStore;
class CertificateQueries;

struct IssueRequest {
  std::string initiative_slug;
  std::string programme_code = "ce-bw";
  std::optional<UnixSeconds> valid_from;   // default: today, 00:00 UTC
  std::optional<UnixSeconds> valid_until;  // default: valid_from + the programme's months
  std::string level;
  std::string assessed_on;  // YYYY-MM-DD
  std::string assessor;     // default: the programme's default assessor
  std::string board_decision_date;
  std::string board_decision_ref;
};

// A validity period; an open bound takes the issuance default.
struct ValidityPeriod {
  std::optional<UnixSeconds> from;
  std::optional<UnixSeconds> until;
};

struct RenewRequest {
  std::optional<UnixSeconds> valid_from;  // default: seamless from the old certificate's end
  std::optional<UnixSeconds> valid_until;
  std::optional<std::string> level;  // default: the old certificate's level
  std::string assessed_on;
  std::string assessor;
  std::string board_decision_date;
  std::string board_decision_ref;
};

class CertificateLifecycle {
 public:
  CertificateLifecycle(RegistryStore& store, const CertificateQueries& queries)
      : store_(store), queries_(queries) {}

  // Issue and Renew sign on one person's word: only for a programme with four eyes off (the
  // audit record names that person). Otherwise the staff workflow proposes, and a second
  // issuer approves (staff_workflow.h).
  Result<Certificate> Issue(const IssueRequest& request, const Actor& actor);
  Result<Certificate> Renew(const std::string& id, const RenewRequest& request, const Actor& actor);
  Result<Certificate> Suspend(const std::string& id, const std::string& reason, const Actor& actor);
  // The reason is optional here (the CLI); the staff pages and API require one.
  Result<Certificate> Reinstate(const std::string& id, const Actor& actor,
                                const std::string& reason = "");
  // Final. A reason from the revocation reasons (workflow.h), with a note where it says so.
  Result<Certificate> Revoke(const std::string& id, const std::string& reason, const Actor& actor);

 private:
  // The steps the staff workflow (approving a proposal) and the issuer keys (re-issuing after
  // a compromise) take inside their own write: they read and write without a transaction of
  // their own, so their changes commit or roll back with the caller's.
  friend class StaffWorkflow;
  friend class IssuerKeys;

  Result<Certificate> RenewInTransaction(const std::string& id, const RenewRequest& request,
                                         const Actor& actor);
  // What a certificate that supersedes another is: its renewal, a copy signed with a new key
  // (after a compromise), or a corrected replacement (the old one is revoked with it).
  enum class Succession { kRenewal, kReissue, kReplacement };
  Result<Certificate> IssueInTransaction(const IssueRequest& request, const std::string& supersedes,
                                         const Actor& actor,
                                         Succession succession = Succession::kRenewal);
  Result<Certificate> ChangeStatusInTransaction(const std::string& id, StatusEventKind event,
                                                const std::string& reason, const Actor& actor);
  Result<Certificate> ChangeStatus(const std::string& id, StatusEventKind event,
                                   const std::string& reason, const Actor& actor);
  Status CheckOnePersonMaySign(const std::string& programme_code, const std::string& what) const;
  void RecordSignedAlone(const Certificate& certificate, const Actor& actor);

  RegistryStore& store_;
  const CertificateQueries& queries_;
};

}  // namespace siegel
