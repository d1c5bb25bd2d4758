// One-shot deflate with the gzip wrapper (windowBits 16 + 15).
#include "server/http/gzip.h"

#include <zlib.h>

namespace siegel::http {

std::string GzipCompress(std::string_view data) {
  z_stream stream{};
  if (deflateInit2(&stream, 6, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY) != Z_OK) return "";
  std::string out(deflateBound(&stream, data.size()) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&stream, Z_FINISH);
  size_t produced = stream.total_out;
  deflateEnd(&stream);
  if (rc != Z_STREAM_END) return "";
  out.resize(produced);
  return out;
}

}  // namespace siegel::http

namespace siegel::http {

GzipStream::GzipStream(std::function<Status(std::string_view)> sink)
    : sink_(std::move(sink)), buffer_(64 * 1024, '\0') {
  ready_ = deflateInit2(&stream_, 6, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY) == Z_OK;
}

GzipStream::~GzipStream() {
  if (ready_) deflateEnd(&stream_);
}

Status GzipStream::Write(std::string_view data) { return Deflate(data, Z_NO_FLUSH); }

Status GzipStream::Finish() { return Deflate({}, Z_FINISH); }

Status GzipStream::Deflate(std::string_view data, int flush) {
  if (!ready_) return Error::Internal("zlib could not start a gzip stream");
  stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream_.avail_in = static_cast<uInt>(data.size());
  for (;;) {
    stream_.next_out = reinterpret_cast<Bytef*>(buffer_.data());
    stream_.avail_out = static_cast<uInt>(buffer_.size());
    int rc = deflate(&stream_, flush);
    if (rc == Z_STREAM_ERROR) return Error::Internal("zlib failed while compressing");
    size_t produced = buffer_.size() - stream_.avail_out;
    if (produced > 0) {
      if (Status s = sink_(std::string_view(buffer_.data(), produced)); !s.ok()) return s;
    }
    if (flush == Z_FINISH ? rc == Z_STREAM_END : stream_.avail_in == 0 && stream_.avail_out != 0)
      return Status::Ok();
  }
}

}  // namespace siegel::http
