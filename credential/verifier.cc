// The verification pipeline: each step records a check; no claim is trusted before the
// signature verified, and one function decides for both forms what the registry's records
// and a key's compromise mean for a credential.
#include "credential/verifier.h"

#include <functional>

#include "base/encoding.h"
#include "base/jcs.h"
#include "credential/contexts.h"
#include "credential/data_integrity.h"
#include "credential/jws.h"
#include "credential/jwt_claims.h"
#include "credential/open_badge_form.h"
#include "credential/proof_set.h"
#include "credential/registry_profile.h"
#include "credential/sha256.h"
#include "credential/verifier_status.h"

namespace siegel {
namespace {

// VC 2.0 and Open Badges 3.0, then Siegel's own context as served by the registry the
// credential names itself a certificate of (labels signed before that context existed have
// only the first two).
std::vector<std::vector<std::string>> LabelContexts(const Json& credential) {
  std::vector<std::vector<std::string>> lists = {{kCredentialsV2Context, kOpenBadgesV3Context}};
  std::string id = StringMember(credential, "id");
  size_t at = id.rfind("/certificates/");
  if (at != std::string::npos) {
    lists.push_back(
        {kCredentialsV2Context, kOpenBadgesV3Context, id.substr(0, at) + kSiegelContextPath});
  }
  return lists;
}

std::string DidOf(const std::string& method_id) { return method_id.substr(0, method_id.find('#')); }

// The key that signed, if it is one of the trusted issuer's. Whether it was compromised
// when it signed is decided later, from the registry's records, not from the signer's times.
Result<const TrustedKey*> ResolveSigningKey(const TrustedIssuer& trust,
                                            const std::string& method_id,
                                            const std::string& issuer_id) {
  if (DidOf(method_id) != issuer_id) {
    return Error::InvalidInput("the signing key " + method_id + " does not belong to the issuer " +
                               issuer_id);
  }
  if (issuer_id != trust.did()) {
    return Error::InvalidInput("the credential was issued by " + issuer_id +
                               ", not by the trusted issuer " + trust.did());
  }
  return trust.ResolveAssertionMethod(method_id);
}

// Shape and profile, shared by both forms. Fills `entries`.
bool CheckStructure(const Json& credential, const TrustedIssuer& trust,
                    const VerificationInputs& inputs, std::vector<StatusEntry>* entries,
                    Pipeline& pipe) {
  if (!pipe.Check("context", CheckPinnedContexts(credential, LabelContexts(credential))))
    return false;
  if (!pipe.Check("shape", CheckLabelCredentialShape(credential))) return false;
  std::string issuer_id = IssuerId(credential);
  if (!pipe.Check("issuer",
                  issuer_id == trust.did()
                      ? Status::Ok()
                      : Status(Error::InvalidInput("the credential was issued by " + issuer_id +
                                                   ", not by the trusted "
                                                   "issuer " +
                                                   trust.did())))) {
    return false;
  }
  auto read = ReadStatusEntries(credential);
  if (!pipe.Check("status_entries", read.status())) return false;
  *entries = std::move(read).value();
  if (!inputs.registry_profile) return true;
  return pipe.Check("profile", CheckRegistryProfile(credential, *entries, trust.did()),
                    "this registry's label profile");
}

std::string DigestOf(const Json& credential);

// Authenticity of an embedded-proof credential: the signing key, or null. `*digest` is the
// credential's SHA-256 (JCS) when it was needed here, for the issuance check to reuse.
const TrustedKey* VerifyEmbeddedProof(const Json& credential, const TrustedIssuer& trust,
                                      const VerificationInputs& inputs, std::string* digest,
                                      Pipeline& pipe) {
  auto proof = DescribeProofs(credential);
  if (!pipe.Check("proof", proof.status(), proof.ok() ? proof->Summary() : "")) return nullptr;
  if (!pipe.Check("proof_purpose",
                  proof->proof_purpose == "assertionMethod"
                      ? Status::Ok()
                      : Status(Error::InvalidInput("proofPurpose is not assertionMethod")))) {
    return nullptr;
  }
  auto key = ResolveSigningKey(trust, proof->verification_method, IssuerId(credential));
  if (!pipe.Check("key", key.status(), proof->verification_method)) return nullptr;
  std::string memo_key;
  if (inputs.verified_proofs != nullptr) {
    *digest = DigestOf(credential);
    memo_key = *digest + " " + (*key)->key.Multikey();
  }
  bool verified_before = !memo_key.empty() && inputs.verified_proofs->Contains(memo_key);
  if (!pipe.Check("signature",
                  verified_before ? Status::Ok() : VerifyProofs(credential, (*key)->key),
                  "Ed25519 signature verified")) {
    return nullptr;
  }
  if (!memo_key.empty() && !verified_before) inputs.verified_proofs->Add(memo_key);
  return *key;
}

// Authenticity of a vc+jwt; on success `credential` holds the payload. The signing key, or null.
const TrustedKey* VerifyJwsCredential(std::string_view text, const TrustedIssuer& trust,
                                      const VerificationInputs& inputs, Json* credential,
                                      std::vector<StatusEntry>* entries, Pipeline& pipe) {
  auto jws = ParseCompactJws(text);
  if (!pipe.Check("parse", jws.status(), "compact JWS")) return nullptr;
  std::string typ = StringMember(jws->header, "typ");
  if (!pipe.Check("header",
                  typ.empty() || typ == "vc+jwt"
                      ? Status::Ok()
                      : Status(Error::InvalidInput("JWS typ is not vc+jwt")),
                  "alg " + StringMember(jws->header, "alg"))) {
    return nullptr;
  }
  auto payload = ParseStrictJson(jws->payload);
  if (!pipe.Check("payload",
                  payload.ok() && payload->is_object()
                      ? Status::Ok()
                      : Status(Error::InvalidInput("the JWS payload is not a JSON object")))) {
    return nullptr;
  }
  *credential = std::move(payload).value();
  if (credential->contains("proof")) {
    pipe.Check("payload", Error::InvalidInput("a vc+jwt payload must not carry an embedded proof"));
    return nullptr;
  }
  if (!CheckStructure(*credential, trust, inputs, entries, pipe)) return nullptr;
  std::string issuer_id = IssuerId(*credential);
  if (!pipe.Check("jwt_claims", CheckJwtClaims(*credential))) return nullptr;
  std::string kid = StringMember(jws->header, "kid");
  auto key = kid.empty()
                 ? Result<const TrustedKey*>(Error::InvalidInput("the JWS header has no kid"))
                 : ResolveSigningKey(trust, kid, issuer_id);
  if (!pipe.Check("key", key.status(), kid)) return nullptr;
  if (!pipe.Check("signature",
                  VerifyCompactJws(*jws, (*key)->key)
                      ? Status::Ok()
                      : Status(Error::Refused("the JWS signature does not match")),
                  "Ed25519 signature verified")) {
    return nullptr;
  }
  return *key;
}

// What the registry's records say of an authentic credential, for both forms alike: that
// the registry issued exactly this one, and, for a key marked compromised since T, that its
// issuance entered the transparency log before T. `digest` is of the form at hand (JCS of
// the credential, or the JWS text); `is_jws` says which. Returns false when the credential
// must not count as authentic; `*unchecked` when that could not be decided.
bool CheckIssuance(const Json& credential, const std::string& digest, bool is_jws,
                   const TrustedKey& key, const VerificationInputs& inputs, bool* unchecked,
                   Pipeline& pipe) {
  std::string id = StringMember(credential, "id");
  std::optional<IssuanceRecord> record;
  if (inputs.issuance != nullptr) {
    auto found = inputs.issuance->Find(id);
    if (!found.ok() && found.error().code == ErrorCode::kNotFound) {
      return pipe.Check(
          "issued", Error::InvalidInput("not issued by this registry: it has no certificate " + id +
                                        "; please report this credential to the registry"));
    }
    if (!found.ok() && found.error().code == ErrorCode::kRefused) {
      return pipe.Check("issued", Error::InvalidInput("the registry's record of its issuance "
                                                      "does not verify: " +
                                                      found.message()));
    }
    if (!found.ok()) {
      *unchecked = true;
      pipe.Check("issued", Error::Io("the registry could not be asked whether it issued this "
                                     "credential: " +
                                     found.message()));
    } else {
      record = std::move(found).value();
      const std::string& issued = is_jws ? record->jws_sha256 : record->credential_sha256;
      // Every proof has verified under the registry's keys by now, so the same content with
      // proofs made again (another cryptosuite library, a later `created`) is what it issued.
      bool open_badge_form = !is_jws && IsOpenBadgeForm(credential);
      const std::string& content =
          open_badge_form ? record->open_badge_content_sha256 : record->content_sha256;
      bool same_content =
          !is_jws && issued != digest && !content.empty() && ContentSha256(credential) == content;
      if (!pipe.Check("issued",
                      issued == digest || same_content
                          ? Status::Ok()
                          : Status(Error::InvalidInput(
                                "not issued by this registry: it differs from the credential the "
                                "registry issued as " +
                                id + "; please report it to the registry")),
                      open_badge_form && same_content
                          ? "the credential the registry issued, in its Open Badges 3.0 form"
                      : same_content ? "the credential the registry issued, with its proofs made "
                                       "again under the registry's keys"
                                     : "the credential the registry issued")) {
        return false;
      }
    }
  }
  if (!key.revoked_at) return true;
  std::string since = FormatDateTimeStamp(*key.revoked_at);
  if (!record) {
    *unchecked = true;
    pipe.Check(
        "key_compromise",
        Error::Io("signed with " + key.method_id + ", which is marked compromised since " + since +
                  "; whether it was issued before then is in the registry's "
                  "transparency log: verify online or with --log"));
    return true;
  }
  if (!record->logged_at || *record->logged_at >= *key.revoked_at) {
    return pipe.Check("key_compromise",
                      Error::InvalidInput(
                          "signed with " + key.method_id + ", which is marked compromised since " +
                          since + ", and the transparency log does not show it issued before"));
  }
  return pipe.Check("key_compromise", Status::Ok(),
                    "issued " + FormatDateTimeStamp(*record->logged_at) + ", before " +
                        key.method_id + " was compromised (" + since +
                        "), as the transparency log shows");
}

std::string DigestOf(const Json& credential) {
  auto canonical = CanonicalizeJson(credential);
  return canonical.ok() ? HexEncode(Sha256(*canonical)) : std::string();
}

// The digest the issuance check compares: the one VerifyEmbeddedProof computed for the memo of
// verified proofs, or computed now.
std::string IssuanceDigest(const Json& credential, std::string computed) {
  return computed.empty() ? DigestOf(credential) : computed;
}

std::string TrimmedDigest(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' '))
    text.remove_suffix(1);
  return HexEncode(Sha256(text));
}

