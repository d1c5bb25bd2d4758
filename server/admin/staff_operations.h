// The staff operations on accounts and on the four-eyes rule, behind both the /admin forms and
// the /api/v1/admin API. What one administrator may not do alone becomes a staff change that
// waits for a second administrator: the answer then holds "staffChange" and "pending": true.
#pragma once

#include "registry/registry.h"
#include "server/admin/fields.h"

namespace siegel::admin {

Json StaffChangeJson(const StaffChange& change);
// Whether an answer is a staff change waiting for approval (HTTP 202) rather than a change made.
bool IsPending(const Result<Json>& answer);

// A new account; with the role issuer or admin (while four eyes is on) a proposal of one.
Result<Json> CreateUser(Registry& registry, const Principal& who, const Fields& in);
// A lower role at once; a higher one as CreateUser. The account's API tokens end.
Result<Json> ChangeUserRole(Registry& registry, const Principal& who, const std::string& username,
                            const Fields& in);
Result<Json> DisableUser(Registry& registry, const Principal& who, const std::string& username);
// A disabled account made usable again; "roleKept" says whether it kept its role (four eyes
// may give it back as a viewer, see StaffAccounts::EnableUser).
Result<Json> EnableUser(Registry& registry, const Principal& who, const std::string& username);
// An administrator sets another person's password ("password"); their sessions and tokens end.
Result<Json> ResetUserPassword(Registry& registry, const Principal& who,
                               const std::string& username, const Fields& in);
// The signed-in person's own settings ("language", "email") and password ("current",
// "password", and "repeat", which must equal it).
Result<Json> SetOwnPreferences(Registry& registry, const Principal& who, const Fields& in);
Result<Json> ChangeOwnPassword(Registry& registry, const Principal& who, const Fields& in);
// On at once; off only as a proposal another administrator approves.
Result<Json> SetFourEyes(Registry& registry, const Principal& who, const std::string& programme,
                         const Fields& in);

Result<Json> ListStaffChanges(Registry& registry, bool open_only);
Result<Json> ApproveStaffChange(Registry& registry, const Principal& who, int64_t id);
Result<Json> RejectStaffChange(Registry& registry, const Principal& who, int64_t id);

}  // namespace siegel::admin
