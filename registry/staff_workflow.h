// The staff workflow: external assessments, proposals that a certificate be issued or renewed
// on one, the second person's approval that signs it (four eyes), and the audit trail.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "registry/certificate_lifecycle.h"
#include "registry/certificate_queries.h"
#include "registry/model.h"
#include "registry/workflow.h"

namespace siegel {

class RegistryStore;
class CertificateQueries;
class CertificateLifecycle;
class StaffAccounts;

// A filter over the audit trail; empty fields match everything.
struct AuditFilter {
  std::string actor;    // substring of the actor ("a.schmidt" finds "admin:a.schmidt")
  std::string action;   // prefix ("certificate." finds every certificate action)
  std::string subject;  // exact: a certificate id, a slug, a username
  std::string from;     // YYYY-MM-DD, inclusive
  std::string to;       // YYYY-MM-DD, inclusive
  int64_t limit = 200;
  int64_t offset = 0;
};

struct AuditRecord {
  int64_t seq = 0;
  std::string at;
  std::string actor;
  std::string action;
  std::string subject;
  std::string before_json;  // empty when the action created something
  std::string after_json;
};

// Where the renewal of a certificate that ends soon stands.
enum class RenewalState {
  kNone,                // nothing recorded yet
  kAssessmentRecorded,  // an assessment recorded after the certificate was issued
  kProposed,            // a renewal proposed, waiting for a second person
  kApproved,            // the renewal is signed (it begins when this one ends, or earlier)
};
std::string RenewalStateName(RenewalState state);  // "none", "assessment", "proposed", "approved"

struct RenewalDue {
  CertificateSummary certificate;
  int64_t days_left = 0;  // whole days until it ends, rounded up
  RenewalState state = RenewalState::kNone;
  int64_t proposal_id = 0;  // the open renewal proposal, when proposed
  std::string renewal_id;   // the renewal's certificate, when approved
};

// One past award to propose: its assessment, and the proposal (its assessment_id is filled in
// once the assessment is recorded).
struct AwardToPropose {
  Assessment assessment;
  Proposal proposal;
};

class StaffWorkflow {
 public:
  StaffWorkflow(RegistryStore& store, const CertificateQueries& queries,
                CertificateLifecycle& lifecycle, const StaffAccounts& accounts)
      : store_(store), queries_(queries), lifecycle_(lifecycle), accounts_(accounts) {}

  Result<Assessment> RecordAssessment(const Assessment& assessment, const Actor& actor);
  Result<Assessment> GetAssessment(int64_t id) const;
  Result<std::vector<Assessment>> ListAssessments(const std::string& initiative_slug) const;
  // `proposal.proposed_by` is the proposing user. Checks everything issuance would check.
  Result<Proposal> Propose(const Proposal& proposal, const Actor& actor);
  // Past awards brought in from a spreadsheet: each row's assessment recorded and its
  // certificate proposed (a second person approves each, as any proposal), all in one
  // transaction: if any row is refused, nothing is kept. Answers each row's proposal or why it
  // was refused. With `dry_run` nothing is kept either way; the rows are tried in order, each
  // seeing the ones before it.
  Result<std::vector<Result<Proposal>>> ProposeAwards(const std::vector<AwardToPropose>& awards,
                                                      const Actor& actor, bool dry_run);
  Result<Proposal> GetProposal(int64_t id) const;
  Result<std::vector<Proposal>> ListProposals(bool open_only) const;
  // Signs the certificate of an open proposal, in the same transaction. Refused when
  // `approver` proposed it and the programme requires four eyes.
  Result<Certificate> ApproveProposal(int64_t id, const std::string& approver, const Actor& actor);
  // Whether `approver` may approve proposal `id` now (the checks ApproveProposal makes before
  // signing), for a confirmation page that should not offer what would be refused.
  Status MayApprove(int64_t id, const std::string& approver, const Actor& actor) const;
  // The certificate the approval of proposal `id` would sign now, signed in a savepoint that
  // is rolled back: what the approver previews is what the approval makes (its number too,
  // unless another certificate is signed first). Nothing is stored.
  Result<Certificate> PreviewProposal(int64_t id, const Actor& actor);
  Status RejectProposal(int64_t id, const std::string& decider, const std::string& note,
                        const Actor& actor);
  Result<std::vector<AuditRecord>> AuditLog(const AuditFilter& filter) const;
  // What to do next: the valid certificates ending within `days`, the soonest first, each with
  // the state of its renewal (registry/renewals_due.cc).
  Result<std::vector<RenewalDue>> RenewalsDue(int days) const;

 private:
  Status CheckApprover(const Proposal& p, const std::string& approver, const Actor& actor) const;
  // The steps of RecordAssessment and Propose, inside a write of the caller's.
  Result<Assessment> RecordAssessmentInTransaction(const Assessment& assessment,
                                                   const Actor& actor);
  Result<Proposal> ProposeInTransaction(const Proposal& proposal, const Actor& actor);
  // Issues (or, for a renewal, renews) what an approved proposal describes, inside the
  // approval's write.
  Result<Certificate> SignProposalInTransaction(const Proposal& proposal,
                                                const Assessment& assessment,
                                                const ValidityPeriod& period, const Actor& actor);

  RegistryStore& store_;
  const CertificateQueries& queries_;
  CertificateLifecycle& lifecycle_;
  const StaffAccounts& accounts_;
};

}  // namespace siegel
