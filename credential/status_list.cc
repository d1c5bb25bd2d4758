// GZIP through zlib (windowBits 16+15 selects the gzip wrapper, and only that one).
#include "credential/status_list.h"

#include <zlib.h>

namespace siegel {

Result<std::string> EncodeStatusList(const Bitstring& bits) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return Error::Internal("could not start gzip compression");
  }
  Bytes out(deflateBound(&stream, bits.bytes().size()) + 32);
  stream.next_in = const_cast<Bytef*>(bits.bytes().data());
  stream.avail_in = static_cast<uInt>(bits.bytes().size());
  stream.next_out = out.data();
  stream.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&stream, Z_FINISH);
  size_t produced = stream.total_out;
  deflateEnd(&stream);
  if (rc != Z_STREAM_END) return Error::Internal("gzip compression failed");
  out.resize(produced);
  return "u" + Base64UrlEncode(out);
}

Result<Bitstring> DecodeStatusList(std::string_view encoded, const StatusListLimits& limits) {
  if (encoded.empty() || encoded[0] != 'u') {
    return Error::InvalidInput("encodedList must start with the multibase prefix 'u' (base64url)");
  }
  auto compressed = Base64UrlDecode(encoded.substr(1));
  if (!compressed.ok()) return Error::InvalidInput("encodedList is not base64url without padding");
  if (compressed->size() < 2 || (*compressed)[0] != 0x1f || (*compressed)[1] != 0x8b) {
    return Error::InvalidInput(
        "encodedList is not GZIP compressed (zlib and raw deflate are not allowed)");
  }
  z_stream stream{};
  if (inflateInit2(&stream, 16 + 15) != Z_OK)
    return Error::Internal("could not start gzip decompression");
  stream.next_in = compressed->data();
  stream.avail_in = static_cast<uInt>(compressed->size());
  Bytes out;
  Bytes chunk(64 * 1024);
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    stream.next_out = chunk.data();
    stream.avail_out = static_cast<uInt>(chunk.size());
    rc = inflate(&stream, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    out.insert(out.end(), chunk.data(), chunk.data() + (chunk.size() - stream.avail_out));
    if (out.size() > limits.max_bytes) {
      inflateEnd(&stream);
      return Error::InvalidInput("encodedList decompresses to more than " +
                                 std::to_string(limits.max_bytes) + " bytes");
    }
    if (rc == Z_OK && stream.avail_in == 0 && stream.avail_out != 0) break;  // truncated input
  }
  bool trailing = stream.avail_in != 0;
  inflateEnd(&stream);
  if (rc != Z_STREAM_END) return Error::InvalidInput("encodedList is not a complete GZIP stream");
  if (trailing) return Error::InvalidInput("encodedList has data after the GZIP stream");
  Bitstring bits = Bitstring::FromBytes(std::move(out));
  if (bits.size() < limits.min_bits) {
    return Error::InvalidInput("the status list has " + std::to_string(bits.size()) +
                               " entries, fewer than the required " +
                               std::to_string(limits.min_bits));
  }
  return bits;
}

}  // namespace siegel
