// Four eyes on the staff side: the changes one administrator cannot make alone (an account
// with the role issuer or admin, a raised role, four-eyes switched off) wait as proposals
// until a second person approves them, and that person must not be one the proposer controls.
#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include "registry/audit.h"
#include "registry/password.h"
#include "registry/registry.h"
#include "registry/sql_guard.h"
#include "registry/validation.h"

namespace siegel {
namespace {

#define SIEGEL_STAFF_CHANGE_COLUMNS                                                \
  "id, kind, subject, details, proposed_by, proposed_at, COALESCE(decision, ''), " \
  "COALESCE(decided_by, ''), COALESCE(decided_at, '')"

StaffChange ReadChange(SQLite::Statement& q, std::string* password_hash = nullptr) {
  StaffChange c;
  c.id = q.getColumn(0).getInt64();
  c.kind = q.getColumn(1).getString();
  c.subject = q.getColumn(2).getString();
  Json details = Json::parse(q.getColumn(3).getString(), nullptr, false);
  if (details.is_object()) {
    c.role = ParseRole(details.value("role", "viewer")).value_or(Role::kViewer);
    c.display_name = details.value("displayName", "");
    if (password_hash != nullptr) *password_hash = details.value("passwordHash", "");
  }
  c.proposed_by = q.getColumn(4).getString();
  c.proposed_at = q.getColumn(5).getString();
  c.decision = q.getColumn(6).getString();
  c.decided_by = q.getColumn(7).getString();
  c.decided_at = q.getColumn(8).getString();
  return c;
}

// The audit trail's view: never the password's hash.
Json ChangeView(const StaffChange& c) {
  Json view = {{"id", c.id},
               {"kind", c.kind},
               {"subject", c.subject},
               {"proposedBy", c.proposed_by},
               {"proposedAt", c.proposed_at}};
  if (c.kind != "programme.four_eyes_off") view["role"] = RoleName(c.role);
  if (!c.display_name.empty()) view["displayName"] = c.display_name;
  if (!c.decision.empty()) {
    view["decision"] = c.decision;
    view["decidedBy"] = c.decided_by;
  }
  return view;
}

Role ElevatedFrom() { return Role::kIssuer; }

}  // namespace

Result<bool> StaffAccounts::FourEyesActive() const {
  return Guard("the programmes", [&]() -> Result<bool> {
    SQLite::Statement q(store_.db(), "SELECT 1 FROM programmes WHERE four_eyes = 1 LIMIT 1");
    return q.executeStep();
  });
}

Result<bool> StaffAccounts::RoleNeedsSecondAdministrator(Role role, const Actor& actor) const {
  if (!RoleAllows(role, ElevatedFrom())) return false;
  auto active = FourEyesActive();
  if (!active.ok()) return active.error();
  if (!*active) return false;
  if (!actor.shell) return true;
  return Guard("the administrators", [&]() -> Result<bool> {
    SQLite::Statement admins(
        store_.db(), "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL");
    admins.executeStep();
    return admins.getColumn(0).getInt64() >= 2;  // fewer: the operator is setting up
  });
}

Result<std::optional<StaffChange>> StaffAccounts::AddUserOrPropose(const StaffUser& user,
                                                                   const std::string& password,
                                                                   const Actor& actor) {
  auto needs_second = RoleNeedsSecondAdministrator(user.role, actor);
  if (!needs_second.ok()) return needs_second.error();
  if (!*needs_second) {
    if (Status s = AddUser(user, password, actor); !s.ok()) return s.error();
    return std::optional<StaffChange>();
  }
  StaffChange change;
  change.kind = "user.add";
  change.subject = user.username;
  change.display_name = user.display_name;
  change.role = user.role;
  auto proposed = ProposeStaffChange(change, password, actor);
  if (!proposed.ok()) return proposed.error();
  return std::optional<StaffChange>(*proposed);
}

Status StaffAccounts::CheckRoleMayBeGivenDirectly(Role role, const Actor& actor) const {
  auto needed = RoleNeedsSecondAdministrator(role, actor);
  if (!needed.ok()) return needed.error();
  if (!*needed) return Status::Ok();
  return Error::Refused(
      "four eyes: the role " + RoleName(role) +
      " is given only with a second administrator's approval; propose it, and another "
      "administrator approves");
}

void StaffAccounts::InsertUser(const StaffUser& user, const std::string& password_hash,
                               const std::string& by, const std::string& now) {
  SQLite::Statement insert(store_.db(),
                           "INSERT INTO users (username, display_name, role, password_hash, "
                           "created_at, password_changed_at, created_by, role_granted_by, "
                           "password_set_by, language, email) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  int i = 1;
  insert.bind(i++, user.username);
  insert.bind(i++, user.display_name);
  insert.bind(i++, RoleName(user.role));
  insert.bind(i++, password_hash);
  insert.bind(i++, now);
  insert.bind(i++, now);
  insert.bind(i++, by);
  insert.bind(i++, by);
  insert.bind(i++, by);
  insert.bind(i++, ParseStaffLanguage(user.language).value_or("de"));
  insert.bind(i++, user.email);
  insert.exec();
}

Status StaffAccounts::CheckSecondPerson(const std::string& proposer, const Actor& approver,
                                        Role needed) const {
  const std::string& person = approver.who();
  if (person == proposer) {
    return Error::Refused("four eyes: " + person +
                          " proposed this and cannot also approve it; another person must");
  }
  if (approver.shell) return Status::Ok();  // the operator is not one of the staff accounts
  auto account = GetUser(person);
  if (!account.ok()) return Error::Refused("four eyes: " + person + " is not a staff account");
  if (!account->disabled_at.empty() || !RoleAllows(account->role, needed)) {
    return Error::Refused("four eyes: this needs an active account with the role " +
                          RoleName(needed));
  }
  for (const auto& [by, what] : {std::pair{account->created_by, "created"},
                                 {account->role_granted_by, "gave the role of"},
                                 {account->password_set_by, "set the password of"}}) {
    if (by == proposer) {
      return Error::Refused("four eyes: " + proposer + " " + what + " the account " + person +
                            ", so its approval of " + proposer +
                            "'s proposal is not a second "
                            "person's");
    }
  }
  return Status::Ok();
}

Result<StaffChange> StaffAccounts::ProposeStaffChange(const StaffChange& input,
                                                      const std::string& password,
                                                      const Actor& actor) {
  StaffChange c = input;
  Json details = Json::object();
  if (c.kind == "user.add" || c.kind == "user.role") {
    details["role"] = RoleName(c.role);
    if (!RoleAllows(c.role, ElevatedFrom())) {
      return Error::InvalidInput(
          "only the roles issuer and admin need a second administrator; "
          "give " +
          RoleName(c.role) + " directly");
    }
  }
  if (c.kind == "user.add") {
    StaffUser user;
    user.username = c.subject;
    user.display_name = c.display_name;
    if (Status s = ValidateText("display name", c.display_name, 200, true); !s.ok()) {
      return s.error();
    }
    auto hash = HashChosenPassword(password);
    if (!hash.ok()) return hash.error();
    details["displayName"] = c.display_name;
    details["passwordHash"] = *hash;  // never shown; the account takes it when approved
  } else if (c.kind != "user.role" && c.kind != "programme.four_eyes_off") {
    return Error::InvalidInput("unknown staff change \"" + c.kind + "\"");
  }
  c.proposed_by = actor.who();
  c.proposed_at = FormatDateTimeStamp(store_.Now());
  Status status = store_.Write(
      [&]() -> Status {
        if (c.kind == "user.add") {
          if (GetUser(c.subject).ok()) {
            return Error::Conflict("a user named " + c.subject + " exists already");
          }
        } else if (c.kind == "user.role") {
          auto user = GetUser(c.subject);
          if (!user.ok()) return user.error();
          if (RoleAllows(user->role, c.role)) {
            return Error::InvalidInput(c.subject + " already has the role " + RoleName(user->role));
          }
        } else {
          auto required = queries_.FourEyesRequired(c.subject);
          if (!required.ok()) return required.error();
          if (!*required) {
            return Error::Refused("programme " + c.subject + " does not require four eyes");
          }
        }
        SQLite::Statement insert(store_.db(),
                                 "INSERT INTO staff_changes (kind, subject, details, proposed_by, "
                                 "proposed_at) VALUES (?, ?, ?, ?, ?)");
        insert.bind(1, c.kind);
        insert.bind(2, c.subject);
        insert.bind(3, details.dump());
        insert.bind(4, c.proposed_by);
        insert.bind(5, c.proposed_at);
        insert.exec();
        c.id = store_.db().getLastInsertRowid();
        AppendAudit(store_.db(), c.proposed_at, actor, "staff_change.propose", c.subject, Json(),
                    ChangeView(c));
        return Status::Ok();
      },
      false);
  if (!status.ok()) return status.error();
  return c;
}

Result<StaffChange> StaffAccounts::ApproveStaffChange(int64_t id, const Actor& approver) {
  StaffChange c;
  std::string now = FormatDateTimeStamp(store_.Now());
  auto apply = [&]() -> Status {
    SQLite::Statement q(store_.db(),
                        "SELECT " SIEGEL_STAFF_CHANGE_COLUMNS " FROM staff_changes WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return Error::NotFound("there is no staff change " + std::to_string(id));
    std::string password_hash;
    c = ReadChange(q, &password_hash);
    if (!c.decision.empty()) {
      return Error::Refused("staff change " + std::to_string(id) + " was already " + c.decision +
                            " by " + c.decided_by);
    }
    if (Status s = CheckSecondPerson(c.proposed_by, approver, Role::kAdmin); !s.ok()) return s;
    StaffChange before = c;
    if (c.kind == "user.add") {
      if (GetUser(c.subject).ok()) {
        return Error::Conflict("a user named " + c.subject + " exists already");
      }
      StaffUser user;
      user.username = c.subject;
      user.display_name = c.display_name;
      user.role = c.role;
      InsertUser(user, password_hash, c.proposed_by, now);
    } else if (c.kind == "user.role") {
      SQLite::Statement update(store_.db(),
                               "UPDATE users SET role = ?, role_granted_by = ? WHERE username = ?");
      update.bind(1, RoleName(c.role));
      update.bind(2, c.proposed_by);
      update.bind(3, c.subject);
      if (update.exec() != 1) return Error::NotFound("there is no user " + c.subject);
      EndTokensOf(c.subject, now);
    } else {
      SQLite::Statement update(store_.db(), "UPDATE programmes SET four_eyes = 0 WHERE code = ?");
      update.bind(1, c.subject);
      update.exec();
    }
    SQLite::Statement decide(store_.db(),
                             "UPDATE staff_changes SET decision = 'approved', decided_by = ?, "
                             "decided_at = ? WHERE id = ?");
    decide.bind(1, approver.who());
    decide.bind(2, now);
    decide.bind(3, id);
    decide.exec();
    c.decision = "approved";
    c.decided_by = approver.who();
    c.decided_at = now;
    AppendAudit(store_.db(), now, approver, "staff_change.approve", c.subject, ChangeView(before),
                ChangeView(c));
    return Status::Ok();
  };
  Status status = store_.Write(apply, /*public_change=*/false);
  if (!status.ok()) return status.error();
  return c;
}

Status StaffAccounts::RejectStaffChange(int64_t id, const Actor& actor) {
  std::string now = FormatDateTimeStamp(store_.Now());
  return store_.Write(
      [&]() -> Status {
        SQLite::Statement q(
            store_.db(), "SELECT " SIEGEL_STAFF_CHANGE_COLUMNS " FROM staff_changes WHERE id = ?");
        q.bind(1, id);
        if (!q.executeStep()) {
          return Error::NotFound("there is no staff change " + std::to_string(id));
        }
        StaffChange c = ReadChange(q);
        if (!c.decision.empty()) {
          return Error::Refused("staff change " + std::to_string(id) + " was already " +
                                c.decision + " by " + c.decided_by);
        }
        StaffChange after = c;
        after.decision = "rejected";
        after.decided_by = actor.who();
        SQLite::Statement decide(store_.db(),
                                 "UPDATE staff_changes SET decision = 'rejected', decided_by = ?, "
                                 "decided_at = ? WHERE id = ?");
        decide.bind(1, after.decided_by);
        decide.bind(2, now);
        decide.bind(3, id);
        decide.exec();
        AppendAudit(store_.db(), now, actor, "staff_change.reject", c.subject, ChangeView(c),
                    ChangeView(after));
        return Status::Ok();
      },
      false);
}

Result<StaffChange> StaffAccounts::GetStaffChange(int64_t id) const {
  return Guard("a staff change", [&]() -> Result<StaffChange> {
    SQLite::Statement q(store_.db(),
                        "SELECT " SIEGEL_STAFF_CHANGE_COLUMNS " FROM staff_changes WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return Error::NotFound("there is no staff change " + std::to_string(id));
    return ReadChange(q);
  });
}

Result<std::vector<StaffChange>> StaffAccounts::ListStaffChanges(bool open_only) const {
  return Guard("staff changes", [&]() -> Result<std::vector<StaffChange>> {
    SQLite::Statement q(store_.db(), "SELECT " SIEGEL_STAFF_CHANGE_COLUMNS
                                     " FROM staff_changes WHERE (?1 = 0 OR decision IS NULL) "
                                     "ORDER BY id DESC");
    q.bind(1, open_only ? 1 : 0);
    std::vector<StaffChange> out;
    while (q.executeStep()) out.push_back(ReadChange(q));
    return out;
  });
}

Status StaffAccounts::SetFourEyes(const std::string& programme_code, bool required,
                                  const Actor& actor) {
  return store_.Write(
      [&]() -> Status {
        auto before = queries_.FourEyesRequired(programme_code);
        if (!before.ok()) return before.error();
        if (*before && !required) {
          return Error::Refused("four eyes: switching it off for " + programme_code +
                                " needs a second administrator's approval; propose it, and "
                                "another administrator approves");
        }
        SQLite::Statement update(store_.db(), "UPDATE programmes SET four_eyes = ? WHERE code = ?");
        update.bind(1, required ? 1 : 0);
        update.bind(2, programme_code);
        update.exec();
        AppendAudit(store_.db(), FormatDateTimeStamp(store_.Now()), actor, "programme.four_eyes",
                    programme_code, Json{{"fourEyes", *before}}, Json{{"fourEyes", required}});
        return Status::Ok();
      },
      false);
}

}  // namespace siegel
