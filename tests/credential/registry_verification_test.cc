// The verifier on credentials of a registry of its own, made here with keys made here, each
// rule checked in both forms (JSON with an embedded proof, and the compact JWS): this
// registry's profile; that the registry issued exactly this credential; a key's compromise
// decided by the registry's log, never by a time the signer wrote; what a status list may say
// about which times; and the status-list credential's own type and purpose. Expectations are
// typed out here, as a person reading the rules would write them.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "credential/contexts.h"
#include "credential/data_integrity.h"
#include "credential/encoding.h"
#include "credential/jcs.h"
#include "credential/jws.h"
#include "credential/sha256.h"
#include "credential/verifier.h"

namespace siegel {
namespace {

const std::string kDid = "did:web:labels.test";
const std::string kBase = "https://labels.test";
const std::string kRevocationList = kBase + "/status/ce-bw/revocation";
const std::string kSuspensionList = kBase + "/status/ce-bw/suspension";

UnixSeconds At(const char* text) { return *ParseDateTimeStamp(text); }

Ed25519PrivateKey KeyFromByte(uint8_t byte) {
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
    return IssuanceRecord{HexEncode(Sha256(*CanonicalizeJson(*parsed))),
                          HexEncode(Sha256(forms.jws)), logged_at};
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

TEST_F(RegistryVerificationTest, AGenuineCredentialIsValidInBothFormsAndSaysWhenItsStatusIsFrom) {
  Forms forms = Sign(Unsigned());
  StatusListSet lists;
  AddLists(lists);
  FakeIssuance issued;
  issued.records[kBase + "/certificates/CEBW-2026-0001"] =
      RecordOf(forms, At("2026-01-01T00:00:00Z"));
  FOR_BOTH_FORMS(Verify(forms, {&lists, &issued, true})) {
    EXPECT_TRUE(report.verified) << FORM << ": " << report.reason;
    EXPECT_EQ(report.state, CredentialState::kValid) << FORM;
    EXPECT_TRUE(report.valid()) << FORM;
    ASSERT_TRUE(report.status_as_of) << FORM;
    EXPECT_EQ(FormatDateTimeStamp(*report.status_as_of), "2026-06-01T00:00:00Z") << FORM;
  }
  // At exactly validFrom it is valid, and at exactly validUntil it is expired.
  FOR_BOTH_FORMS(Verify(forms, {&lists, &issued, true}, At("2026-01-01T00:00:00Z"))) {
    // the lists are from June: their date is later than the time asked about
    EXPECT_EQ(report.state, CredentialState::kUnknown) << FORM;
  }
  StatusListSet january;
  AddLists(january, {}, {}, "2026-01-01T00:00:00Z");
  FOR_BOTH_FORMS(Verify(forms, {&january, &issued, true}, At("2026-01-01T00:00:00Z"))) {
    EXPECT_EQ(report.state, CredentialState::kValid) << FORM << ": " << report.reason;
  }
  StatusListSet late;
  AddLists(late, {}, {}, "2028-01-01T00:00:00Z");
  FOR_BOTH_FORMS(Verify(forms, {&late, &issued, true}, At("2028-01-01T00:00:00Z"))) {
    EXPECT_EQ(report.state, CredentialState::kExpired) << FORM;
  }
}

TEST_F(RegistryVerificationTest, RevokedAndSuspendedInBothForms) {
  Forms forms = Sign(Unsigned());
  StatusListSet revoked, suspended;
  AddLists(revoked, {7});
  AddLists(suspended, {}, {9});
  FOR_BOTH_FORMS(Verify(forms, {&revoked, nullptr, true})) {
    EXPECT_TRUE(report.verified) << FORM;
    EXPECT_EQ(report.state, CredentialState::kRevoked) << FORM;
    EXPECT_FALSE(report.valid());
  }
  FOR_BOTH_FORMS(Verify(forms, {&suspended, nullptr, true})) {
    EXPECT_EQ(report.state, CredentialState::kSuspended) << FORM;
  }
  // An index outside the list cannot be read: unknown, never valid.
  Json outside = Unsigned();
  outside["credentialStatus"][0]["statusListIndex"] = "99999999";
  StatusListSet clean;
  AddLists(clean);
  FOR_BOTH_FORMS(Verify(Sign(outside), {&clean, nullptr, true})) {
    EXPECT_TRUE(report.verified) << FORM;
    EXPECT_EQ(report.state, CredentialState::kUnknown) << FORM;
    EXPECT_EQ(report.reason,
              "revocation status could not be checked: statusListIndex is outside the status "
              "list")
        << FORM;
  }
  // Another index's bit says nothing about this one.
  StatusListSet others;
  AddLists(others, {6, 8}, {8, 10});
  FOR_BOTH_FORMS(Verify(forms, {&others, nullptr, true})) {
    EXPECT_EQ(report.state, CredentialState::kValid) << FORM;
  }
}

TEST_F(RegistryVerificationTest, ACredentialOutsideTheRegistrysProfileIsRefusedWhoeverSignedIt) {
  StatusListSet lists;
  AddLists(lists);
  struct Case {
    const char* name;
    std::function<void(Json&)> change;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"no status entries", [](Json& c) { c.erase("credentialStatus"); },
       "this registry's credentials have exactly one revocation and one suspension status entry; "
       "this one has 0 and 0"},
      {"only the suspension entry",
       [](Json& c) { c["credentialStatus"] = Json::array({c["credentialStatus"][1]}); },
       "this registry's credentials have exactly one revocation and one suspension status entry; "
       "this one has 0 and 1"},
      {"only the revocation entry, as an object",
       [](Json& c) { c["credentialStatus"] = c["credentialStatus"][0]; },
       "this registry's credentials have exactly one revocation and one suspension status entry; "
       "this one has 1 and 0"},
      {"two revocation entries",
       [](Json& c) { c["credentialStatus"][1] = Entry("revocation", kRevocationList, 8); },
       "this registry's credentials have exactly one revocation and one suspension status entry; "
       "this one has 2 and 0"},
      {"a third purpose",
       [](Json& c) { c["credentialStatus"].push_back(Entry("message", kBase + "/status/m", 1)); },
       "a status entry has the purpose \"message\"; this registry's credentials have revocation "
       "and suspension"},
      {"an id at another host",
       [](Json& c) { c["id"] = "https://evil.example/certificates/CEBW-2026-0001"; },
       "the credential's id https://evil.example/certificates/CEBW-2026-0001 is not a "
       "certificate of labels.test"},
      {"an id that is no certificate", [](Json& c) { c["id"] = kBase + "/other/CEBW-2026-0001"; },
       "the credential's id https://labels.test/other/CEBW-2026-0001 is not a certificate of "
       "labels.test"},
      {"a status list at another host",
       [](Json& c) {
         c["credentialStatus"][0] = Entry("revocation", "https://evil.example/status/x", 7);
       },
       "the status list https://evil.example/status/x is not one of labels.test"},
  };
  for (const Case& c : cases) {
    Json credential = Unsigned();
    c.change(credential);
    FOR_BOTH_FORMS(Verify(Sign(credential), {&lists, nullptr, true})) {
      EXPECT_FALSE(report.verified) << c.name << " " << FORM;
      EXPECT_EQ(report.state, CredentialState::kInvalid) << c.name << " " << FORM;
      EXPECT_EQ(report.reason, c.reason) << c.name << " " << FORM;
    }
  }
}

TEST_F(RegistryVerificationTest, OnlyTheCredentialTheRegistryIssuedIsAuthentic) {
  Forms genuine = Sign(Unsigned());
  StatusListSet lists;
  AddLists(lists, {7});  // the genuine one was revoked
  FakeIssuance issued;
  issued.records[kBase + "/certificates/CEBW-2026-0001"] =
      RecordOf(genuine, At("2026-01-01T00:00:00Z"));

  // A thief with the key re-signs the revoked certificate with a new validUntil, and signs
  // one the registry never issued.
  Json resigned = Unsigned();
  resigned["validUntil"] = "2099-01-01T00:00:00Z";
  FOR_BOTH_FORMS(Verify(Sign(resigned), {&lists, &issued, true})) {
    EXPECT_FALSE(report.verified) << FORM;
    EXPECT_EQ(report.state, CredentialState::kInvalid) << FORM;
    EXPECT_EQ(report.reason,
              "not issued by this registry: it differs from the credential the registry issued as "
              "https://labels.test/certificates/CEBW-2026-0001; please report it to the registry")
        << FORM;
  }
  FOR_BOTH_FORMS(Verify(Sign(Unsigned("CEBW-2026-0099")), {&lists, &issued, true})) {
    EXPECT_FALSE(report.verified) << FORM;
    EXPECT_EQ(report.reason,
              "not issued by this registry: it has no certificate "
              "https://labels.test/certificates/CEBW-2026-0099; please report this credential "
              "to the registry")
        << FORM;
  }
  // The genuine one is authentic, and revoked.
  FOR_BOTH_FORMS(Verify(genuine, {&lists, &issued, true})) {
    EXPECT_TRUE(report.verified) << FORM << ": " << report.reason;
    EXPECT_EQ(report.state, CredentialState::kRevoked) << FORM;
  }
  // A registry that cannot be asked leaves it unchecked, never valid.
  issued.unreachable = true;
  FOR_BOTH_FORMS(Verify(genuine, {&lists, &issued, true})) {
    EXPECT_FALSE(report.verified) << FORM;
    EXPECT_EQ(report.state, CredentialState::kUnknown) << FORM;
    EXPECT_EQ(report.reason,
              "the registry could not be asked whether it issued this credential: connection "
              "refused")
        << FORM;
  }
}

TEST_F(RegistryVerificationTest, AKeysCompromiseIsDecidedByTheLogForBothFormsAlike) {
  UnixSeconds compromised = At("2026-03-01T00:00:00Z");
  Trust(compromised);
  StatusListSet lists;
  AddLists(lists);                 // signed with key-2, which is sound
  Forms forms = Sign(Unsigned());  // proof.created and validFrom both before the compromise
  const std::string id = kBase + "/certificates/CEBW-2026-0001";
  struct Case {
    const char* name;
    std::optional<UnixSeconds> logged_at;
    CredentialState state;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"logged a second before", compromised - 1, CredentialState::kValid, ""},
      {"logged at the moment of the compromise", compromised, CredentialState::kInvalid,
       "signed with did:web:labels.test#key-1, which is marked compromised since "
       "2026-03-01T00:00:00Z, and the transparency log does not show it issued before"},
      {"logged after", compromised + 86400, CredentialState::kInvalid,
       "signed with did:web:labels.test#key-1, which is marked compromised since "
       "2026-03-01T00:00:00Z, and the transparency log does not show it issued before"},
      {"not in the log", std::nullopt, CredentialState::kInvalid,
       "signed with did:web:labels.test#key-1, which is marked compromised since "
       "2026-03-01T00:00:00Z, and the transparency log does not show it issued before"},
  };
  for (const Case& c : cases) {
    FakeIssuance issued;
    issued.records[id] = RecordOf(forms, c.logged_at);
    FOR_BOTH_FORMS(Verify(forms, {&lists, &issued, true})) {
      std::string reason = c.reason;
      if (FORM == "vc+jwt" && !reason.empty()) {
        reason.replace(reason.find("#key-1"), 6, "#key-1-jwk");
      }
      EXPECT_EQ(report.state, c.state) << c.name << " " << FORM << ": " << report.reason;
      EXPECT_EQ(report.verified, c.state == CredentialState::kValid) << c.name << " " << FORM;
      EXPECT_EQ(report.reason, reason) << c.name << " " << FORM;
    }
  }
  // Without the registry (offline, no log): unchecked, never valid.
  FOR_BOTH_FORMS(Verify(forms, {&lists, nullptr, true})) {
    EXPECT_FALSE(report.verified) << FORM;
    EXPECT_EQ(report.state, CredentialState::kUnknown) << FORM;
    EXPECT_NE(report.reason.find("whether it was issued before then is in the registry's "
                                 "transparency log"),
              std::string::npos)
        << FORM;
  }
}

TEST_F(RegistryVerificationTest, AStatusListSpeaksOnlyFromItsDateAndNotForLong) {
  Forms forms = Sign(Unsigned());
  StatusListSet june;
  AddLists(june);  // dated 2026-06-01, ttl 60 s
  FOR_BOTH_FORMS(Verify(forms, {&june, nullptr, true}, At("2026-04-01T00:00:00Z"))) {
    EXPECT_TRUE(report.verified) << FORM;
    EXPECT_EQ(report.state, CredentialState::kUnknown) << FORM;
    EXPECT_EQ(report.reason,
              "revocation status could not be checked: status list "
              "https://labels.test/status/ce-bw/revocation is from 2026-06-01T00:00:00Z and cannot "
              "tell the status at 2026-04-01T00:00:00Z: ask the registry's history (its API "
              "answers ?at=)")
        << FORM;
  }
  // Its ttl and a day's grace after its date it still speaks; a second later it does not.
  UnixSeconds last = At("2026-06-02T00:01:00Z");
  FOR_BOTH_FORMS(Verify(forms, {&june, nullptr, true}, last)) {
    EXPECT_EQ(report.state, CredentialState::kValid) << FORM << ": " << report.reason;
  }
  FOR_BOTH_FORMS(Verify(forms, {&june, nullptr, true}, last + 1)) {
    EXPECT_EQ(report.state, CredentialState::kUnknown) << FORM;
    EXPECT_EQ(report.reason,
              "revocation status could not be checked: status list "
              "https://labels.test/status/ce-bw/revocation is from 2026-06-01T00:00:00Z, older "
              "than its ttl (60 s) and a day's grace allow: fetch a current one (siegel-verify "
              "--online)")
        << FORM;
  }
  // A copy fetched later counts from when it was fetched.
  StatusListSet fetched;
  UnixSeconds fetch_time = At("2026-09-01T00:00:00Z");
  ASSERT_TRUE(fetched.Add(List(kRevocationList, "revocation"), *trust_, fetch_time).ok());
  ASSERT_TRUE(fetched.Add(List(kSuspensionList, "suspension"), *trust_, fetch_time).ok());
  FOR_BOTH_FORMS(Verify(forms, {&fetched, nullptr, true}, fetch_time + 3600)) {
    EXPECT_EQ(report.state, CredentialState::kValid) << FORM << ": " << report.reason;
    EXPECT_EQ(FormatDateTimeStamp(*report.status_as_of), "2026-09-01T00:00:00Z");
  }
}

TEST_F(RegistryVerificationTest, ALiveListAnswersEarlierTimesFromTheRegistrysHistory) {
  Forms forms = Sign(Unsigned());
  HistoryLists lists;
  for (const auto& [url, purpose] :
       {std::pair{kRevocationList, "revocation"}, {kSuspensionList, "suspension"}}) {
    auto parsed = ParseStrictJson(
        List(url, purpose,
             purpose == std::string("revocation") ? std::vector<int>{7} : std::vector<int>{}));
    auto verified = VerifyStatusListCredential(*parsed, *trust_);
    ASSERT_TRUE(verified.ok());
    verified->second.live = true;
    lists.lists.AddVerified(url, std::make_shared<const VerifiedStatusList>(verified->second));
  }
  // Revoked on 2026-05-01, by the history.
  lists.history = [](const StatusEntry& entry, UnixSeconds at) {
    return entry.purpose == "revocation" && at >= At("2026-05-01T00:00:00Z");
  };
  FOR_BOTH_FORMS(Verify(forms, {&lists, nullptr, true}, At("2026-04-01T00:00:00Z"))) {
    EXPECT_EQ(report.state, CredentialState::kValid) << FORM << ": " << report.reason;
    EXPECT_EQ(FormatDateTimeStamp(*report.status_as_of), "2026-04-01T00:00:00Z");
  }
  FOR_BOTH_FORMS(Verify(forms, {&lists, nullptr, true}, At("2026-05-15T00:00:00Z"))) {
    EXPECT_EQ(report.state, CredentialState::kRevoked) << FORM;
  }
  // At or after the list's date the list itself answers, for as long as asked.
  FOR_BOTH_FORMS(Verify(forms, {&lists, nullptr, true}, At("2027-06-01T00:00:00Z"))) {
    EXPECT_EQ(report.state, CredentialState::kRevoked) << FORM;
  }
}

TEST_F(RegistryVerificationTest, AStatusListMustBeWhatItsEntrySaysAndSignedWithASoundKey) {
  Forms forms = Sign(Unsigned());
  // A suspension list where the credential's revocation entry points: not for that purpose.
  StatusListSet swapped;
  ASSERT_TRUE(swapped.Add(List(kRevocationList, "suspension"), *trust_).ok());
  ASSERT_TRUE(swapped.Add(List(kSuspensionList, "suspension"), *trust_).ok());
  FOR_BOTH_FORMS(Verify(forms, {&swapped, nullptr, true})) {
    EXPECT_EQ(report.state, CredentialState::kUnknown) << FORM;
    EXPECT_EQ(report.reason,
              "revocation status could not be checked: status list "
              "https://labels.test/status/ce-bw/revocation is not for purpose revocation")
        << FORM;
  }
  // A list that is not a BitstringStatusListCredential is not a list.
  StatusListSet set;
  Status wrong_type = set.Add(List(kRevocationList, "revocation", {}, "2026-06-01T00:00:00Z", 60000,
                                   "StatusList2021Credential"),
                              *trust_);
  EXPECT_EQ(wrong_type.message(),
            "the status list's type does not include BitstringStatusListCredential");
  // A list signed with a key marked compromised is refused, whatever dates it names.
  Trust(At("2026-07-01T00:00:00Z"));
  Status old_key = set.Add(List(kRevocationList, "revocation", {}, "2026-06-01T00:00:00Z", 60000,
                                "BitstringStatusListCredential", "key-1"),
                           *trust_);
  EXPECT_EQ(old_key.message(),
            "status list https://labels.test/status/ce-bw/revocation: signed with "
            "did:web:labels.test#key-1, which is marked compromised since 2026-07-01T00:00:00Z; "
            "the registry's current lists are signed with a sound key");
  // A list without a date cannot say when it speaks for.
  Json undated = Json::parse(List(kRevocationList, "revocation"));
  undated.erase("proof");
  undated.erase("validFrom");
  Json signed_undated =
      *AddEddsaJcsProof(undated, key2_, {kDid + "#key-2", "2026-06-01T00:00:00Z"});
  EXPECT_EQ(set.Add(signed_undated.dump(), *trust_).message(),
            "status list https://labels.test/status/ce-bw/revocation: it has no validFrom "
            "date-time, so it cannot say when it speaks for");
}

TEST_F(RegistryVerificationTest, AJwsPayloadWithAnEmbeddedProofIsRefused) {
  Forms forms = Sign(Unsigned());
  Json with_proof = Json::parse(forms.json);
  Json header = {{"alg", "EdDSA"}, {"typ", "vc+jwt"}, {"kid", kDid + "#key-1-jwk"}};
  std::string jws = *SignCompactJws(header, *CanonicalizeJson(with_proof), key1_);
  StatusListSet lists;
  AddLists(lists);
  VerificationReport report =
      VerifyLabelCredential(jws, *trust_, {&lists, nullptr, true}, At("2026-06-02T00:00:00Z"));
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(report.reason, "a vc+jwt payload must not carry an embedded proof");
}

TEST_F(RegistryVerificationTest, TheProofPurposeMustBeAssertionMethod) {
  Json credential = Unsigned();
  auto secured = AddEddsaJcsProof(credential, key1_, {kDid + "#key-1", "2025-12-31T00:00:00Z"});
  Json proof_config = (*secured)["proof"];
  proof_config.erase("proofValue");
  proof_config["proofPurpose"] = "authentication";
  Json resigned = credential;
  resigned["proof"] = proof_config;
  // Signed again over the changed purpose: authentic bytes, the wrong purpose.
  auto hash = EddsaJcsHashData(proof_config, credential);
  std::string signed_bytes(hash->begin(), hash->end());
  resigned["proof"]["proofValue"] = "z" + Base58BtcEncode(*key1_.Sign(signed_bytes));
  VerificationReport report = VerifyLabelCredential(resigned.dump(), *trust_, VerificationInputs{},
                                                    At("2026-06-02T00:00:00Z"));
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(report.reason, "proofPurpose is not assertionMethod");
}

}  // namespace
}  // namespace siegel
