// The verification policy shared by siegel-verify and the HTTP API: strict parse, pinned
// contexts, shape and this registry's profile, proof, issuer binding, key, signature; then,
// where the issuing registry can be asked, that it issued exactly this credential, and what
// a key's compromise means for it; then the validity window and the status. A status that
// cannot be determined is "unknown", never "valid"; a verdict only ever rests on times the
// registry or its transparency log recorded, never on a time the signer wrote.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "credential/credential_shape.h"
#include "credential/did_document.h"
#include "credential/status_list.h"
#include "credential/verified_proofs.h"

namespace siegel {

// Statuses in the order a certificate's status is decided.
enum class CredentialState {
  kValid,
  kExpired,
  kNotYetValid,
  kRevoked,
  kSuspended,
  kUnknown,
  kInvalid
};

std::string StateName(CredentialState state);   // "valid", "not_yet_valid", …
std::string StateLabel(CredentialState state);  // "VALID", "NOT YET VALID", …

struct VerificationCheck {
  std::string name;  // "signature", "validity", "revocation", …
  bool ok = false;
  std::string detail;
};

struct VerificationReport {
  // Authentic: the signature verified under a trusted key, and, where the registry could be
  // asked, it is the credential the registry issued.
  bool verified = false;
  CredentialState state = CredentialState::kInvalid;
  std::string reason;  // why it is invalid or why the status is unknown; empty otherwise
  std::string format;  // "vc" (embedded proof) or "vc+jwt"
  std::string credential_id;
  std::string issuer;
  std::string valid_from, valid_until;
  UnixSeconds checked_at = 0;
  // The time the status information is from (a status list's date, when it was fetched, or
  // the registry's own records); unset when no status was read.
  std::optional<UnixSeconds> status_as_of;
  // Where a status list came from when not from its issuer's own address (a mirror's URL).
  std::string status_source;
  std::vector<VerificationCheck> checks;
  Json credential;  // the parsed credential, for display; null when it did not parse

  // Authentic and, at the time asked about, valid.
  bool valid() const { return verified && state == CredentialState::kValid; }

  // The report as the API and siegel-verify --json print it; without the checks for batches.
  // ToJsonText is its compact JSON text, members sorted (what ToJson().dump() gives).
  std::string ToJsonText(bool with_checks = true) const;
  Json ToJson(bool with_checks = true) const;
};

// A status list whose signature was verified (or one the registry holds itself).
struct VerifiedStatusList {
  std::vector<std::string> purposes;
  Bitstring bits;
  UnixSeconds valid_from = 0;
  std::optional<UnixSeconds> valid_until;
  std::optional<int64_t> ttl_seconds;  // how long a copy may be used without fetching it again
  // The last time the list was known to be current: its date for a file, when it was fetched
  // for a downloaded copy. A list is trusted for times from valid_from up to this plus its
  // ttl and kStatusListGrace.
  UnixSeconds current_as_of = 0;
  // The registry's own current list (its API): always current; times before its date are
  // answered from the registry's history.
  bool live = false;
  // Set when the list was fetched from a copy (a mirror) rather than the address it names
  // itself by: the mirror's URL. Its currency is then only its own date.
  std::string source;
};

// How long past its ttl an offline copy of a status list still speaks for its issuer: a day,
// so a partner can check labels offline with the lists of the morning.
constexpr int64_t kStatusListGraceSeconds = 24 * 3600;

// A list is shared, never copied: it is tens of KiB and read on every verification.
using StatusListRef = std::shared_ptr<const VerifiedStatusList>;

// Where the verifier finds status lists, by their credential URL.
class StatusListSource {
 public:
  virtual ~StatusListSource() = default;
  // NotFound if this source does not know the list.
  virtual Result<StatusListRef> Find(const std::string& url) const = 0;
  // For a live list asked about a time before its date: whether the entry's bit was set
  // then, from the registry's history. NotFound if this source keeps no history.
  virtual Result<bool> BitAt(const StatusEntry& entry, UnixSeconds at) const;
};

// Status lists loaded once, e.g. from files given to siegel-verify.
class StatusListSet : public StatusListSource {
 public:
  // Verifies `text` as a BitstringStatusListCredential of `trust`'s issuer and adds it;
  // `current_as_of`: when it was last known to be current (default: its own date).
  Status Add(std::string_view text, const TrustedIssuer& trust,
             std::optional<UnixSeconds> current_as_of = std::nullopt);
  // Adds a list the registry holds itself (already trusted).
  void AddVerified(const std::string& url, StatusListRef list) { lists_[url] = std::move(list); }
  Result<StatusListRef> Find(const std::string& url) const override;
  size_t size() const { return lists_.size(); }

