// The Open Badges 3.0 form of a label credential. The 1EdTech schema allows one
// `credentialStatus` object, while the registry's credential carries two entries (revocation
// and suspension, as the Bitstring Status List verifiers people use expect). The form keeps
// the suspension entry alone; the suspension list marks a revoked certificate as well, so a
// verifier that reads only this entry never takes a revoked label for a valid one. The form
// is derived from the issued credential by this rule and nothing else, so whoever has one can
// tell that the other says the same (docs/open-badges.md argues the choice).
#pragma once

#include "base/json_strict.h"
#include "base/result.h"

namespace siegel {

// `credential` (with or without proofs) in its Open Badges 3.0 form, without proofs: the
// suspension entry alone, and, for a label that names only the VC 2.0 and Open Badges 3.0
// contexts, the registry's own context (at the credential id's origin) after them.
Result<Json> OpenBadgeFormOf(const Json& credential);

// Whether `credential` is in that form: one credentialStatus object, not an array.
bool IsOpenBadgeForm(const Json& credential);

}  // namespace siegel
