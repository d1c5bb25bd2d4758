// Signing in: passwords checked, sessions and API tokens given out and ended. Passwords are
// kept only as Argon2id hashes, session cookies and tokens only as SHA-256 hashes; none of
// this changes the public registry.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/timestamp.h"
#include "registry/model.h"
#include "registry/staff.h"

namespace siegel {

class RegistryStore;

// A new API token: the secret exists only in this value and is never stored.
struct NewApiToken {
  ApiTokenRecord record;
  std::string token;
};

class StaffSessions {
 public:
  explicit StaffSessions(RegistryStore& store) : store_(store) {}

  // The active user with this password. One message for unknown user, disabled user and wrong
  // password, so the answer does not reveal which accounts exist.
  Result<StaffUser> CheckPassword(const std::string& username, const std::string& password) const;
  // Starts a session for a user whose password was checked; returns the cookie value.
  Result<std::string> StartSession(const std::string& username, int64_t lifetime_seconds);
  // The principal of a live session (not ended, not expired, user active, started after the
  // last password change); NotFound otherwise.
  Result<Principal> SessionPrincipal(const std::string& session_token) const;
  Status EndSession(const std::string& session_token);
  // A token with at most the creator's role; the secret is returned once.
  Result<NewApiToken> CreateApiToken(const std::string& name, Role role, UnixSeconds expires_at,
                                     const Principal& creator);
  Result<Principal> TokenPrincipal(const std::string& token) const;
  Result<std::vector<ApiTokenRecord>> ListApiTokens() const;
  Status RevokeApiToken(int64_t id, const Actor& actor);

 private:
  RegistryStore& store_;
};

}  // namespace siegel
