// did:web identifiers, the issuer's DID document and JWKS, and key lookup in them (CID 1.0).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/timestamp.h"
#include "credential/ed25519.h"

namespace siegel {

// "https://labels.example.org:8443/bw" -> "did:web:labels.example.org%3A8443:bw".
// Accepts http:// too (development); refuses query strings, fragments and user info.
Result<std::string> DidWebFromBaseUrl(std::string_view base_url);

// Whether a standard did:web resolver can resolve the issuer of a registry at this base URL:
// did:web names a host by its domain name, never an IP address (nor localhost, which no one
// else can reach), and resolvers fetch the DID document over HTTPS only. An error says which
// and why; development and demo registries may be allowed such an address on purpose.
Status CheckResolvableByDidWeb(std::string_view base_url);

// Where a did:web DID document lives: did:web:host%3Aport:path -> https://host:port/path/did.json,
// or https://host/.well-known/did.json without a path. Loopback hosts (localhost, 127.0.0.1)
// resolve to http:// so a registry can be tried out locally; everything else needs https.
Result<std::string> DidWebDocumentUrl(const std::string& did);

// One issuer key as published: retired keys stay so old certificates still verify; a
// compromised key carries the time from which its signatures are refused.
struct PublishedKey {
  std::string key_id;  // "key-1": the fragment of the verification method
  Ed25519PublicKey key;
  std::optional<UnixSeconds> compromised_at;
};

// "{did}#{key_id}": the Multikey verification method, used by Data Integrity proofs.
std::string MultikeyMethodId(const std::string& did, const std::string& key_id);
// "{did}#{key_id}-jwk": the JsonWebKey verification method, the kid of JWS signatures.
std::string JwkMethodId(const std::string& did, const std::string& key_id);

// Each key as a Multikey and as a JsonWebKey method, both under assertionMethod. A
// compromised key's methods carry "revoked".
Json BuildDidDocument(const std::string& did, const std::vector<PublishedKey>& keys);
// {"keys":[…]}: each key twice, with kid = its JsonWebKey method id and its Multikey method
// id, so either form of signature finds its key; alg EdDSA, use sig.
Json BuildJwks(const std::string& did, const std::vector<PublishedKey>& keys);

struct TrustedKey {
  std::string method_id;
  Ed25519PublicKey key;
  std::optional<UnixSeconds> revoked_at;
};

// The keys a verifier trusts for one issuer, read from its DID document or JWKS.
class TrustedIssuer {
 public:
  // A DID document ({"id":"did:…","verificationMethod":[…]}) or a JWKS ({"keys":[…]} whose
  // kids are absolute "did:…#…" method ids of one DID). Malformed keys are an error.
  static Result<TrustedIssuer> FromDocument(const Json& document);
  static TrustedIssuer FromKeys(std::string did, std::vector<TrustedKey> keys);

  const std::string& did() const { return did_; }
  // The key for `method_id` if it is one of the issuer's assertion methods (CID 1.0
  // "retrieve verification method": same controller, listed under assertionMethod).
  // The pointer lives as long as this TrustedIssuer.
  Result<const TrustedKey*> ResolveAssertionMethod(std::string_view method_id) const;

 private:
  std::string did_;
  std::map<std::string, TrustedKey, std::less<>> keys_;
};

}  // namespace siegel
