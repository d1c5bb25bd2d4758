// Compact JWS (RFC 7515) with Ed25519, as VC-JOSE-COSE uses it for application/vc+jwt.
#pragma once

#include <string>
#include <string_view>

#include "base/json_strict.h"
#include "credential/ed25519.h"

namespace siegel {

// Signs `payload` under `header` (which must name alg EdDSA or Ed25519).
Result<std::string> SignCompactJws(const Json& header, std::string_view payload,
                                   const Ed25519PrivateKey& key);

struct CompactJws {
  Json header;
  std::string payload;        // the decoded payload bytes
  std::string signing_input;  // "header.payload" as received
  Bytes signature;
};

// Strict parse: three base64url parts, a JSON object header without duplicate keys, an alg
// from the allow-list (EdDSA, Ed25519; never "none"), no "crit" extensions.
Result<CompactJws> ParseCompactJws(std::string_view text);

// True if the signature over the exact received bytes verifies with `key`.
bool VerifyCompactJws(const CompactJws& jws, const Ed25519PublicKey& key);

// Whether `text` looks like a compact JWS (two dots, base64url characters) rather than JSON.
bool LooksLikeCompactJws(std::string_view text);

}  // namespace siegel