 private:
  std::map<std::string, StatusListRef> lists_;
};

// Verifies a BitstringStatusListCredential (JSON with an eddsa-jcs-2022 proof) and decodes it.
// A list signed with a key marked compromised is refused whatever its dates: the registry
// signs its lists again with a sound key, and only a current list speaks.
Result<std::pair<std::string, VerifiedStatusList>> VerifyStatusListCredential(
    const Json& credential, const TrustedIssuer& trust);

// What the issuing registry recorded when it issued a credential.
struct IssuanceRecord {
  std::string credential_sha256;  // SHA-256 of JCS(credential) as issued, lowercase hex
  std::string jws_sha256;         // SHA-256 of its compact JWS as issued
  // When its issuance entered the transparency log; unset if the log does not record it.
  std::optional<UnixSeconds> logged_at;
  // SHA-256 of JCS(credential without its proofs) as issued; empty where only the log's
  // digests are at hand. With it, a credential whose proofs were made again under the
  // registry's keys (by another implementation, say) is still the one the registry issued.
  std::string content_sha256 = {};
  // The same for its Open Badges 3.0 form (credential/open_badge_form.h), derived from it.
  std::string open_badge_content_sha256 = {};
};

// SHA-256 of JCS(credential without "proof"), lowercase hex; empty if it does not canonicalize.
std::string ContentSha256(const Json& credential);

// The issuing registry's own account of the credentials it issued: its database (the API),
// its served records (siegel-verify --online) or its transparency log (--log).
class IssuanceSource {
 public:
  virtual ~IssuanceSource() = default;
  // NotFound: the registry never issued a certificate with this credential id. Refused: what
  // the registry answered does not verify (a log proof or signature failed). Any other
  // error: the registry could not be asked.
  virtual Result<IssuanceRecord> Find(const std::string& credential_id) const = 0;
};

// What a verification may consult besides the credential and the issuer's keys.
struct VerificationInputs {
  const StatusListSource* statuses = nullptr;  // null: the status is unknown
  // Where the registry is at hand; null otherwise. Without it, a credential signed with a key
  // marked compromised cannot be placed before or after the compromise, and is unchecked.
  const IssuanceSource* issuance = nullptr;
  // This registry's profile: both status entries (revocation and suspension), the id and the
  // status lists at the issuer's own address. Off only for other issuers' sample vectors.
  bool registry_profile = true;
  // Proof sets this process verified before (credential/verified_proofs.h); null: verify every
  // proof every time.
  VerifiedProofs* verified_proofs = nullptr;
};

// Verifies a label certificate given as JSON (embedded proof) or compact JWS, at time `at`.
// Never throws.
VerificationReport VerifyLabelCredential(std::string_view text, const TrustedIssuer& trust,
                                         const VerificationInputs& inputs, UnixSeconds at);

// The same for a credential already parsed strictly (e.g. one item of a batch).
VerificationReport VerifyLabelCredentialJson(const Json& credential, const TrustedIssuer& trust,
                                             const VerificationInputs& inputs, UnixSeconds at);

// The largest credential a verifier accepts; anything bigger is not one of ours.
constexpr size_t kMaxCredentialBytes = 64 * 1024;

}  // namespace siegel
