// Ed25519: signatures and their checks with libsodium, key files with OpenSSL.
#include "credential/ed25519.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sodium.h>

#include <algorithm>
#include <array>

#include "credential/sha256.h"

namespace siegel {
namespace {

const uint8_t kMulticodecEd25519Pub[2] = {0xed, 0x01};

std::shared_ptr<EVP_PKEY> Own(EVP_PKEY* key) {
  return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

// libsodium must be initialised once before use; later calls return at once.
bool SodiumReady() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};

}  // namespace

struct Ed25519PrivateKey::SigningKey {
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> bytes;
  ~SigningKey() { sodium_memzero(bytes.data(), bytes.size()); }
};

Result<Ed25519PublicKey> Ed25519PublicKey::FromRaw(const Bytes& raw32) {
  if (raw32.size() != 32) return Error::InvalidInput("an Ed25519 public key must be 32 bytes");
  return Ed25519PublicKey(raw32);
}

Result<Ed25519PublicKey> Ed25519PublicKey::FromMultikey(std::string_view multibase) {
  if (multibase.empty() || multibase[0] != 'z') {
    return Error::InvalidInput("publicKeyMultibase must be base58btc (start with 'z')");
  }
  auto decoded = MultibaseDecode(multibase);
  if (!decoded.ok()) return decoded.error();
  const Bytes& bytes = *decoded;
  if (bytes.size() != 34 || bytes[0] != kMulticodecEd25519Pub[0] ||
      bytes[1] != kMulticodecEd25519Pub[1]) {
    return Error::InvalidInput(
        "publicKeyMultibase is not an Ed25519 key (multicodec 0xed01 + 32 bytes)");
  }
  return FromRaw(Bytes(bytes.begin() + 2, bytes.end()));
}

Result<Ed25519PublicKey> Ed25519PublicKey::FromJwk(const Json& jwk) {
  if (!jwk.is_object()) return Error::InvalidInput("a JWK must be a JSON object");
  if (jwk.contains("d"))
    return Error::InvalidInput("the JWK contains a private key (\"d\"); refusing it");
  if (StringMember(jwk, "kty") != "OKP" || StringMember(jwk, "crv") != "Ed25519") {
    return Error::InvalidInput("the JWK is not an Ed25519 key (kty OKP, crv Ed25519)");
  }
  if (jwk.contains("alg") && StringMember(jwk, "alg") != "EdDSA" &&
      StringMember(jwk, "alg") != "Ed25519") {
    return Error::InvalidInput("the JWK's alg is not EdDSA or Ed25519");
  }
  auto x = Base64UrlDecode(StringMember(jwk, "x"));
  if (!x.ok()) return Error::InvalidInput("the JWK's x is not valid base64url");
  return FromRaw(*x);
}

std::string Ed25519PublicKey::Multikey() const {
  Bytes prefixed(2 + raw_.size());
  prefixed[0] = kMulticodecEd25519Pub[0];
  prefixed[1] = kMulticodecEd25519Pub[1];
  std::copy(raw_.begin(), raw_.end(), prefixed.begin() + 2);
  return MultibaseBase58Encode(prefixed);
}

Json Ed25519PublicKey::Jwk() const {
  return Json{{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", Base64UrlEncode(raw_)}};
}

std::string Ed25519PublicKey::JwkThumbprint() const {
  std::string input =
      "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + Base64UrlEncode(raw_) + "\"}";
  return Base64UrlEncode(Sha256(input));
}

bool Ed25519PublicKey::Verify(std::string_view message, const Bytes& signature) const {
  if (signature.size() != crypto_sign_BYTES || !SodiumReady()) return false;
  return crypto_sign_verify_detached(signature.data(),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), raw_.data()) == 0;
}

Result<Ed25519PrivateKey> Ed25519PrivateKey::FromHandle(EVP_PKEY* raw_key) {
  auto key = Own(raw_key);
  if (EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519) {
    return Error::InvalidInput("the private key is not an Ed25519 key");
  }
  if (!SodiumReady()) return Error::Internal("libsodium could not be initialised");
  std::array<unsigned char, crypto_sign_SEEDBYTES> seed;
  size_t size = seed.size();
  if (EVP_PKEY_get_raw_private_key(key.get(), seed.data(), &size) != 1 || size != seed.size()) {
    return Error::Internal("could not read the Ed25519 private key");
  }
  auto signing = std::make_shared<SigningKey>();
  Bytes pub(crypto_sign_PUBLICKEYBYTES);
  int derived = crypto_sign_seed_keypair(pub.data(), signing->bytes.data(), seed.data());
  sodium_memzero(seed.data(), seed.size());
  if (derived != 0) return Error::Internal("could not derive the Ed25519 public key");
  auto public_key = Ed25519PublicKey::FromRaw(pub);
  if (!public_key.ok()) return public_key.error();
  return Ed25519PrivateKey(std::move(key), std::move(signing), std::move(public_key).value());
}

Result<Ed25519PrivateKey> Ed25519PrivateKey::Generate() {
  EVP_PKEY* key = nullptr;
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr);
  bool ok = ctx != nullptr && EVP_PKEY_keygen_init(ctx) == 1 && EVP_PKEY_keygen(ctx, &key) == 1;
  EVP_PKEY_CTX_free(ctx);
  if (!ok) return Error::Internal("could not generate an Ed25519 key");
  return FromHandle(key);
}

Result<Ed25519PrivateKey> Ed25519PrivateKey::FromSeed(const Bytes& seed32) {
  if (seed32.size() != 32) return Error::InvalidInput("an Ed25519 seed must be 32 bytes");
  EVP_PKEY* key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed32.data(), 32);
  if (key == nullptr) return Error::Internal("could not load the Ed25519 seed");
  return FromHandle(key);
}

Result<Ed25519PrivateKey> Ed25519PrivateKey::FromPkcs8Pem(
    std::string_view pem, const std::optional<std::string>& passphrase) {
  std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return Error::Internal("out of memory reading a private key");
  // A non-null empty passphrase stops OpenSSL from prompting on the terminal.
  std::string pass = passphrase.value_or("");
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, pass.data());
  if (key == nullptr) {
    bool encrypted = pem.find("ENCRYPTED") != std::string_view::npos;
    return Error::InvalidInput(
        encrypted ? "the private key is encrypted and the passphrase is wrong or missing"
                  : "the file is not a PKCS#8 PEM private key");
  }
  return FromHandle(key);
}

Result<std::string> Ed25519PrivateKey::ToPkcs8Pem(
    const std::optional<std::string>& passphrase) const {
  std::unique_ptr<BIO, BioDeleter> bio(BIO_new(BIO_s_mem()));
  if (!bio) return Error::Internal("out of memory writing a private key");
  int ok;
  if (passphrase.has_value()) {
    ok = PEM_write_bio_PKCS8PrivateKey(bio.get(), key_.get(), EVP_aes_256_cbc(), passphrase->data(),
                                       static_cast<int>(passphrase->size()), nullptr, nullptr);
  } else {
    ok =
        PEM_write_bio_PKCS8PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr);
  }
  if (ok != 1) return Error::Internal("could not encode the private key as PKCS#8");
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

Result<Bytes> Ed25519PrivateKey::Sign(std::string_view message) const {
  Bytes signature(crypto_sign_BYTES);
  if (crypto_sign_detached(signature.data(), nullptr,
                           reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                           signing_->bytes.data()) != 0) {
    return Error::Internal("Ed25519 signing failed");
  }
  return signature;
}

}  // namespace siegel
