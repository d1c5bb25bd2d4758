// What a person hands a verifier before anything is checked: a credential (JSON or compact
// JWS) or something else (a PDF, a photo, nothing at all). Only a credential can be genuine
// or not; for anything else the truthful answer is "this is not a certificate file", never
// "not genuine".
#pragma once

#include <string_view>

namespace siegel {

enum class UploadKind {
  kEmpty,  // nothing, or only white space
  kJson,   // starts like a JSON object or array
  kJws,    // three base64url parts separated by dots
  kPdf,    // %PDF-
  kImage,  // PNG, JPEG, GIF, WebP, HEIC/HEIF, TIFF, BMP
  kOther,  // anything else (text, an office document, ...)
};

UploadKind ClassifyUpload(std::string_view bytes);

// Whether a verifier should check it as a credential (JSON or JWS): only then can its answer be
// "not genuine".
inline bool IsCredentialUpload(UploadKind kind) {
  return kind == UploadKind::kJson || kind == UploadKind::kJws;
}

}  // namespace siegel
