// The verifier on credentials of a registry of its own, made here with keys made here, each
// rule checked in both forms (JSON with an embedded proof, and the compact JWS): this
// registry's profile; that the registry issued exactly this credential; a key's compromise
// decided by the registry's log, never by a time the signer wrote. Expectations are
// typed out here, as a person reading the rules would write them.
#include "credential/open_badge_form.h"
#include "tests/credential/registry_verification_fixture.h"

namespace siegel {
namespace {

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
      {"only the revocation entry, as an object (the Open Badges 3.0 form has the suspension one)",
       [](Json& c) { c["credentialStatus"] = c["credentialStatus"][0]; },
       "in its Open Badges 3.0 form a credential of this registry has one status entry, for "
       "suspension; this one has it for revocation"},
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

// Another implementation (Digital Bazaar's, say) may sign the registry's credential again
// under the registry's key: new proofs, the same content. The registry issued that content,
// so it is authentic; with any change to the content it is not, and where only the log's
// digests are known (no content digest) the credential must be the very one issued.
TEST_F(RegistryVerificationTest, TheIssuedContentWithProofsMadeAgainIsAuthentic) {
  Forms genuine = Sign(Unsigned());
  StatusListSet lists;
  AddLists(lists, {});
  FakeIssuance issued;
  const std::string id = kBase + "/certificates/CEBW-2026-0001";
  issued.records[id] = RecordOf(genuine, At("2026-01-01T00:00:00Z"));

  auto resign = [&](Json credential) {
    auto secured = AddEddsaJcsProof(credential, key2_, {kDid + "#key-2", "2026-07-01T00:00:00Z"});
    EXPECT_TRUE(secured.ok()) << secured.message();
    return secured->dump();
  };
  std::string again = resign(Unsigned());
  ASSERT_NE(again, genuine.json);
  const UnixSeconds at = At("2026-06-02T00:00:00Z");
  auto detail_of = [](const VerificationReport& report, const std::string& name) {
    for (const VerificationCheck& check : report.checks) {
      if (check.name == name) return check.detail;
    }
    return std::string("no check ") + name;
  };
  VerificationReport report = VerifyLabelCredential(again, *trust_, {&lists, &issued, true}, at);
  EXPECT_TRUE(report.verified) << report.reason;
  EXPECT_EQ(report.state, CredentialState::kValid);
  EXPECT_EQ(detail_of(report, "issued"),
            "the credential the registry issued, with its proofs made again under the "
            "registry's keys");

  Json changed = Unsigned();
  changed["credentialSubject"]["achievement"]["name"] = "Cluster-Exzellenz Plus";
  report = VerifyLabelCredential(resign(changed), *trust_, {&lists, &issued, true}, at);
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(report.reason,
            "not issued by this registry: it differs from the credential the registry issued as " +
                id + "; please report it to the registry");

  issued.records[id].content_sha256.clear();
  report = VerifyLabelCredential(again, *trust_, {&lists, &issued, true}, at);
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(report.state, CredentialState::kInvalid);
}

// The Open Badges 3.0 form: the issued credential with its suspension entry alone, as one
// object (the 1EdTech schema allows no array).
TEST_F(RegistryVerificationTest, TheOpenBadgeFormKeepsTheSuspensionEntryAlone) {
  Json issued = Json::parse(Sign(Unsigned()).json);
  Json expected = Unsigned();
  expected["credentialStatus"] = Entry("suspension", kSuspensionList, 9);
  // Signed before the registry's own context: the form names it (legalEntity is defined there).
  expected["@context"] = {kCredentialsV2Context, kOpenBadgesV3Context, kSiegelContext};
  auto form = OpenBadgeFormOf(issued);
  ASSERT_TRUE(form.ok()) << form.message();
  EXPECT_EQ(*form, expected);
  // A label that names it already keeps its contexts as they are.
  Json current = Unsigned();
  current["@context"] = {kCredentialsV2Context, kOpenBadgesV3Context, kSiegelContext};
  ASSERT_TRUE(OpenBadgeFormOf(current).ok());
  EXPECT_EQ((*OpenBadgeFormOf(current))["@context"], current["@context"]);
  EXPECT_TRUE(IsOpenBadgeForm(*form));
  EXPECT_FALSE(IsOpenBadgeForm(issued));
  EXPECT_EQ(OpenBadgeFormOf(*form).message(),
            "the credential has no list of status entries to take one from");
  Json revocation_only = Unsigned();
  revocation_only["credentialStatus"].erase(1);
  EXPECT_EQ(OpenBadgeFormOf(revocation_only).message(), "the credential has no suspension entry");
}

TEST_F(RegistryVerificationTest, TheOpenBadgeFormIsTheCredentialTheRegistryIssued) {
  Forms genuine = Sign(Unsigned());
  FakeIssuance issued;
  const std::string id = kBase + "/certificates/CEBW-2026-0001";
  issued.records[id] = RecordOf(genuine, At("2026-01-01T00:00:00Z"));
  const UnixSeconds at = At("2026-06-02T00:00:00Z");
  auto sign = [&](Json form) {
    auto secured = AddEddsaJcsProof(form, key1_, {kDid + "#key-1", "2026-01-01T00:00:00Z"});
    EXPECT_TRUE(secured.ok()) << secured.message();
    return secured->dump();
  };
  Json form = Unsigned();
  form["credentialStatus"] = Entry("suspension", kSuspensionList, 9);
  form["@context"].push_back(kSiegelContext);

  StatusListSet clean;
  AddLists(clean);
  VerificationReport report =
      VerifyLabelCredential(sign(form), *trust_, {&clean, &issued, true}, at);
  EXPECT_TRUE(report.verified) << report.reason;
  EXPECT_EQ(report.state, CredentialState::kValid);
  bool found = false;
  for (const VerificationCheck& check : report.checks) {
    if (check.name != "issued") continue;
    found = true;
    EXPECT_EQ(check.detail, "the credential the registry issued, in its Open Badges 3.0 form");
  }
  EXPECT_TRUE(found);
  // Its one entry is read: set (suspended, or revoked, which the list marks too) is not valid.
  StatusListSet suspended;
  AddLists(suspended, {}, {9});
  report = VerifyLabelCredential(sign(form), *trust_, {&suspended, &issued, true}, at);
  EXPECT_TRUE(report.verified) << report.reason;
  EXPECT_EQ(report.state, CredentialState::kSuspended);

  // One entry for revocation instead: a form the registry never makes.
  Json revocation = form;
  revocation["credentialStatus"] = Entry("revocation", kRevocationList, 7);
  report = VerifyLabelCredential(sign(revocation), *trust_, {&clean, &issued, true}, at);
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(report.reason,
            "in its Open Badges 3.0 form a credential of this registry has one status entry, for "
            "suspension; this one has it for revocation");
  // Another index, or where the registry knows no digest of the form: not what it issued.
  Json elsewhere = form;
  elsewhere["credentialStatus"] = Entry("suspension", kSuspensionList, 10);
  report = VerifyLabelCredential(sign(elsewhere), *trust_, {&clean, &issued, true}, at);
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(report.reason,
            "not issued by this registry: it differs from the credential the registry issued as " +
                id + "; please report it to the registry");
  issued.records[id].open_badge_content_sha256.clear();
  report = VerifyLabelCredential(sign(form), *trust_, {&clean, &issued, true}, at);
  EXPECT_FALSE(report.verified);
}

// A proof set that verified once in this process is not verified again for the same bytes
// under the same key; anything else about the credential is checked every time.
TEST_F(RegistryVerificationTest, ProofsVerifiedBeforeAreKeptByBytesAndKey) {
  Forms genuine = Sign(Unsigned());
  StatusListSet lists;
  AddLists(lists);
  FakeIssuance issued;
  issued.records[kBase + "/certificates/CEBW-2026-0001"] =
      RecordOf(genuine, At("2026-01-01T00:00:00Z"));
  VerifiedProofs memo(2);
  const VerificationInputs inputs{&lists, &issued, true, &memo};
  const UnixSeconds at = At("2026-06-02T00:00:00Z");

  VerificationReport first = VerifyLabelCredential(genuine.json, *trust_, inputs, at);
  EXPECT_TRUE(first.valid()) << first.reason;
  EXPECT_EQ(memo.size(), 1u);
  VerificationReport again = VerifyLabelCredential(genuine.json, *trust_, inputs, at);
  EXPECT_EQ(again.ToJsonText(), first.ToJsonText()) << "the same answer, from the memo";
  EXPECT_EQ(memo.size(), 1u);

  // Other bytes are verified in full: a forged name fails and is not kept.
  std::string forged = genuine.json;
  forged.replace(forged.find("Cluster-Exzellenz"), 7, "Klaster");
  EXPECT_FALSE(VerifyLabelCredential(forged, *trust_, inputs, at).verified);
  EXPECT_EQ(memo.size(), 1u);
  // The same bytes under another key named key-1 are not what was verified: they fail.
  auto other =
      TrustedIssuer::FromDocument(BuildDidDocument(kDid, {{"key-1", key2_.public_key(), {}}}));
  ASSERT_TRUE(other.ok());
  VerificationReport stranger = VerifyLabelCredential(genuine.json, *other, inputs, at);
  EXPECT_FALSE(stranger.verified);
  EXPECT_EQ(stranger.state, CredentialState::kInvalid);
  // Whatever else the answer depends on is read every time: a revocation shows at once.
  StatusListSet revoked;
  AddLists(revoked, {7});
  VerificationReport later =
      VerifyLabelCredential(genuine.json, *trust_, {&revoked, &issued, true, &memo}, at);
  EXPECT_TRUE(later.verified);
  EXPECT_EQ(later.state, CredentialState::kRevoked);
  // At most `capacity` kept, the oldest going first.
  memo.Add("a");
  memo.Add("b");
  EXPECT_EQ(memo.size(), 2u);
  EXPECT_TRUE(memo.Contains("a") && memo.Contains("b")) << "the genuine one went first";
  EXPECT_TRUE(VerifyLabelCredential(genuine.json, *trust_, inputs, at).valid());
  EXPECT_FALSE(memo.Contains("a")) << "verified again, it came back in place of the oldest";
  EXPECT_TRUE(memo.Contains("b"));
  EXPECT_EQ(memo.size(), 2u);
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
