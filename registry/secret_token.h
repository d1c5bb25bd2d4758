// Random bearer secrets (session cookies, API tokens) and the only form in which they are
// stored: their SHA-256.
#pragma once

#include <string>

#include "base/result.h"

namespace siegel {

// `prefix` followed by 32 random bytes in base64url ("sgl_…" for API tokens), so a leaked
// token is recognisable in a secret scanner.
Result<std::string> NewSecretToken(const std::string& prefix);

// Lowercase hex SHA-256 of the token: what the database keeps.
std::string SecretTokenHash(const std::string& token);

// The CSRF token of a session: derived from the session secret, so it needs no storage and
// cannot be guessed without the cookie.
std::string CsrfTokenFor(const std::string& session_token);

// Compares two strings in time independent of where they differ.
bool ConstantTimeEquals(const std::string& a, const std::string& b);

}  // namespace siegel
