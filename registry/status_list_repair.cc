// A stored status list that no longer verifies (a damaged page, a hand edit) is derived data:
// it encodes the status records, so the registry signs it again from them rather than
// serving it or failing every verification that needs it.
#include "credential/json_strict.h"
#include "credential/verifier.h"
#include "registry/audit.h"
#include "registry/registry.h"
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

Result<std::string> Registry::SoundStatusListCredential(const std::string& programme,
                                                        const std::string& purpose) {
  auto stored = StatusListCredential(programme, purpose);
  if (!stored.ok()) return stored;
  auto did = DidDocument();
  if (!did.ok()) return did.error();
  auto problem = ProblemOf(*stored, *did);
  if (!problem.ok()) return problem.error();
  if (problem->empty()) return stored;

  std::string now = FormatDateTimeStamp(Now());
  Status written = Write([&]() -> Status {
    auto key = SigningKey();
    if (!key.ok()) return key.error();
    if (Status s = RepublishStatusList(*db_, settings_, settings_.active_key_id, *key, programme,
                                       purpose, now);
        !s.ok()) {
      return s;
    }
    AppendAudit(*db_, now, Actor{"system:repair"}, "status_list.repair", programme + "/" + purpose,
                Json{{"problem", *problem}}, Json{{"signedAgainAt", now}});
    return Status::Ok();
  });
  if (!written.ok()) {
    return Error::Io("the stored " + purpose + " list of " + programme + " does not verify (" +
                     *problem +
                     ") and could not be signed again from the records: " + written.message());
  }
  return StatusListCredential(programme, purpose);
}

}  // namespace siegel
