// Hex, base64, base64url, base58btc and multibase; every decoder is strict.
#include "base/encoding.h"

#include <algorithm>
#include <array>

namespace siegel {
namespace {

constexpr char kHexDigits[] = "0123456789abcdef";
constexpr char kBase64Std[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr char kBase58[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::array<int8_t, 256> ReverseTable(const char* alphabet) {
  std::array<int8_t, 256> table;
  table.fill(-1);
  for (int i = 0; alphabet[i] != '\0'; ++i) table[static_cast<uint8_t>(alphabet[i])] = i;
  return table;
}

std::string Base64EncodeWith(const uint8_t* data, size_t size, const char* alphabet, bool pad) {
  std::string out;
  out.reserve((size + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= size; i += 3) {
    uint32_t v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += alphabet[v & 63];
  }
  size_t rest = size - i;
  if (rest == 1) {
    uint32_t v = data[i] << 16;
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    if (pad) out += "==";
  } else if (rest == 2) {
    uint32_t v = (data[i] << 16) | (data[i + 1] << 8);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    if (pad) out += '=';
  }
  return out;
}

// Decodes unpadded text in the given alphabet; the caller has stripped any padding.
Result<Bytes> Base64DecodeWith(std::string_view text, const std::array<int8_t, 256>& table,
                               const char* name) {
  const size_t tail = text.size() % 4;  // unpadded: 0, 2 or 3 characters after the last quad
  if (tail == 1) return Error::InvalidInput(std::string(name) + " has an impossible length");
  auto invalid = [name] {
    return Error::InvalidInput(std::string(name) + " contains an invalid character");
  };
  auto value = [&](size_t i) -> int { return table[static_cast<uint8_t>(text[i])]; };
  const size_t quads_end = text.size() - tail;
  Bytes out(quads_end / 4 * 3 + (tail == 0 ? 0 : tail - 1));
  size_t o = 0;
  // Four characters make three bytes; an invalid character is negative in the table.
  for (size_t i = 0; i < quads_end; i += 4) {
    int a = value(i), b = value(i + 1), c = value(i + 2), d = value(i + 3);
    if ((a | b | c | d) < 0) return invalid();
    uint32_t v = static_cast<uint32_t>(a << 18 | b << 12 | c << 6 | d);
    out[o++] = static_cast<uint8_t>(v >> 16);
    out[o++] = static_cast<uint8_t>(v >> 8);
    out[o++] = static_cast<uint8_t>(v);
  }
  if (tail > 0) {
    int a = value(quads_end), b = value(quads_end + 1), c = tail == 3 ? value(quads_end + 2) : 0;
    if ((a | b | c) < 0) return invalid();
    // The bits after the last whole byte must be zero, or two texts would decode alike.
    if (tail == 2 ? (b & 0x0f) != 0 : (c & 0x03) != 0) {
      return Error::InvalidInput(std::string(name) + " has non-zero trailing bits");
    }
    uint32_t v = static_cast<uint32_t>(a << 18 | b << 12 | c << 6);
    out[o++] = static_cast<uint8_t>(v >> 16);
    if (tail == 3) out[o++] = static_cast<uint8_t>(v >> 8);
  }
  return out;
}

}  // namespace

Bytes ToBytes(std::string_view text) { return Bytes(text.begin(), text.end()); }
std::string ToString(const Bytes& bytes) { return std::string(bytes.begin(), bytes.end()); }

std::string HexEncode(const Bytes& bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (uint8_t b : bytes) {
    out += kHexDigits[b >> 4];
    out += kHexDigits[b & 15];
  }
  return out;
}

Result<Bytes> HexDecode(std::string_view hex) {
  if (hex.size() % 2 != 0) return Error::InvalidInput("hex text has an odd length");
  Bytes out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = HexValue(hex[i]), lo = HexValue(hex[i + 1]);
    if (hi < 0 || lo < 0) return Error::InvalidInput("hex text contains a non-hex character");
    out.push_back(static_cast<uint8_t>(hi * 16 + lo));
  }
  return out;
}

std::string Base64UrlEncode(const Bytes& bytes) {
  return Base64EncodeWith(bytes.data(), bytes.size(), kBase64Url, false);
}

std::string Base64UrlEncode(std::string_view bytes) {
  return Base64EncodeWith(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), kBase64Url,
                          false);
}

const std::array<int8_t, 256>& Base64UrlTable() {
  static const auto table = ReverseTable(kBase64Url);
  return table;
}

Result<Bytes> Base64UrlDecode(std::string_view text) {
  return Base64DecodeWith(text, Base64UrlTable(), "base64url text");
}

bool IsBase64UrlText(std::string_view text) {
  const auto& table = Base64UrlTable();
  return std::all_of(text.begin(), text.end(),
                     [&table](char c) { return table[static_cast<uint8_t>(c)] >= 0; });
}

std::string Base64Encode(const Bytes& bytes) {
  return Base64EncodeWith(bytes.data(), bytes.size(), kBase64Std, true);
}

Result<Bytes> Base64Decode(std::string_view text) {
  static const auto table = ReverseTable(kBase64Std);
  if (text.size() % 4 != 0)
    return Error::InvalidInput("base64 text is not padded to a multiple of 4");
  size_t padding = 0;
  while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=') ++padding;
  return Base64DecodeWith(text.substr(0, text.size() - padding), table, "base64 text");
}

std::string Base58BtcEncode(const Bytes& bytes) {
  size_t zeros = 0;
  while (zeros < bytes.size() && bytes[zeros] == 0) ++zeros;
  // Repeated division of the big-endian number by 58, digits collected little-endian.
  std::vector<uint8_t> digits;
  digits.reserve(bytes.size() * 138 / 100 + 1);
  for (size_t i = zeros; i < bytes.size(); ++i) {
    uint32_t carry = bytes[i];
    for (auto& d : digits) {
      carry += static_cast<uint32_t>(d) << 8;
      d = static_cast<uint8_t>(carry % 58);
      carry /= 58;
    }
    while (carry > 0) {
      digits.push_back(static_cast<uint8_t>(carry % 58));
      carry /= 58;
    }
  }
  std::string out(zeros, '1');
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) out += kBase58[*it];
  return out;
}

Result<Bytes> Base58BtcDecode(std::string_view text) {
  static const auto table = ReverseTable(kBase58);
  size_t ones = 0;
  while (ones < text.size() && text[ones] == '1') ++ones;
  // The number is built in 32-bit limbs (little-endian), five digits at a time: 58^5 fits in
  // 32 bits, so this is a fifth of the multiplications of a digit-by-digit byte loop.
  std::vector<uint32_t> limbs;
  limbs.reserve(text.size() / 5 + 1);
  for (size_t i = ones; i < text.size();) {
    uint64_t chunk = 0, scale = 1;
    for (size_t end = std::min(text.size(), i + 5); i < end; ++i) {
      int v = table[static_cast<uint8_t>(text[i])];
      if (v < 0)
        return Error::InvalidInput("base58btc text contains a character outside the alphabet");
      chunk = chunk * 58 + static_cast<uint64_t>(v);
      scale *= 58;
    }
    uint64_t carry = chunk;
    for (uint32_t& limb : limbs) {
      uint64_t product = static_cast<uint64_t>(limb) * scale + carry;
      limb = static_cast<uint32_t>(product);
      carry = product >> 32;
    }
    if (carry > 0) limbs.push_back(static_cast<uint32_t>(carry));
  }
  Bytes out(ones, 0);
  bool leading = true;  // the number's own leading zero bytes are not part of it
  for (auto limb = limbs.rbegin(); limb != limbs.rend(); ++limb) {
    for (int shift = 24; shift >= 0; shift -= 8) {
      auto byte = static_cast<uint8_t>(*limb >> shift);
      if (leading && byte == 0) continue;
      leading = false;
      out.push_back(byte);
    }
  }
  return out;
}

std::string MultibaseBase58Encode(const Bytes& bytes) { return "z" + Base58BtcEncode(bytes); }

Result<Bytes> MultibaseDecode(std::string_view text) {
  if (text.empty()) return Error::InvalidInput("multibase text is empty");
  if (text[0] == 'z') return Base58BtcDecode(text.substr(1));
  if (text[0] == 'u') return Base64UrlDecode(text.substr(1));
  return Error::InvalidInput("multibase prefix '" + std::string(1, text[0]) +
                             "' is not supported (expected 'z' or 'u')");
}

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    auto byte = [&](size_t at) { return static_cast<unsigned char>(text[at]); };
    unsigned char lead = byte(i);
    size_t length = lead < 0x80           ? 1
                    : (lead >> 5) == 0x6  ? 2
                    : (lead >> 4) == 0xE  ? 3
                    : (lead >> 3) == 0x1E ? 4
                                          : 0;
    if (length == 0 || i + length > text.size()) return false;
    uint32_t code = length == 1 ? lead : lead & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
      if ((byte(i + k) & 0xC0) != 0x80) return false;
      code = (code << 6) | (byte(i + k) & 0x3F);
    }
    static constexpr uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kSmallest[length]) return false;          // overlong
    if (code >= 0xD800 && code <= 0xDFFF) return false;  // a surrogate
    if (code > 0x10FFFF) return false;
    i += length;
  }
  return true;
}

}  // namespace siegel
