#include "server/http/log_json.h"

namespace siegel::http {
namespace {

Result<Json> CertificateLogJson(const PublicRegistry& registry, const std::string& certificate_id) {
  auto head = registry.log().Checkpoint();
  if (!head.ok()) {
    if (head.error().code == ErrorCode::kNotFound) return Json();
    return head.error();
  }
  auto entries = registry.log().EntriesOf(certificate_id);
  if (!entries.ok()) return entries.error();
  Json list = Json::array();
  for (const LogEntry& entry : *entries) {
    if (entry.index >= head->size) continue;  // appended after the head was read
    auto proof = registry.log().InclusionProof(entry.index, head->size);
    if (!proof.ok()) return proof.error();
    Json item = InclusionJson(head->size, entry, *proof);
    item.erase("treeSize");
    Json record = Json::parse(entry.leaf, nullptr, false);
    if (record.is_object()) item["event"] = record.value("event", "");
    list.push_back(std::move(item));
  }
  return Json{{"checkpoint", head->signed_note}, {"treeSize", head->size}, {"entries", list}};
}

}  // namespace

Json HashList(const std::vector<merkle::Hash>& hashes) {
  Json list = Json::array();
  for (const merkle::Hash& h : hashes) list.push_back(Base64Encode(h));
  return list;
}

Json LogEntryJson(const LogEntry& entry) {
  return Json{{"index", entry.index},
              {"leaf", entry.leaf},
              {"leafHash", Base64Encode(merkle::LeafHash(entry.leaf))}};
}

Json LogEntriesJson(uint64_t start, const std::vector<LogEntry>& entries) {
  Json list = Json::array();
  for (const LogEntry& entry : entries) list.push_back(LogEntryJson(entry));
  return Json{{"start", start}, {"end", start + entries.size()}, {"entries", list}};
}

Json InclusionJson(uint64_t size, const LogEntry& entry, const std::vector<merkle::Hash>& proof) {
  Json body = LogEntryJson(entry);
  body["treeSize"] = size;
  body["proof"] = HashList(proof);
  return body;
}

Result<std::shared_ptr<const CachedDocument>> CheckpointDocument(ServerContext& context,
                                                                 int64_t generation,
                                                                 const PublicRegistry& registry) {
  return context.cache().Document(
      generation, "log/checkpoint", [&]() -> Result<std::shared_ptr<const CachedDocument>> {
        auto head = registry.log().Checkpoint();
        if (!head.ok()) return head.error();
        return MakeDocument(head->signed_note, "text/plain; charset=utf-8");
      });
}

Result<std::shared_ptr<const CachedDocument>> LogKeyDocument(ServerContext& context,
                                                             int64_t generation,
                                                             const PublicRegistry& registry) {
  return context.cache().Document(generation, "log/key",
                                  [&]() -> Result<std::shared_ptr<const CachedDocument>> {
                                    auto key = registry.log().VerifierKey();
                                    if (!key.ok()) return key.error();
                                    return MakeDocument(*key + "\n", "text/plain; charset=utf-8");
                                  });
}

Result<std::shared_ptr<const CachedDocument>> CertificateLogDocument(
    ServerContext& context, int64_t generation, const PublicRegistry& registry,
    const std::string& certificate_id) {
  return context.cache().Document(generation, "log-of/" + certificate_id,
                                  [&]() -> Result<std::shared_ptr<const CachedDocument>> {
                                    auto log = CertificateLogJson(registry, certificate_id);
                                    if (!log.ok()) return log.error();
                                    return MakeDocument(log->dump(), "application/json");
                                  });
}

}  // namespace siegel::http
