#include "server/publish/static_directory.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

#include "server/http/gzip.h"

namespace siegel::publish {
namespace {

bool SameBytes(const std::filesystem::path& path, std::string_view bytes) {
  std::error_code ec;
  if (std::filesystem::file_size(path, ec) != bytes.size() || ec) return false;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return in.good() || in.eof() ? content.str() == bytes : false;
}

}  // namespace

bool StaticDirectory::HasFileOfSize(const std::string& relative, uint64_t size) const {
  std::error_code ec;
  return std::filesystem::file_size(root_ / relative, ec) == size && !ec;
}

Status StaticDirectory::WriteWhole(const std::filesystem::path& path, std::string_view bytes) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec)
    return Error::Io("cannot make the folder " + path.parent_path().string() + ": " + ec.message());
  std::filesystem::path temporary =
      path.parent_path() / ("." + path.filename().string() + ".tmp-" + std::to_string(getpid()));
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      std::filesystem::remove(temporary, ec);
      return Error::Io("cannot write " + temporary.string());
    }
  }
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    return Error::Io("cannot put " + path.string() + " in place: " + ec.message());
  }
  counts_.written += 1;
  counts_.bytes += static_cast<int64_t>(bytes.size());
  return Status::Ok();
}

Status StaticDirectory::Put(const std::string& relative, std::string_view bytes, bool precompress) {
  const std::filesystem::path path = root_ / relative;
  if (SameBytes(path, bytes)) {
    counts_.unchanged += 1;
    return Status::Ok();
  }
  // The compressed copy first: a server that prefers it never finds it older than the file.
  if (precompress) {
    if (Status s = WriteWhole(path.string() + ".gz", http::GzipCompress(bytes)); !s.ok()) return s;
  }
  return WriteWhole(path, bytes);
}

}  // namespace siegel::publish
