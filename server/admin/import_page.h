// /admin/import: an administrator uploads the spreadsheet of label holders, sees row by row
// what would happen (the same plan as `siegel import initiatives --dry-run`), and imports it
// with a second click that carries exactly the previewed file.
#pragma once

#include "server/admin/admin_router.h"

namespace siegel::admin {

void AddImportPage(AdminRouter& router);

}  // namespace siegel::admin
