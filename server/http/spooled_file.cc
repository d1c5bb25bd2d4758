#include "server/http/spooled_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace siegel::http {

Result<std::shared_ptr<SpooledFile>> SpooledFile::Create() {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  std::string name = (dir / "siegel-answer-XXXXXX").string();
  int fd = mkostemp(name.data(), O_CLOEXEC);
  if (fd < 0) {
    return Error::Io("cannot make a temporary file in " + dir.string() + ": " +
                     std::strerror(errno) + "; set TMPDIR to a writable directory");
  }
  unlink(name.c_str());
  return std::shared_ptr<SpooledFile>(new SpooledFile(fd));
}

SpooledFile::~SpooledFile() { close(fd_); }

Status SpooledFile::Append(std::string_view text) {
  while (!text.empty()) {
    ssize_t n = pwrite(fd_, text.data(), text.size(), static_cast<off_t>(size_));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      return Error::Io(std::string("cannot write a temporary file: ") +
                       (n < 0 ? std::strerror(errno) : "no space") +
                       " (the temporary directory, $TMPDIR, may be full)");
    }
    size_ += static_cast<uint64_t>(n);
    text.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

Status SpooledFile::Read(uint64_t offset, size_t length, std::string& out) const {
  out.resize(length);
  size_t done = 0;
  while (done < length) {
    ssize_t n = pread(fd_, out.data() + done, length - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      out.clear();
      return Error::Io(std::string("cannot read a temporary file: ") +
                       (n < 0 ? std::strerror(errno) : "it ended early"));
    }
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

}  // namespace siegel::http
