// Rendering staff pages: the public layout with the staff navigation, the signed-in user, the
// CSRF token every form carries, and no caching.
#pragma once

#include <httplib.h>

#include <mstch/mstch.hpp>

#include "registry/model.h"
#include "server/admin/admin_router.h"
#include "server/web/i18n.h"

namespace siegel::admin {

// `call` is null for the sign-in page (nobody is signed in yet): it is in `language`, the
// reader's choice; a signed-in person's pages are in their account's language.
void SendAdminPage(httplib::Response& res, const RegistrySettings& settings, const AdminCall* call,
                   const std::string& title, const std::string& name, mstch::map data,
                   int status = 200, web::Language language = web::Language::kGerman);

}  // namespace siegel::admin
