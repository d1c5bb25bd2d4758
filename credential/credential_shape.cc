// Shape checks: every field a verifier later reads is present and of the right type here.
#include "credential/credential_shape.h"

#include <algorithm>

#include "base/timestamp.h"

namespace siegel {
namespace {

bool HasNestedContext(const Json& value) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (it.key() == "@context" || HasNestedContext(it.value())) return true;
    }
  } else if (value.is_array()) {
    return std::any_of(value.begin(), value.end(), HasNestedContext);
  }
  return false;
}

bool TypeIncludes(const Json& type, const std::string& name) {
  if (type.is_string()) return type == name;
  return type.is_array() && std::find(type.begin(), type.end(), name) != type.end();
}

}  // namespace

Status CheckPinnedContexts(const Json& document,
                           const std::vector<std::vector<std::string>>& accepted) {
  if (!document.is_object() || !document.contains("@context"))
    return Error::InvalidInput("@context is missing");
  const Json& context = document["@context"];
  bool exact = false;
  for (const auto& allowed : accepted) {
    bool same = context.is_array() && context.size() == allowed.size();
    for (size_t i = 0; same && i < allowed.size(); ++i) same = context[i] == allowed[i];
    exact = exact || same;
  }
  if (!exact) {
    std::string shown = context.dump(-1, ' ', false, Json::error_handler_t::replace);
    if (shown.size() > 200) shown = shown.substr(0, 200) + "…";
    return Error::InvalidInput("@context is not one of the accepted context lists: " + shown);
  }
  for (auto it = document.begin(); it != document.end(); ++it) {
    if (it.key() != "@context" && it.key() != "proof" && HasNestedContext(it.value())) {
      return Error::InvalidInput("a nested @context inside the credential is not accepted");
    }
  }
  return Status::Ok();
}

std::string IssuerId(const Json& credential) {
  auto it = credential.find("issuer");
  if (it == credential.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_object() && it->contains("id") && (*it)["id"].is_string())
    return (*it)["id"].get<std::string>();
  return "";
}

Status CheckLabelCredentialShape(const Json& credential) {
  if (credential.contains("issuanceDate") || credential.contains("expirationDate")) {
    return Error::InvalidInput("issuanceDate/expirationDate are VC 1.1 fields, not VC 2.0");
  }
  const Json& type = credential.contains("type") ? credential["type"] : Json();
  if (!TypeIncludes(type, "VerifiableCredential") || !TypeIncludes(type, "OpenBadgeCredential")) {
    return Error::InvalidInput("type must include VerifiableCredential and OpenBadgeCredential");
  }
  if (!credential.contains("id") || !credential["id"].is_string())
    return Error::InvalidInput("the credential has no id");
  if (IssuerId(credential).empty()) return Error::InvalidInput("the credential has no issuer id");
  if (!credential.contains("validFrom") || !credential["validFrom"].is_string()) {
    return Error::InvalidInput("validFrom is missing");
  }
  auto from = ParseDateTimeStamp(credential["validFrom"].get<std::string>());
  if (!from.ok()) return Error::InvalidInput("validFrom: " + from.message());
  if (credential.contains("validUntil")) {
    if (!credential["validUntil"].is_string())
      return Error::InvalidInput("validUntil is not a string");
    auto until = ParseDateTimeStamp(credential["validUntil"].get<std::string>());
    if (!until.ok()) return Error::InvalidInput("validUntil: " + until.message());
    if (*until < *from) return Error::InvalidInput("validUntil is before validFrom");
  }
  const Json& subject =
      credential.contains("credentialSubject") ? credential["credentialSubject"] : Json();
  if (!subject.is_object())
    return Error::InvalidInput("credentialSubject is missing or not an object");
  if (!subject.contains("achievement") || !subject["achievement"].is_object()) {
    return Error::InvalidInput("credentialSubject.achievement is missing");
  }
  return Status::Ok();
}

Result<std::vector<StatusEntry>> ReadStatusEntries(const Json& credential) {
  std::vector<StatusEntry> entries;
  if (!credential.contains("credentialStatus")) return entries;
  const Json& status = credential["credentialStatus"];
  if (!status.is_object() && !status.is_array()) {
    return Error::InvalidInput("credentialStatus is neither an object nor an array");
  }
  // One entry or several, read in place: this runs for every verification.
  std::vector<const Json*> list;
  if (status.is_object()) {
    list.push_back(&status);
  } else {
    for (const Json& entry : status) list.push_back(&entry);
  }
  for (const Json* entry_pointer : list) {
    const Json& entry = *entry_pointer;
    if (!entry.is_object() || entry.value("type", Json()) != "BitstringStatusListEntry") {
      return Error::InvalidInput("credentialStatus entry is not a BitstringStatusListEntry");
    }
    StatusEntry parsed;
    if (!entry.contains("statusPurpose") || !entry["statusPurpose"].is_string() ||
        !entry.contains("statusListCredential") || !entry["statusListCredential"].is_string() ||
        !entry.contains("statusListIndex") || !entry["statusListIndex"].is_string()) {
      return Error::InvalidInput(
          "credentialStatus entry lacks statusPurpose, statusListIndex or statusListCredential");
    }
    parsed.purpose = entry["statusPurpose"].get<std::string>();
    parsed.list_url = entry["statusListCredential"].get<std::string>();
    const std::string index = entry["statusListIndex"].get<std::string>();
    if (index.empty() || index.size() > 12 ||
        !std::all_of(index.begin(), index.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return Error::InvalidInput("statusListIndex \"" + index + "\" is not a decimal number");
    }
    parsed.index = std::stoull(index);
    if (entry.contains("statusSize") && entry["statusSize"] != 1) {
      return Error::InvalidInput("statusSize other than 1 is not supported");
    }
    entries.push_back(std::move(parsed));
  }
  return entries;
}

}  // namespace siegel
