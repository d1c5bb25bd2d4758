// A directory of static files that a web server, an object store or a CDN serves as they are
// (`siegel publish`). Each file is written whole or not at all (a temporary file renamed over
// it), so a server never sends half a file; a file whose bytes are already there is left
// alone, so that a second publication rewrites nothing and a sync copies only what changed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "base/result.h"

namespace siegel::publish {

struct WriteCounts {
  int64_t written = 0;    // files written (a precompressed copy counts as one more)
  int64_t unchanged = 0;  // files already as they should be
  int64_t bytes = 0;      // bytes written
};

class StaticDirectory {
 public:
  explicit StaticDirectory(std::filesystem::path root) : root_(std::move(root)) {}

  const std::filesystem::path& root() const { return root_; }
  // Writes `relative` (a path with '/' below the root) unless it holds `bytes` already; with
  // `precompress`, a gzip copy beside it ("….gz") for servers that send it as it is.
  Status Put(const std::string& relative, std::string_view bytes, bool precompress = false);
  // Whether `relative` exists with exactly `size` bytes (an immutable file need not be read).
  bool HasFileOfSize(const std::string& relative, uint64_t size) const;
  const WriteCounts& counts() const { return counts_; }
  // Counts what another writer of the same directory did (one per thread).
  void Add(const WriteCounts& more) {
    counts_.written += more.written;
    counts_.unchanged += more.unchanged;
    counts_.bytes += more.bytes;
  }

 private:
  Status WriteWhole(const std::filesystem::path& path, std::string_view bytes);

  std::filesystem::path root_;
  WriteCounts counts_;
};

}  // namespace siegel::publish
