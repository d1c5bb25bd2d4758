// The verification pipeline: each step records a check; no claim is trusted before the
// signature verified, and a status is only "valid" when every status list was read.
#include "registry/credential/verifier.h"

#include <functional>

#include "registry/credential/contexts.h"
#include "registry/credential/credential_shape.h"
#include "registry/credential/data_integrity.h"
#include "registry/credential/jcs.h"
#include "registry/credential/jws.h"

namespace siegel {
namespace {

const std::vector<std::string>& LabelContexts() {
  static const std::vector<std::string> kContexts = {kCredentialsV2Context, kOpenBadgesV3Context};
  return kContexts;
}

const std::vector<std::string>& StatusListContexts() {
  static const std::vector<std::string> kContexts = {kCredentialsV2Context};
  return kContexts;
}

std::string DidOf(const std::string& method_id) { return method_id.substr(0, method_id.find('#')); }

// Accumulates checks; the first failed check decides the reason.
class Pipeline {
 public:
  // A full check of a credential makes about a dozen checks: one allocation, not five.
  explicit Pipeline(VerificationReport* report) : report_(report) { report_->checks.reserve(16); }
  bool Check(const std::string& name, const Status& status, const std::string& ok_detail = "") {
    report_->checks.push_back({name, status.ok(), status.ok() ? ok_detail : status.message()});
    if (!status.ok() && report_->reason.empty()) report_->reason = status.message();
    return status.ok();
  }
  VerificationReport& report() { return *report_; }

