// The event records that are the leaves of the registry's transparency log, as a verifier
// reads them: a JCS object signed with the log key (base64url Ed25519 over the JCS bytes of
// the record without its "signature").
#pragma once

#include <string>
#include <string_view>

#include "base/json_strict.h"
#include "transparency/signed_note.h"

namespace siegel {

struct LogEvent {
  std::string event;  // issued | suspended | reinstated | revoked | key-added | key-compromised
  std::string certificate;           // certificate events
  std::string time;                  // dateTimeStamp of the change
  std::string credential_sha256;     // issued: SHA-256 of the credential's JCS bytes (hex)
  std::string jws_sha256;            // issued: SHA-256 of the compact JWS (hex)
  std::string supersedes;            // issued as a renewal or re-issue
  std::string reason;                // suspended, reinstated, revoked
  std::string issuer_key;            // issued and key events: the issuer key's id
  std::string public_key_multibase;  // key-added
  std::string compromised_since;     // key-compromised
  Json record;                       // the whole record, for display
};

// Checks that `leaf` is the canonical form of a record of this log, signed by its key.
Result<LogEvent> OpenLogEvent(std::string_view leaf, const note::Verifier& log_key);
// Reads a record without its signature, for one that came from the registry itself over an
// authenticated channel (no log key at hand): canonical form and type are still checked.
Result<LogEvent> ReadLogEvent(std::string_view leaf);

// The digest an "issued" record names: SHA-256 of JCS(credential), lowercase hex.
Result<std::string> CredentialDigest(const Json& credential);

}  // namespace siegel
