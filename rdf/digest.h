// The SHA-2 implementations rdf/ hashes with, fetched from OpenSSL once for the life of the
// process: with EVP_sha256(), every digest looks the algorithm up again, which costs more than
// hashing a few quads.
#pragma once

#include <openssl/evp.h>

namespace siegel::rdf {

inline const EVP_MD* Sha256() {
  static const EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return fetched != nullptr ? fetched : EVP_sha256();
}

inline const EVP_MD* Sha384() {
  static const EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA384", nullptr);
  return fetched != nullptr ? fetched : EVP_sha384();
}

}  // namespace siegel::rdf
