// The JWT registered claims of a vc+jwt: made from the credential, and every one present must
// agree with it (a mutation of any claim, or an expiry left out, is refused).
#include "credential/jwt_claims.h"

#include <gtest/gtest.h>

namespace siegel {
namespace {

Json Credential() {
  return Json{
      {"id", "https://labels.example.org/certificates/CEBW-2026-0001"},
      {"issuer", {{"id", "did:web:labels.example.org"}, {"name", "Ministerium"}}},
      {"validFrom", "2026-03-01T00:00:00Z"},
      {"validUntil", "2028-03-01T00:00:00Z"},
      {"credentialSubject", {{"id", "https://labels.example.org/initiatives/microtec-suedwest"}}}};
}

TEST(JwtClaimsTest, TakesEachClaimFromTheCredential) {
  auto claims = JwtClaimsFor(Credential(), 1772359200);
  ASSERT_TRUE(claims.ok()) << claims.message();
  EXPECT_EQ(*claims, (Json{{"iss", "did:web:labels.example.org"},
                           {"sub", "https://labels.example.org/initiatives/microtec-suedwest"},
                           {"jti", "https://labels.example.org/certificates/CEBW-2026-0001"},
                           {"nbf", 1772323200},
                           {"iat", 1772359200},
                           {"exp", 1835481600}}));
  Json open_ended = Credential();
  open_ended.erase("validUntil");
  EXPECT_FALSE(JwtClaimsFor(open_ended, 1772359200)->contains("exp"));
  Json no_subject = Credential();
  no_subject["credentialSubject"].erase("id");
  EXPECT_FALSE(JwtClaimsFor(no_subject, 1772359200).ok());
}

TEST(JwtClaimsTest, APayloadWhoseClaimsAgreePasses) {
  Json payload = Credential();
  payload.update(*JwtClaimsFor(Credential(), 1772359200));
  EXPECT_TRUE(CheckJwtClaims(payload).ok()) << CheckJwtClaims(payload).message();
  // Labels signed before the claims were added carry none, and still pass.
  EXPECT_TRUE(CheckJwtClaims(Credential()).ok());
}

TEST(JwtClaimsTest, EachClaimThatDisagreesIsRefusedByName) {
  struct Case {
    const char* claim;
    Json value;  // null: the claim is removed
    const char* message;
  };
  const Case cases[] = {
      {"iss", "did:web:someone.else",
       "the JWT claim iss differs from the issuer of the credential it carries"},
      {"sub", "https://labels.example.org/initiatives/other",
       "the JWT claim sub differs from the subject of the credential it carries"},
      {"jti", "https://labels.example.org/certificates/CEBW-2026-0002",
       "the JWT claim jti differs from the id of the credential it carries"},
      {"nbf", 1772323201,
       "the JWT claim nbf differs from the validFrom of the credential it carries"},
      {"nbf", "1772323200",
       "the JWT claim nbf differs from the validFrom of the credential it carries"},
      {"exp", 1835481601,
       "the JWT claim exp differs from the validUntil of the credential it carries"},
      {"exp", nullptr,
       "the credential has validUntil but its JWT has no exp claim, so JWT libraries would see "
       "no expiry"},
      {"iat", -5, "the JWT claim iat is not a NumericDate (seconds since 1970)"},
      {"iat", 1.5, "the JWT claim iat is not a NumericDate (seconds since 1970)"},
  };
  for (const Case& c : cases) {
    Json payload = Credential();
    payload.update(*JwtClaimsFor(Credential(), 1772359200));
    if (c.value.is_null()) {
      payload.erase(c.claim);
    } else {
      payload[c.claim] = c.value;
    }
    Status checked = CheckJwtClaims(payload);
    ASSERT_FALSE(checked.ok()) << c.claim << " = " << c.value;
    EXPECT_EQ(checked.message(), c.message);
  }
  // An expiry for a credential that has none.
  Json open_ended = Credential();
  open_ended.erase("validUntil");
  open_ended.update(*JwtClaimsFor(Credential(), 1772359200));
  EXPECT_EQ(CheckJwtClaims(open_ended).message(),
            "the JWT claim exp has no validUntil in the credential to agree with");
}

}  // namespace
}  // namespace siegel
