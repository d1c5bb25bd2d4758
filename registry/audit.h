// Append-only records written inside the caller's transaction: audit trail and status history.
#pragma once

#include <SQLiteCpp/Database.h>

#include <string>

#include "base/json_strict.h"
#include "registry/model.h"
#include "registry/staff.h"

namespace siegel {

void AppendAudit(SQLite::Database& db, const std::string& at, const Actor& actor,
                 const std::string& action, const std::string& subject, const Json& before,
                 const Json& after);

void AppendStatusEvent(SQLite::Database& db, const StatusEvent& event);

// The fields of a certificate an auditor compares before and after a change.
Json AuditView(const Certificate& certificate);
// An initiative's fields as the API names them (also what an import leaves as it is).
Json InitiativeAuditView(const Initiative& initiative);
// A programme's fields as the API names them.
Json ProgrammeAuditView(const Programme& programme);
// Assessments and proposals as recorded (also the staff API's view of them).
Json AssessmentAuditView(const Assessment& assessment);
Json ProposalAuditView(const Proposal& proposal);

}  // namespace siegel
