// Byte encodings used by the credential formats: hex, base64, base64url, base58btc, multibase.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace siegel {

using Bytes = std::vector<uint8_t>;

Bytes ToBytes(std::string_view text);
std::string ToString(const Bytes& bytes);

std::string HexEncode(const Bytes& bytes);  // lowercase
Result<Bytes> HexDecode(std::string_view hex);

// RFC 4648 §5, no padding. Decoding is strict: no padding, no '+' or '/', no whitespace,
// no impossible lengths, and unused trailing bits must be zero.
std::string Base64UrlEncode(const Bytes& bytes);
std::string Base64UrlEncode(std::string_view bytes);
Result<Bytes> Base64UrlDecode(std::string_view text);
// True when every character is in the base64url alphabet (so also for the empty text).
bool IsBase64UrlText(std::string_view text);

// RFC 4648 §4, with padding (signed notes use it). Decoding is strict.
std::string Base64Encode(const Bytes& bytes);
Result<Bytes> Base64Decode(std::string_view text);

// Bitcoin-alphabet base58: each leading zero byte becomes one leading '1'.
std::string Base58BtcEncode(const Bytes& bytes);
Result<Bytes> Base58BtcDecode(std::string_view text);

// Multibase: 'z' + base58btc or 'u' + base64url (no padding). Other prefixes are refused.
std::string MultibaseBase58Encode(const Bytes& bytes);
Result<Bytes> MultibaseDecode(std::string_view text);

// Whether `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text);

}  // namespace siegel
