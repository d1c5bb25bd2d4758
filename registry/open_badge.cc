// The certificate's JSON shape (docs/DESIGN.md §4), kept in one place so every issuer path agrees.
#include "registry/open_badge.h"

#include "base/jcs.h"
#include "credential/contexts.h"
#include "credential/data_integrity.h"
#include "credential/did_document.h"
#include "credential/jws.h"
#include "credential/jwt_claims.h"
#include "credential/proof_set.h"
#include "credential/sha256.h"
#include "transparency/log_event.h"

namespace siegel {
namespace {

Json StatusEntry(const RegistrySettings& s, const std::string& programme,
                 const std::string& purpose, uint64_t index) {
  std::string list = StatusListUrl(s, programme, purpose);
  return Json{{"id", list + "#" + std::to_string(index)},
              {"type", "BitstringStatusListEntry"},
              {"statusPurpose", purpose},
              {"statusListIndex", std::to_string(index)},
              {"statusListCredential", list}};
}

}  // namespace

std::string CertificateUrl(const RegistrySettings& s, const std::string& id) {
  return s.base_url + "/certificates/" + id;
}
std::string CertificateIdOfUrl(const RegistrySettings& s, const std::string& credential_id) {
  std::string prefix = CertificateUrl(s, "");
  if (credential_id.size() <= prefix.size() ||
      credential_id.compare(0, prefix.size(), prefix) != 0) {
    return "";
  }
  std::string id = credential_id.substr(prefix.size());
  return id.find_first_of("/?#") == std::string::npos ? id : "";
}

std::string InitiativeUrl(const RegistrySettings& s, const std::string& slug) {
  return s.base_url + "/initiatives/" + slug;
}
std::string ProgrammeUrl(const RegistrySettings& s, const std::string& code) {
  return s.base_url + "/programmes/" + code;
}
std::string StatusListUrl(const RegistrySettings& s, const std::string& programme,
                          const std::string& purpose) {
  return s.base_url + "/status/" + programme + "/" + purpose;
}

Json BuildLabelCredential(const RegistrySettings& s, const Programme& programme,
                          const Initiative& initiative, const Certificate& certificate) {
  Json criteria = {{"narrative", programme.criteria_text}};
  if (!programme.criteria_url.empty()) criteria["id"] = programme.criteria_url;
  Json achievement = {{"id", ProgrammeUrl(s, programme.code)},
                      {"type", {"Achievement"}},
                      {"name", programme.name_de},
                      {"description", programme.description},
                      {"criteria", criteria}};
  Json subject = {{"id", InitiativeUrl(s, initiative.slug)},
                  {"type", {"AchievementSubject"}},
                  {"name", initiative.name},
                  {"achievement", achievement}};
  if (!initiative.legal_entity.empty()) subject["legalEntity"] = initiative.legal_entity;
  if (!certificate.level.empty()) subject["level"] = certificate.level;

  Json credential = {
      {"@context", {kCredentialsV2Context, kOpenBadgesV3Context, s.base_url + kSiegelContextPath}},
      {"id", CertificateUrl(s, certificate.id)},
      {"type", {"VerifiableCredential", "OpenBadgeCredential"}},
      {"issuer",
       {{"id", s.did}, {"type", {"Profile"}}, {"name", s.issuer_name}, {"url", s.issuer_url}}},
      {"validFrom", certificate.valid_from},
      {"validUntil", certificate.valid_until},
      {"awardedDate", certificate.issued_at},
      {"name", programme.name_de + ": " + initiative.name},
      {"credentialSubject", subject},
      {"credentialStatus",
       {StatusEntry(s, programme.code, PurposeName(StatusPurpose::kRevocation),
                    certificate.revocation_index),
        StatusEntry(s, programme.code, PurposeName(StatusPurpose::kSuspension),
                    certificate.suspension_index)}},
  };
  std::string narrative;
  if (!certificate.assessed_on.empty()) narrative += "Assessed on " + certificate.assessed_on;
  if (!certificate.assessor.empty())
    narrative += (narrative.empty() ? "Assessed by " : " by ") + certificate.assessor;
  if (!certificate.board_decision_date.empty()) {
    narrative += (narrative.empty() ? "" : "; ") + std::string("board decision of ") +
                 certificate.board_decision_date;
    if (!certificate.board_decision_ref.empty())
      narrative += " (" + certificate.board_decision_ref + ")";
  }
  if (!narrative.empty()) {
    credential["evidence"] = {
        {{"type", {"Evidence"}}, {"name", "External assessment"}, {"narrative", narrative}}};
  }
  if (!certificate.supersedes.empty())
    credential["supersedes"] = CertificateUrl(s, certificate.supersedes);
  return credential;
}

Json BuildStatusListCredential(const RegistrySettings& s, const std::string& programme,
                               const std::string& purpose, const std::string& encoded_list,
                               const std::string& valid_from) {
  std::string url = StatusListUrl(s, programme, purpose);
  return Json{{"@context", {kCredentialsV2Context}},
              {"id", url},
              {"type", {"VerifiableCredential", "BitstringStatusListCredential"}},
              {"issuer", s.did},
              {"validFrom", valid_from},
              {"credentialSubject",
               {{"id", url + "#list"},
                {"type", "BitstringStatusList"},
                {"statusPurpose", purpose},
                {"encodedList", encoded_list},
                {"ttl", s.status_list_ttl_seconds * 1000}}}};
}

Result<SignedCredential> SignCredential(const Json& unsigned_credential, const RegistrySettings& s,
                                        const std::string& key_id, const Ed25519PrivateKey& key,
                                        const std::string& created, bool with_jws,
                                        bool with_digest) {
  // A proof set: eddsa-jcs-2022 (no JSON-LD processing) and eddsa-rdfc-2022 (what JSON-LD
  // verifiers and Open Badges 3.0 tools check), both by the active key.
  auto secured = AddProofSet(unsigned_credential, key, {MultikeyMethodId(s.did, key_id), created});
  if (!secured.ok()) return secured.error();
  SignedCredential signed_credential;
  signed_credential.json = secured->dump(2);
  if (with_digest) {
    // Computed here from the tree in hand: the transparency log records it at issuance.
    auto digest = CredentialDigest(*secured);
    if (!digest.ok()) return digest.error();
    signed_credential.sha256 = *digest;
  }
  if (with_jws) {
    // The payload is the credential with the JWT registered claims beside it (Open Badges 3.0
    // §8.2.4), so generic JWT libraries see issuer, subject, id and expiry.
    auto issued_at = ParseDateTimeStamp(created);
    if (!issued_at.ok()) return issued_at.error();
    auto claims = JwtClaimsFor(unsigned_credential, *issued_at);
    if (!claims.ok()) return claims.error();
    Json with_claims = unsigned_credential;
    with_claims.update(*claims);
    auto payload = CanonicalizeJson(with_claims);
    if (!payload.ok()) return payload.error();
    Json header = {
        {"alg", "EdDSA"}, {"typ", "vc+jwt"}, {"cty", "vc"}, {"kid", JwkMethodId(s.did, key_id)}};
    auto jws = SignCompactJws(header, *payload, key);
    if (!jws.ok()) return jws.error();
    if (with_digest) signed_credential.jws_sha256 = HexEncode(Sha256(std::string_view(*jws)));
    signed_credential.jws = std::move(jws).value();
  }
  return signed_credential;
}

}  // namespace siegel
