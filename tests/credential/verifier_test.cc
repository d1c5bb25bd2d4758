// The verification policy on the end-to-end sample: every outcome and every refusal.
#include "credential/verifier.h"

#include "credential/contexts.h"
#include "credential/data_integrity.h"
#include "credential/sha256.h"
#include "tests/test_support.h"

namespace siegel {
namespace {

using testing::ReadDataJson;

class VerifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sample_ = ReadDataJson("vectors/samples/label-certificate-end-to-end.json");
    auto trust = TrustedIssuer::FromDocument(sample_["didDocument"]);
    ASSERT_TRUE(trust.ok()) << trust.message();
    trust_ = std::make_unique<TrustedIssuer>(std::move(trust).value());
    ASSERT_TRUE(lists_.Add(sample_["statusListCredential"]["signed"].dump(), *trust_).ok());
  }
  std::string Credential() const { return sample_["labelCredential"]["signed"].dump(); }
  // The sample is another issuer's: this registry's profile does not apply to it.
  static VerificationInputs Generic(const StatusListSource* lists) {
    return VerificationInputs{lists, nullptr, false};
  }

  Json sample_;
  std::unique_ptr<TrustedIssuer> trust_;
  StatusListSet lists_;
  UnixSeconds during_ = *ParseDateTimeStamp("2025-06-02T00:00:00Z");
};

TEST_F(VerifierTest, SampleIsAuthenticAndRevoked) {
  VerificationReport report =
      VerifyLabelCredential(Credential(), *trust_, Generic(&lists_), during_);
  EXPECT_TRUE(report.verified) << report.reason;
  EXPECT_EQ(report.state, CredentialState::kRevoked);
  EXPECT_EQ(report.format, "vc");
  EXPECT_EQ(report.credential_id, "https://labels.example.org/credentials/2025-0001");
  Json json = report.ToJson();
  EXPECT_EQ(json["status"], "revoked");
  EXPECT_EQ(json["verified"], true);
}

TEST_F(VerifierTest, ACredentialOverTheSizeLimitFailsTheSizeCheck) {
  Json credential = Json::parse(Credential());
  credential["padding"] = std::string(kMaxCredentialBytes, 'x');
  VerificationReport report =
      VerifyLabelCredential(credential.dump(), *trust_, Generic(&lists_), during_);
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(report.reason, "the credential is larger than 65536 bytes");
  ASSERT_FALSE(report.checks.empty());
  EXPECT_EQ(report.checks.back().name, "size");
}

TEST_F(VerifierTest, WithoutStatusListTheStatusIsUnknownNeverValid) {
  VerificationReport report =
      VerifyLabelCredential(Credential(), *trust_, Generic(nullptr), during_);
  EXPECT_TRUE(report.verified);
  EXPECT_EQ(report.state, CredentialState::kUnknown);
  EXPECT_EQ(report.reason, "revocation status could not be checked: no status list was available");
}

TEST_F(VerifierTest, ExpiredStatusListMakesTheStatusUnknown) {
  UnixSeconds later = *ParseDateTimeStamp("2026-01-01T00:00:00Z");
  VerificationReport report = VerifyLabelCredential(Credential(), *trust_, Generic(&lists_), later);
  EXPECT_EQ(report.state, CredentialState::kUnknown);
  EXPECT_NE(report.reason.find("has expired"), std::string::npos) << report.reason;
}

TEST_F(VerifierTest, ExpiredCredentialIsExpiredEvenWithoutStatus) {
  UnixSeconds after = *ParseDateTimeStamp("2027-03-01T00:00:00Z");
  VerificationReport report = VerifyLabelCredential(Credential(), *trust_, Generic(nullptr), after);
  EXPECT_EQ(report.state, CredentialState::kExpired);
  UnixSeconds before = *ParseDateTimeStamp("2025-02-28T23:59:59Z");
  EXPECT_EQ(VerifyLabelCredential(Credential(), *trust_, Generic(nullptr), before).state,
            CredentialState::kNotYetValid);
}

