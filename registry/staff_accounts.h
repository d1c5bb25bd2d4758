// Staff accounts and four eyes on the staff side. While any programme requires four eyes, an
// account with the role issuer or admin, a raised role and four eyes switched off need a
// second administrator: they are proposed as a staff change, and another administrator
// approves. Only the registry's operator at the shell, while the registry has fewer than two
// active administrators, gives such roles directly (setting up). None of this changes the
// public registry.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "registry/model.h"
#include "registry/staff.h"

namespace siegel {

class RegistryStore;
class CertificateQueries;

class StaffAccounts {
 public:
  StaffAccounts(RegistryStore& store, const CertificateQueries& queries)
      : store_(store), queries_(queries) {}

  // AddUser, ChangeRole and SetFourEyes refuse what needs a proposal, saying so.
  Status AddUser(const StaffUser& user, const std::string& password, const Actor& actor);
  // Makes the account, or, where its role needs a second administrator, records the staff
  // change and answers it (nothing is made until another administrator approves).
  Result<std::optional<StaffChange>> AddUserOrPropose(const StaffUser& user,
                                                      const std::string& password,
                                                      const Actor& actor);
  Status DisableUser(const std::string& username, const Actor& actor);
  // A lower role is given at once; a higher one as AddUser says. Ends the user's API tokens.
  Status ChangeRole(const std::string& username, Role role, const Actor& actor);
  // Sets a new password and ends every session and API token of the user.
  Status ResetPassword(const std::string& username, const std::string& password,
                       const Actor& actor);
  // The account holder's own settings: the staff pages' language ("de" or "en") and an e-mail
  // address (empty, or one that looks like an address).
  Status SetPreferences(const std::string& username, const std::string& language,
                        const std::string& email, const Actor& actor);
  // The account holder changes their own password, proving the current one. Ends every
  // session and API token of the account, as a reset does.
  Status ChangeOwnPassword(const std::string& username, const std::string& current,
                           const std::string& chosen, const Actor& actor);
  // An administrator makes a disabled account usable again, with the role it had where that
  // role may be given directly (see AddUser); otherwise as a viewer, and the higher role must
  // be proposed as a staff change. Answers the role the account has now.
  Result<Role> EnableUser(const std::string& username, const Actor& actor);
  Result<std::vector<StaffUser>> ListUsers() const;
  Result<StaffUser> GetUser(const std::string& username) const;
  // Whether giving `role` (to a new account or by raising one) needs a staff change proposal.
  Result<bool> RoleNeedsSecondAdministrator(Role role, const Actor& actor) const;
  // Switching four eyes on is one step; switching it off needs a staff change.
  Status SetFourEyes(const std::string& programme_code, bool required, const Actor& actor);

  Result<StaffChange> ProposeStaffChange(const StaffChange& change, const std::string& password,
                                         const Actor& actor);
  // Carries out an open change. Refused when the approver is the proposer, or an account the
  // proposer created, gave its role or set the password of; the approver must be an active
  // administrator (or the operator at the shell). The audit trail names both people.
  Result<StaffChange> ApproveStaffChange(int64_t id, const Actor& approver);
  Status RejectStaffChange(int64_t id, const Actor& actor);
  Result<StaffChange> GetStaffChange(int64_t id) const;
  Result<std::vector<StaffChange>> ListStaffChanges(bool open_only) const;

  // Inside a write: refuses an approval by `approver` of what `proposer` proposed (also the
  // certificate proposals' rule, staff_workflow.h).
  Status CheckSecondPerson(const std::string& proposer, const Actor& approver, Role needed) const;

 private:
  // Whether any programme requires four eyes.
  Result<bool> FourEyesActive() const;
  // Inside a write: whether `actor` may give `role` without a second administrator.
  Status CheckRoleMayBeGivenDirectly(Role role, const Actor& actor) const;
  int EndTokensOf(const std::string& username, const std::string& now);
  // A new password (checked against the policy) set by `actor`, audited as `action`; ends the
  // account's sessions and API tokens.
  Status SetPassword(const std::string& username, const std::string& password,
                     const Actor& actor, const char* action);
  void InsertUser(const StaffUser& user, const std::string& password_hash, const std::string& by,
                  const std::string& now);

  RegistryStore& store_;
  const CertificateQueries& queries_;
};

}  // namespace siegel
