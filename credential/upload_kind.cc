#include "credential/upload_kind.h"

#include <array>

#include "credential/jws.h"

namespace siegel {
namespace {

bool StartsWith(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

// The `length` bytes at `pos`, or fewer (none) where the upload is shorter.
std::string_view At(std::string_view bytes, size_t pos, size_t length) {
  return pos > bytes.size() ? std::string_view() : bytes.substr(pos, length);
}

bool IsImage(std::string_view bytes) {
  static constexpr std::array<std::string_view, 7> kMagic = {
      std::string_view("\x89PNG\r\n\x1a\n", 8),  // PNG
      std::string_view("\xff\xd8\xff", 3),       // JPEG
      std::string_view("GIF87a"),
      std::string_view("GIF89a"),
      std::string_view("II*\0", 4),  // TIFF, little-endian
      std::string_view("MM\0*", 4),  // TIFF, big-endian
      std::string_view("BM"),        // BMP
  };
  for (std::string_view magic : kMagic) {
    if (StartsWith(bytes, magic)) return true;
  }
  // WebP: RIFF....WEBP; HEIC/HEIF and AVIF: ....ftypheic / ftypmif1 / ftypavif, as phones save.
  if (StartsWith(bytes, "RIFF") && At(bytes, 8, 4) == "WEBP") return true;
  if (At(bytes, 4, 4) == "ftyp") {
    std::string_view brand = At(bytes, 8, 4);
    for (std::string_view known : {"heic", "heix", "mif1", "msf1", "avif", "hevc"}) {
      if (brand == known) return true;
    }
  }
  return false;
}

}  // namespace

UploadKind ClassifyUpload(std::string_view bytes) {
  // The magic numbers first: they are at byte 0, before any white space is skipped.
  if (StartsWith(bytes, "%PDF-")) return UploadKind::kPdf;
  if (IsImage(bytes)) return UploadKind::kImage;
  size_t start = bytes.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return UploadKind::kEmpty;
  std::string_view text = bytes.substr(start);
  if (StartsWith(text, "\xef\xbb\xbf")) text.remove_prefix(3);  // a BOM some editors write
  if (!text.empty() && (text.front() == '{' || text.front() == '[')) return UploadKind::kJson;
  if (LooksLikeCompactJws(text)) return UploadKind::kJws;
  return UploadKind::kOther;
}

}  // namespace siegel
