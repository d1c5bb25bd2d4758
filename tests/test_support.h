// Helpers shared by the tests: reading fixtures from tests/data and temporary directories.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "base/json_strict.h"

namespace siegel::testing {

// The sanitizer build (scripts/sanitize) runs several times slower and keeps freed memory in
// quarantine: tests multiply their time limits by kTimeFactor there and do not judge memory.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitized = true;
inline constexpr double kTimeFactor = 5;
#else
inline constexpr bool kSanitized = false;
inline constexpr double kTimeFactor = 1;
#endif

inline std::filesystem::path DataPath(const std::string& relative) {
  return std::filesystem::path(SIEGEL_TEST_DATA_DIR) / relative;
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read test file " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::string ReadData(const std::string& relative) { return ReadFile(DataPath(relative)); }

inline Json ReadDataJson(const std::string& relative) { return Json::parse(ReadData(relative)); }

inline void WriteFile(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

// A fresh directory under the system temp dir, removed with everything in it at scope end.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "siegel-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace siegel::testing