TEST_F(VerifierTest, EveryTamperedByteIsRejectedWithoutACrash) {
  const std::string original = Credential();
  for (size_t i = 0; i < original.size(); ++i) {
    std::string tampered = original;
    tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
    VerificationReport report = VerifyLabelCredential(tampered, *trust_, Generic(&lists_), during_);
    ASSERT_FALSE(report.verified) << "byte " << i << " of " << original.size();
    ASSERT_EQ(report.state, CredentialState::kInvalid);
    ASSERT_FALSE(report.reason.empty());
  }
}

TEST_F(VerifierTest, CredentialFromAnotherIssuerIsRejected) {
  Json other = sample_["didDocument"];
  std::string text = other.dump();
  for (size_t pos; (pos = text.find("labels.example.org")) != std::string::npos;) {
    text.replace(pos, 18, "other.example.net");
  }
  auto foreign = TrustedIssuer::FromDocument(Json::parse(text));
  ASSERT_TRUE(foreign.ok()) << foreign.message();
  VerificationReport report =
      VerifyLabelCredential(Credential(), *foreign, Generic(nullptr), during_);
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(report.reason,
            "the credential was issued by did:web:labels.example.org, not by the trusted issuer "
            "did:web:other.example.net");
}

TEST_F(VerifierTest, WrongKeyForTheSameDidIsRejected) {
  Json doc = sample_["didDocument"];
  auto other_key = Ed25519PrivateKey::Generate();
  doc["verificationMethod"][0]["publicKeyMultibase"] = other_key->public_key().Multikey();
  auto trust = TrustedIssuer::FromDocument(doc);
  ASSERT_TRUE(trust.ok());
  VerificationReport report =
      VerifyLabelCredential(Credential(), *trust, Generic(nullptr), during_);
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(report.reason, "the signature does not match the document");
}

TEST_F(VerifierTest, UnknownContextIsRejected) {
  Json credential = sample_["labelCredential"]["signed"];
  credential["@context"].push_back("https://example.org/evil-context");
  VerificationReport report =
      VerifyLabelCredential(credential.dump(), *trust_, Generic(nullptr), during_);
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(report.reason.rfind("@context is not one of the accepted context lists", 0), 0u)
      << report.reason;
}

TEST_F(VerifierTest, KeyNotUnderAssertionMethodIsRejected) {
  Json doc = sample_["didDocument"];
  doc["assertionMethod"] = Json::array({"did:web:labels.example.org#key-1-jwk"});
  auto trust = TrustedIssuer::FromDocument(doc);
  ASSERT_TRUE(trust.ok());
  VerificationReport report =
      VerifyLabelCredential(Credential(), *trust, Generic(nullptr), during_);
  EXPECT_FALSE(report.verified);
  EXPECT_EQ(report.reason,
            "verification method did:web:labels.example.org#key-1 is not an assertion method of "
            "did:web:labels.example.org");
}

TEST_F(VerifierTest, ACompromisedKeyLeavesTheCredentialUncheckedWithoutTheRegistry) {
  // The signer's own times (proof.created 2025-03-01, validFrom) decide nothing: whether the
  // credential was issued before the compromise is for the registry's log to say.
  for (const char* since : {"2025-01-01T00:00:00Z", "2025-04-01T00:00:00Z"}) {
    Json doc = sample_["didDocument"];
    for (Json& method : doc["verificationMethod"]) method["revoked"] = since;  // both forms' keys
    auto trust = TrustedIssuer::FromDocument(doc);
    ASSERT_TRUE(trust.ok());
    for (const std::string& form :
         {Credential(), sample_["vcJwt"]["compactJws"].get<std::string>()}) {
      VerificationReport report = VerifyLabelCredential(form, *trust, Generic(&lists_), during_);
      EXPECT_FALSE(report.verified) << since;
      EXPECT_EQ(report.state, CredentialState::kUnknown) << since;
      EXPECT_EQ(report.reason,
                "signed with did:web:labels.example.org#key-1" +
                    std::string(form[0] == '{' ? "" : "-jwk") +
                    ", which is marked compromised since " + since +
                    "; whether it was issued before then is in the registry's transparency log: "
                    "verify online or with --log");
    }
  }
}

