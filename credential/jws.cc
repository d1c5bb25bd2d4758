// Compact JWS: base64url(header) "." base64url(payload) "." base64url(signature).
#include "credential/jws.h"

#include <algorithm>
#include <array>
#include <optional>

#include "base/jcs.h"

namespace siegel {
namespace {

bool AllowedAlg(const Json& header) {
  auto it = header.find("alg");
  return it != header.end() && it->is_string() && (*it == "EdDSA" || *it == "Ed25519");
}

// The three parts of a compact JWS, split at its two dots; nothing when it has more or fewer.
std::optional<std::array<std::string_view, 3>> SplitJwsParts(std::string_view text) {
  size_t first = text.find('.');
  size_t second = first == std::string_view::npos ? first : text.find('.', first + 1);
  if (second == std::string_view::npos || text.find('.', second + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  return std::array<std::string_view, 3>{
      text.substr(0, first), text.substr(first + 1, second - first - 1), text.substr(second + 1)};
}

}  // namespace

Result<std::string> SignCompactJws(const Json& header, std::string_view payload,
                                   const Ed25519PrivateKey& key) {
  if (!header.is_object() || !AllowedAlg(header)) {
    return Error::InvalidInput("the JWS header must name alg EdDSA or Ed25519");
  }
  std::string signing_input = Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(payload);
  auto signature = key.Sign(signing_input);
  if (!signature.ok()) return signature.error();
  return signing_input + "." + Base64UrlEncode(*signature);
}

bool LooksLikeCompactJws(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.remove_suffix(1);
  }
  // A JSON credential fails at its third dot, found with memchr, before any part is read.
  auto parts = SplitJwsParts(text);
  return parts && std::all_of(parts->begin(), parts->end(), IsBase64UrlText);
}

Result<CompactJws> ParseCompactJws(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  auto parts = SplitJwsParts(text);
  if (!parts) return Error::InvalidInput("a compact JWS has exactly three parts separated by dots");
  auto header_bytes = Base64UrlDecode((*parts)[0]);
  auto payload_bytes = Base64UrlDecode((*parts)[1]);
  auto signature = Base64UrlDecode((*parts)[2]);
  if (!header_bytes.ok() || !payload_bytes.ok() || !signature.ok()) {
    return Error::InvalidInput("a JWS part is not valid base64url");
  }
  auto header = ParseStrictJson(ToString(*header_bytes));
  if (!header.ok())
    return Error::InvalidInput("the JWS header is not valid JSON: " + header.message());
  if (!header->is_object()) return Error::InvalidInput("the JWS header is not a JSON object");
  if (!AllowedAlg(*header)) return Error::InvalidInput("the JWS alg is not EdDSA or Ed25519");
  if (header->contains("crit"))
    return Error::InvalidInput("the JWS names critical extensions we do not support");
  CompactJws jws;
  jws.header = std::move(header).value();
  jws.payload = ToString(*payload_bytes);
  jws.signing_input =  // header "." payload
      std::string(text.substr(0, (*parts)[0].size() + 1 + (*parts)[1].size()));
  jws.signature = std::move(signature).value();
  return jws;
}

bool VerifyCompactJws(const CompactJws& jws, const Ed25519PublicKey& key) {
  return key.Verify(jws.signing_input, jws.signature);
}

}  // namespace siegel
