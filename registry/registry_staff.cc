// Staff accounts, sessions and API tokens. Passwords are kept only as Argon2id hashes and
// session cookies and tokens only as SHA-256 hashes; the audit trail names who changed what,
// never a secret.
#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include "registry/audit.h"
#include "registry/password.h"
#include "registry/registry.h"
#include "registry/secret_token.h"
#include "registry/sql_guard.h"
#include "registry/validation.h"

namespace siegel {
namespace {

constexpr int64_t kMaxTokenLifetimeSeconds = 366LL * 86400;

#define SIEGEL_USER_COLUMNS                                                                    \
  "username, display_name, role, created_at, password_changed_at, COALESCE(disabled_at, ''), " \
  "created_by, role_granted_by, password_set_by"

// A disabled account or a new password signs the account out everywhere.
void EndSessionsOf(SQLite::Database& db, const std::string& username, const std::string& now) {
  SQLite::Statement end(db,
                        "UPDATE sessions SET ended_at = ? WHERE username = ? AND ended_at IS NULL");
  end.bind(1, now);
  end.bind(2, username);
  end.exec();
}

StaffUser ReadUser(SQLite::Statement& q) {
  StaffUser u;
  u.username = q.getColumn(0).getString();
  u.display_name = q.getColumn(1).getString();
  u.role = ParseRole(q.getColumn(2).getString()).value_or(Role::kViewer);
  u.created_at = q.getColumn(3).getString();
  u.password_changed_at = q.getColumn(4).getString();
  u.disabled_at = q.getColumn(5).getString();
  u.created_by = q.getColumn(6).getString();
  u.role_granted_by = q.getColumn(7).getString();
  u.password_set_by = q.getColumn(8).getString();
  return u;
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

// A real Argon2id hash to check against when the user does not exist, so that an unknown
// name takes as long to refuse as a wrong password.
const std::string& DummyHash() {
  static const std::string kHash = [] {
    auto hash = HashPassword("not a real password 0");
    return hash.ok() ? *hash : std::string();
  }();
  return kHash;
}

}  // namespace

Status Registry::AddUser(const StaffUser& user, const std::string& password, const Actor& actor) {
  if (Status s = ValidateUsername(user.username); !s.ok()) return s;
  if (Status s = ValidateText("display name", user.display_name, 200, true); !s.ok()) return s;
  if (Status s = CheckPasswordPolicy(password); !s.ok()) return s;
  auto hash = HashPassword(password);
  if (!hash.ok()) return hash.error();
  std::string now = FormatDateTimeStamp(Now());
  return Write(
      [&]() -> Status {
        SQLite::Statement exists(*db_, "SELECT 1 FROM users WHERE username = ?");
        exists.bind(1, user.username);
        if (exists.executeStep()) {
          return Error::Conflict("a user named " + user.username + " exists already");
        }
        if (Status s = CheckRoleMayBeGivenDirectly(user.role, actor); !s.ok()) return s;
        InsertUser(user, *hash, actor.who(), now);
        StaffUser added = user;
        AppendAudit(*db_, now, actor, "user.add", user.username, Json(), UserView(added));
        return Status::Ok();
      },
      /*public_change=*/false);
}

Status Registry::DisableUser(const std::string& username, const Actor& actor) {
  std::string now = FormatDateTimeStamp(Now());
  return Write(
      [&]() -> Status {
        auto user = GetUser(username);
        if (!user.ok()) return user.error();
        if (!user->disabled_at.empty()) {
          return Error::Refused("user " + username + " is already disabled since " +
                                user->disabled_at.substr(0, 10));
        }
        SQLite::Statement update(*db_, "UPDATE users SET disabled_at = ? WHERE username = ?");
        update.bind(1, now);
        update.bind(2, username);
        update.exec();
        EndSessionsOf(*db_, username, now);
        StaffUser after = *user;
        after.disabled_at = now;
        AppendAudit(*db_, now, actor, "user.disable", username, UserView(*user), UserView(after));
        return Status::Ok();
      },
      false);
}

Status Registry::ResetPassword(const std::string& username, const std::string& password,
                               const Actor& actor) {
  if (Status s = CheckPasswordPolicy(password); !s.ok()) return s;
  auto hash = HashPassword(password);
  if (!hash.ok()) return hash.error();
  std::string now = FormatDateTimeStamp(Now());
  return Write(
      [&]() -> Status {
        auto user = GetUser(username);
        if (!user.ok()) return user.error();
        SQLite::Statement update(
            *db_, "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE username = ?");
        update.bind(1, *hash);
        update.bind(2, now);
        update.bind(3, username);
        update.exec();
        SQLite::Statement set_by(*db_, "UPDATE users SET password_set_by = ? WHERE username = ?");
        set_by.bind(1, actor.who());
        set_by.bind(2, username);
        set_by.exec();
        EndSessionsOf(*db_, username, now);
        int tokens = EndTokensOf(username, now);
        AppendAudit(*db_, now, actor, "user.reset_password", username, Json(),
                    Json{{"passwordChangedAt", now}, {"tokensEnded", tokens}});
        return Status::Ok();
      },
      false);
}

Result<std::vector<StaffUser>> Registry::ListUsers() const {
  return Guard("users", [&]() -> Result<std::vector<StaffUser>> {
    SQLite::Statement q(*db_, "SELECT " SIEGEL_USER_COLUMNS " FROM users ORDER BY username");
    std::vector<StaffUser> out;
    while (q.executeStep()) out.push_back(ReadUser(q));
    return out;
  });
}

Result<StaffUser> Registry::GetUser(const std::string& username) const {
  return Guard("a user", [&]() -> Result<StaffUser> {
    SQLite::Statement q(*db_, "SELECT " SIEGEL_USER_COLUMNS " FROM users WHERE username = ?");
    q.bind(1, username);
    if (!q.executeStep()) return Error::NotFound("there is no user " + username);
    return ReadUser(q);
  });
}

// A new password or a new role ends the account's API tokens too: whoever held the old
// password could have made one, and a token must not outlive the role it was made under.
int Registry::EndTokensOf(const std::string& username, const std::string& now) {
  SQLite::Statement revoke(
      *db_, "UPDATE api_tokens SET revoked_at = ? WHERE created_by = ? AND revoked_at IS NULL");
  revoke.bind(1, now);
  revoke.bind(2, username);
  return revoke.exec();
}

Status Registry::ChangeRole(const std::string& username, Role role, const Actor& actor) {
  std::string now = FormatDateTimeStamp(Now());
  return Write(
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
            *db_, "UPDATE users SET role = ?, role_granted_by = ? WHERE username = ?");
        update.bind(1, RoleName(role));
        update.bind(2, actor.who());
        update.bind(3, username);
        update.exec();
        int tokens = EndTokensOf(username, now);
        AppendAudit(*db_, now, actor, "user.role", username, Json{{"role", RoleName(user->role)}},
                    Json{{"role", RoleName(role)}, {"tokensEnded", tokens}});
        return Status::Ok();
      },
      false);
}