TEST_F(VerifierTest, JwsFormVerifiesAndTamperingFails) {
  std::string jws = sample_["vcJwt"]["compactJws"];
  VerificationReport report = VerifyLabelCredential(jws, *trust_, Generic(&lists_), during_);
  EXPECT_TRUE(report.verified) << report.reason;
  EXPECT_EQ(report.format, "vc+jwt");
  EXPECT_EQ(report.state, CredentialState::kRevoked);
  for (size_t i = 0; i < jws.size(); i += 7) {
    std::string tampered = jws;
    tampered[i] = tampered[i] == 'A' ? 'B' : 'A';
    if (tampered == jws) continue;
    EXPECT_FALSE(VerifyLabelCredential(tampered, *trust_, Generic(&lists_), during_).verified) << i;
  }
}

TEST_F(VerifierTest, VerifiesWithAJwksToo) {
  Json jwks = {{"keys", Json::array()}};
  Json jwk = sample_["keyPair"]["publicKeyJwk"];
  jwk["kid"] = "did:web:labels.example.org#key-1-jwk";
  jwks["keys"].push_back(jwk);
  auto trust = TrustedIssuer::FromDocument(jwks);
  ASSERT_TRUE(trust.ok()) << trust.message();
  std::string jws = sample_["vcJwt"]["compactJws"];
  EXPECT_TRUE(VerifyLabelCredential(jws, *trust, Generic(nullptr), during_).verified);
}

TEST_F(VerifierTest, GarbageInputsAreInvalidNotCrashes) {
  for (const char* text :
       {"", "null", "[]", "{}", "\"x\"", "a.b.c", "{\"@context\":5}", "\xff\xfe"}) {
    VerificationReport report = VerifyLabelCredential(text, *trust_, Generic(&lists_), during_);
    EXPECT_FALSE(report.verified) << text;
    EXPECT_EQ(report.state, CredentialState::kInvalid) << text;
    EXPECT_FALSE(report.reason.empty()) << text;
  }
}

TEST_F(VerifierTest, StatusListFromAnotherIssuerIsNotAccepted) {
  Json list = sample_["statusListCredential"]["signed"];
  list["issuer"] = "did:web:evil.example";
  StatusListSet set;
  Status s = set.Add(list.dump(), *trust_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(),
            "status list https://labels.example.org/status/1: issued by did:web:evil.example, not "
            "by did:web:labels.example.org");
}

// Found by fuzz_verify: the parser's message quoted an invalid UTF-8 byte, and serialising the
// report then threw. Messages must always be printable UTF-8.
TEST_F(VerifierTest, ReportOnInvalidUtf8InputIsPrintableUtf8) {
  std::string text = "{\"Latin Small LH\xff\x0c\xfb\" : 1}";
  VerificationReport report = VerifyLabelCredential(text, *trust_, Generic(nullptr), 1800000000);
  EXPECT_FALSE(report.verified);
  EXPECT_NE(report.reason.find("\\xFF"), std::string::npos) << report.reason;
  EXPECT_NO_THROW((void)report.ToJson(true).dump());
}

TEST(DidWeb, FromBaseUrl) {
  EXPECT_EQ(*DidWebFromBaseUrl("https://labels.example.org"), "did:web:labels.example.org");
  EXPECT_EQ(*DidWebFromBaseUrl("http://127.0.0.1:8080"), "did:web:127.0.0.1%3A8080");
  EXPECT_EQ(*DidWebFromBaseUrl("https://Example.com:3000/user/alice/"),
            "did:web:example.com%3A3000:user:alice");
  EXPECT_FALSE(DidWebFromBaseUrl("ftp://x").ok());
  EXPECT_FALSE(DidWebFromBaseUrl("https://x.org/?q=1").ok());
}

TEST(DidWeb, DocumentUrl) {
  EXPECT_EQ(*DidWebDocumentUrl("did:web:labels.example.org"),
            "https://labels.example.org/.well-known/did.json");
  EXPECT_EQ(*DidWebDocumentUrl("did:web:example.com%3A3000:user:alice"),
            "https://example.com:3000/user/alice/did.json");
  EXPECT_EQ(*DidWebDocumentUrl("did:web:127.0.0.1%3A8080"),
            "http://127.0.0.1:8080/.well-known/did.json");
  EXPECT_FALSE(DidWebDocumentUrl("did:key:z6Mk").ok());
  EXPECT_FALSE(DidWebDocumentUrl("did:web:evil.example/../x").ok());
}

