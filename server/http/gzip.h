// GZIP for responses whose media type cpp-httplib does not compress by itself.
#pragma once

#include <string>
#include <string_view>

namespace siegel::http {

// An RFC 1952 stream of `data`; empty if compression failed (then send it uncompressed).
std::string GzipCompress(std::string_view data);

}  // namespace siegel::http
