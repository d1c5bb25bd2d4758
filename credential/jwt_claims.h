// The JWT registered claims (RFC 7519 §4.1) a vc+jwt carries beside the credential, as Open
// Badges 3.0 (§8.2.4) asks, so that generic JWT libraries see who issued it, about whom, and
// until when: iss, sub, jti, nbf, iat, and exp when the credential has validUntil.
#pragma once

#include "base/json_strict.h"
#include "base/timestamp.h"

namespace siegel {

// The claims for `credential` signed at `issued_at`, each taken from the credential: iss =
// issuer id, sub = credentialSubject.id, jti = id, nbf = validFrom, exp = validUntil.
Result<Json> JwtClaimsFor(const Json& credential, UnixSeconds issued_at);

// Every registered claim in `payload` agrees with the credential it carries; exp is there
// exactly when validUntil is (once any claim is there). A payload without claims (labels
// signed before they were added) passes.
Status CheckJwtClaims(const Json& payload);

}  // namespace siegel