TEST(DidDocument, BuiltDocumentResolvesBothMethodForms) {
  auto key = Ed25519PrivateKey::Generate();
  std::vector<PublishedKey> keys = {{"key-1", key->public_key(), std::nullopt}};
  Json doc = BuildDidDocument("did:web:example.org", keys);
  auto trust = TrustedIssuer::FromDocument(doc);
  ASSERT_TRUE(trust.ok()) << trust.message();
  EXPECT_TRUE(trust->ResolveAssertionMethod("did:web:example.org#key-1").ok());
  EXPECT_TRUE(trust->ResolveAssertionMethod("did:web:example.org#key-1-jwk").ok());
  EXPECT_FALSE(trust->ResolveAssertionMethod("did:web:example.org#key-2").ok());
  auto from_jwks = TrustedIssuer::FromDocument(BuildJwks("did:web:example.org", keys));
  ASSERT_TRUE(from_jwks.ok());
  EXPECT_EQ(from_jwks->did(), "did:web:example.org");
}

TEST(Contexts, PinnedCopiesMatchTheirHashes) {
  EXPECT_EQ(HexEncode(Sha256(testing::ReadData("vectors/contexts/credentials-v2.jsonld"))),
            "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734");
  EXPECT_EQ(HexEncode(Sha256(testing::ReadData("vectors/contexts/ob-v3p0-context-3.0.3.json"))),
            "ef2fa9c7846dce233cc166b43639027278be4ee44f00bb1d45c75de2dd0cd761");
}

}  // namespace
}  // namespace siegel

namespace siegel {
namespace {

// The report's JSON text is written by hand for speed; it must be exactly what printing the
// same members as a JSON tree gives, whatever the details contain.
TEST(VerificationReportText, IsWhatTheSameJsonTreePrints) {
  VerificationReport report;
  report.verified = true;
  report.state = CredentialState::kSuspended;
  report.format = "vc";
  report.credential_id = "https://labels.example.org/certificates/CEBW-2026-0001";
  report.issuer = "did:web:labels.example.org";
  report.valid_from = "2026-01-01T00:00:00Z";
  report.reason = "Suspended \"until review\"\\ — Prüfung";
  report.checked_at = 1790000000;
  report.status_as_of = 1789990000;
  report.checks = {{"signature", true, "verified with key-1"},
                   {"shape", false, std::string("quote \" control \x01 tab \t bad \xff byte")},
                   {"validity", true, ""}};

  Json checks = Json::array();
  for (const auto& c : report.checks) {
    checks.push_back({{"name", c.name}, {"ok", c.ok}, {"detail", c.detail}});
  }
  Json expected = {{"verified", true},
                   {"status", "suspended"},
                   {"checkedAt", FormatDateTimeStamp(report.checked_at)},
                   {"checks", checks},
                   {"format", "vc"},
                   {"id", report.credential_id},
                   {"issuer", report.issuer},
                   {"validFrom", report.valid_from},
                   {"statusAsOf", FormatDateTimeStamp(1789990000)},
                   {"valid", false},
                   {"reason", report.reason}};
  auto print = [](const Json& tree) {
    return tree.dump(-1, ' ', false, Json::error_handler_t::replace);
  };
  EXPECT_EQ(report.ToJsonText(), print(expected));
  expected.erase("checks");
  EXPECT_EQ(report.ToJsonText(/*with_checks=*/false), print(expected));
  EXPECT_EQ(report.ToJson(false), expected);

  VerificationReport empty;  // nothing set: only the members that are always there
  EXPECT_EQ(empty.ToJsonText(false), print({{"verified", false},
                                            {"valid", false},
                                            {"status", "invalid"},
                                            {"checkedAt", FormatDateTimeStamp(0)}}));
  VerificationReport valid;
  valid.verified = true;
  valid.state = CredentialState::kValid;
  EXPECT_EQ(valid.ToJson(false)["valid"], true);
  valid.verified = false;  // a valid state without authenticity is never "valid"
  EXPECT_EQ(valid.ToJson(false)["valid"], false);
}

}  // namespace
}  // namespace siegel
