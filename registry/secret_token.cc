// Bearer secrets come from OpenSSL's CSPRNG; only their hashes reach the database.
#include "registry/secret_token.h"

#include <openssl/crypto.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "base/encoding.h"
#include "credential/sha256.h"

namespace siegel {

Result<std::string> NewSecretToken(const std::string& prefix) {
  Bytes random(32);
  if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) {
    return Error::Internal("the system's random number generator failed");
  }
  return prefix + Base64UrlEncode(random);
}

std::string SecretTokenHash(const std::string& token) { return HexEncode(Sha256(token)); }

std::string CsrfTokenFor(const std::string& session_token) {
  static const char kLabel[] = "siegel csrf v1";
  unsigned char mac[32];
  unsigned int length = sizeof(mac);
  HMAC(EVP_sha256(), session_token.data(), static_cast<int>(session_token.size()),
       reinterpret_cast<const unsigned char*>(kLabel), sizeof(kLabel) - 1, mac, &length);
  return Base64UrlEncode(Bytes(mac, mac + length));
}

bool ConstantTimeEquals(const std::string& a, const std::string& b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace siegel
