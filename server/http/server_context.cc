// Per-request setup and conditional responses.
#include "server/http/server_context.h"

#include "server/http/problem.h"

namespace siegel::http {

Registry* ServerContext::Begin(httplib::Response& res, int64_t* generation) {
  auto reader = readers_.ForThisThread();
  if (!reader.ok()) {
    SendError(res, reader.error());
    return nullptr;
  }
  auto seen = cache_.Refresh(**reader);
  if (!seen.ok()) {
    SendError(res, seen.error());
    return nullptr;
  }
  *generation = *seen;
  return *reader;
}

void SendDocument(const httplib::Request& req, httplib::Response& res, const CachedDocument& doc) {
  res.set_header("ETag", doc.etag);
  // Revalidate every time: a status can change at any moment and must be seen at once.
  res.set_header("Cache-Control", "no-cache");
  if (req.has_header("If-None-Match")) {
    std::string wanted = req.get_header_value("If-None-Match");
    if (wanted == doc.etag || wanted == "*" || wanted.find(doc.etag) != std::string::npos) {
      res.status = 304;
      return;
    }
  }
  res.status = 200;
  res.set_content(doc.body, doc.content_type.c_str());
}

}  // namespace siegel::http
