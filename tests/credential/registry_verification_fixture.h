// A registry of the test's own for the verifier's tests: keys made here, credentials in both
// forms (JSON with an embedded proof, and the compact JWS), status lists with a history, and
// an issuance record the test controls.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/encoding.h"
#include "base/jcs.h"
#include "credential/contexts.h"
#include "credential/data_integrity.h"
#include "credential/jws.h"
#include "credential/sha256.h"
#include "credential/verifier.h"

namespace siegel {

inline const std::string kDid = "did:web:labels.test";
inline const std::string kBase = "https://labels.test";
inline const std::string kRevocationList = kBase + "/status/ce-bw/revocation";
inline const std::string kSuspensionList = kBase + "/status/ce-bw/suspension";
inline const std::string kSiegelContext = kBase + "/ns/siegel/v1";

inline UnixSeconds At(const char* text) { return *ParseDateTimeStamp(text); }

inline Ed25519PrivateKey KeyFromByte(uint8_t byte) {
  return *Ed25519PrivateKey::FromSeed(Bytes(32, byte));
}

// An issuance source that knows what the test says it issued.
class FakeIssuance : public IssuanceSource {
 public:
  Result<IssuanceRecord> Find(const std::string& credential_id) const override {
    if (unreachable) return Error::Io("connection refused");
    auto it = records.find(credential_id);
    if (it == records.end()) return Error::NotFound("no such certificate");
    return it->second;
  }
  std::map<std::string, IssuanceRecord> records;
  bool unreachable = false;
};

// A status list source with a history, as the registry's API has one.
class HistoryLists : public StatusListSource {
 public:
  Result<StatusListRef> Find(const std::string& url) const override { return lists.Find(url); }
  Result<bool> BitAt(const StatusEntry& entry, UnixSeconds at) const override {
    return history(entry, at);
  }
  StatusListSet lists;
  std::function<bool(const StatusEntry&, UnixSeconds)> history;
};

class RegistryVerificationTest : public ::testing::Test {
 protected:
  RegistryVerificationTest() : key1_(KeyFromByte(1)), key2_(KeyFromByte(2)) { Trust(); }

  // The issuer document, key-1 marked compromised since `compromised` if given.
  void Trust(std::optional<UnixSeconds> compromised = std::nullopt) {
    auto trust = TrustedIssuer::FromDocument(BuildDidDocument(
        kDid, {{"key-1", key1_.public_key(), compromised}, {"key-2", key2_.public_key(), {}}}));
    ASSERT_TRUE(trust.ok()) << trust.message();
    trust_ = std::make_unique<TrustedIssuer>(std::move(trust).value());
  }

  static Json Entry(const std::string& purpose, const std::string& list, int index) {
    return Json{{"id", list + "#" + std::to_string(index)},
                {"type", "BitstringStatusListEntry"},
                {"statusPurpose", purpose},
                {"statusListIndex", std::to_string(index)},
                {"statusListCredential", list}};
  }

  // A credential of this registry's profile, without proof.
  static Json Unsigned(const std::string& id = "CEBW-2026-0001") {
    return Json{
        {"@context", {kCredentialsV2Context, kOpenBadgesV3Context}},
        {"id", kBase + "/certificates/" + id},
        {"type", {"VerifiableCredential", "OpenBadgeCredential"}},
        {"issuer", {{"id", kDid}, {"type", {"Profile"}}, {"name", "Test ministry"}}},
        {"validFrom", "2026-01-01T00:00:00Z"},
        {"validUntil", "2028-01-01T00:00:00Z"},
        {"credentialSubject",
         {{"id", kBase + "/initiatives/one"},
          {"type", {"AchievementSubject"}},
          {"achievement",
           {{"id", kBase + "/programmes/ce-bw"},
            {"type", {"Achievement"}},
            {"name", "Cluster-Exzellenz"},
            {"criteria", {{"narrative", "ECEI"}}}}}}},
        {"credentialStatus",
         {Entry("revocation", kRevocationList, 7), Entry("suspension", kSuspensionList, 9)}}};
  }

