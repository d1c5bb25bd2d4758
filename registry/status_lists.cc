// The published status lists. A stored list that no longer verifies (a damaged page, a hand
// edit) is derived data: it encodes the status records, so the registry signs it again from
// them rather than serving it or failing every verification that needs it.
#include "base/json_strict.h"
#include "credential/verifier.h"
#include "registry/audit.h"
#include "registry/registry.h"
#include "registry/sql_guard.h"
#include "registry/status_publisher.h"

namespace siegel {
namespace {

// Why `stored` is not a list the registry's own keys signed, or "" when it is.
Result<std::string> ProblemOf(const std::string& stored, const Json& did_document) {
  auto trust = TrustedIssuer::FromDocument(did_document);
  if (!trust.ok()) {
    return Error::Internal("the registry's own DID document does not load: " + trust.message());
  }
  auto parsed = ParseStrictJson(stored);
  if (!parsed.ok()) return "it does not parse: " + parsed.message();
  auto verified = VerifyStatusListCredential(*parsed, *trust);
  if (!verified.ok()) return verified.message();
  return std::string();
}

}  // namespace

Result<std::string> StatusLists::SoundStatusListCredential(const std::string& programme,
                                                           StatusPurpose purpose) {
  auto stored = StatusListCredential(programme, purpose);
  if (!stored.ok()) return stored;
  auto did = keys_.DidDocument();
  if (!did.ok()) return did.error();
  auto problem = ProblemOf(*stored, *did);
  if (!problem.ok()) return problem.error();
  if (problem->empty()) return stored;

  std::string now = FormatDateTimeStamp(store_.Now());
  Status written = store_.Write([&]() -> Status {
    auto key = store_.SigningKey();
    if (!key.ok()) return key.error();
    if (Status s =
            RepublishStatusList(store_.db(), store_.settings(), store_.settings().active_key_id,
                                *key, programme, purpose, now);
        !s.ok()) {
      return s;
    }
    AppendAudit(store_.db(), now, Actor{"system:repair"}, "status_list.repair",
                programme + "/" + PurposeName(purpose), Json{{"problem", *problem}},
                Json{{"signedAgainAt", now}});
    return Status::Ok();
  });
  if (!written.ok()) {
    return Error::Io("the stored " + std::string(PurposeName(purpose)) + " list of " + programme +
                     " does not verify (" + *problem +
                     ") and could not be signed again from the records: " + written.message());
  }
  return StatusListCredential(programme, purpose);
}

Result<std::string> StatusLists::StatusListCredential(const std::string& programme,
                                                      StatusPurpose purpose) const {
  return Guard("a status list", [&]() -> Result<std::string> {
    SQLite::Statement q(
        store_.db(),
        "SELECT credential_json FROM status_lists WHERE programme_code = ? AND purpose = ?");
    q.bind(1, programme);
    q.bind(2, PurposeName(purpose));
    if (!q.executeStep())
      return Error::NotFound("there is no " + std::string(PurposeName(purpose)) +
                             " status list for programme " + programme);
    return q.getColumn(0).getString();
  });
}

Result<std::string> StatusLists::CertificateAtStatusIndex(const std::string& programme,
                                                          StatusPurpose purpose,
                                                          uint64_t index) const {
  return Guard("a certificate", [&]() -> Result<std::string> {
    SQLite::Statement q(store_.db(),
                        purpose == StatusPurpose::kRevocation
                            ? "SELECT id FROM certificates WHERE programme_code = ? AND "
                              "revocation_index = ?"
                            : "SELECT id FROM certificates WHERE programme_code = ? AND "
                              "suspension_index = ?");
    q.bind(1, programme);
    q.bind(2, static_cast<int64_t>(index));
    if (!q.executeStep()) {
      return Error::NotFound("no certificate holds index " + std::to_string(index) + " of " +
                             programme + "'s " + PurposeName(purpose) + " list");
    }
    return q.getColumn(0).getString();
  });
}

Result<int> StatusLists::RefreshStatusLists(int64_t older_than_seconds) {
  UnixSeconds now = store_.Now();
  std::string now_text = FormatDateTimeStamp(now);
  std::string cutoff = FormatDateTimeStamp(now - older_than_seconds);
  auto stale_lists = [&]() {
    std::vector<std::pair<std::string, std::string>> stale;
    SQLite::Statement q(store_.db(),
                        "SELECT programme_code, purpose FROM status_lists WHERE updated_at <= ? "
                        "ORDER BY programme_code, purpose");
    q.bind(1, cutoff);
    while (q.executeStep())
      stale.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getString());
    return stale;
  };
  // Looked at first outside a write: most of the time nothing is due, and a write would make
  // every server forget what it keeps.
  auto due = Guard("the status lists", [&]() -> Result<size_t> { return stale_lists().size(); });
  if (!due.ok()) return due.error();
  if (*due == 0) return 0;
  int signed_again = 0;
  Status written = store_.Write([&]() -> Status {
    auto key = store_.SigningKey();
    if (!key.ok()) return key.error();
    for (const auto& [programme, purpose_name] : stale_lists()) {
      auto purpose = StoredPurpose(purpose_name);
      if (!purpose.ok()) return purpose.error();
      if (Status s =
              RepublishStatusList(store_.db(), store_.settings(), store_.settings().active_key_id,
                                  *key, programme, *purpose, now_text);
          !s.ok()) {
        return s;
      }
      ++signed_again;
    }
    return Status::Ok();
  });
  if (!written.ok()) return written.error();
  return signed_again;
}

}  // namespace siegel
