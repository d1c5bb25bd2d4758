// The staff pages, one renderer each (admin_views.cc), and the answers every staff form ends
// in: a redirect to the page that shows the result, the form again with what was wrong beside
// the input and what the clerk typed, or a page that explains the refusal.
#pragma once

#include <functional>
#include <mstch/mstch.hpp>
#include <string>

#include "base/json_strict.h"
#include "base/result.h"
#include "server/admin/admin_router.h"
#include "server/admin/fields.h"
#include "server/admin/form_errors.h"
#include "server/web/i18n.h"

namespace siegel::admin {

// A refused form on its way back to its page: which form ("edit", "propose:7"), what was
// sent, what was wrong, and the HTTP status of the answer.
struct FormState {
  std::string form;
  Fields input;
  FormProblem problem;
  int status = 422;
};
// Shows a form's page again for a FormState (Form fills in all but `form`).
using FormRetry = std::function<void(FormState&)>;

// A refused form's own data when it is shown again: the error beside its input (or above the
// form when it concerns no one input), if `retry` is for the form `name`.
void AddRetry(mstch::map& form, const FormState* retry, const std::string& name);
// A value for an input: what the clerk typed when the form comes back, else `stored`.
std::string Kept(const FormState* retry, const std::string& form, const std::string& input,
                 const std::string& stored);

void Redirect(AdminCall& c, const std::string& to);
// The refusal as a page, with a way back to `back`.
void SendError(AdminCall& c, const Error& error, const std::string& back);

// "2026-03-01" of a stored date or date-time.
std::string Day(const std::string& date_time);
// How a proposed validity departs from the programme's rule, in `language` ("60 Monate statt
// der 24 Monate des Programms: endet am …"); empty when it keeps to it.
std::string DepartureInWords(web::Language language, const std::string& from,
                             const std::string& until, int months);
// A catalogue sentence (i18n_staff.cc) in the signed-in account's language.
std::string StaffText(const AdminCall& c, const std::string& key);
// The signed-in account's language for the staff pages (German unless it chose English).
web::Language Lang(const AdminCall& c);
// A staff page: `name` is the template, `data` what it shows (with the notice of ?notice=).
void Page(AdminCall& c, const std::string& title, const std::string& name, mstch::map data,
          int status = 200);

void Dashboard(AdminCall& c);
// The pages that hold forms take the refused form to show again, or nothing.
void Initiatives(AdminCall& c, const FormState* retry = nullptr);
// The initiative and the certificate the path names, or the ones given.
void InitiativePage(AdminCall& c, const FormState* retry = nullptr);
void InitiativePageFor(AdminCall& c, const std::string& slug, const FormState* retry);
void CertificatePage(AdminCall& c, const FormState* retry = nullptr);
void CertificatePageFor(AdminCall& c, const std::string& id, const FormState* retry);
void Users(AdminCall& c, const FormState* retry = nullptr);
void Account(AdminCall& c, const FormState* retry = nullptr);
void Proposals(AdminCall& c);
// Every certificate, searchable by number, holder or legal entity and by status now.
void Certificates(AdminCall& c);
void Audit(AdminCall& c);
// `new_token`: a token just made, shown this once.
void Tokens(AdminCall& c, const std::string& new_token);
void Keys(AdminCall& c);
// Runs an operation for a form; on success redirects to `to(result)`. A refusal the clerk can
// correct goes to `retry` when given, else to an error page with a way back to `back`.
void Form(AdminCall& c, const Result<Json>& result, const std::string& back,
          const std::function<std::string(const Json&)>& to, const FormRetry& retry = nullptr);

}  // namespace siegel::admin
