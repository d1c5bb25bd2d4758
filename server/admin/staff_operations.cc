// Accounts and the four-eyes rule: field parsing here, every rule in the registry.
#include "server/admin/staff_operations.h"

#include "registry/validation.h"
#include "server/admin/operations.h"

namespace siegel::admin {
namespace {

Result<Role> RoleField(const Fields& in) {
  auto role = ParseRole(in.Get("role"));
  if (!role) return Error::InvalidInput("role must be viewer, editor, issuer or admin");
  return *role;
}

Result<Json> Pending(const Result<StaffChange>& change) {
  if (!change.ok()) return change.error();
  return Json{{"pending", true}, {"staffChange", StaffChangeJson(*change)}};
}

Result<Json> StoredUser(Registry& registry, const std::string& username) {
  auto stored = registry.accounts().GetUser(username);
  if (!stored.ok()) return stored.error();
  return UserJson(*stored);
}

}  // namespace

Json StaffChangeJson(const StaffChange& c) {
  Json out = {{"id", c.id},
              {"kind", c.kind},
              {"subject", c.subject},
              {"proposedBy", c.proposed_by},
              {"proposedAt", c.proposed_at},
              {"decision", c.decision},
              {"decidedBy", c.decided_by},
              {"decidedAt", c.decided_at}};
  if (c.kind != "programme.four_eyes_off") out["role"] = RoleName(c.role);
  if (c.kind == "user.add") out["displayName"] = c.display_name;
  return out;
}

bool IsPending(const Result<Json>& answer) {
  return answer.ok() && answer->value("pending", false);
}

Result<Json> CreateUser(Registry& registry, const Principal& who, const Fields& in) {
  auto role = RoleField(in);
  if (!role.ok()) return role.error();
  StaffUser user;
  user.username = in.Get("username");
  user.display_name = in.Get("displayName");
  user.role = *role;
  user.email = in.Get("email");
  user.language = ParseStaffLanguage(in.Get("language")).value_or("de");
  if (Status s = ValidateEmailAddress("the e-mail address", user.email); !s.ok()) return s.error();
  auto outcome = registry.accounts().AddUserOrPropose(user, in.Get("password"), who.actor());
  if (!outcome.ok()) return outcome.error();
  if (*outcome) return Pending(**outcome);
  return StoredUser(registry, user.username);
}

Result<Json> ChangeUserRole(Registry& registry, const Principal& who, const std::string& username,
                            const Fields& in) {
  auto role = RoleField(in);
  if (!role.ok()) return role.error();
  if (username == who.username) {
    return Error::Refused("you cannot change your own role; ask another administrator");
  }
  auto user = registry.accounts().GetUser(username);
  if (!user.ok()) return user.error();
  bool raising = user->role != *role && RoleAllows(*role, user->role);
  if (raising) {
    auto needs_second = registry.accounts().RoleNeedsSecondAdministrator(*role, who.actor());
    if (!needs_second.ok()) return needs_second.error();
    if (*needs_second) {
      StaffChange change;
      change.kind = "user.role";
      change.subject = username;
      change.role = *role;
      return Pending(registry.accounts().ProposeStaffChange(change, "", who.actor()));
    }
  }
  if (Status s = registry.accounts().ChangeRole(username, *role, who.actor()); !s.ok())
    return s.error();
  return StoredUser(registry, username);
}

Result<Json> DisableUser(Registry& registry, const Principal& who, const std::string& username) {
  if (username == who.username) {
    return Error::Refused("you cannot disable your own account; ask another administrator");
  }
  if (Status s = registry.accounts().DisableUser(username, who.actor()); !s.ok()) return s.error();
  return StoredUser(registry, username);
}

Result<Json> EnableUser(Registry& registry, const Principal& who, const std::string& username) {
  if (username == who.username) {
    return Error::Refused("you cannot enable your own account; ask another administrator");
  }
  auto before = registry.accounts().GetUser(username);
  if (!before.ok()) return before.error();
  auto role = registry.accounts().EnableUser(username, who.actor());
  if (!role.ok()) return role.error();
  auto stored = StoredUser(registry, username);
  if (!stored.ok()) return stored.error();
  Json answer = *stored;
  answer["roleKept"] = *role == before->role;
  return answer;
}

Result<Json> ResetUserPassword(Registry& registry, const Principal& who,
                               const std::string& username, const Fields& in) {
  if (username == who.username) {
    return Error::Refused("change your own password on your account page, with the current one");
  }
  if (Status s = registry.accounts().ResetPassword(username, in.Get("password"), who.actor());
      !s.ok())
    return s.error();
  return StoredUser(registry, username);
}

Result<Json> SetOwnPreferences(Registry& registry, const Principal& who, const Fields& in) {
  if (Status s = registry.accounts().SetPreferences(who.username, in.Get("language"),
                                                    in.Get("email"), who.actor());
      !s.ok())
    return s.error();
  return StoredUser(registry, who.username);
}

Result<Json> ChangeOwnPassword(Registry& registry, const Principal& who, const Fields& in) {
  if (in.Get("password") != in.Get("repeat")) {
    return Error::InvalidInput("the two new passwords differ")
        .About("repeated password", "password_mismatch");
  }
  if (Status s = registry.accounts().ChangeOwnPassword(who.username, in.Get("current"),
                                                       in.Get("password"), who.actor());
      !s.ok())
    return s.error();
  return Json{{"username", who.username}, {"passwordChanged", true}};
}

Result<Json> SetFourEyes(Registry& registry, const Principal& who, const std::string& programme,
                         const Fields& in) {
  std::string value = in.Get("fourEyes");
  if (value != "true" && value != "false" && value != "1" && value != "0") {
    return Error::InvalidInput("fourEyes must be true or false");
  }
  bool required = in.Flag("fourEyes");
  auto now = registry.certificates().FourEyesRequired(programme);
  if (!now.ok()) return now.error();
  if (*now && !required) {
    StaffChange change;
    change.kind = "programme.four_eyes_off";
    change.subject = programme;
    return Pending(registry.accounts().ProposeStaffChange(change, "", who.actor()));
  }
  if (Status s = registry.accounts().SetFourEyes(programme, required, who.actor()); !s.ok()) {
    return s.error();
  }
  return Json{{"programme", programme}, {"fourEyes", required}};
}

Result<Json> ListStaffChanges(Registry& registry, bool open_only) {
  auto changes = registry.accounts().ListStaffChanges(open_only);
  if (!changes.ok()) return changes.error();
  Json items = Json::array();
  for (const StaffChange& c : *changes) items.push_back(StaffChangeJson(c));
  return Json{{"items", items}};
}

Result<Json> ApproveStaffChange(Registry& registry, const Principal& who, int64_t id) {
  auto approved = registry.accounts().ApproveStaffChange(id, who.actor());
  if (!approved.ok()) return approved.error();
  return StaffChangeJson(*approved);
}

Result<Json> RejectStaffChange(Registry& registry, const Principal& who, int64_t id) {
  if (Status s = registry.accounts().RejectStaffChange(id, who.actor()); !s.ok()) return s.error();
  auto rejected = registry.accounts().GetStaffChange(id);
  if (!rejected.ok()) return rejected.error();
  return StaffChangeJson(*rejected);
}

}  // namespace siegel::admin
