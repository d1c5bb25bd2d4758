// What siegel-verify reads from files: credentials (JSON, compact JWS, or the one a printed
// certificate carries), status lists and the issuer's keys; each at most 1 MiB, "-" for
// standard input.
#pragma once

#include <string>

#include "base/result.h"
#include "credential/verifier.h"

namespace siegel::verify {

// The bytes of `path` ("-": standard input), refused beyond 1 MiB.
Result<std::string> ReadInput(const std::string& path);

// A file to verify: a credential (JSON or compact JWS), or an input error that says what it
// is instead. A photo or an empty file is not a forged certificate, so it is never INVALID.
Result<std::string> ReadCredentialInput(const std::string& file);

// The issuer's keys from a DID document file (--trust).
Result<TrustedIssuer> LoadPinnedTrust(const std::string& file);

}  // namespace siegel::verify
