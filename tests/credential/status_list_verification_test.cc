// The verifier and status lists, on credentials of a registry of its own, in both forms: what
// a status list may say about which times, and the status-list credential's own type,
// purpose and key. Expectations are typed out here, as a person reading the rules would write
// them.
#include "tests/credential/registry_verification_fixture.h"

namespace siegel {
namespace {

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

}  // namespace
}  // namespace siegel
