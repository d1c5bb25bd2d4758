// SHA-256 through OpenSSL's EVP_Digest, in one go or piece by piece.
#include "credential/sha256.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace siegel {
namespace {

// Fetched once and kept for the life of the process: with EVP_sha256(), every digest looks
// the implementation up in OpenSSL's provider store again, which cost more than the hash of
// a short text (bench/RESULTS.md).
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

Sha256Stream::Sha256Stream() : context_(EVP_MD_CTX_new()) {
  if (context_ == nullptr || EVP_DigestInit_ex(context_, Sha256Method(), nullptr) != 1)
    throw std::runtime_error("SHA-256 is unavailable in this OpenSSL build");
}

Sha256Stream::~Sha256Stream() { EVP_MD_CTX_free(context_); }

void Sha256Stream::Update(std::string_view data) {
  if (EVP_DigestUpdate(context_, data.data(), data.size()) != 1)
    throw std::runtime_error("SHA-256 failed in OpenSSL");
}

Bytes Sha256Stream::Finish() {
  Bytes digest(32);
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(context_, digest.data(), &size) != 1 || size != 32)
    throw std::runtime_error("SHA-256 failed in OpenSSL");
  return digest;
}

}  // namespace siegel
