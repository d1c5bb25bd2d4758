// Answer bytes kept in a file instead of memory: written once, then read by any number of
// answers at once, each as its client takes it. An export of 100,000 certificates is tens of
// megabytes; held in memory per request it would grow the server with every download.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"

namespace siegel::http {

class SpooledFile {
 public:
  // A new, empty file in the temporary directory ($TMPDIR, else /tmp), unlinked at once: it
  // needs no cleaning up, even after a crash, and a read-only data directory is no obstacle.
  static Result<std::shared_ptr<SpooledFile>> Create();
  ~SpooledFile();
  SpooledFile(const SpooledFile&) = delete;
  SpooledFile& operator=(const SpooledFile&) = delete;

  // While writing (one thread): appends `text`.
  Status Append(std::string_view text);
  uint64_t size() const { return size_; }

  // Once written, from any thread: up to `length` bytes from `offset`, in place of `out`'s
  // contents.
  Status Read(uint64_t offset, size_t length, std::string& out) const;

 private:
  explicit SpooledFile(int fd) : fd_(fd) {}
  int fd_;
  uint64_t size_ = 0;
};

}  // namespace siegel::http
