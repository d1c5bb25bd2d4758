// Argon2id with the parameters OWASP recommends for interactive sign-in (19 MiB, 2 passes,
// 1 lane): about 30 ms per hash, which makes guessing offline expensive and sign-in cheap.
#include "registry/password.h"

#include <argon2.h>
#include <openssl/rand.h>

#include <cctype>
#include <vector>

namespace siegel {
namespace {

constexpr uint32_t kTimeCost = 2;
constexpr uint32_t kMemoryKiB = 19456;
constexpr uint32_t kLanes = 1;
constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;
constexpr size_t kMaxPasswordBytes = 1024;

}  // namespace

Status CheckPasswordPolicy(const std::string& password) {
  if (password.size() < 12) {
    return Error::InvalidInput("the password must have at least 12 characters")
        .About("password", "password_short");
  }
  if (password.size() > kMaxPasswordBytes) {
    return Error::InvalidInput("the password must have at most 1024 characters")
        .About("password", "password_long");
  }
  int classes = 0;
  bool lower = false, upper = false, digit = false, other = false;
  for (unsigned char c : password) {
    if (std::islower(c)) {
      lower = true;
    } else if (std::isupper(c)) {
      upper = true;
    } else if (std::isdigit(c)) {
      digit = true;
    } else {
      other = true;
    }
  }
  classes = lower + upper + digit + other;
  if (classes < 2) {
    return Error::InvalidInput(
               "the password must mix at least two of: lowercase, uppercase, digits, other "
               "characters")
        .About("password", "password_classes");
  }
  return Status::Ok();
}

Result<std::string> HashPassword(const std::string& password) {
  if (password.size() > kMaxPasswordBytes) {
    return Error::InvalidInput("the password must have at most 1024 characters");
  }
  unsigned char salt[kSaltBytes];
  if (RAND_bytes(salt, sizeof(salt)) != 1) {
    return Error::Internal("the system's random number generator failed");
  }
  size_t length =
      argon2_encodedlen(kTimeCost, kMemoryKiB, kLanes, kSaltBytes, kHashBytes, Argon2_id);
  std::vector<char> encoded(length);
  int rc = argon2id_hash_encoded(kTimeCost, kMemoryKiB, kLanes, password.data(), password.size(),
                                 salt, sizeof(salt), kHashBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) {
    return Error::Internal(std::string("cannot hash the password: ") + argon2_error_message(rc));
  }
  return std::string(encoded.data());
}

bool VerifyPassword(const std::string& password, const std::string& encoded) {
  if (password.size() > kMaxPasswordBytes) return false;
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

Result<std::string> HashChosenPassword(const std::string& password) {
  if (Status s = CheckPasswordPolicy(password); !s.ok()) return s.error();
  return HashPassword(password);
}

}  // namespace siegel