VerificationReport Guarded(UnixSeconds at, const std::function<void(Pipeline&)>& body) {
  VerificationReport report;
  report.checked_at = at;
  Pipeline pipe(&report);
  try {
    body(pipe);
  } catch (const std::exception& e) {
    // A verifier must never crash on hostile input; any slip in the checks ends here.
    report.verified = false;
    report.state = CredentialState::kInvalid;
    report.reason = std::string("the credential could not be processed: ") + e.what();
  }
  return report;
}

// After authenticity: the registry's records, then the validity window and the status.
void Conclude(const Json& credential, const std::string& digest, bool is_jws, const TrustedKey& key,
              const std::vector<StatusEntry>& entries, const VerificationInputs& inputs,
              UnixSeconds at, Pipeline& pipe) {
  bool unchecked = false;
  if (!CheckIssuance(credential, digest, is_jws, key, inputs, &unchecked, pipe)) return;
  if (unchecked) {
    pipe.report().state = CredentialState::kUnknown;
    return;
  }
  EvaluateStatus(credential, entries, inputs.statuses, at, pipe);
}

}  // namespace

std::string ContentSha256(const Json& credential) {
  Json content = credential;
  content.erase("proof");
  return DigestOf(content);
}

VerificationReport VerifyLabelCredential(std::string_view text, const TrustedIssuer& trust,
                                         const VerificationInputs& inputs, UnixSeconds at) {
  return Guarded(at, [&](Pipeline& pipe) {
    VerificationReport& report = pipe.report();
    if (!pipe.Check("size", text.size() <= kMaxCredentialBytes
                                ? Status::Ok()
                                : Status(Error::InvalidInput("the credential is larger than " +
                                                             std::to_string(kMaxCredentialBytes) +
                                                             " bytes")))) {
      return;
    }
    Json credential;
    std::vector<StatusEntry> entries;
    const TrustedKey* key = nullptr;
    std::string digest;
    bool is_jws = LooksLikeCompactJws(text);
    if (is_jws) {
      report.format = "vc+jwt";
      key = VerifyJwsCredential(text, trust, inputs, &credential, &entries, pipe);
    } else {
      report.format = "vc";
      auto parsed = ParseStrictJson(text);
      if (!parsed.ok()) {
        pipe.Check("parse", parsed.status());
        return;
      }
      credential = std::move(parsed).value();
      if (pipe.Check("parse",
                     credential.is_object()
                         ? Status::Ok()
                         : Status(Error::InvalidInput("the credential is not a JSON object")),
                     "strict JSON") &&
          CheckStructure(credential, trust, inputs, &entries, pipe)) {
        key = VerifyEmbeddedProof(credential, trust, inputs, &digest, pipe);
      }
    }
    if (key != nullptr) {
      digest = inputs.issuance == nullptr ? std::string()
               : is_jws                   ? TrimmedDigest(text)
                                          : IssuanceDigest(credential, std::move(digest));
      Conclude(credential, digest, is_jws, *key, entries, inputs, at, pipe);
    }
    report.credential = std::move(credential);  // moved, not copied: verification is a hot path
  });
}

VerificationReport VerifyLabelCredentialJson(const Json& credential, const TrustedIssuer& trust,
                                             const VerificationInputs& inputs, UnixSeconds at) {
  return Guarded(at, [&](Pipeline& pipe) {
    pipe.report().format = "vc";
    std::vector<StatusEntry> entries;
    if (!pipe.Check("parse",
                    credential.is_object()
                        ? Status::Ok()
                        : Status(Error::InvalidInput("the credential is not a JSON object")),
                    "strict JSON") ||
        !CheckStructure(credential, trust, inputs, &entries, pipe)) {
      return;
    }
    std::string digest;
    const TrustedKey* key = VerifyEmbeddedProof(credential, trust, inputs, &digest, pipe);
    if (key == nullptr) return;
    digest =
        inputs.issuance == nullptr ? std::string() : IssuanceDigest(credential, std::move(digest));
    Conclude(credential, digest, false, *key, entries, inputs, at, pipe);
  });
}

}  // namespace siegel
