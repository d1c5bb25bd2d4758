// The verification report as people and programs read it: names of the states, and the JSON
// that the API and siegel-verify --json print.
#include "base/jcs.h"
#include "credential/verifier.h"

namespace siegel {

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
      return "UNCHECKED";
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
  if (status_as_of) member_if_set("statusAsOf", FormatDateTimeStamp(*status_as_of));
  member_if_set("statusSource", status_source);
  out += valid() ? ",\"valid\":true" : ",\"valid\":false";
  member_if_set("validFrom", valid_from);
  member_if_set("validUntil", valid_until);
  out += verified ? ",\"verified\":true}" : ",\"verified\":false}";
  return out;
}

Json VerificationReport::ToJson(bool with_checks) const {
  return Json::parse(ToJsonText(with_checks));
}

}  // namespace siegel
