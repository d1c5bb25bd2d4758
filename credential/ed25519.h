// Ed25519 keys (RFC 8032) with their Multikey and JWK (RFC 8037) forms. Signing and
// verification use libsodium, the faster of the two here (siegel-bench-ed25519 compares
// them; bench/RESULTS.md has the figures); OpenSSL reads and writes the PKCS#8 key files.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/encoding.h"
#include "base/json_strict.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace siegel {

// A public key: its 32 bytes. Any 32 bytes are accepted here; one that is not a usable point
// (not canonical, or of small order) verifies nothing.
class Ed25519PublicKey {
 public:
  static Result<Ed25519PublicKey> FromRaw(const Bytes& raw32);
  // "z6Mk…": multibase base58btc of 0xed 0x01 followed by the 32 key bytes.
  static Result<Ed25519PublicKey> FromMultikey(std::string_view multibase);
  // {"kty":"OKP","crv":"Ed25519","x":…}; a JWK carrying "d" is refused: it leaks a private key.
  static Result<Ed25519PublicKey> FromJwk(const Json& jwk);

  const Bytes& raw() const { return raw_; }
  std::string Multikey() const;
  Json Jwk() const;  // kty, crv, x
  // RFC 7638 thumbprint: base64url(SHA-256 of {"crv","kty","x"} in that order).
  std::string JwkThumbprint() const;

  // PureEdDSA verification of `message` (no pre-hash). False for any malformed signature, and
  // also for a non-canonical S or a small-order R or key, which RFC 8032 lets a verifier
  // refuse and which no honest signer produces.
  bool Verify(std::string_view message, const Bytes& signature) const;

  bool operator==(const Ed25519PublicKey& other) const { return raw_ == other.raw_; }

 private:
  explicit Ed25519PublicKey(Bytes raw) : raw_(std::move(raw)) {}
  Bytes raw_;
};

// A private key. Never logged, never serialised except as (optionally encrypted) PKCS#8 PEM.
class Ed25519PrivateKey {
 public:
  static Result<Ed25519PrivateKey> Generate();
  static Result<Ed25519PrivateKey> FromSeed(const Bytes& seed32);
  // PKCS#8 PEM, encrypted ("ENCRYPTED PRIVATE KEY") when a passphrase is given.
  static Result<Ed25519PrivateKey> FromPkcs8Pem(std::string_view pem,
                                                const std::optional<std::string>& passphrase = {});

  Result<std::string> ToPkcs8Pem(const std::optional<std::string>& passphrase = {}) const;
  const Ed25519PublicKey& public_key() const { return public_key_; }
  Result<Bytes> Sign(std::string_view message) const;

 private:
  struct SigningKey;  // libsodium's form: seed and public key, wiped when the last copy goes
  Ed25519PrivateKey(std::shared_ptr<EVP_PKEY> key, std::shared_ptr<const SigningKey> signing,
                    Ed25519PublicKey pub)
      : key_(std::move(key)), signing_(std::move(signing)), public_key_(std::move(pub)) {}
  static Result<Ed25519PrivateKey> FromHandle(EVP_PKEY* key);
  std::shared_ptr<EVP_PKEY> key_;  // for the key file
  std::shared_ptr<const SigningKey> signing_;
  Ed25519PublicKey public_key_;
};

}  // namespace siegel
