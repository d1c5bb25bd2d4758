#include "credential/registry_profile.h"

#include "credential/open_badge_form.h"
#include "credential/status_vocabulary.h"

namespace siegel {

std::string DidWebAuthority(std::string_view did) {
  constexpr std::string_view kPrefix = "did:web:";
  if (did.substr(0, kPrefix.size()) != kPrefix) return "";
  std::string_view rest = did.substr(kPrefix.size());
  rest = rest.substr(0, rest.find(':'));  // a path follows the first colon
  std::string authority;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest.substr(i, 3) == "%3A" || rest.substr(i, 3) == "%3a") {
      authority += ':';
      i += 2;
    } else {
      authority += rest[i];
    }
  }
  return authority;
}

std::string UrlAuthority(std::string_view url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return "";
  std::string_view scheme = url.substr(0, scheme_end);
  if (scheme != "https" && scheme != "http") return "";
  std::string_view rest = url.substr(scheme_end + 3);
  return std::string(rest.substr(0, rest.find_first_of("/?#")));
}

Status CheckRegistryProfile(const Json& credential, const std::vector<StatusEntry>& entries,
                            const std::string& issuer_did) {
  size_t revocation = 0, suspension = 0;
  for (const StatusEntry& entry : entries) {
    if (entry.purpose == PurposeName(StatusPurpose::kRevocation)) {
      ++revocation;
    } else if (entry.purpose == PurposeName(StatusPurpose::kSuspension)) {
      ++suspension;
    } else {
      return Error::InvalidInput("a status entry has the purpose \"" + entry.purpose +
                                 "\"; this registry's credentials have revocation and suspension");
    }
  }
  if (IsOpenBadgeForm(credential)) {
    // One object: the schema of Open Badges 3.0 allows no more.
    if (suspension != 1) {
      return Error::InvalidInput(
          "in its Open Badges 3.0 form a credential of this registry has one status entry, for "
          "suspension; this one has it for " +
          entries.front().purpose);
    }
  } else if (revocation != 1 || suspension != 1) {
    return Error::InvalidInput(
        "this registry's credentials have exactly one revocation and one suspension status "
        "entry; this one has " +
        std::to_string(revocation) + " and " + std::to_string(suspension));
  }
  std::string authority = DidWebAuthority(issuer_did);
  if (authority.empty()) return Error::InvalidInput("the issuer " + issuer_did + " is no did:web");
  std::string id = credential.value("id", "");
  size_t at = id.rfind("/certificates/");
  if (UrlAuthority(id) != authority || at == std::string::npos || at + 14 == id.size() ||
      id.find('/', at + 14) != std::string::npos) {
    return Error::InvalidInput("the credential's id " + id + " is not a certificate of " +
                               authority);
  }
  for (const StatusEntry& entry : entries) {
    if (UrlAuthority(entry.list_url) != authority ||
        entry.list_url.find("/status/") == std::string::npos) {
      return Error::InvalidInput("the status list " + entry.list_url + " is not one of " +
                                 authority);
    }
  }
  return Status::Ok();
}

}  // namespace siegel
