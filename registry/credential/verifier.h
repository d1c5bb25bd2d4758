// The verification policy (standards.md §11) shared by siegel-verify and the HTTP API:
// strict parse, pinned contexts, shape, proof, issuer binding, key, signature, validity,
// status. A status that cannot be determined is "unknown", never "valid".
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "registry/credential/did_document.h"
#include "registry/credential/status_list.h"

namespace siegel {

// Statuses in the order DESIGN.md §3 decides them.
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
  bool verified = false;  // the credential is authentic: parse, shape, key and signature passed
  CredentialState state = CredentialState::kInvalid;
  std::string reason;  // why it is invalid or why the status is unknown; empty otherwise
  std::string format;  // "vc" (embedded proof) or "vc+jwt"
  std::string credential_id;
  std::string issuer;
  std::string valid_from, valid_until;
  UnixSeconds checked_at = 0;
  std::vector<VerificationCheck> checks;
  Json credential;  // the parsed credential, for display; null when it did not parse

  // The report as the API and siegel-verify --json print it; without the checks for batches.
  // ToJsonText is its compact JSON text, members sorted (what ToJson().dump() gives).
  std::string ToJsonText(bool with_checks = true) const;
  Json ToJson(bool with_checks = true) const;
};

// A status list that was already verified (or comes from the registry itself).
struct VerifiedStatusList {
  std::vector<std::string> purposes;
  Bitstring bits;
  std::optional<UnixSeconds> valid_until;
};

// A list is shared, never copied: it is tens of KiB and read on every verification.
using StatusListRef = std::shared_ptr<const VerifiedStatusList>;

// Where the verifier finds status lists, by their credential URL.
class StatusListSource {
 public:
  virtual ~StatusListSource() = default;
  // NotFound if this source does not know the list.
  virtual Result<StatusListRef> Find(const std::string& url) const = 0;
};

// Status lists loaded once, e.g. from files given to siegel-verify.
class StatusListSet : public StatusListSource {
 public:
  // Verifies `text` as a BitstringStatusListCredential of `trust`'s issuer and adds it.
  Status Add(std::string_view text, const TrustedIssuer& trust);
  Result<StatusListRef> Find(const std::string& url) const override;
  size_t size() const { return lists_.size(); }

 private:
  std::map<std::string, StatusListRef> lists_;
};

// Verifies a BitstringStatusListCredential (JSON with an eddsa-jcs-2022 proof) and decodes it.
Result<std::pair<std::string, VerifiedStatusList>> VerifyStatusListCredential(
    const Json& credential, const TrustedIssuer& trust);

// Verifies a label certificate given as JSON (embedded proof) or compact JWS, at time `at`.
// `statuses` may be null: the status is then reported as unknown. Never throws.
VerificationReport VerifyLabelCredential(std::string_view text, const TrustedIssuer& trust,
                                         const StatusListSource* statuses, UnixSeconds at);

// The same for a credential already parsed strictly (e.g. one item of a batch).
VerificationReport VerifyLabelCredentialJson(const Json& credential, const TrustedIssuer& trust,
                                             const StatusListSource* statuses, UnixSeconds at);

// The largest credential a verifier accepts; anything bigger is not one of ours.
constexpr size_t kMaxCredentialBytes = 64 * 1024;

}  // namespace siegel
