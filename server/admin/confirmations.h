// The step before an act that cannot be taken back: signing a proposal and revoking a
// certificate. The form's first POST shows exactly what will happen (a preview of what will be
// signed, the public reason of a revocation) with a button that confirms; only the POST that
// says confirmed=yes acts. The staff API, which programs call, acts at once.
#pragma once

#include <string>

#include "server/admin/admin_router.h"

namespace siegel::admin {

// Whether the form's POST is the confirmation (confirmed=yes) rather than the first click.
bool Confirmed(const AdminCall& c);

// The preview of proposal `id` as it will be signed; refused at once (the page that explains)
// when the signed-in person may not approve it.
void ConfirmApproval(AdminCall& c, int64_t id);
// The revocation of certificate `id` as the public will read it; a reason the rules refuse is
// refused here already.
void ConfirmRevocation(AdminCall& c, const std::string& id);

}  // namespace siegel::admin
