#include "verify/issuance.h"

#include "base/encoding.h"
#include "base/jcs.h"
#include "credential/open_badge_form.h"
#include "credential/sha256.h"
#include "transparency/merkle.h"
#include "verify/log_client.h"

namespace siegel::verify {

std::pair<std::string, std::string> SplitCredentialId(const std::string& credential_id) {
  size_t at = credential_id.rfind("/certificates/");
  if (at == std::string::npos || at + 14 >= credential_id.size()) return {};
  return {credential_id.substr(0, at), credential_id.substr(at + 14)};
}

Result<std::vector<LogEvent>> CertificateLogEvents(DocumentFetcher& fetcher,
                                                   const std::string& base_url,
                                                   const std::string& certificate_id,
                                                   const note::Verifier* log_key,
                                                   uint64_t* tree_size, bool keep_cached) {
  std::string url = base_url + "/api/v1/certificates/" + certificate_id + "/log";
  auto text = fetcher.FetchDocument(url, keep_cached);
  if (!text.ok()) return text.error();
  auto log = ParseStrictJson(text->body, {DocumentFetcher::kMaxDocumentBytes, 16});
  if (!log.ok()) return Error::Refused(url + " is not JSON: " + log.message());
  if (!log->is_object() || !(*log)["entries"].is_array()) {
    return Error::Refused(url + " holds no log entries");
  }
  std::optional<SignedHead> head;
  if (log_key != nullptr) {
    if (!(*log)["checkpoint"].is_string()) return Error::Refused(url + " has no checkpoint");
    auto checkpoint = note::OpenCheckpoint((*log)["checkpoint"].get<std::string>(), *log_key);
    if (!checkpoint.ok()) return Error::Refused("checkpoint: " + checkpoint.message());
    head = SignedHead{std::move(checkpoint).value(), (*log)["checkpoint"].get<std::string>()};
    if (tree_size != nullptr) *tree_size = head->checkpoint.size;
  }
  std::vector<LogEvent> events;
  for (const Json& entry : (*log)["entries"]) {
    std::string leaf = entry.value("leaf", "");
    uint64_t index = entry.value("index", uint64_t{0});
    std::string where = "entry " + std::to_string(index) + ": ";
    if (head) {
      auto proof = DecodeHashes(entry.value("proof", Json()));
      Status included =
          proof.ok() ? merkle::VerifyInclusion(index, head->checkpoint.size, merkle::LeafHash(leaf),
                                               *proof, head->checkpoint.root)
                     : Status(proof.error());
      if (!included.ok()) return Error::Refused(where + included.message());
    }
    auto event = head ? OpenLogEvent(leaf, *log_key) : ReadLogEvent(leaf);
    if (!event.ok()) return Error::Refused(where + event.message());
    if (event->certificate != certificate_id) {
      return Error::Refused(where + "it is about " + event->certificate);
    }
    events.push_back(std::move(event).value());
  }
  return events;
}

void OnlineIssuance::AddContentDigests(const std::string& base, const std::string& id,
                                       IssuanceRecord& record) {
  // The credential the registry serves counts only if it is the one the log records; then its
  // content tells the same credential with proofs made again, and its Open Badges 3.0 form.
  auto text = fetcher_.FetchDocument(base + "/api/v1/certificates/" + id, /*keep_cached=*/true);
  if (!text.ok()) return;
  auto served = ParseStrictJson(text->body, {DocumentFetcher::kMaxDocumentBytes, 64});
  if (!served.ok()) return;
  auto canonical = CanonicalizeJson(*served);
  if (!canonical.ok() || HexEncode(Sha256(*canonical)) != record.credential_sha256) return;
  record.content_sha256 = ContentSha256(*served);
  if (auto form = OpenBadgeFormOf(*served); form.ok()) {
    record.open_badge_content_sha256 = ContentSha256(*form);
  }
}

void OnlineIssuance::Load(const std::string& credential_id) {
  if (records_.count(credential_id) > 0) return;
  auto [base, id] = SplitCredentialId(credential_id);
  if (base.empty()) {
    records_.emplace(credential_id,
                     Error::NotFound(credential_id + " names no certificate of a registry"));
    return;
  }
  // The record of an issuance never changes: a cached copy of any age serves when the
  // registry cannot be reached.
  auto events = CertificateLogEvents(fetcher_, base, id, log_key_, nullptr, /*keep_cached=*/true);
  if (!events.ok()) {
    records_.emplace(credential_id, events.error());
    return;
  }
  for (const LogEvent& event : *events) {
    if (event.event != "issued") continue;
    IssuanceRecord record{event.credential_sha256, event.jws_sha256, std::nullopt};
    auto time = ParseDateTimeStamp(event.time);
    if (time.ok()) record.logged_at = *time;
    AddContentDigests(base, id, record);
    records_.emplace(credential_id, record);
    return;
  }
  records_.emplace(credential_id,
                   Error::NotFound("the registry's log records no issuance of " + id));
}

Result<IssuanceRecord> OnlineIssuance::Find(const std::string& credential_id) const {
  auto it = records_.find(credential_id);
  if (it == records_.end()) {
    return Error::Io("the registry was not asked about " + credential_id);
  }
  return it->second;
}

}  // namespace siegel::verify
