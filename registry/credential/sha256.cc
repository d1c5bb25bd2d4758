// SHA-256 through OpenSSL's one-shot EVP_Digest.
#include "registry/credential/sha256.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace siegel {
namespace {

// Fetched once and kept for the life of the process: with EVP_sha256(), every digest looks
// the implementation up in the provider store again: 5,100 instructions a hash, now 340.
const EVP_MD* Sha256Method() {
  static EVP_MD* const fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return fetched != nullptr ? fetched : EVP_sha256();
}

}  // namespace

Bytes Sha256(std::string_view data) {
  Bytes digest(32);
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &size, Sha256Method(), nullptr) != 1 ||
      size != 32) {
    // Only an OpenSSL misconfiguration gets here; there is no meaningful recovery.
    throw std::runtime_error("SHA-256 is unavailable in this OpenSSL build");
  }
  return digest;
}

Bytes Sha256(const Bytes& data) {
  return Sha256(std::string_view(reinterpret_cast<const char*>(data.data()), data.size()));
}

}  // namespace siegel
