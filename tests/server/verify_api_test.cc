// POST /api/v1/verify and /batch: one test per failing check of the checklist, the answer
// for every status, and a few hundred malformed bodies that must never get a 5xx.
#include <random>

#include "base/jcs.h"
#include "tests/server/server_fixture.h"

namespace siegel {
namespace {

class VerifyApiTest : public testing::ServerFixture {
 protected:
  Json Verify(const std::string& body, const std::string& type = "application/vc",
              int expected = 200, const std::string& query = "") {
    auto res = Post("/api/v1/verify" + query, body, type);
    EXPECT_TRUE(res);
    if (!res) return Json();
    EXPECT_EQ(res->status, expected) << res->body;
    return Json::parse(res->body);
  }
  std::string Credential() { return writer_->certificates().GetCertificate(id_)->credential_json; }
  std::string Jws() { return writer_->certificates().GetCertificate(id_)->credential_jws; }

  // The report's first failed check, which must be `name`.
  static void ExpectFailedCheck(const Json& report, const std::string& name,
                                const std::string& detail_part) {
    EXPECT_EQ(report["verified"], false) << report.dump();
    EXPECT_EQ(report["status"], "invalid");
    const Json* failed = nullptr;
    for (const Json& check : report["checks"]) {
      if (!check["ok"].get<bool>()) {
        failed = &check;
        break;
      }
    }
    ASSERT_NE(failed, nullptr) << report.dump();
    EXPECT_EQ((*failed)["name"], name) << report.dump();
    EXPECT_NE((*failed)["detail"].get<std::string>().find(detail_part), std::string::npos)
        << (*failed)["detail"];
    EXPECT_EQ(report["reason"], (*failed)["detail"]);
  }
};

TEST_F(VerifyApiTest, ValidCredentialInBothFormsWithTheRegistryRecord) {
  for (const auto& [body, type] : {std::pair{Credential(), std::string("application/vc")},
                                   {Credential(), "application/json"},
                                   {Jws(), "application/vc+jwt"},
                                   {Jws() + "\n", "text/plain"}}) {
    Json report = Verify(body, type);
    EXPECT_EQ(report["verified"], true) << type << report.dump();
    EXPECT_EQ(report["status"], "valid") << type;
    EXPECT_EQ(report["certificate"]["id"], id_);
    EXPECT_EQ(report["certificate"]["initiative"]["name"], "microTEC Südwest");
    for (const Json& check : report["checks"]) EXPECT_TRUE(check["ok"].get<bool>()) << check.dump();
  }
}

TEST_F(VerifyApiTest, ReportsEveryStatus) {
  ASSERT_TRUE(writer_->lifecycle().Suspend(id_, "review", {"test"}).ok());
  Json suspended = Verify(Credential());
  EXPECT_EQ(suspended["verified"], true);
  EXPECT_EQ(suspended["status"], "suspended");
  ASSERT_TRUE(writer_->lifecycle().Revoke(id_, "withdrawn", {"test"}).ok());
  Json revoked = Verify(Jws(), "application/vc+jwt");
  EXPECT_EQ(revoked["status"], "revoked");
  bool revocation_check_failed = false;
  for (const Json& check : revoked["checks"]) {
    revocation_check_failed |= check["name"] == "revocation" && !check["ok"].get<bool>();
  }
  EXPECT_TRUE(revocation_check_failed);
  EXPECT_EQ(Verify(Credential(), "application/vc", 200, "?at=2099-01-01")["status"], "revoked");
}

TEST_F(VerifyApiTest, ValidityWindowAtAnotherMoment) {
  Json report = Verify(Credential(), "application/vc", 200, "?at=2099-01-01");
  EXPECT_EQ(report["status"], "expired");
  EXPECT_EQ(Verify(Credential(), "application/vc", 200, "?at=2000-01-01")["status"],
            "not_yet_valid");
  EXPECT_EQ(Verify(Credential(), "application/vc", 400, "?at=whenever")["status"], 400);
}

TEST_F(VerifyApiTest, ACredentialOverItsLimitIsRefusedBeforeItIsRead) {
  // The front door's limit for this address is the verifier's own size limit (64 KiB); the
  // size check itself is tested in the verifier's tests.
  Json credential = Json::parse(Credential());
  credential["padding"] = std::string(70 * 1024, 'x');
  Json refused = Verify(credential.dump(), "application/vc", 413);
  EXPECT_EQ(refused["detail"], "the request body is larger than 64 KiB, the limit of this address");
}

TEST_F(VerifyApiTest, FailsCheckParse) {
  std::string bad_header = Base64UrlEncode(std::string("{\"alg\":\"EdDSA\",\"alg\":\"none\"}"));
  ExpectFailedCheck(Verify(bad_header + ".e30.AAAA", "application/vc+jwt"), "parse",
                    "the JWS header is not valid JSON: duplicate object key \"alg\"");
}

TEST_F(VerifyApiTest, FailsCheckContext) {
  Json credential = Json::parse(Credential());
  EXPECT_EQ(credential["@context"],
            (Json{"https://www.w3.org/ns/credentials/v2",
                  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
                  "http://127.0.0.1:8080/ns/siegel/v1"}));
  credential["@context"].push_back("https://evil.example/ctx");
  ExpectFailedCheck(Verify(credential.dump()), "context",
                    "@context is not one of the accepted context lists");
  // Siegel's context only from the registry the credential is a certificate of, and only the
  // version the verifier knows.
  for (const char* other :
       {"https://evil.example/ns/siegel/v1", "http://127.0.0.1:8080/ns/siegel/v2",
        "http://127.0.0.1:8080/ns/siegel"}) {
    credential = Json::parse(Credential());
    credential["@context"][2] = other;
    ExpectFailedCheck(Verify(credential.dump()), "context",
                      "@context is not one of the accepted context lists");
  }
}

TEST_F(VerifyApiTest, FailsCheckShape) {
  Json credential = Json::parse(Credential());
  credential.erase("validFrom");
  ExpectFailedCheck(Verify(credential.dump()), "shape", "validFrom is missing");
}

TEST_F(VerifyApiTest, FailsCheckProof) {
  Json credential = Json::parse(Credential());
  ASSERT_EQ(credential["proof"].size(), 2u);
  EXPECT_EQ(credential["proof"][0]["cryptosuite"], "eddsa-jcs-2022");
  EXPECT_EQ(credential["proof"][1]["cryptosuite"], "eddsa-rdfc-2022");
  // A cryptosuite the verifier does not implement is reported, never skipped.
  credential["proof"][1]["cryptosuite"] = "ecdsa-rdfc-2019";
  ExpectFailedCheck(Verify(credential.dump()), "proof",
                    "proof 2 has the cryptosuite \"ecdsa-rdfc-2019\", which this verifier does "
                    "not implement");
  credential = Json::parse(Credential());
  credential["proof"].push_back(credential["proof"][0]);
  credential["proof"].push_back(credential["proof"][0]);
  credential["proof"].push_back(credential["proof"][0]);
  ExpectFailedCheck(Verify(credential.dump()), "proof", "a proof set has 1 to 4 proofs");
  credential = Json::parse(Credential());
  credential["proof"][1]["note"] = "not signed by eddsa-rdfc-2022, which drops unknown terms";
  ExpectFailedCheck(
      Verify(credential.dump()), "proof",
      "proof 2 has the member \"note\", which a Data Integrity proof does not define");
  credential = Json::parse(Credential());
  credential["proof"][1]["previousProof"] = "urn:uuid:1";
  ExpectFailedCheck(Verify(credential.dump()), "proof", "proof 2 is part of a proof chain");
}

TEST_F(VerifyApiTest, FailsCheckSignatureOfEitherProof) {
  for (int which : {0, 1}) {
    Json credential = Json::parse(Credential());
    std::string value = credential["proof"][which]["proofValue"];
    value[10] = value[10] == 'A' ? 'B' : 'A';
    credential["proof"][which]["proofValue"] = value;
    ExpectFailedCheck(Verify(credential.dump()), "signature",
                      which == 0 ? "proof 1 (eddsa-jcs-2022): the signature does not match"
                                 : "proof 2 (eddsa-rdfc-2022): the signature does not match");
  }
}

TEST_F(VerifyApiTest, FailsCheckProofPurpose) {
  Json credential = Json::parse(Credential());
  credential["proof"][0]["proofPurpose"] = "authentication";
  credential["proof"][1]["proofPurpose"] = "authentication";
  ExpectFailedCheck(Verify(credential.dump()), "proof_purpose",
                    "proofPurpose is not assertionMethod");
  credential["proof"][1]["proofPurpose"] = "assertionMethod";
  ExpectFailedCheck(Verify(credential.dump()), "proof",
                    "the proofs name different keys or purposes");
}

TEST_F(VerifyApiTest, FailsCheckKey) {
  Json credential = Json::parse(Credential());
  for (Json& proof : credential["proof"]) {
    proof["verificationMethod"] = writer_->settings().did + "#key-9";
  }
  ExpectFailedCheck(Verify(credential.dump()), "key", "is not an assertion method of");
  Json foreign = Json::parse(Credential());
  foreign["issuer"]["id"] = "did:web:evil.example";
  for (Json& proof : foreign["proof"]) proof["verificationMethod"] = "did:web:evil.example#key-1";
  ExpectFailedCheck(Verify(foreign.dump()), "issuer", "not by the trusted issuer");
}

TEST_F(VerifyApiTest, FailsCheckSignature) {
  Json credential = Json::parse(Credential());
  credential["credentialSubject"]["name"] = "Someone Else e.V.";
  ExpectFailedCheck(Verify(credential.dump()), "signature",
                    "the signature does not match the document");
  std::string jws = Jws();
  jws[jws.size() - 5] = jws[jws.size() - 5] == 'A' ? 'B' : 'A';
  ExpectFailedCheck(Verify(jws, "application/vc+jwt"), "signature", "does not match");
}

TEST_F(VerifyApiTest, FailsCheckStatusEntries) {
  Json credential = UnsignedCredential();
  credential["credentialStatus"][0]["statusListIndex"] = "not-a-number";
  ExpectFailedCheck(Verify(SignWithRegistryKey(credential)), "status_entries",
                    "is not a decimal number");
}

TEST_F(VerifyApiTest, FailsCheckHeader) {
  std::string payload = *CanonicalizeJson(UnsignedCredential());
  std::string jws = JwsWithRegistryKey(
      Json{{"alg", "EdDSA"}, {"typ", "JWT"}, {"kid", writer_->settings().did + "#key-1-jwk"}},
      payload);
  ExpectFailedCheck(Verify(jws, "application/vc+jwt"), "header", "JWS typ is not vc+jwt");
}

TEST_F(VerifyApiTest, FailsCheckPayload) {
  std::string jws = JwsWithRegistryKey(
      Json{{"alg", "EdDSA"}, {"kid", writer_->settings().did + "#key-1-jwk"}}, "[1,2,3]");
  ExpectFailedCheck(Verify(jws, "application/vc+jwt"), "payload",
                    "the JWS payload is not a JSON object");
}

TEST_F(VerifyApiTest, FailsCheckJwtClaims) {
  Json claims = UnsignedCredential();
  claims["iss"] = "did:web:someone.else";
  std::string jws = JwsWithRegistryKey(
      Json{{"alg", "EdDSA"}, {"typ", "vc+jwt"}, {"kid", writer_->settings().did + "#key-1-jwk"}},
      claims.dump());
  ExpectFailedCheck(Verify(jws, "application/vc+jwt"), "jwt_claims",
                    "the JWT claim iss differs from the issuer of the credential it carries");
  claims = UnsignedCredential();
  claims["jti"] = claims["id"];
  claims["nbf"] = 0;
  jws = JwsWithRegistryKey(
      Json{{"alg", "EdDSA"}, {"typ", "vc+jwt"}, {"kid", writer_->settings().did + "#key-1-jwk"}},
      claims.dump());
  ExpectFailedCheck(Verify(jws, "application/vc+jwt"), "jwt_claims",
                    "the JWT claim nbf differs from the validFrom of the credential it carries");
}

TEST_F(VerifyApiTest, ACredentialSignedAgainWithTheRegistrysKeyIsNotTheOneItIssued) {
  // Any change, signed again with the genuine key, makes a credential the registry never
  // issued (the verifier's own tests cover what each change would otherwise have meant).
  Json credential = UnsignedCredential();
  credential["credentialStatus"][0]["statusListIndex"] = "99999999";
  Json report = Verify(SignWithRegistryKey(credential));
  EXPECT_EQ(report["verified"], false);
  EXPECT_EQ(report["valid"], false);
  EXPECT_EQ(report["status"], "invalid");
  EXPECT_EQ(report["reason"],
            "not issued by this registry: it differs from the credential the registry issued as "
            "http://127.0.0.1:8080/certificates/" +
                id_ + "; please report it to the registry");
}

TEST_F(VerifyApiTest, TheIssuedContentSignedAgainWithTheRegistrysKeyIsTheOneItIssued) {
  // One proof (eddsa-jcs-2022 with another `created`) instead of the registry's proof set:
  // what another implementation makes when it signs the registry's credential again.
  std::string again = SignWithRegistryKey(UnsignedCredential());
  ASSERT_NE(Json::parse(again),
            Json::parse(writer_->certificates().GetCertificate(id_)->credential_json));
  Json report = Verify(again);
  EXPECT_EQ(report["verified"], true) << report.dump();
  EXPECT_EQ(report["status"], "valid");
  bool issued = false;
  for (const Json& check : report["checks"]) {
    if (check["name"] != "issued") continue;
    issued = true;
    EXPECT_EQ(check["ok"], true);
    EXPECT_EQ(check["detail"],
              "the credential the registry issued, with its proofs made again under the "
              "registry's keys");
  }
  EXPECT_TRUE(issued) << report.dump();
}

// The Open Badges 3.0 form at /api/v1/certificates/{id}/open-badge: one credentialStatus
// object (the suspension entry), every proof by the registry's key, and the registry takes it
// for the credential it issued; once revoked, that form is not valid either.
TEST_F(VerifyApiTest, TheOpenBadgeFormIsServedAndVerifiesAsTheIssuedCredential) {
  auto res = client_->Get(("/api/v1/certificates/" + id_ + "/open-badge").c_str());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/vc");
  Json form = Json::parse(res->body);
  Json issued = Json::parse(writer_->certificates().GetCertificate(id_)->credential_json);
  EXPECT_TRUE(form["credentialStatus"].is_object());
  EXPECT_EQ(form["credentialStatus"], issued["credentialStatus"][1]);
  EXPECT_EQ(form["proof"].size(), 2u);
  std::string form_text = res->body;

  auto issued_detail = [](const Json& report) {
    for (const Json& check : report["checks"]) {
      if (check["name"] == "issued") return check["detail"].get<std::string>();
    }
    return std::string("no check issued");
  };
  Json report = Verify(form_text);
  EXPECT_EQ(report["verified"], true) << report.dump();
  EXPECT_EQ(report["status"], "valid");
  EXPECT_EQ(issued_detail(report),
            "the credential the registry issued, in its Open Badges 3.0 form");

  // Its entry moved to another index: a form the registry never signed.
  Json moved = form;
  moved.erase("proof");
  moved["credentialStatus"]["statusListIndex"] = "1";
  EXPECT_EQ(Verify(SignWithRegistryKey(moved))["verified"], false);

  ASSERT_TRUE(writer_->lifecycle().Revoke(id_, "label withdrawn", {"test"}).ok());
  report = Verify(form_text);
  EXPECT_EQ(report["verified"], true) << report.dump();
  EXPECT_EQ(report["valid"], false);
  EXPECT_EQ(report["status"], "suspended") << "the form carries the suspension entry alone";
  EXPECT_EQ(report["certificate"]["status"], "revoked") << "the registry's record says which";

  res = client_->Get("/api/v1/certificates/CEBW-2099-0001/open-badge");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

TEST_F(VerifyApiTest, BodiesThatAreNoCredentialAreProblems) {
  EXPECT_EQ(Verify("", "application/vc", 400)["detail"], "the body is empty: send a credential");
  EXPECT_EQ(Verify("{\"a\":1,\"a\":2}", "application/json", 400)["detail"],
            "the body is not a JSON credential: duplicate object key \"a\"");
  EXPECT_EQ(Verify("[1]", "application/json", 400)["detail"],
            "the body is JSON but not a credential object");
  EXPECT_EQ(Verify("hello there", "text/plain", 400)["detail"],
            "the body is not a compact JWS (three base64url parts separated by dots)");
  EXPECT_EQ(Verify("x", "image/png", 415)["status"], 415);
}

TEST_F(VerifyApiTest, BatchVerifiesEachInOrder) {
  Json tampered = Json::parse(Credential());
  tampered["validUntil"] = "2099-01-01T00:00:00Z";
  Json batch = {{"credentials", {Json::parse(Credential()), Jws(), tampered, "not.a.jws"}}};
  auto res = Post("/api/v1/verify/batch", batch.dump(), "application/json");
  ASSERT_EQ(res->status, 200) << res->body;
  Json report = Json::parse(res->body);
  EXPECT_EQ(report["total"], 4);
  EXPECT_EQ(report["verified"], 2);
  EXPECT_EQ(report["valid"], 2);
  EXPECT_EQ(report["results"][0]["status"], "valid");
  EXPECT_EQ(report["results"][1]["format"], "vc+jwt");
  EXPECT_EQ(report["results"][2]["reason"],
            "proof 1 (eddsa-jcs-2022): the signature does not match the document");
  EXPECT_EQ(report["results"][3]["status"], "invalid");

  Json array_form = Json::array({Json::parse(Credential())});
  EXPECT_EQ(Json::parse(
                Post("/api/v1/verify/batch", array_form.dump(), "application/json")->body)["valid"],
            1);
}

TEST_F(VerifyApiTest, BatchLimitsAndBadBodies) {
  Json too_many = Json::array();
  for (int i = 0; i < 1001; ++i) too_many.push_back("a.b.c");
  auto res = Post("/api/v1/verify/batch", too_many.dump(), "application/json");
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(Json::parse(res->body)["detail"], "a batch holds at most 1000 credentials");
  EXPECT_EQ(Post("/api/v1/verify/batch", "{\"x\":1}", "application/json")->status, 400);
  EXPECT_EQ(Post("/api/v1/verify/batch", "nope", "application/json")->status, 400);
}

TEST_F(VerifyApiTest, LargeBatchMatchesSingleAnswers) {
  Json batch = Json::array();
  for (int i = 0; i < 300; ++i)
    batch.push_back(i % 2 == 0 ? Json::parse(Credential()) : Json(Jws()));
  auto res = Post("/api/v1/verify/batch", batch.dump(), "application/json");
  ASSERT_EQ(res->status, 200);
  Json report = Json::parse(res->body);
  EXPECT_EQ(report["valid"], 300);
  for (size_t i = 0; i < 300; ++i)
    EXPECT_EQ(report["results"][i]["format"], i % 2 == 0 ? "vc" : "vc+jwt") << i;
}

TEST_F(VerifyApiTest, HundredsOfMalformedBodiesNeverGetA5xx) {
  std::mt19937 random(20261127);
  const std::string credential = Credential();
  const std::string jws = Jws();
  std::vector<std::pair<std::string, std::string>> bodies;
  for (int i = 0; i < 150; ++i) {
    std::string mutated = credential;
    for (int flips = 0; flips < 1 + i % 4; ++flips) {
      mutated[random() % mutated.size()] = static_cast<char>(random() % 256);
    }
    bodies.push_back({mutated, "application/vc"});
  }
  for (int i = 0; i < 100; ++i) {
    std::string mutated = jws;
    mutated[random() % mutated.size()] = "A-_.x=+/\n"[random() % 9];
    bodies.push_back({mutated, "application/vc+jwt"});
  }
  for (size_t cut = 1; cut < credential.size(); cut += credential.size() / 40) {
    bodies.push_back({credential.substr(0, cut), "application/json"});
  }
  for (const std::string& odd :
       {std::string(100000, '['), std::string("{\"@context\":") + std::string(10000, '['),
        std::string("\0\0\0", 3), std::string("{\"proof\":[]}"),
        std::string("{\"proof\":{\"proofValue\":5}}"), std::string("null"),
        std::string("\"\\ud800\""), std::string("1e999999"), std::string(".."),
        std::string("a.b.c"), std::string(200 * 1024, 'a'),
        std::string("{\"credentialStatus\":{\"statusListIndex\":\"1\"}}")}) {
    bodies.push_back({odd, "application/vc"});
    bodies.push_back({odd, "text/plain"});
    bodies.push_back({odd, ""});
  }
  ASSERT_GE(bodies.size(), 300u);
  for (size_t i = 0; i < bodies.size(); ++i) {
    auto res = Post("/api/v1/verify", bodies[i].first, bodies[i].second);
    ASSERT_TRUE(res) << i;
    ASSERT_LT(res->status, 500) << i << ": " << res->body;
    Json answer = Json::parse(res->body);
    // A flip inside the whitespace between tokens, or to the same byte, changes nothing signed.
    auto same_json = ParseStrictJson(bodies[i].first);
    bool unchanged = bodies[i].first == credential || bodies[i].first == jws ||
                     (same_json.ok() && *same_json == Json::parse(credential));
    if (res->status == 200 && !unchanged) {
      ASSERT_EQ(answer["verified"], false) << i << ": " << bodies[i].first;
    }
  }
  for (int i = 0; i < 50; ++i) {
    std::string batch = "[" + bodies[random() % bodies.size()].first + "]";
    auto res = Post("/api/v1/verify/batch", batch, "application/json");
    ASSERT_TRUE(res);
    ASSERT_LT(res->status, 500) << res->body;
  }
}

}  // namespace
}  // namespace siegel
