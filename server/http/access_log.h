// The access log: one JSON object per line. No client addresses and no query strings: who
// checks which label is nobody's business (the status list guidance says the same).
#pragma once

#include <cstdio>
#include <mutex>
#include <string>

namespace siegel::http {

class AccessLog {
 public:
  // `destination` is "-" (standard error), "off", or a file path (appended to).
  explicit AccessLog(const std::string& destination);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  bool enabled() const { return file_ != nullptr; }
  void Write(const std::string& method, const std::string& path, const std::string& route,
             int status, size_t bytes, double seconds);

 private:
  std::mutex mutex_;
  FILE* file_ = nullptr;
  bool owned_ = false;
};

}  // namespace siegel::http
