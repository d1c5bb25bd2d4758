// GET /.well-known/did.json and /.well-known/jwks.json: every issuer key, retired ones too.
#include "server/http/problem.h"
#include "server/http/server_context.h"

namespace siegel::http {
namespace {

void ServeKeyDocument(ServerContext& context, const httplib::Request& req, httplib::Response& res,
                      const std::string& key, const char* content_type,
                      Result<Json> (IssuerKeys::*build)() const) {
  int64_t generation = 0;
  const PublicRegistry* reader = context.Begin(res, &generation);
  if (reader == nullptr) return;
  auto doc = context.cache().Document(generation, key,
                                      [&]() -> Result<std::shared_ptr<const CachedDocument>> {
                                        auto json = (reader->keys().*build)();
                                        if (!json.ok()) return json.error();
                                        return MakeDocument(json->dump(2), content_type);
                                      });
  if (!doc.ok()) return SendError(res, doc.error());
  SendDocument(req, res, **doc, context.ShortCacheControl());
}

}  // namespace

void AddIssuerRoutes(RouteTable& routes, ServerContext& context) {
  routes.Get("/.well-known/did.json", "did", Work::kQuick,
             [&context](const httplib::Request& req, httplib::Response& res) {
               ServeKeyDocument(context, req, res, "did.json", "application/did+json",
                                &IssuerKeys::DidDocument);
             });
  routes.Get("/.well-known/jwks.json", "jwks", Work::kQuick,
             [&context](const httplib::Request& req, httplib::Response& res) {
               ServeKeyDocument(context, req, res, "jwks.json", "application/jwk-set+json",
                                &IssuerKeys::Jwks);
             });
}

}  // namespace siegel::http
