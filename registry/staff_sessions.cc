// Signing in: passwords checked, sessions and API tokens. Session cookies and tokens are
// kept only as SHA-256 hashes; the audit trail names who changed what, never a secret.
#include "registry/staff_sessions.h"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include "registry/audit.h"
#include "registry/password.h"
#include "registry/registry_store.h"
#include "registry/secret_token.h"
#include "registry/sql_guard.h"
#include "registry/staff_rows.h"
#include "registry/validation.h"

namespace siegel {
namespace {

constexpr int64_t kMaxTokenLifetimeSeconds = 366LL * 86400;

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

Result<StaffUser> StaffSessions::CheckPassword(const std::string& username,
                                               const std::string& password) const {
  const Error refused = Error::Refused("the user name or the password is wrong");
  auto stored = Guard("a user", [&]() -> Result<std::pair<StaffUser, std::string>> {
    SQLite::Statement q(
        store_.db(), "SELECT " SIEGEL_USER_COLUMNS ", password_hash FROM users WHERE username = ?");
    q.bind(1, username);
    if (!q.executeStep()) return Error::NotFound("no such user");
    return std::make_pair(ReadUser(q), q.getColumn(kUserColumnCount).getString());
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

Result<std::string> StaffSessions::StartSession(const std::string& username,
                                                int64_t lifetime_seconds) {
  auto token = NewSecretToken("");
  if (!token.ok()) return token.error();
  UnixSeconds now = store_.Now();
  std::string now_text = FormatDateTimeStamp(now);
  Status status = store_.Write(
      [&]() -> Status {
        SQLite::Statement insert(
            store_.db(),
            "INSERT INTO sessions (token_hash, username, created_at, expires_at) "
            "VALUES (?, ?, ?, ?)");
        insert.bind(1, SecretTokenHash(*token));
        insert.bind(2, username);
        insert.bind(3, now_text);
        insert.bind(4, FormatDateTimeStamp(now + lifetime_seconds));
        insert.exec();
        // Sessions that ended or expired more than 30 days ago are of no further use.
        SQLite::Statement prune(store_.db(), "DELETE FROM sessions WHERE expires_at < ?");
        prune.bind(1, FormatDateTimeStamp(now - 30 * 86400));
        prune.exec();
        AppendAudit(store_.db(), now_text, Actor{"admin:" + username}, "session.start", username,
                    Json(), Json());
        return Status::Ok();
      },
      false);
  if (!status.ok()) return status.error();
  return token;
}

Result<Principal> StaffSessions::SessionPrincipal(const std::string& session_token) const {
  return Guard("a session", [&]() -> Result<Principal> {
    SQLite::Statement q(store_.db(),
                        "SELECT u.username, u.role, s.expires_at, u.language FROM sessions s "
                        "JOIN users u ON u.username = s.username "
                        "WHERE s.token_hash = ? AND s.ended_at IS NULL AND s.expires_at > ? "
                        "AND u.disabled_at IS NULL AND s.created_at >= u.password_changed_at");
    q.bind(1, SecretTokenHash(session_token));
    q.bind(2, FormatDateTimeStamp(store_.Now()));
    if (!q.executeStep()) return Error::NotFound("the session is unknown, ended or expired");
    Principal p;
    p.username = q.getColumn(0).getString();
    p.actor_name = "admin:" + p.username;
    p.role = ParseRole(q.getColumn(1).getString()).value_or(Role::kViewer);
    p.session_expires_at = q.getColumn(2).getString();
    p.language = q.getColumn(3).getString();
    return p;
  });
}

Status StaffSessions::EndSession(const std::string& session_token) {
  std::string now = FormatDateTimeStamp(store_.Now());
  return store_.Write(
      [&]() -> Status {
        SQLite::Statement q(
            store_.db(), "SELECT username FROM sessions WHERE token_hash = ? AND ended_at IS NULL");
        q.bind(1, SecretTokenHash(session_token));
        if (!q.executeStep()) return Status::Ok();  // signing out twice is not an error
        std::string username = q.getColumn(0).getString();
        SQLite::Statement end(store_.db(), "UPDATE sessions SET ended_at = ? WHERE token_hash = ?");
        end.bind(1, now);
        end.bind(2, SecretTokenHash(session_token));
        end.exec();
        AppendAudit(store_.db(), now, Actor{"admin:" + username}, "session.end", username, Json(),
                    Json());
        return Status::Ok();
      },
      false);
}

Result<NewApiToken> StaffSessions::CreateApiToken(const std::string& name, Role role,
                                                  UnixSeconds expires_at,
                                                  const Principal& creator) {
  if (Status s = ValidateText("token name", name, 100, true); !s.ok()) return s.error();
  if (!RoleAllows(creator.role, role)) {
    return Error::Refused("a " + RoleName(creator.role) + " cannot create a token with role " +
                          RoleName(role));
  }
  if (creator.via_token) return Error::Refused("API tokens cannot create further tokens");
  UnixSeconds now = store_.Now();
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
  Status status = store_.Write(
      [&]() -> Status {
        SQLite::Statement insert(store_.db(),
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
        out.record.id = store_.db().getLastInsertRowid();
        AppendAudit(
            store_.db(), out.record.created_at, Actor{creator.actor_name}, "token.create",
            "token:" + std::to_string(out.record.id), Json(),
            Json{{"name", name}, {"role", RoleName(role)}, {"expiresAt", out.record.expires_at}});
        return Status::Ok();
      },
      false);
  if (!status.ok()) return status.error();
  return out;
}

Result<Principal> StaffSessions::TokenPrincipal(const std::string& token) const {
  return Guard("an API token", [&]() -> Result<Principal> {
    SQLite::Statement q(store_.db(),
                        "SELECT t.id, t.name, t.role, t.created_by, u.role, t.held_by "
                        "FROM api_tokens t "
                        "JOIN users u ON u.username = t.created_by "
                        "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? "
                        "AND u.disabled_at IS NULL");
    q.bind(1, SecretTokenHash(token));
    q.bind(2, FormatDateTimeStamp(store_.Now()));
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

Result<std::vector<ApiTokenRecord>> StaffSessions::ListApiTokens() const {
  return Guard("API tokens", [&]() -> Result<std::vector<ApiTokenRecord>> {
    SQLite::Statement q(store_.db(),
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

Status StaffSessions::RevokeApiToken(int64_t id, const Actor& actor) {
  std::string now = FormatDateTimeStamp(store_.Now());
  return store_.Write(
      [&]() -> Status {
        SQLite::Statement q(store_.db(), "SELECT revoked_at FROM api_tokens WHERE id = ?");
        q.bind(1, id);
        if (!q.executeStep()) return Error::NotFound("there is no API token " + std::to_string(id));
        if (!q.getColumn(0).isNull()) {
          return Error::Refused("API token " + std::to_string(id) + " is already revoked");
        }
        SQLite::Statement update(store_.db(), "UPDATE api_tokens SET revoked_at = ? WHERE id = ?");
        update.bind(1, now);
        update.bind(2, id);
        update.exec();
        AppendAudit(store_.db(), now, actor, "token.revoke", "token:" + std::to_string(id), Json(),
                    Json{{"revokedAt", now}});
        return Status::Ok();
      },
      false);
}

}  // namespace siegel
