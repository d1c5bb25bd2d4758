// Staff passwords: Argon2id (libargon2) in its PHC string form, never the password itself.
#pragma once

#include <string>

#include "base/result.h"

namespace siegel {

// At least 12 characters and not all one character class; a sentence a person can act on.
Status CheckPasswordPolicy(const std::string& password);

// "$argon2id$v=19$m=19456,t=2,p=1$salt$hash" with a fresh random salt.
Result<std::string> HashPassword(const std::string& password);
// A password someone chose for an account: refused unless it meets the policy, else hashed.
Result<std::string> HashChosenPassword(const std::string& password);

// True if `password` matches `encoded`. Constant-time in the hash comparison.
bool VerifyPassword(const std::string& password, const std::string& encoded);

}  // namespace siegel
