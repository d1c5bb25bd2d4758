// The staff operations behind both the /admin forms and the /api/v1/admin API. Each takes the
// caller, validates its Fields and answers the changed record as JSON (or an error to show).
// Role checks happen before, in the router; four-eyes and every domain rule in the registry.
#pragma once

#include "registry/registry.h"
#include "server/admin/fields.h"

namespace siegel::admin {

Json UserJson(const StaffUser& user);
Json AssessmentJson(const Assessment& assessment);
Json ProposalJson(const Proposal& proposal);
Json TokenJson(const ApiTokenRecord& token);
Json AuditJson(const AuditRecord& record);

// An initiative's fields from a form, the API or an imported row, onto `base`: the staff side's
// rules (kind, the region and technology field lists) before the registry's own.
Result<Initiative> InitiativeFromFields(const Fields& in, Initiative base);
Result<Json> CreateInitiative(Registry& registry, const Principal& who, const Fields& in);
Result<Json> EditInitiative(Registry& registry, const Principal& who, const std::string& slug,
                            const Fields& in);
Result<Json> RecordAssessment(Registry& registry, const Principal& who, const std::string& slug,
                              const Fields& in);
Result<Json> ProposeCertificate(Registry& registry, const Principal& who, const Fields& in);
Result<Json> ApproveProposal(Registry& registry, const Principal& who, int64_t id);
Result<Json> RejectProposal(Registry& registry, const Principal& who, int64_t id, const Fields& in);
Result<Json> SuspendCertificate(Registry& registry, const Principal& who, const std::string& id,
                                const Fields& in);
Result<Json> ReinstateCertificate(Registry& registry, const Principal& who, const std::string& id,
                                  const Fields& in);
Result<Json> RevokeCertificate(Registry& registry, const Principal& who, const std::string& id,
                               const Fields& in);
// The secret is in the answer's "token" and nowhere else, ever.
Result<Json> CreateToken(Registry& registry, const Principal& who, const Fields& in);
Result<Json> RevokeToken(Registry& registry, const Principal& who, int64_t id);

// Issuer keys with their state, and for compromised keys the certificates to sign again.
Result<Json> KeysOverview(Registry& registry);
Result<Json> RotateKey(Registry& registry, const Principal& who);
Result<Json> CompromiseKey(Registry& registry, const Principal& who, const std::string& key_id,
                           const Fields& in);
Result<Json> ReissueCertificate(Registry& registry, const Principal& who, const std::string& id);

// Expiring certificates (30/90/180 days) and open proposals.
Result<Json> Overview(Registry& registry);
Result<AuditFilter> AuditFilterFrom(const Fields& in);
// The audit records as CSV, with cells that a spreadsheet could run as formulas defused.
std::string AuditCsv(const std::vector<AuditRecord>& records);

// Parses a whole positive number from a path segment or field.
Result<int64_t> ParseId(const std::string& text, const std::string& what);

}  // namespace siegel::admin