 private:
  VerificationReport* report_;
};

// The key that signed, checked against the compromise time if there is one.
Result<const TrustedKey*> ResolveSigningKey(const TrustedIssuer& trust,
                                            const std::string& method_id,
                                            const std::string& issuer_id,
                                            const std::string& signed_at) {
  if (DidOf(method_id) != issuer_id) {
    return Error::InvalidInput("the signing key " + method_id + " does not belong to the issuer " +
                               issuer_id);
  }
  if (issuer_id != trust.did()) {
    return Error::InvalidInput("the credential was issued by " + issuer_id +
                               ", not by the trusted issuer " + trust.did());
  }
  auto key = trust.ResolveAssertionMethod(method_id);
  if (!key.ok()) return key.error();
  if ((*key)->revoked_at) {
    auto when = ParseDateTimeStamp(signed_at);
    if (!when.ok() || *when >= *(*key)->revoked_at) {
      return Error::InvalidInput("the credential was signed with key " + method_id +
                                 ", which is marked compromised since " +
                                 FormatDateTimeStamp(*(*key)->revoked_at));
    }
  }
  return key;
}

// Authenticity of an embedded-proof credential. Fills `pipe`; returns false on failure.
bool VerifyEmbeddedProof(const Json& credential, const TrustedIssuer& trust, Pipeline& pipe) {
  auto proof = DescribeEddsaJcsProof(credential);
  if (!pipe.Check("proof", proof.status(), "DataIntegrityProof, eddsa-jcs-2022")) return false;
  if (!pipe.Check("proof_purpose",
                  proof->proof_purpose == "assertionMethod"
                      ? Status::Ok()
                      : Status(Error::InvalidInput("proofPurpose is not assertionMethod")))) {
    return false;
  }
  auto key =
      ResolveSigningKey(trust, proof->verification_method, IssuerId(credential), proof->created);
  if (!pipe.Check("key", key.status(), proof->verification_method)) return false;
  return pipe.Check("signature", VerifyEddsaJcsProof(credential, (*key)->key),
                    "Ed25519 signature verified");
}

// Authenticity of a vc+jwt; on success `credential` holds the payload.
bool VerifyJwsCredential(std::string_view text, const TrustedIssuer& trust, Json* credential,
                         Pipeline& pipe) {
  auto jws = ParseCompactJws(text);
  if (!pipe.Check("parse", jws.status(), "compact JWS")) return false;
  std::string typ = StringMember(jws->header, "typ");
  if (!pipe.Check("header",
                  typ.empty() || typ == "vc+jwt"
                      ? Status::Ok()
                      : Status(Error::InvalidInput("JWS typ is not vc+jwt")),
                  "alg " + StringMember(jws->header, "alg"))) {
    return false;
  }
  auto payload = ParseStrictJson(jws->payload);
  if (!pipe.Check("payload",
                  payload.ok() && payload->is_object()
                      ? Status::Ok()
                      : Status(Error::InvalidInput("the JWS payload is not a JSON object")))) {
    return false;
  }
  *credential = std::move(payload).value();
  if (!pipe.Check("context", CheckPinnedContexts(*credential, LabelContexts()))) return false;
  if (!pipe.Check("shape", CheckLabelCredentialShape(*credential))) return false;
  if (credential->contains("proof")) {
    return pipe.Check("payload",
                      Error::InvalidInput("a vc+jwt payload must not carry an embedded proof"));
  }
  std::string issuer_id = IssuerId(*credential);
  std::string iss = StringMember(*credential, "iss");
  if (!pipe.Check("issuer_claim",
                  iss.empty() || iss == issuer_id
                      ? Status::Ok()
                      : Status(Error::InvalidInput("the iss claim differs from the issuer")))) {
    return false;
  }
  std::string kid = StringMember(jws->header, "kid");
  auto key = kid.empty()
                 ? Result<const TrustedKey*>(Error::InvalidInput("the JWS header has no kid"))
                 : ResolveSigningKey(trust, kid, issuer_id, StringMember(*credential, "validFrom"));
  if (!pipe.Check("key", key.status(), kid)) return false;
  return pipe.Check("signature",
                    VerifyCompactJws(*jws, (*key)->key)
                        ? Status::Ok()
                        : Status(Error::Refused("the JWS signature does not match")),
                    "Ed25519 signature verified");
}

}  // namespace

std::string StateName(CredentialState state) {
  switch (state) {
    case CredentialState::kValid:
      return "valid";
    case CredentialState::kExpired:
      return "expired";
    case CredentialState::kNotYetValid:
      return "not_yet_valid";
    case CredentialState::kRevoked:
      return "revoked";
    case CredentialState::kSuspended:
      return "suspended";
    case CredentialState::kUnknown:
      return "unknown";
    case CredentialState::kInvalid:
      return "invalid";
  }
  return "invalid";
}

std::string StateLabel(CredentialState state) {
  switch (state) {
    case CredentialState::kValid:
      return "VALID";
    case CredentialState::kExpired:
      return "EXPIRED";
    case CredentialState::kNotYetValid:
      return "NOT YET VALID";
    case CredentialState::kRevoked:
      return "REVOKED";
    case CredentialState::kSuspended:
      return "SUSPENDED";
    case CredentialState::kUnknown:
      return "STATUS UNKNOWN";
    case CredentialState::kInvalid:
      return "INVALID";
  }
  return "INVALID";
}

namespace {

// Details may quote what a malformed credential contained: text that is not UTF-8 is written
// with U+FFFD for the bad bytes, as nlohmann's dump does with error_handler_t::replace.
void AppendReportString(const std::string& text, std::string* out) {
  if (!AppendJcsString(text, out).ok()) {
    out->append(Json(text).dump(-1, ' ', false, Json::error_handler_t::replace));
  }
}

}  // namespace

std::string VerificationReport::ToJsonText(bool with_checks) const {
  // Written directly (the verify API answers thousands of these a second), members in the
  // sorted order in which a JSON tree of them would print.
  std::string out = "{\"checkedAt\":";
  AppendReportString(FormatDateTimeStamp(checked_at), &out);
  if (with_checks) {
    out += ",\"checks\":[";
    for (size_t i = 0; i < checks.size(); ++i) {
      if (i > 0) out.push_back(',');
      out += "{\"detail\":";
      AppendReportString(checks[i].detail, &out);
      out += ",\"name\":";
      AppendReportString(checks[i].name, &out);
      out += checks[i].ok ? ",\"ok\":true}" : ",\"ok\":false}";
    }
    out.push_back(']');
  }
  auto member_if_set = [&out](const char* name, const std::string& value) {
    if (value.empty()) return;
    out += ",\"";
    out += name;
    out += "\":";
    AppendReportString(value, &out);
  };
  member_if_set("format", format);
  member_if_set("id", credential_id);
  member_if_set("issuer", issuer);
  member_if_set("reason", reason);
  out += ",\"status\":";
  AppendReportString(StateName(state), &out);
  member_if_set("validFrom", valid_from);
  member_if_set("validUntil", valid_until);
  out += verified ? ",\"verified\":true}" : ",\"verified\":false}";
  return out;
}

Json VerificationReport::ToJson(bool with_checks) const {
  return Json::parse(ToJsonText(with_checks));
}

Result<std::pair<std::string, VerifiedStatusList>> VerifyStatusListCredential(
    const Json& credential, const TrustedIssuer& trust) {
  if (Status s = CheckPinnedContexts(credential, StatusListContexts()); !s.ok()) return s.error();
  const Json& type = credential.value("type", Json());
  if (!type.is_array() ||
      std::find(type.begin(), type.end(), "BitstringStatusListCredential") == type.end()) {
    return Error::InvalidInput(
        "the status list's type does not include BitstringStatusListCredential");
  }
  std::string id = StringMember(credential, "id");
  if (id.empty()) return Error::InvalidInput("the status list credential has no id");
  auto proof = DescribeEddsaJcsProof(credential);
  if (!proof.ok()) return Error::InvalidInput("status list " + id + ": " + proof.message());
  auto key =
      ResolveSigningKey(trust, proof->verification_method, IssuerId(credential), proof->created);
  if (!key.ok()) return Error::InvalidInput("status list " + id + ": " + key.message());
  if (Status s = VerifyEddsaJcsProof(credential, (*key)->key); !s.ok()) {
    return Error::InvalidInput("status list " + id + ": " + s.message());
  }
  const Json& subject = credential.value("credentialSubject", Json());
  if (!subject.is_object() || subject.value("type", Json()) != "BitstringStatusList") {
    return Error::InvalidInput("status list " + id +
                               ": credentialSubject is not a BitstringStatusList");
  }
  VerifiedStatusList list;
  const Json& purposes = subject.value("statusPurpose", Json());
  if (purposes.is_string()) list.purposes.push_back(purposes.get<std::string>());
  if (purposes.is_array()) {
    for (const Json& p : purposes) {
      if (p.is_string()) list.purposes.push_back(p.get<std::string>());
    }
  }
  if (list.purposes.empty())
    return Error::InvalidInput("status list " + id + " names no statusPurpose");
  auto bits = DecodeStatusList(StringMember(subject, "encodedList"));
  if (!bits.ok()) return Error::InvalidInput("status list " + id + ": " + bits.message());
  list.bits = std::move(bits).value();
  if (credential.contains("validUntil")) {
    auto until = ParseDateTimeStamp(StringMember(credential, "validUntil"));
    if (!until.ok())
      return Error::InvalidInput("status list " + id + ": validUntil is not a date-time");
    list.valid_until = *until;
  }
  return std::make_pair(id, std::move(list));
}

Status StatusListSet::Add(std::string_view text, const TrustedIssuer& trust) {
  auto parsed = ParseStrictJson(text);
  if (!parsed.ok()) return parsed.error();
  auto verified = VerifyStatusListCredential(*parsed, trust);
  if (!verified.ok()) return verified.error();
  lists_[verified->first] = std::make_shared<const VerifiedStatusList>(std::move(verified->second));
  return Status::Ok();
}

Result<StatusListRef> StatusListSet::Find(const std::string& url) const {
  auto it = lists_.find(url);
  if (it == lists_.end()) return Error::NotFound("no status list " + url + " was given");
  return it->second;
}

namespace {

// Everything after authenticity: status entries, validity window, the verdict.
void EvaluateStatus(const Json& credential, const StatusListSource* statuses, UnixSeconds at,
                    Pipeline& pipe);

// Authenticity of a parsed credential with an embedded proof.
bool VerifyJsonCredential(const Json& credential, const TrustedIssuer& trust, Pipeline& pipe) {
  pipe.report().format = "vc";
  if (!pipe.Check("parse",
                  credential.is_object()
                      ? Status::Ok()
                      : Status(Error::InvalidInput("the credential is not a JSON object")),
                  "strict JSON")) {
    return false;
  }
  if (!pipe.Check("context", CheckPinnedContexts(credential, LabelContexts()))) return false;
  if (!pipe.Check("shape", CheckLabelCredentialShape(credential))) return false;
  return VerifyEmbeddedProof(credential, trust, pipe);
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

}  // namespace

VerificationReport VerifyLabelCredential(std::string_view text, const TrustedIssuer& trust,
                                         const StatusListSource* statuses, UnixSeconds at) {
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
    bool authentic = false;
    if (LooksLikeCompactJws(text)) {
      report.format = "vc+jwt";
      authentic = VerifyJwsCredential(text, trust, &credential, pipe);
    } else {
      report.format = "vc";
      auto parsed = ParseStrictJson(text);
      if (!parsed.ok()) {
        pipe.Check("parse", parsed.status());
        return;
      }
      credential = std::move(parsed).value();
      authentic = VerifyJsonCredential(credential, trust, pipe);
    }
    if (authentic) EvaluateStatus(credential, statuses, at, pipe);
    report.credential = std::move(credential);  // moved, not copied: verification is a hot path
  });
}

