// Reading the transparency log: signed heads, entries and proofs.
#include "base/encoding.h"
#include "base/jcs.h"
#include "credential/open_badge_form.h"
#include "credential/sha256.h"
#include "registry/registry.h"
#include "registry/sql_guard.h"
#include "transparency/log_event.h"

namespace siegel {

Result<LogHead> LogReader::Checkpoint() const {
  return Guard("the transparency log", [&] { return store_.log().Head(store_.settings()); });
}

Result<std::string> LogReader::VerifierKey() const {
  return Guard("the transparency log", [&] { return LogVerifierKey(store_.db()); });
}

Result<std::vector<LogEntry>> LogReader::Entries(uint64_t start, uint64_t end) const {
  return Guard("the transparency log", [&] { return ReadLogEntries(store_.db(), start, end); });
}

Result<std::vector<LogEntry>> LogReader::EntriesOf(const std::string& certificate_id) const {
  return Guard("the transparency log",
               [&] { return LogEntriesOfCertificate(store_.db(), certificate_id); });
}

Result<IssuanceRecord> LogReader::IssuanceRecordOf(const std::string& certificate_id) const {
  auto certificate = queries_.GetCertificate(certificate_id);
  if (!certificate.ok()) return certificate.error();
  auto damaged = [&](const std::string& what) {
    return Error::Damaged(
        "the stored credential of " + certificate_id + " " + what +
        ": the record is damaged; restore the registry from a backup (siegel "
        "restore) and compare it with the transparency log (siegel-verify monitor)");
  };
  auto parsed = ParseStrictJson(certificate->credential_json);
  auto canonical = parsed.ok() ? CanonicalizeJson(*parsed) : Result<std::string>(parsed.error());
  std::string stored_jws_sha256 = HexEncode(Sha256(certificate->credential_jws));

  IssuanceRecord record;
  auto entries = EntriesOf(certificate_id);
  if (!entries.ok()) return entries.error();
  for (const LogEntry& entry : *entries) {
    auto event = ReadLogEvent(entry.leaf);
    if (!event.ok() || event->event != EventName(StatusEventKind::kIssued)) continue;
    // What the registry issued is what its log says, not what the row holds now.
    record.credential_sha256 = event->credential_sha256;
    record.jws_sha256 = event->jws_sha256;
    auto time = ParseDateTimeStamp(event->time);
    if (time.ok()) record.logged_at = *time;
    break;
  }
  if (!canonical.ok()) return damaged("does not parse");
  std::string stored_sha256 = HexEncode(Sha256(*canonical));
  if (record.credential_sha256.empty()) {  // not logged yet: the next write logs it
    record.credential_sha256 = stored_sha256;
    record.jws_sha256 = stored_jws_sha256;
  } else if (record.credential_sha256 != stored_sha256 ||
             (!record.jws_sha256.empty() && record.jws_sha256 != stored_jws_sha256)) {
    return damaged("differs from the one the transparency log records as issued");
  }
  if (record.jws_sha256.empty()) record.jws_sha256 = stored_jws_sha256;
  // The stored credential is the logged one (checked above), so its content is too.
  record.content_sha256 = ContentSha256(*parsed);
  if (auto form = OpenBadgeFormOf(*parsed); form.ok()) {
    record.open_badge_content_sha256 = ContentSha256(*form);
  }
  return record;
}

Result<uint64_t> LogReader::IndexOf(const merkle::Hash& leaf_hash) const {
  return Guard("the transparency log", [&] { return LogIndexOfLeafHash(store_.db(), leaf_hash); });
}

Result<std::vector<merkle::Hash>> LogReader::InclusionProof(uint64_t index, uint64_t size) const {
  return Guard("the transparency log",
               [&] { return siegel::LogInclusionProof(store_.db(), index, size); });
}

Result<std::vector<merkle::Hash>> LogReader::ConsistencyProof(uint64_t from, uint64_t to) const {
  return Guard("the transparency log",
               [&] { return siegel::LogConsistencyProof(store_.db(), from, to); });
}

Result<Bytes> LogReader::Nodes(int level, uint64_t first, int count) const {
  return Guard("the log's hashes", [&] { return ReadLogNodes(store_.db(), level, first, count); });
}

}  // namespace siegel
