// W3C Bitstring Status List: the bitstring and its encodedList form (GZIP, multibase 'u').
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/encoding.h"

namespace siegel {

// The spec's minimum list length: 16 KiB of bits, so one entry hides among many.
constexpr size_t kMinStatusListBits = 131072;

// A fixed-length bitstring; index 0 is the most significant bit of byte 0.
class Bitstring {
 public:
  explicit Bitstring(size_t bits = kMinStatusListBits) : bytes_((bits + 7) / 8, 0), bits_(bits) {}
  static Bitstring FromBytes(Bytes bytes) {
    Bitstring b(0);
    b.bits_ = bytes.size() * 8;
    b.bytes_ = std::move(bytes);
    return b;
  }

  size_t size() const { return bits_; }
  bool Get(size_t index) const { return (bytes_[index >> 3] >> (7 - (index & 7))) & 1; }
  void Set(size_t index, bool value) {
    uint8_t mask = static_cast<uint8_t>(0x80 >> (index & 7));
    if (value) {
      bytes_[index >> 3] |= mask;
    } else {
      bytes_[index >> 3] &= static_cast<uint8_t>(~mask);
    }
  }
  const Bytes& bytes() const { return bytes_; }

 private:
  Bytes bytes_;
  size_t bits_;
};

// "u" + base64url-no-pad(GZIP(bits)).
Result<std::string> EncodeStatusList(const Bitstring& bits);

struct StatusListLimits {
  size_t min_bits = kMinStatusListBits;
  size_t max_bytes = 16 << 20;  // decompressed; guards against gzip bombs
};

// Strict decoding: 'u' prefix, base64url without padding, a GZIP (RFC 1952) stream with
// nothing after it, at most `max_bytes` decompressed, at least `min_bits` long.
Result<Bitstring> DecodeStatusList(std::string_view encoded, const StatusListLimits& limits = {});

}  // namespace siegel
