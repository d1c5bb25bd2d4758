// GZIP for responses whose media type cpp-httplib does not compress by itself, and for
// answers too large to hold in memory (compressed as they are written).
#pragma once

#include <zlib.h>

#include <functional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace siegel::http {

// An RFC 1952 stream of `data`; empty if compression failed (then send it uncompressed).
std::string GzipCompress(std::string_view data);

// An RFC 1952 stream made piece by piece: what Write and Finish produce goes to `sink`.
class GzipStream {
 public:
  explicit GzipStream(std::function<Status(std::string_view)> sink);
  ~GzipStream();
  GzipStream(const GzipStream&) = delete;
  GzipStream& operator=(const GzipStream&) = delete;

  Status Write(std::string_view data);
  Status Finish();  // once, after the last Write

 private:
  Status Deflate(std::string_view data, int flush);
  std::function<Status(std::string_view)> sink_;
  z_stream stream_{};
  bool ready_ = false;
  std::string buffer_;
};

}  // namespace siegel::http