  // Both forms of `credential`, signed with `key` (key-1 unless told).
  struct Forms {
    std::string json, jws;
  };
  Forms Sign(const Json& credential, const Ed25519PrivateKey* key = nullptr,
             const std::string& key_id = "key-1") {
    const Ed25519PrivateKey& signer = key ? *key : key1_;
    auto secured =
        AddEddsaJcsProof(credential, signer, {kDid + "#" + key_id, "2025-12-31T00:00:00Z"});
    EXPECT_TRUE(secured.ok()) << secured.message();
    Json header = {{"alg", "EdDSA"}, {"typ", "vc+jwt"}, {"kid", kDid + "#" + key_id + "-jwk"}};
    auto jws = SignCompactJws(header, *CanonicalizeJson(credential), signer);
    EXPECT_TRUE(jws.ok());
    return {secured->dump(), *jws};
  }

  // What the registry would record for `forms`, logged at `logged_at`.
  static IssuanceRecord RecordOf(const Forms& forms, std::optional<UnixSeconds> logged_at) {
    auto parsed = ParseStrictJson(forms.json);
    Json content = *parsed;
    content.erase("proof");
    // The Open Badges 3.0 form: the suspension entry (the second) alone, and the registry's
    // context after the two a label signed before it names.
    Json open_badge = content;
    open_badge["credentialStatus"] = content["credentialStatus"][1];
    if (open_badge["@context"].size() == 2) open_badge["@context"].push_back(kSiegelContext);
    return IssuanceRecord{HexEncode(Sha256(*CanonicalizeJson(*parsed))),
                          HexEncode(Sha256(forms.jws)), logged_at,
                          HexEncode(Sha256(*CanonicalizeJson(content))),
                          HexEncode(Sha256(*CanonicalizeJson(open_badge)))};
  }

  // A signed status list with `set` indexes on, dated `valid_from`.
  std::string List(const std::string& url, const std::string& purpose, std::vector<int> set = {},
                   const char* valid_from = "2026-06-01T00:00:00Z", int64_t ttl_ms = 60000,
                   const std::string& type = "BitstringStatusListCredential",
                   const std::string& key_id = "key-2") {
    Bitstring bits;
    for (int index : set) bits.Set(index, true);
    Json list = {{"@context", {kCredentialsV2Context}},
                 {"id", url},
                 {"type", {"VerifiableCredential", type}},
                 {"issuer", kDid},
                 {"validFrom", valid_from},
                 {"credentialSubject",
                  {{"id", url + "#list"},
                   {"type", "BitstringStatusList"},
                   {"statusPurpose", purpose},
                   {"encodedList", *EncodeStatusList(bits)},
                   {"ttl", ttl_ms}}}};
    const Ed25519PrivateKey& signer = key_id == "key-1" ? key1_ : key2_;
    auto secured = AddEddsaJcsProof(list, signer, {kDid + "#" + key_id, "2026-06-01T00:00:00Z"});
    return secured->dump();
  }

  void AddLists(StatusListSet& set, std::vector<int> revoked = {}, std::vector<int> suspended = {},
                const char* valid_from = "2026-06-01T00:00:00Z") {
    ASSERT_TRUE(set.Add(List(kRevocationList, "revocation", revoked, valid_from), *trust_).ok());
    ASSERT_TRUE(set.Add(List(kSuspensionList, "suspension", suspended, valid_from), *trust_).ok());
  }

  // Verifies both forms alike and returns the two reports.
  std::vector<VerificationReport> Verify(const Forms& forms, const VerificationInputs& inputs,
                                         UnixSeconds at = At("2026-06-02T00:00:00Z")) {
    return {VerifyLabelCredential(forms.json, *trust_, inputs, at),
            VerifyLabelCredential(forms.jws, *trust_, inputs, at)};
  }

  Ed25519PrivateKey key1_, key2_;
  std::unique_ptr<TrustedIssuer> trust_;
};

#define FOR_BOTH_FORMS(reports) for (const VerificationReport& report : reports)
#define FORM (report.format)

}  // namespace siegel
