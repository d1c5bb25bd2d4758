// Builds the unsigned label credential and status list credential from registry records,
// and signs them (embedded eddsa-jcs-2022 proof and the vc+jwt form).
#pragma once

#include <string>

#include "base/json_strict.h"
#include "credential/ed25519.h"
#include "registry/model.h"

namespace siegel {

std::string CertificateUrl(const RegistrySettings& s, const std::string& id);
// The certificate id in one of this registry's credential ids ({base}/certificates/{ID}), or
// empty for any other.
std::string CertificateIdOfUrl(const RegistrySettings& s, const std::string& credential_id);
std::string InitiativeUrl(const RegistrySettings& s, const std::string& slug);
std::string ProgrammeUrl(const RegistrySettings& s, const std::string& code);
std::string StatusListUrl(const RegistrySettings& s, const std::string& programme,
                          const std::string& purpose);

// The OpenBadgeCredential of docs/DESIGN.md §4, without proof.
Json BuildLabelCredential(const RegistrySettings& s, const Programme& programme,
                          const Initiative& initiative, const Certificate& certificate);

// A BitstringStatusListCredential, without proof.
Json BuildStatusListCredential(const RegistrySettings& s, const std::string& programme,
                               const std::string& purpose, const std::string& encoded_list,
                               const std::string& valid_from);

struct SignedCredential {
  std::string json;        // the credential with its proof, as stored and served
  std::string jws;         // compact vc+jwt of the same credential without proof
  std::string sha256;      // with_digest: SHA-256 (hex) of the JCS form of `json`, as logged
  std::string jws_sha256;  // with_digest: SHA-256 (hex) of `jws`
};

// Signs `unsigned_credential` with the issuer's key `key_id`; `created` dates the proof.
// `with_digest`: also the SHA-256 of the signed credential's JCS form, for the log.
Result<SignedCredential> SignCredential(const Json& unsigned_credential, const RegistrySettings& s,
                                        const std::string& key_id, const Ed25519PrivateKey& key,
                                        const std::string& created, bool with_jws,
                                        bool with_digest = false);

}  // namespace siegel
