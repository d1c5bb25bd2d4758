// The transparency log over HTTP: GET /log/checkpoint (the newest signed tree head, a C2SP
// signed note), /log/key (its verifier key), /log/entries, /log/proof/inclusion and
// /log/proof/consistency. Hashes are standard base64, as in checkpoints.
#include <charconv>

#include "server/http/log_json.h"
#include "server/http/problem.h"
#include "server/http/server_context.h"

namespace siegel::http {
namespace {

// Entries and proofs for a given size never change: a client may keep them.
constexpr char kImmutable[] = "public, max-age=31536000, immutable";

Result<uint64_t> RequiredNumber(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) {
    return Error::InvalidInput("parameter " + std::string(name) + " is required");
  }
  std::string text = req.get_param_value(name);
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return Error::InvalidInput("parameter " + std::string(name) + " must be a whole number");
  }
  return value;
}

void ServeLogText(ServerContext& context, const httplib::Request& req, httplib::Response& res,
                  decltype(&CheckpointDocument) document) {
  int64_t generation = 0;
  const PublicRegistry* reader = context.Begin(res, &generation);
  if (reader == nullptr) return;
  auto doc = document(context, generation, *reader);
  if (!doc.ok()) return SendError(res, doc.error());
  SendDocument(req, res, **doc, "no-cache");
}

}  // namespace

void AddLogRoutes(RouteTable& routes, ServerContext& context) {
  routes.Get("/log/checkpoint", "log_checkpoint", Work::kQuick,
             [&context](const httplib::Request& req, httplib::Response& res) {
               ServeLogText(context, req, res, &CheckpointDocument);
             });
  routes.Get("/log/key", "log_key", Work::kQuick,
             [&context](const httplib::Request& req, httplib::Response& res) {
               ServeLogText(context, req, res, &LogKeyDocument);
             });
  routes.Get("/log/entries", "log_entries", Work::kCompute,
             [&context](const httplib::Request& req, httplib::Response& res) {
               const PublicRegistry* reader = context.Begin(res, nullptr);
               if (reader == nullptr) return;
               auto start = RequiredNumber(req, "start");
               if (!start.ok()) return SendError(res, start.error());
               auto end = RequiredNumber(req, "end");
               if (!end.ok()) return SendError(res, end.error());
               auto entries = reader->log().Entries(*start, *end);
               if (!entries.ok()) return SendError(res, entries.error());
               SendJson(req, res, LogEntriesJson(*start, *entries), kImmutable);
             });
  routes.Get("/log/proof/inclusion", "log_inclusion", Work::kQuick,
             [&context](const httplib::Request& req, httplib::Response& res) {
               const PublicRegistry* reader = context.Begin(res, nullptr);
               if (reader == nullptr) return;
               auto size = RequiredNumber(req, "size");
               if (!size.ok()) return SendError(res, size.error());
               Result<uint64_t> index = Error::InvalidInput("give index or hash");
               if (req.has_param("hash")) {
                 auto hash = Base64Decode(req.get_param_value("hash"));
                 if (!hash.ok() || hash->size() != 32) {
                   return SendError(
                       res,
                       Error::InvalidInput("parameter hash must be a leaf hash: 32 bytes, base64"));
                 }
                 index = reader->log().IndexOf(*hash);
               } else {
                 index = RequiredNumber(req, "index");
               }
               if (!index.ok()) return SendError(res, index.error());
               auto proof = reader->log().InclusionProof(*index, *size);
               if (!proof.ok()) return SendError(res, proof.error());
               auto entry = reader->log().Entries(*index, *index + 1);
               if (!entry.ok()) return SendError(res, entry.error());
               SendJson(req, res, InclusionJson(*size, entry->at(0), *proof), kImmutable);
             });
  routes.Get("/log/proof/consistency", "log_consistency", Work::kQuick,
             [&context](const httplib::Request& req, httplib::Response& res) {
               const PublicRegistry* reader = context.Begin(res, nullptr);
               if (reader == nullptr) return;
               auto from = RequiredNumber(req, "from");
               if (!from.ok()) return SendError(res, from.error());
               auto to = RequiredNumber(req, "to");
               if (!to.ok()) return SendError(res, to.error());
               auto proof = reader->log().ConsistencyProof(*from, *to);
               if (!proof.ok()) return SendError(res, proof.error());
               SendJson(req, res, Json{{"from", *from}, {"to", *to}, {"proof", HashList(*proof)}},
                        kImmutable);
             });
}

}  // namespace siegel::http
