// The signed credential a printed certificate carries: the attachment named
// "<id>.credential.json" (as the registry attaches it), or else the only JSON attachment.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace siegel::pdf {

inline constexpr std::string_view kCredentialAttachmentSuffix = ".credential.json";

// NotFound, saying so, when the PDF carries no credential; InvalidInput when it is no readable
// PDF; Refused when it carries several credentials (which one is meant is not ours to guess).
Result<std::string> AttachedCredential(std::string_view pdf);

}  // namespace siegel::pdf