Result<StaffUser> Registry::CheckPassword(const std::string& username,
                                          const std::string& password) const {
  const Error refused = Error::Refused("the user name or the password is wrong");
  auto stored = Guard("a user", [&]() -> Result<std::pair<StaffUser, std::string>> {
    SQLite::Statement q(
        *db_, "SELECT " SIEGEL_USER_COLUMNS ", password_hash FROM users WHERE username = ?");
    q.bind(1, username);
    if (!q.executeStep()) return Error::NotFound("no such user");
    return std::make_pair(ReadUser(q), q.getColumn(9).getString());
  });
  if (!stored.ok()) {
    if (stored.error().code != ErrorCode::kNotFound) return stored.error();
    (void)VerifyPassword(password, DummyHash());
    return refused;
  }
  bool matches = VerifyPassword(password, stored->second);
  if (!matches || !stored->first.disabled_at.empty()) return refused;
  return stored->first;
}

Result<std::string> Registry::StartSession(const std::string& username, int64_t lifetime_seconds) {
  auto token = NewSecretToken("");
  if (!token.ok()) return token.error();
  UnixSeconds now = Now();
  std::string now_text = FormatDateTimeStamp(now);
  Status status = Write(
      [&]() -> Status {
        SQLite::Statement insert(
            *db_,
            "INSERT INTO sessions (token_hash, username, created_at, expires_at) "
            "VALUES (?, ?, ?, ?)");
        insert.bind(1, SecretTokenHash(*token));
        insert.bind(2, username);
        insert.bind(3, now_text);
        insert.bind(4, FormatDateTimeStamp(now + lifetime_seconds));
        insert.exec();
        // Sessions that ended or expired more than 30 days ago are of no further use.
        SQLite::Statement prune(*db_, "DELETE FROM sessions WHERE expires_at < ?");
        prune.bind(1, FormatDateTimeStamp(now - 30 * 86400));
        prune.exec();
        AppendAudit(*db_, now_text, Actor{"admin:" + username}, "session.start", username, Json(),
                    Json());
        return Status::Ok();
      },
      false);
  if (!status.ok()) return status.error();
  return token;
}

