#include "credential/open_badge_form.h"

#include "credential/contexts.h"
#include "credential/status_vocabulary.h"

namespace siegel {

Result<Json> OpenBadgeFormOf(const Json& credential) {
  const Json* entries = credential.is_object() && credential.contains("credentialStatus")
                            ? &credential["credentialStatus"]
                            : nullptr;
  if (entries == nullptr || !entries->is_array()) {
    return Error::InvalidInput("the credential has no list of status entries to take one from");
  }
  const Json* suspension = nullptr;
  for (const Json& entry : *entries) {
    if (entry.is_object() &&
        entry.value("statusPurpose", Json()) == PurposeName(StatusPurpose::kSuspension)) {
      if (suspension != nullptr) {
        return Error::InvalidInput("the credential has more than one suspension entry");
      }
      suspension = &entry;
    }
  }
  if (suspension == nullptr) return Error::InvalidInput("the credential has no suspension entry");
  Json form = credential;
  form.erase("proof");
  form["credentialStatus"] = *suspension;
  // A label signed before the registry had a context of its own names only VC 2.0 and Open
  // Badges 3.0, which leave legalEntity, level and supersedes undefined: its form names the
  // registry's context too, so that JSON-LD tools (and the eddsa-rdfc-2022 proof) can read it.
  const Json& contexts = credential.value("@context", Json());
  if (contexts == Json{kCredentialsV2Context, kOpenBadgesV3Context}) {
    std::string id = credential.value("id", "");
    size_t at = id.rfind("/certificates/");
    if (at == std::string::npos)
      return Error::InvalidInput("the credential's id is no certificate");
    form["@context"].push_back(id.substr(0, at) + kSiegelContextPath);
  }
  return form;
}

bool IsOpenBadgeForm(const Json& credential) {
  return credential.is_object() && credential.contains("credentialStatus") &&
         credential["credentialStatus"].is_object();
}

}  // namespace siegel
