// This registry's profile of a label certificate, beyond what VC 2.0 and Open Badges 3.0
// require: what every credential the registry issues has, so that a credential signed with
// the registry's key that departs from it is refused, whoever signed it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "credential/credential_shape.h"

namespace siegel {

// Both status entries, one for revocation and one for suspension (without either, a
// certificate could not be revoked or suspended), or in the Open Badges 3.0 form
// (credential/open_badge_form.h) the suspension entry alone; the credential's id at
// {issuer's address}/certificates/{ID}; the status lists at {issuer's address}/status/.
// `issuer_did` is the (trusted) issuer's did:web.
Status CheckRegistryProfile(const Json& credential, const std::vector<StatusEntry>& entries,
                            const std::string& issuer_did);

// The host and port a did:web names: "did:web:labels.example.org%3A8443:bw" ->
// "labels.example.org:8443"; empty for anything else.
std::string DidWebAuthority(std::string_view did);

// The host and port of an http(s) URL ("https://h:1/x" -> "h:1"); empty for anything else.
std::string UrlAuthority(std::string_view url);

}  // namespace siegel