VerificationReport VerifyLabelCredentialJson(const Json& credential, const TrustedIssuer& trust,
                                             const StatusListSource* statuses, UnixSeconds at) {
  return Guarded(at, [&](Pipeline& pipe) {
    if (VerifyJsonCredential(credential, trust, pipe))
      EvaluateStatus(credential, statuses, at, pipe);
  });
}

namespace {

void EvaluateStatus(const Json& credential, const StatusListSource* statuses, UnixSeconds at,
                    Pipeline& pipe) {
  VerificationReport& report = pipe.report();
  auto entries = ReadStatusEntries(credential);
  if (!pipe.Check("status_entries", entries.status())) return;

  // Authentic from here on: the claims may be shown.
  report.verified = true;
  report.credential_id = StringMember(credential, "id");
  report.issuer = IssuerId(credential);
  report.valid_from = StringMember(credential, "validFrom");
  report.valid_until = StringMember(credential, "validUntil");
  bool revoked = false, suspended = false, unknown = false;
  std::string unknown_reason;
  for (const StatusEntry& entry : *entries) {
    Status outcome = Status::Ok();
    bool bit = false;
    auto list = statuses ? statuses->Find(entry.list_url)
                         : Result<StatusListRef>(Error::NotFound("no status list was available"));
    if (!list.ok()) {
      outcome = list.error();
    } else if (std::find((*list)->purposes.begin(), (*list)->purposes.end(), entry.purpose) ==
               (*list)->purposes.end()) {
      outcome = Error::InvalidInput("status list " + entry.list_url + " is not for purpose " +
                                    entry.purpose);
    } else if ((*list)->valid_until && at >= *(*list)->valid_until) {
      outcome = Error::InvalidInput("status list " + entry.list_url + " has expired");
    } else if (entry.index >= (*list)->bits.size()) {
      outcome = Error::InvalidInput("statusListIndex is outside the status list");
    } else {
      bit = (*list)->bits.Get(entry.index);
    }
    if (!outcome.ok()) {
      unknown = true;
      if (unknown_reason.empty())
        unknown_reason = entry.purpose + " status could not be checked: " + outcome.message();
      report.checks.push_back({entry.purpose, false, outcome.message()});
      continue;
    }
    report.checks.push_back({entry.purpose, !bit, bit ? "set in the status list" : "not set"});
    if (bit && entry.purpose == "revocation") revoked = true;
    if (bit && entry.purpose == "suspension") suspended = true;
  }
  UnixSeconds from = *ParseDateTimeStamp(report.valid_from);
  std::optional<UnixSeconds> until;
  if (!report.valid_until.empty()) until = *ParseDateTimeStamp(report.valid_until);
  bool not_yet = at < from;
  bool expired = until && at >= *until;
  report.checks.push_back(
      {"validity", !not_yet && !expired,
       not_yet   ? "not valid before " + report.valid_from
       : expired ? "expired at " + report.valid_until
                 : "within " + report.valid_from + " – " +
                       (report.valid_until.empty() ? "open end" : report.valid_until)});
  if (revoked) {
    report.state = CredentialState::kRevoked;
  } else if (suspended) {
    report.state = CredentialState::kSuspended;
  } else if (not_yet) {
    report.state = CredentialState::kNotYetValid;
  } else if (expired) {
    report.state = CredentialState::kExpired;
  } else if (unknown) {
    report.state = CredentialState::kUnknown;
    report.reason = unknown_reason;
  } else {
    report.state = CredentialState::kValid;
  }
}

}  // namespace

}  // namespace siegel
