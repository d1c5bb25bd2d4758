// The staff pages, one renderer each (admin_views.cc), and the answers every staff form ends
// in: a redirect to the page that shows the result, or a page that explains the refusal.
#pragma once

#include <functional>
#include <mstch/mstch.hpp>
#include <string>

#include "base/json_strict.h"
#include "base/result.h"
#include "server/admin/admin_router.h"

namespace siegel::admin {

void Redirect(AdminCall& c, const std::string& to);
// The refusal as a page, with a way back to `back`.
void SendError(AdminCall& c, const Error& error, const std::string& back);

// "2026-03-01" of a stored date or date-time.
std::string Day(const std::string& date_time);
// A staff page: `name` is the template, `data` what it shows (with the notice of ?notice=).
void Page(AdminCall& c, const std::string& title, const std::string& name, mstch::map data);

void Dashboard(AdminCall& c);
void Initiatives(AdminCall& c);
void InitiativePage(AdminCall& c);
void CertificatePage(AdminCall& c);
void Proposals(AdminCall& c);
void Audit(AdminCall& c);
// `new_token`: a token just made, shown this once.
void Tokens(AdminCall& c, const std::string& new_token);
void Users(AdminCall& c);
void Keys(AdminCall& c);
// Runs an operation for a form; on success redirects to `to(result)`.
void Form(AdminCall& c, const Result<Json>& result, const std::string& back,
          const std::function<std::string(const Json&)>& to);

}  // namespace siegel::admin
