#include "transparency/log_event.h"

#include "base/jcs.h"
#include "credential/sha256.h"

namespace siegel {
namespace {

std::string Text(const Json& record, const char* name) {
  auto it = record.find(name);
  return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

Result<LogEvent> ReadLogEvent(std::string_view leaf) {
  StrictJsonLimits limits;
  limits.max_bytes = 16 * 1024;
  auto record = ParseStrictJson(leaf, limits);
  if (!record.ok()) return Error::Refused("the log entry is not JSON: " + record.message());
  if (!record->is_object()) return Error::Refused("the log entry is not a JSON object");
  auto canonical = CanonicalizeJson(*record);
  if (!canonical.ok() || *canonical != leaf) {
    return Error::Refused("the log entry is not in canonical (JCS) form");
  }
  if (Text(*record, "type") != "LabelLogEvent") {
    return Error::Refused("the log entry is not a LabelLogEvent");
  }
  LogEvent event;
  event.event = Text(*record, "event");
  event.certificate = Text(*record, "certificate");
  event.time = Text(*record, "time");
  event.credential_sha256 = Text(*record, "credentialSha256");
  event.jws_sha256 = Text(*record, "jwsSha256");
  event.supersedes = Text(*record, "supersedes");
  event.reason = Text(*record, "reason");
  event.issuer_key = Text(*record, "issuerKey");
  event.public_key_multibase = Text(*record, "publicKeyMultibase");
  event.compromised_since = Text(*record, "compromisedSince");
  event.record = std::move(record).value();
  return event;
}

Result<LogEvent> OpenLogEvent(std::string_view leaf, const note::Verifier& log_key) {
  auto event = ReadLogEvent(leaf);
  if (!event.ok()) return event.error();
  if (Text(event->record, "log") != log_key.name) {
    return Error::Refused("the log entry names the log '" + Text(event->record, "log") +
                          "', not '" + log_key.name + "'");
  }
  auto signature = Base64UrlDecode(Text(event->record, "signature"));
  auto signed_bytes = CanonicalizeJsonWithout(event->record, "signature");
  if (!signature.ok() || !signed_bytes.ok() || !log_key.key.Verify(*signed_bytes, *signature)) {
    return Error::Refused("the log entry's signature does not verify with the log key");
  }
  return event;
}

Result<std::string> CredentialDigest(const Json& credential) {
  auto canonical = CanonicalizeJson(credential);
  if (!canonical.ok()) return canonical.error();
  return HexEncode(Sha256(std::string_view(*canonical)));
}

}  // namespace siegel
