// JSON forms of log entries and proofs, shared by the log routes, the verification API and
// the certificate page. Hashes are standard base64, as in checkpoints.
#pragma once

#include <vector>

#include "registry/registry.h"
#include "server/http/server_context.h"

namespace siegel::http {

Json HashList(const std::vector<merkle::Hash>& hashes);
// {"index", "leaf": the exact JCS text, "leafHash"}
Json LogEntryJson(const LogEntry& entry);
Json LogEntriesJson(uint64_t start, const std::vector<LogEntry>& entries);
Json InclusionJson(uint64_t size, const LogEntry& entry, const std::vector<merkle::Hash>& proof);

// The newest signed checkpoint (text/plain) and the log's verifier key line, as /log/checkpoint
// and /log/key serve them: made once per registry generation, however many read them.
// NotFound while the log is empty.
Result<std::shared_ptr<const CachedDocument>> CheckpointDocument(ServerContext& context,
                                                                 int64_t generation,
                                                                 const PublicRegistry& registry);
Result<std::shared_ptr<const CachedDocument>> LogKeyDocument(ServerContext& context,
                                                             int64_t generation,
                                                             const PublicRegistry& registry);

// A certificate's log entries with inclusion proofs against the newest checkpoint, as a JSON
// document built once per registry generation:
// {"checkpoint": signed note, "treeSize", "entries": [{index, leaf, leafHash, event, proof}]},
// or null when the log has no head yet.
Result<std::shared_ptr<const CachedDocument>> CertificateLogDocument(
    ServerContext& context, int64_t generation, const PublicRegistry& registry,
    const std::string& certificate_id);

}  // namespace siegel::http
