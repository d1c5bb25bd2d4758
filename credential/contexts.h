// The JSON-LD context lists a verifier accepts. eddsa-jcs-2022 does no JSON-LD processing,
// so pinning these exact lists is what ties the JSON keys to their meaning.
#pragma once

#include <optional>
#include <string>

#include "base/json_strict.h"

namespace siegel {

constexpr char kCredentialsV2Context[] = "https://www.w3.org/ns/credentials/v2";
constexpr char kOpenBadgesV3Context[] =
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

// SHA-256 of the context documents we pinned (tests/data/vectors/contexts/). A verifier
// never fetches a context: it recognises these URLs and treats them as already retrieved.
constexpr char kCredentialsV2ContextSha256[] =
    "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734";
constexpr char kOpenBadgesV3ContextSha256[] =
    "ef2fa9c7846dce233cc166b43639027278be4ee44f00bb1d45c75de2dd0cd761";

// Siegel's own context (version 1): the label's terms that neither VC 2.0 nor Open Badges 3.0
// defines (legalEntity, level, supersedes), so that JSON-LD processing of a label, in safe
// mode too, drops nothing. Each registry serves it at {base}/ns/siegel/v1; every copy is this
// document byte for byte, which is how a verifier that never fetches recognises it.
constexpr char kSiegelContextPath[] = "/ns/siegel/v1";
constexpr char kSiegelContextSha256[] =
    "1640ab4a9551cc926df59081780ab62d4e0550bc46832a24996588f719c48cae";
// The document itself (JSON, with a final newline).
const std::string& SiegelContextDocument();

// The pinned context documents by URL, for JSON-LD processing (eddsa-rdfc-2022): VC 2.0,
// Open Badges 3.0.3, and Siegel's own at any registry's {base}/ns/siegel/v1 (which registry a
// credential may name is the context check's to decide). Nothing for any other URL: nothing
// is ever fetched.
std::optional<Json> LoadPinnedContext(const std::string& url);

constexpr char kDidV1Context[] = "https://www.w3.org/ns/did/v1";
constexpr char kMultikeyContext[] = "https://w3id.org/security/multikey/v1";
constexpr char kJwkContext[] = "https://w3id.org/security/jwk/v1";

}  // namespace siegel