Result<Principal> Registry::SessionPrincipal(const std::string& session_token) const {
  return Guard("a session", [&]() -> Result<Principal> {
    SQLite::Statement q(*db_,
                        "SELECT u.username, u.role, s.expires_at FROM sessions s "
                        "JOIN users u ON u.username = s.username "
                        "WHERE s.token_hash = ? AND s.ended_at IS NULL AND s.expires_at > ? "
                        "AND u.disabled_at IS NULL AND s.created_at >= u.password_changed_at");
    q.bind(1, SecretTokenHash(session_token));
    q.bind(2, FormatDateTimeStamp(Now()));
    if (!q.executeStep()) return Error::NotFound("the session is unknown, ended or expired");
    Principal p;
    p.username = q.getColumn(0).getString();
    p.actor_name = "admin:" + p.username;
    p.role = ParseRole(q.getColumn(1).getString()).value_or(Role::kViewer);
    p.session_expires_at = q.getColumn(2).getString();
    return p;
  });
}

Status Registry::EndSession(const std::string& session_token) {
  std::string now = FormatDateTimeStamp(Now());
  return Write(
      [&]() -> Status {
        SQLite::Statement q(
            *db_, "SELECT username FROM sessions WHERE token_hash = ? AND ended_at IS NULL");
        q.bind(1, SecretTokenHash(session_token));
        if (!q.executeStep()) return Status::Ok();  // signing out twice is not an error
        std::string username = q.getColumn(0).getString();
        SQLite::Statement end(*db_, "UPDATE sessions SET ended_at = ? WHERE token_hash = ?");
        end.bind(1, now);
        end.bind(2, SecretTokenHash(session_token));
        end.exec();
        AppendAudit(*db_, now, Actor{"admin:" + username}, "session.end", username, Json(), Json());
        return Status::Ok();
      },
      false);
}

