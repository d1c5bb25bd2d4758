// Staff accounts: added, disabled, their roles and passwords changed. Passwords are kept only
// as Argon2id hashes; the audit trail names who changed what, never a secret.
#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include "registry/audit.h"
#include "registry/password.h"
#include "registry/registry.h"
#include "registry/secret_token.h"
#include "registry/sql_guard.h"
#include "registry/staff_rows.h"
#include "registry/validation.h"

namespace siegel {
namespace {

// A disabled account or a new password signs the account out everywhere.
void EndSessionsOf(SQLite::Database& db, const std::string& username, const std::string& now) {
  SQLite::Statement end(db,
                        "UPDATE sessions SET ended_at = ? WHERE username = ? AND ended_at IS NULL");
  end.bind(1, now);
  end.bind(2, username);
  end.exec();
}

Json UserView(const StaffUser& u) {
  return Json{{"username", u.username},
              {"displayName", u.display_name},
              {"role", RoleName(u.role)},
              {"disabled", !u.disabled_at.empty()}};
}

Status ValidateUsername(const std::string& username) {
  bool ok =
      username.size() >= 2 && username.size() <= 64 && username[0] >= 'a' && username[0] <= 'z' &&
      username.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") == std::string::npos;
  if (!ok) {
    return Error::InvalidInput("user name \"" + username +
                               "\" must be 2-64 lowercase letters, digits, '.', '_' or '-', "
                               "starting with a letter");
  }
  return Status::Ok();
}

}  // namespace

Status StaffAccounts::AddUser(const StaffUser& user, const std::string& password,
                              const Actor& actor) {
  if (Status s = ValidateUsername(user.username); !s.ok()) return s;
  if (Status s = ValidateText("display name", user.display_name, 200, true); !s.ok()) return s;
  auto hash = HashChosenPassword(password);
  if (!hash.ok()) return hash.error();
  std::string now = FormatDateTimeStamp(store_.Now());
  return store_.Write(
      [&]() -> Status {
        SQLite::Statement exists(store_.db(), "SELECT 1 FROM users WHERE username = ?");
        exists.bind(1, user.username);
        if (exists.executeStep()) {
          return Error::Conflict("a user named " + user.username + " exists already");
        }
        if (Status s = CheckRoleMayBeGivenDirectly(user.role, actor); !s.ok()) return s;
        InsertUser(user, *hash, actor.who(), now);
        StaffUser added = user;
        AppendAudit(store_.db(), now, actor, "user.add", user.username, Json(), UserView(added));
        return Status::Ok();
      },
      /*public_change=*/false);
}

Status StaffAccounts::DisableUser(const std::string& username, const Actor& actor) {
  std::string now = FormatDateTimeStamp(store_.Now());
  return store_.Write(
      [&]() -> Status {
        auto user = GetUser(username);
        if (!user.ok()) return user.error();
        if (!user->disabled_at.empty()) {
          return Error::Refused("user " + username + " is already disabled since " +
                                user->disabled_at.substr(0, 10));
        }
        SQLite::Statement update(store_.db(),
                                 "UPDATE users SET disabled_at = ? WHERE username = ?");
        update.bind(1, now);
        update.bind(2, username);
        update.exec();
        EndSessionsOf(store_.db(), username, now);
        StaffUser after = *user;
        after.disabled_at = now;
        AppendAudit(store_.db(), now, actor, "user.disable", username, UserView(*user),
                    UserView(after));
        return Status::Ok();
      },
      false);
}

Status StaffAccounts::ResetPassword(const std::string& username, const std::string& password,
                                    const Actor& actor) {
  return SetPassword(username, password, actor, "user.reset_password");
}

Status StaffAccounts::SetPassword(const std::string& username, const std::string& password,
                                  const Actor& actor, const char* action) {
  auto hash = HashChosenPassword(password);
  if (!hash.ok()) return hash.error();
  std::string now = FormatDateTimeStamp(store_.Now());
  return store_.Write(
      [&]() -> Status {
        auto user = GetUser(username);
        if (!user.ok()) return user.error();
        SQLite::Statement update(store_.db(),
                                 "UPDATE users SET password_hash = ?, password_changed_at = ?, "
                                 "password_set_by = ? WHERE username = ?");
        update.bind(1, *hash);
        update.bind(2, now);
        update.bind(3, actor.who());
        update.bind(4, username);
        update.exec();
        EndSessionsOf(store_.db(), username, now);
        int tokens = EndTokensOf(username, now);
        AppendAudit(store_.db(), now, actor, action, username, Json(),
                    Json{{"passwordChangedAt", now}, {"tokensEnded", tokens}});
        return Status::Ok();
      },
      false);
}

Status StaffAccounts::SetPreferences(const std::string& username, const std::string& language,
                                     const std::string& email, const Actor& actor) {
  if (!ParseStaffLanguage(language)) {
    return Error::InvalidInput("the language must be de (Deutsch) or en (English), not \"" +
                               language + "\"");
  }
  if (Status s = ValidateEmailAddress("the e-mail address", email); !s.ok()) return s;
  std::string now = FormatDateTimeStamp(store_.Now());
  return store_.Write(
      [&]() -> Status {
        auto user = GetUser(username);
        if (!user.ok()) return user.error();
        SQLite::Statement update(store_.db(),
                                 "UPDATE users SET language = ?, email = ? WHERE username = ?");
        update.bind(1, language);
        update.bind(2, email);
        update.bind(3, username);
        update.exec();
        AppendAudit(store_.db(), now, actor, "user.preferences", username,
                    Json{{"language", user->language}, {"email", user->email}},
                    Json{{"language", language}, {"email", email}});
        return Status::Ok();
      },
      false);
}

Status StaffAccounts::ChangeOwnPassword(const std::string& username, const std::string& current,
                                        const std::string& chosen, const Actor& actor) {
  if (actor.who() != username) {
    return Error::Refused("only " + username + " can change their own password this way");
  }
  auto stored = Guard("a user", [&]() -> Result<std::string> {
    SQLite::Statement q(store_.db(), "SELECT password_hash FROM users WHERE username = ?");
    q.bind(1, username);
    if (!q.executeStep()) return Error::NotFound("no user " + username);
    return q.getColumn(0).getString();
  });
  if (!stored.ok()) return stored.error();
  if (!VerifyPassword(current, *stored)) {
    return Error::Refused("the current password is wrong; the password was not changed")
        .About("current password", "password_wrong");
  }
  if (current == chosen) {
    return Error::InvalidInput("the new password is the current one; choose a different one")
        .About("password", "password_same");
  }
  return SetPassword(username, chosen, actor, "user.change_password");
}

Result<Role> StaffAccounts::EnableUser(const std::string& username, const Actor& actor) {
  std::string now = FormatDateTimeStamp(store_.Now());
  Role role = Role::kViewer;
  Status status = store_.Write(
      [&]() -> Status {
        auto user = GetUser(username);
        if (!user.ok()) return user.error();
        if (user->disabled_at.empty()) {
          return Error::Refused("user " + username + " is not disabled");
        }
        // A disabled issuer or administrator comes back only as four eyes allows.
        role = CheckRoleMayBeGivenDirectly(user->role, actor).ok() ? user->role : Role::kViewer;
        SQLite::Statement update(store_.db(),
                                 "UPDATE users SET disabled_at = NULL, role = ?, "
                                 "role_granted_by = CASE WHEN role = ? THEN role_granted_by "
                                 "ELSE ? END WHERE username = ?");
        update.bind(1, RoleName(role));
        update.bind(2, RoleName(role));
        update.bind(3, actor.who());
        update.bind(4, username);
        update.exec();
        StaffUser after = *user;
        after.disabled_at.clear();
        after.role = role;
        AppendAudit(store_.db(), now, actor, "user.enable", username, UserView(*user),
                    UserView(after));
        return Status::Ok();
      },
      false);
  if (!status.ok()) return status.error();
  return role;
}

Result<std::vector<StaffUser>> StaffAccounts::ListUsers() const {
  return Guard("users", [&]() -> Result<std::vector<StaffUser>> {
    SQLite::Statement q(store_.db(), "SELECT " SIEGEL_USER_COLUMNS " FROM users ORDER BY username");
    std::vector<StaffUser> out;
    while (q.executeStep()) out.push_back(ReadUser(q));
    return out;
  });
}

Result<StaffUser> StaffAccounts::GetUser(const std::string& username) const {
  return Guard("a user", [&]() -> Result<StaffUser> {
    SQLite::Statement q(store_.db(),
                        "SELECT " SIEGEL_USER_COLUMNS " FROM users WHERE username = ?");
    q.bind(1, username);
    if (!q.executeStep()) return Error::NotFound("there is no user " + username);
    return ReadUser(q);
  });
}

// A new password or a new role ends the account's API tokens too: whoever held the old
// password could have made one, and a token must not outlive the role it was made under.
int StaffAccounts::EndTokensOf(const std::string& username, const std::string& now) {
  SQLite::Statement revoke(
      store_.db(),
      "UPDATE api_tokens SET revoked_at = ? WHERE created_by = ? AND revoked_at IS NULL");
  revoke.bind(1, now);
  revoke.bind(2, username);
  return revoke.exec();
}

Status StaffAccounts::ChangeRole(const std::string& username, Role role, const Actor& actor) {
  std::string now = FormatDateTimeStamp(store_.Now());
  return store_.Write(
      [&]() -> Status {
        auto user = GetUser(username);
        if (!user.ok()) return user.error();
        if (user->role == role) {
          return Error::Refused(username + " already has the role " + RoleName(role));
        }
        bool raising = RoleAllows(role, user->role);
        if (raising) {
          if (Status s = CheckRoleMayBeGivenDirectly(role, actor); !s.ok()) return s;
        }
        SQLite::Statement update(
            store_.db(), "UPDATE users SET role = ?, role_granted_by = ? WHERE username = ?");
        update.bind(1, RoleName(role));
        update.bind(2, actor.who());
        update.bind(3, username);
        update.exec();
        int tokens = EndTokensOf(username, now);
        AppendAudit(store_.db(), now, actor, "user.role", username,
                    Json{{"role", RoleName(user->role)}},
                    Json{{"role", RoleName(role)}, {"tokensEnded", tokens}});
        return Status::Ok();
      },
      false);
}

}  // namespace siegel
