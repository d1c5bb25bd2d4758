// Programmes (labels) for administrators: the list, a new programme with its own certificate
// numbering and status lists, and editing its names, validity, criteria, default assessor and
// levels; on the staff pages (/admin/programmes) and in the staff API
// (/api/v1/admin/programmes). Four eyes starts on for a new programme and is switched off only
// as the staff-change rules say. Anyone signed in sees them; only administrators change them.
#pragma once

#include "registry/registry.h"
#include "server/admin/admin_router.h"
#include "server/admin/fields.h"

namespace siegel::admin {

// A programme's fields from a form or the API onto `base` (code and prefix only for a new one).
Result<Programme> ProgrammeFromFields(const Fields& in, Programme base, bool is_new);
Result<Json> CreateProgramme(Registry& registry, const Principal& who, const Fields& in);
Result<Json> EditProgramme(Registry& registry, const Principal& who, const std::string& code,
                           const Fields& in);

// The staff pages; the API routes are in admin_api.cc with the others.
void AddProgrammePages(AdminRouter& router);

}  // namespace siegel::admin