Result<NewApiToken> Registry::CreateApiToken(const std::string& name, Role role,
                                             UnixSeconds expires_at, const Principal& creator) {
  if (Status s = ValidateText("token name", name, 100, true); !s.ok()) return s.error();
  if (!RoleAllows(creator.role, role)) {
    return Error::Refused("a " + RoleName(creator.role) + " cannot create a token with role " +
                          RoleName(role));
  }
  if (creator.via_token) return Error::Refused("API tokens cannot create further tokens");
  UnixSeconds now = Now();
  if (expires_at <= now) return Error::InvalidInput("the token's expiry must lie in the future");
  if (expires_at > now + kMaxTokenLifetimeSeconds) {
    return Error::InvalidInput("a token may live at most one year; choose an earlier expiry");
  }
  auto token = NewSecretToken("sgl_");
  if (!token.ok()) return token.error();
  NewApiToken out;
  out.token = *token;
  out.record.name = name;
  out.record.role = role;
  out.record.created_by = creator.username;
  out.record.created_at = FormatDateTimeStamp(now);
  out.record.expires_at = FormatDateTimeStamp(expires_at);
  Status status = Write(
      [&]() -> Status {
        SQLite::Statement insert(*db_,
                                 "INSERT INTO api_tokens (name, token_hash, role, created_by, "
                                 "created_at, expires_at, held_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
        insert.bind(1, name);
        insert.bind(2, SecretTokenHash(*token));
        insert.bind(3, RoleName(role));
        insert.bind(4, creator.username);
        insert.bind(5, out.record.created_at);
        insert.bind(6, out.record.expires_at);
        insert.bind(7, creator.person == creator.username ? "" : creator.person);
        insert.exec();
        out.record.id = db_->getLastInsertRowid();
        AppendAudit(
            *db_, out.record.created_at, Actor{creator.actor_name}, "token.create",
            "token:" + std::to_string(out.record.id), Json(),
            Json{{"name", name}, {"role", RoleName(role)}, {"expiresAt", out.record.expires_at}});
        return Status::Ok();
      },
      false);
  if (!status.ok()) return status.error();
  return out;
}

Result<Principal> Registry::TokenPrincipal(const std::string& token) const {
  return Guard("an API token", [&]() -> Result<Principal> {
    SQLite::Statement q(*db_,
                        "SELECT t.id, t.name, t.role, t.created_by, u.role, t.held_by "
                        "FROM api_tokens t "
                        "JOIN users u ON u.username = t.created_by "
                        "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? "
                        "AND u.disabled_at IS NULL");
    q.bind(1, SecretTokenHash(token));
    q.bind(2, FormatDateTimeStamp(Now()));
    if (!q.executeStep()) return Error::NotFound("the API token is unknown, revoked or expired");
    Principal p;
    p.via_token = true;
    p.username = q.getColumn(3).getString();
    p.actor_name =
        "token:" + q.getColumn(0).getString() + ":" + q.getColumn(1).getString() + ":" + p.username;
    Role token_role = ParseRole(q.getColumn(2).getString()).value_or(Role::kViewer);
    Role user_role = ParseRole(q.getColumn(4).getString()).value_or(Role::kViewer);
    // A token never holds more than its creator holds today.
    p.role = RoleAllows(user_role, token_role) ? token_role : user_role;
    p.person = q.getColumn(5).getString();
    return p;
  });
}

Result<std::vector<ApiTokenRecord>> Registry::ListApiTokens() const {
  return Guard("API tokens", [&]() -> Result<std::vector<ApiTokenRecord>> {
    SQLite::Statement q(*db_,
                        "SELECT id, name, role, created_by, created_at, expires_at, "
                        "COALESCE(revoked_at, '') FROM api_tokens ORDER BY id");
    std::vector<ApiTokenRecord> out;
    while (q.executeStep()) {
      ApiTokenRecord r;
      r.id = q.getColumn(0).getInt64();
      r.name = q.getColumn(1).getString();
      r.role = ParseRole(q.getColumn(2).getString()).value_or(Role::kViewer);
      r.created_by = q.getColumn(3).getString();
      r.created_at = q.getColumn(4).getString();
      r.expires_at = q.getColumn(5).getString();
      r.revoked_at = q.getColumn(6).getString();
      out.push_back(r);
    }
    return out;
  });
}

Status Registry::RevokeApiToken(int64_t id, const Actor& actor) {
  std::string now = FormatDateTimeStamp(Now());
  return Write(
      [&]() -> Status {
        SQLite::Statement q(*db_, "SELECT revoked_at FROM api_tokens WHERE id = ?");
        q.bind(1, id);
        if (!q.executeStep()) return Error::NotFound("there is no API token " + std::to_string(id));
        if (!q.getColumn(0).isNull()) {
          return Error::Refused("API token " + std::to_string(id) + " is already revoked");
        }
        SQLite::Statement update(*db_, "UPDATE api_tokens SET revoked_at = ? WHERE id = ?");
        update.bind(1, now);
        update.bind(2, id);
        update.exec();
        AppendAudit(*db_, now, actor, "token.revoke", "token:" + std::to_string(id), Json(),
                    Json{{"revokedAt", now}});
        return Status::Ok();
      },
      false);
}

}  // namespace siegel
