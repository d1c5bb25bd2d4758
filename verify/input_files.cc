// Reading siegel-verify's input files: one open, fstat and read per file (a batch reads
// thousands), pipes until their end, and what is not a credential said as such.
#include "verify/input_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <iostream>
#include <sstream>

#include "credential/upload_kind.h"
#include "pdf/attached_credential.h"

namespace siegel::verify {
namespace {

constexpr size_t kMaxFileBytes = 1 << 20;

}  // namespace

Result<std::string> ReadInput(const std::string& path) {
  if (path == "-") {
    std::ostringstream in;
    in << std::cin.rdbuf();
    std::string text = in.str();
    if (text.size() > kMaxFileBytes)
      return Error::InvalidInput("standard input is larger than 1 MiB; it is not a credential");
    return text;
  }
  // open, fstat, one read into a string of the file's size, close: this runs for every
  // credential of a large batch, and stdio's buffering only added copies and system calls.
  // A pipe (`<(curl ...)`) has no size and is read until its end.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error::InvalidInput("cannot read " + path);
  struct stat info {};
  bool regular = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
  if (regular && static_cast<uint64_t>(info.st_size) > kMaxFileBytes) {
    ::close(fd);
    return Error::InvalidInput(path + " is larger than 1 MiB; it is not a credential");
  }
  std::string text(regular ? static_cast<size_t>(info.st_size) : 16384, '\0');
  size_t done = 0;
  bool failed = false;
  while (done <= kMaxFileBytes) {
    if (done == text.size()) {
      if (regular) break;
      text.resize(text.size() * 2);
    }
    ssize_t n = ::read(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) failed = true;
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  ::close(fd);
  if (failed) return Error::InvalidInput("cannot read " + path);
  if (done > kMaxFileBytes)
    return Error::InvalidInput(path + " is larger than 1 MiB; it is not a credential");
  text.resize(done);
  return text;
}

Result<std::string> ReadCredentialInput(const std::string& file) {
  auto text = ReadInput(file);
  if (!text.ok()) return text;
  UploadKind kind = ClassifyUpload(*text);
  if (IsCredentialUpload(kind)) return text;
  // A printed certificate carries its credential as an attachment: that is what is checked.
  if (kind == UploadKind::kPdf) {
    auto attached = pdf::AttachedCredential(*text);
    if (attached.ok() && IsCredentialUpload(ClassifyUpload(*attached))) return attached;
    // Several credentials in one PDF: which one is meant is the holder's to say. A PDF that
    // cannot be read carries no certificate file we can check, like one without.
    if (!attached.ok() && attached.error().code == ErrorCode::kRefused) {
      return Error::InvalidInput(file + ": " + attached.error().message);
    }
  }
  const char* what = kind == UploadKind::kEmpty   ? "it is empty"
                     : kind == UploadKind::kPdf   ? "it is a PDF without a certificate file in it"
                     : kind == UploadKind::kImage ? "it is an image (a photo or a scan?)"
                                                  : "it is neither JSON nor a compact JWS";
  return Error::InvalidInput(file + " is not a certificate file: " + what +
                             "; check the certificate by the QR code on it, or by its number "
                             "on the registry's verification page");
}

Result<TrustedIssuer> LoadPinnedTrust(const std::string& file) {
  auto text = ReadInput(file);
  if (!text.ok()) return text.error();
  auto json = ParseStrictJson(*text);
  if (!json.ok()) return json.error();
  return TrustedIssuer::FromDocument(*json);
}

}  // namespace siegel::verify
