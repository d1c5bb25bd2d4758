// The staff overview's one list: certificates that end soon, each with where its renewal
// stands, so that a clerk sees what to do next (and nothing appears twice).
#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include "registry/registry_store.h"
#include "registry/sql_guard.h"
#include "registry/staff_workflow.h"

namespace siegel {

std::string RenewalStateName(RenewalState state) {
  switch (state) {
    case RenewalState::kNone:
      return "none";
    case RenewalState::kAssessmentRecorded:
      return "assessment";
    case RenewalState::kProposed:
      return "proposed";
    case RenewalState::kApproved:
      return "approved";
  }
  return "none";
}

Result<std::vector<RenewalDue>> StaffWorkflow::RenewalsDue(int days) const {
  auto ending = queries_.ExpiringCertificates(days);
  if (!ending.ok()) return ending.error();
  UnixSeconds now = store_.Now();
  return Guard("renewals due", [&]() -> Result<std::vector<RenewalDue>> {
    SQLite::Statement renewal(store_.db(),
                              "SELECT id FROM certificates WHERE supersedes = ? LIMIT 1");
    SQLite::Statement proposal(
        store_.db(),
        "SELECT id FROM proposals WHERE renews = ? AND decision IS NULL ORDER BY id LIMIT 1");
    // An assessment made after the one the certificate rests on, or recorded after it was
    // signed, is the next certificate's.
    SQLite::Statement assessment(
        store_.db(),
        "SELECT 1 FROM assessments WHERE initiative_slug = ?1 AND programme_code = ?2 "
        "AND (assessed_on > ?3 OR recorded_at > ?4) LIMIT 1");
    std::vector<RenewalDue> out;
    for (CertificateSummary& summary : *ending) {
      const Certificate& c = summary.certificate;
      RenewalDue due;
      UnixSeconds until = ParseDateTimeStamp(c.valid_until).value();
      due.days_left = (until - now + 86399) / 86400;
      renewal.reset();
      renewal.bind(1, c.id);
      proposal.reset();
      proposal.bind(1, c.id);
      assessment.reset();
      assessment.bind(1, c.initiative_slug);
      assessment.bind(2, c.programme_code);
      assessment.bind(3, c.assessed_on.empty() ? std::string("9999") : c.assessed_on);
      assessment.bind(4, c.issued_at);
      if (renewal.executeStep()) {
        due.state = RenewalState::kApproved;
        due.renewal_id = renewal.getColumn(0).getString();
      } else if (proposal.executeStep()) {
        due.state = RenewalState::kProposed;
        due.proposal_id = proposal.getColumn(0).getInt64();
      } else if (assessment.executeStep()) {
        due.state = RenewalState::kAssessmentRecorded;
      }
      due.certificate = std::move(summary);
      out.push_back(std::move(due));
    }
    return out;
  });
}

}  // namespace siegel
