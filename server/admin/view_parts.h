// What several staff pages share beyond admin_views.h: the proposal forms' starting points.
#pragma once

#include <string>

#include "server/admin/admin_router.h"

namespace siegel::admin {

// The programme's validity in months, where a proposal form starts from (24 when the
// programme cannot be read: the form still shows, and the proposal is checked when made).
int ValidityMonths(AdminCall& c, const std::string& programme_code);
// The label the note gets on a proposal form: when it is needed.
std::string NoteLabel(AdminCall& c, int months);

}  // namespace siegel::admin
