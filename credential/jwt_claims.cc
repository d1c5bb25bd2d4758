// JWT registered claims derived from, and checked against, the credential in the payload.
#include "credential/jwt_claims.h"

#include "credential/credential_shape.h"

namespace siegel {
namespace {

constexpr const char* kClaims[] = {"iss", "sub", "jti", "nbf", "iat", "exp"};

std::string SubjectId(const Json& credential) {
  auto subject = credential.find("credentialSubject");
  if (subject == credential.end() || !subject->is_object()) return "";
  auto id = subject->find("id");
  return id != subject->end() && id->is_string() ? id->get<std::string>() : "";
}

// A credential's date member as a NumericDate; nothing when it is absent.
Result<std::optional<UnixSeconds>> DateMember(const Json& credential, const char* name) {
  auto member = credential.find(name);
  if (member == credential.end()) return std::optional<UnixSeconds>();
  if (!member->is_string()) return Error::InvalidInput(std::string(name) + " is not a date-time");
  auto seconds = ParseDateTimeStamp(member->get<std::string>());
  if (!seconds.ok()) return Error::InvalidInput(std::string(name) + ": " + seconds.message());
  return std::optional<UnixSeconds>(*seconds);
}

}  // namespace

Result<Json> JwtClaimsFor(const Json& credential, UnixSeconds issued_at) {
  auto valid_from = DateMember(credential, "validFrom");
  if (!valid_from.ok()) return valid_from.error();
  auto valid_until = DateMember(credential, "validUntil");
  if (!valid_until.ok()) return valid_until.error();
  std::string iss = IssuerId(credential), sub = SubjectId(credential);
  auto jti = credential.find("id");
  if (iss.empty() || sub.empty() || jti == credential.end() || !jti->is_string() ||
      !valid_from->has_value()) {
    return Error::InvalidInput(
        "a credential needs an issuer, a subject id, an id and validFrom for its JWT claims");
  }
  Json claims = {
      {"iss", iss}, {"sub", sub}, {"jti", *jti}, {"nbf", **valid_from}, {"iat", issued_at}};
  if (valid_until->has_value()) claims["exp"] = **valid_until;
  return claims;
}

Status CheckJwtClaims(const Json& payload) {
  bool any = false;
  for (const char* claim : kClaims) any = any || payload.contains(claim);
  if (!any) return Status::Ok();
  auto differs = [](const char* claim, const std::string& what) {
    return Error::InvalidInput("the JWT claim " + std::string(claim) + " differs from the " + what +
                               " of the credential it carries");
  };
  auto string_claim = [&](const char* claim, const std::string& expected,
                          const std::string& what) -> Status {
    auto found = payload.find(claim);
    if (found == payload.end()) return Status::Ok();
    if (!found->is_string() || *found != expected) return differs(claim, what);
    return Status::Ok();
  };
  if (Status s = string_claim("iss", IssuerId(payload), "issuer"); !s.ok()) return s;
  if (Status s = string_claim("sub", SubjectId(payload), "subject"); !s.ok()) return s;
  auto id = payload.find("id");
  if (Status s = string_claim(
          "jti", id != payload.end() && id->is_string() ? id->get<std::string>() : std::string(),
          "id");
      !s.ok()) {
    return s;
  }
  auto date_claim = [&](const char* claim, const char* member) -> Status {
    auto date = DateMember(payload, member);
    if (!date.ok()) return date.error();
    auto found = payload.find(claim);
    if (found == payload.end()) {
      if (date->has_value() && std::string(claim) == "exp") {
        return Error::InvalidInput(
            "the credential has validUntil but its JWT has no exp claim, so JWT libraries would "
            "see no expiry");
      }
      return Status::Ok();
    }
    if (!date->has_value()) {
      return Error::InvalidInput("the JWT claim " + std::string(claim) + " has no " + member +
                                 " in the credential to agree with");
    }
    if (!found->is_number_integer() || found->get<int64_t>() != **date) {
      return differs(claim, member);
    }
    return Status::Ok();
  };
  if (Status s = date_claim("nbf", "validFrom"); !s.ok()) return s;
  if (Status s = date_claim("exp", "validUntil"); !s.ok()) return s;
  auto iat = payload.find("iat");
  if (iat != payload.end() && (!iat->is_number_integer() || iat->get<int64_t>() < 0)) {
    return Error::InvalidInput("the JWT claim iat is not a NumericDate (seconds since 1970)");
  }
  return Status::Ok();
}

}  // namespace siegel
