// The registry's change counter: eight bytes in a file beside the database
// (registry.changes), mapped into every process that opens the registry, which each bumps
// right after it commits a change the public sees (one that bumps the database's
// generation). A server reads it per request from memory, without a system call, and asks
// SQLite for the generation only when it moved; asking SQLite every time (a read
// transaction: file locks, a stat, a mutex all readers share) was a quarter of the server's
// time for a cached status answer.
//
// A bump can only come late, never early: between a commit and its bump a reader still
// serves the state before it, exactly as for a request that came a moment sooner. A writer
// that dies between the two, or one that cannot map the file, leaves the counter still:
// readers therefore also ask SQLite at least once a second (publication_cache.cc).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>

#include "registry/credential/result.h"

namespace siegel {

inline constexpr const char* kChangeSignalFile = "registry.changes";

class ChangeSignal {
 public:
  // Maps the counter of the registry in `dir`, creating it (at zero) if missing.
  static Result<std::unique_ptr<ChangeSignal>> Open(const std::filesystem::path& dir);
  ~ChangeSignal();
  ChangeSignal(const ChangeSignal&) = delete;
  ChangeSignal& operator=(const ChangeSignal&) = delete;

  uint64_t Read() const;
  void Bump();

 private:
  explicit ChangeSignal(uint64_t* counter) : counter_(counter) {}
  uint64_t* counter_;  // in a shared mapping of the file
};

}  // namespace siegel
