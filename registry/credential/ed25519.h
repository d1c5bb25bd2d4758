// Ed25519 keys (RFC 8032) over OpenSSL 3 EVP, with their Multikey and JWK (RFC 8037) forms.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "registry/credential/encoding.h"
#include "registry/credential/json_strict.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace siegel {

// A public key. Cheap to copy; the OpenSSL handle is shared and immutable.
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

  // PureEdDSA verification of `message` (no pre-hash). False for any malformed signature.
  bool Verify(std::string_view message, const Bytes& signature) const;

  bool operator==(const Ed25519PublicKey& other) const { return raw_ == other.raw_; }

 private:
  Ed25519PublicKey(Bytes raw, std::shared_ptr<EVP_PKEY> key)
      : raw_(std::move(raw)), key_(std::move(key)) {}
  Bytes raw_;
  std::shared_ptr<EVP_PKEY> key_;
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
  Ed25519PrivateKey(std::shared_ptr<EVP_PKEY> key, Ed25519PublicKey pub)
      : key_(std::move(key)), public_key_(std::move(pub)) {}
  static Result<Ed25519PrivateKey> FromHandle(EVP_PKEY* key);
  std::shared_ptr<EVP_PKEY> key_;
  Ed25519PublicKey public_key_;
};

}  // namespace siegel
