// JSON lines through nlohmann so any path is escaped correctly.
#include "server/http/access_log.h"

#include <nlohmann/json.hpp>

#include "base/timestamp.h"

namespace siegel::http {

AccessLog::AccessLog(const std::string& destination) {
  if (destination == "off" || destination.empty()) return;
  if (destination == "-") {
    file_ = stderr;
    return;
  }
  file_ = std::fopen(destination.c_str(), "a");
  owned_ = file_ != nullptr;
}

AccessLog::~AccessLog() {
  if (owned_) std::fclose(file_);
}

void AccessLog::Write(const std::string& method, const std::string& path, const std::string& route,
                      int status, size_t bytes, double seconds) {
  if (file_ == nullptr) return;
  nlohmann::json line = {{"time", FormatDateTimeStamp(NowUnixSeconds())},
                         {"method", method},
                         {"path", path},
                         {"route", route},
                         {"status", status},
                         {"bytes", bytes},
                         {"ms", static_cast<double>(static_cast<int64_t>(seconds * 1e5)) / 100}};
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::lock_guard<std::mutex> lock(mutex_);
  std::fwrite(text.data(), 1, text.size(), file_);
  std::fflush(file_);
}

}  // namespace siegel::http
