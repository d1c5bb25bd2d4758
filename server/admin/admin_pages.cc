// The /admin pages: plain HTML forms (no JavaScript), each POST answered with a redirect to
// the page that shows the result, or with a page that explains the refusal.
#include "server/admin/admin_pages.h"

#include "registry/certificate_status.h"
#include "registry/technology_fields.h"
#include "server/admin/admin_views.h"
#include "server/admin/confirmations.h"
#include "server/admin/import_page.h"
#include "server/admin/operations.h"
#include "server/admin/programme_admin.h"
#include "server/admin/staff_operations.h"
#include "server/http/problem.h"
#include "server/web/page.h"

namespace siegel::admin {

void SendAdminPage(httplib::Response& res, const RegistrySettings& settings, const AdminCall* call,
                   const std::string& title, const std::string& name, mstch::map data, int status,
                   web::Language language) {
  data.emplace("staff_page", true);
  if (call != nullptr) {
    language = Lang(*call);
    Role role = call->principal.role;
    data.emplace("signed_in", true);
    data.emplace("csrf", call->csrf);
    data.emplace("user", call->principal.username);
    data.emplace("role", RoleName(role));
    data.emplace("can_edit", RoleAllows(role, Role::kEditor));
    data.emplace("can_issue", RoleAllows(role, Role::kIssuer));
    data.emplace("is_admin", RoleAllows(role, Role::kAdmin));
  }
  // Never stored: they show what only signed-in staff may see (the admin router and the
  // sign-in routes already say so).
  if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
  web::SendPage(res, language, settings, title, name, std::move(data), status,
                {"admin_nav", "admin_proposal_table", "admin_initiative_fields", "admin_form_error",
                 "admin_programme_fields"});
}

namespace {

// Shows `page` again with the refused form `form` (its input and the problem).
FormRetry Retry(AdminCall& c, const char* form, void (*page)(AdminCall&, const FormState*)) {
  return [&c, form, page](FormState& state) {
    state.form = form;
    page(c, &state);
  };
}

// A proposal comes from an assessment's row on the initiative's page, or from the renewal or
// replacement form on the certificate's page; it goes back to the one it came from.
FormRetry ProposalRetry(AdminCall& c, const Fields& in) {
  std::string renews = in.Get("renews");
  std::string replaces = in.Get("replaces");
  return [&c, renews, replaces, assessment = in.Get("assessment")](FormState& state) {
    if (!renews.empty() || !replaces.empty()) {
      const std::string& id = renews.empty() ? replaces : renews;
      auto certificate = c.registry.certificates().GetCertificate(id);
      if (!certificate.ok()) return SendError(c, certificate.error(), "/admin/proposals");
      state.form = renews.empty() ? "replace" : "renew";
      return CertificatePageFor(c, id, &state);
    }
    auto id = ParseId(assessment, "assessment");
    if (!id.ok()) return SendError(c, id.error(), "/admin/proposals");
    auto record = c.registry.workflow().GetAssessment(*id);
    if (!record.ok()) return SendError(c, record.error(), "/admin/proposals");
    state.form = "propose:" + assessment;
    return InitiativePageFor(c, record->initiative_slug, &state);
  };
}

}  // namespace

void AddAdminPages(AdminRouter& r) {
  AddImportPage(r);
  AddProgrammePages(r);
  const RouteKind page = RouteKind::kPage;
  r.Get(page, "/admin", "/admin", Role::kViewer, "admin_home", Dashboard);
  r.Get(page, "/admin/initiatives", "/admin/initiatives", Role::kViewer, "admin_initiatives",
        [](AdminCall& c) { Initiatives(c); });
  r.Post(page, "/admin/initiatives", "/admin/initiatives", Role::kEditor, "admin_initiative_create",
         [](AdminCall& c) {
           Form(
               c, CreateInitiative(c.registry, c.principal, Fields::FromForm(c.req)),
               "/admin/initiatives",
               [](const Json& j) {
                 return "/admin/initiatives/" + j["slug"].get<std::string>() + "?notice=created";
               },
               Retry(c, "create", Initiatives));
         });
  const std::string initiative = "/admin/initiatives/([a-z0-9-]+)";
  r.Get(page, initiative, "/admin/initiatives/x", Role::kViewer, "admin_initiative",
        [](AdminCall& c) { InitiativePage(c); });
  r.Post(page, initiative, "/admin/initiatives/x", Role::kEditor, "admin_initiative_edit",
         [](AdminCall& c) {
           std::string slug = c.req.matches[1];
           Form(
               c, EditInitiative(c.registry, c.principal, slug, Fields::FromForm(c.req)),
               "/admin/initiatives/" + slug,
               [slug](const Json&) { return "/admin/initiatives/" + slug + "?notice=saved"; },
               Retry(c, "edit", InitiativePage));
         });
  r.Post(page, initiative + "/assessments", "/admin/initiatives/x/assessments", Role::kEditor,
         "admin_assessment_record", [](AdminCall& c) {
           std::string slug = c.req.matches[1];
           Form(
               c, RecordAssessment(c.registry, c.principal, slug, Fields::FromForm(c.req)),
               "/admin/initiatives/" + slug,
               [slug](const Json&) { return "/admin/initiatives/" + slug + "?notice=assessed"; },
               Retry(c, "assessment", InitiativePage));
         });
  r.Post(page, initiative + "/notes", "/admin/initiatives/x/notes", Role::kEditor,
         "admin_initiative_note", [](AdminCall& c) {
           std::string slug = c.req.matches[1];
           auto note = c.registry.notes().Add(slug, Fields::FromForm(c.req).Get("note"), c.actor());
           Form(
               c, note.ok() ? Result<Json>(Json{{"id", note->id}}) : Result<Json>(note.error()),
               "/admin/initiatives/" + slug,
               [slug](const Json&) { return "/admin/initiatives/" + slug + "?notice=noted#notes"; },
               Retry(c, "note", InitiativePage));
         });
  r.Get(page, "/admin/proposals", "/admin/proposals", Role::kViewer, "admin_proposals", Proposals);
  r.Post(page, "/admin/proposals", "/admin/proposals", Role::kIssuer, "admin_proposal_create",
         [](AdminCall& c) {
           Fields in = Fields::FromForm(c.req);
           Form(
               c, ProposeCertificate(c.registry, c.principal, in), "/admin/proposals",
               [](const Json&) { return "/admin/proposals?notice=proposed"; },
               ProposalRetry(c, in));
         });
  r.Post(page, R"(/admin/proposals/(\d+)/approve)", "/admin/proposals/1/approve", Role::kIssuer,
         "admin_proposal_approve", [](AdminCall& c) {
           auto id = ParseId(c.req.matches[1], "proposal");
           if (!id.ok()) return SendError(c, id.error(), "/admin/proposals");
           if (!Confirmed(c)) return ConfirmApproval(c, *id);
           Form(c, ApproveProposal(c.registry, c.principal, *id), "/admin/proposals",
                [](const Json& j) {
                  return "/admin/certificates/" + j["certificate"].get<std::string>() +
                         "?notice=approved";
                });
         });
  r.Post(page, R"(/admin/proposals/(\d+)/reject)", "/admin/proposals/1/reject", Role::kIssuer,
         "admin_proposal_reject", [](AdminCall& c) {
           auto id = ParseId(c.req.matches[1], "proposal");
           if (!id.ok()) return SendError(c, id.error(), "/admin/proposals");
           Form(c, RejectProposal(c.registry, c.principal, *id, Fields::FromForm(c.req)),
                "/admin/proposals", [](const Json&) { return "/admin/proposals?notice=rejected"; });
         });

  r.Get(page, "/admin/certificates", "/admin/certificates", Role::kViewer, "admin_certificates",
        Certificates);
  const std::string certificate = "/admin/certificates/([A-Za-z0-9-]+)";
  r.Get(page, certificate, "/admin/certificates/X-1", Role::kViewer, "admin_certificate",
        [](AdminCall& c) { CertificatePage(c); });
  auto back_to = [](const std::string& id, const char* notice) {
    return [id, notice](const Json&) { return "/admin/certificates/" + id + "?notice=" + notice; };
  };
  r.Post(page, certificate + "/suspend", "/admin/certificates/X-1/suspend", Role::kIssuer,
         "admin_certificate_suspend", [back_to](AdminCall& c) {
           std::string id = c.req.matches[1];
           Form(c, SuspendCertificate(c.registry, c.principal, id, Fields::FromForm(c.req)),
                "/admin/certificates/" + id, back_to(id, "suspended"),
                Retry(c, "suspend", CertificatePage));
         });
  r.Post(page, certificate + "/reinstate", "/admin/certificates/X-1/reinstate", Role::kIssuer,
         "admin_certificate_reinstate", [back_to](AdminCall& c) {
           std::string id = c.req.matches[1];
           Form(c, ReinstateCertificate(c.registry, c.principal, id, Fields::FromForm(c.req)),
                "/admin/certificates/" + id, back_to(id, "reinstated"),
                Retry(c, "reinstate", CertificatePage));
         });
  r.Post(page, certificate + "/revoke", "/admin/certificates/X-1/revoke", Role::kAdmin,
         "admin_certificate_revoke", [back_to](AdminCall& c) {
           std::string id = c.req.matches[1];
           if (!Confirmed(c)) return ConfirmRevocation(c, id);
           Form(c, RevokeCertificate(c.registry, c.principal, id, Fields::FromForm(c.req)),
                "/admin/certificates/" + id, back_to(id, "revoked"),
                Retry(c, "revoke", CertificatePage));
         });

  r.Get(page, "/admin/audit", "/admin/audit", Role::kViewer, "admin_audit", Audit);
  r.Get(page, "/admin/audit.csv", "/admin/audit.csv", Role::kViewer, "admin_audit_csv",
        [](AdminCall& c) {
          auto filter = AuditFilterFrom(Fields::FromForm(c.req));
          if (!filter.ok()) return SendError(c, filter.error(), "/admin/audit");
          filter->limit = 100000;
          auto records = c.registry.workflow().AuditLog(*filter);
          if (!records.ok()) return SendError(c, records.error(), "/admin/audit");
          c.res.set_header("Content-Disposition", "attachment; filename=\"siegel-audit.csv\"");
          c.res.set_content(AuditCsv(*records), "text/csv; charset=utf-8");
        });

  r.Get(page, "/admin/tokens", "/admin/tokens", Role::kViewer, "admin_tokens",
        [](AdminCall& c) { Tokens(c, ""); });
  r.Post(page, "/admin/tokens", "/admin/tokens", Role::kViewer, "admin_token_create",
         [](AdminCall& c) {
           auto created = CreateToken(c.registry, c.principal, Fields::FromForm(c.req));
           if (!created.ok()) return SendError(c, created.error(), "/admin/tokens");
           // Shown once, on this page, which is never cached.
           Tokens(c, (*created)["token"].get<std::string>());
         });
  r.Post(page, R"(/admin/tokens/(\d+)/revoke)", "/admin/tokens/1/revoke", Role::kAdmin,
         "admin_token_revoke", [](AdminCall& c) {
           auto id = ParseId(c.req.matches[1], "token");
           if (!id.ok()) return SendError(c, id.error(), "/admin/tokens");
           Form(c, RevokeToken(c.registry, c.principal, *id), "/admin/tokens",
                [](const Json&) { return "/admin/tokens?notice=token_revoked"; });
         });

  r.Get(page, "/admin/keys", "/admin/keys", Role::kAdmin, "admin_keys", Keys);
  r.Post(page, "/admin/keys/rotate", "/admin/keys/rotate", Role::kAdmin, "admin_key_rotate",
         [](AdminCall& c) {
           Form(c, RotateKey(c.registry, c.principal), "/admin/keys",
                [](const Json&) { return "/admin/keys?notice=rotated"; });
         });
  r.Post(page, R"(/admin/keys/(key-\d+)/compromise)", "/admin/keys/key-9/compromise", Role::kAdmin,
         "admin_key_compromise", [](AdminCall& c) {
           Form(c,
                CompromiseKey(c.registry, c.principal, c.req.matches[1], Fields::FromForm(c.req)),
                "/admin/keys", [](const Json&) { return "/admin/keys?notice=compromised"; });
         });
  r.Post(page, certificate + "/reissue", "/admin/certificates/X-1/reissue", Role::kAdmin,
         "admin_certificate_reissue", [](AdminCall& c) {
           std::string id = c.req.matches[1];
           Form(c, ReissueCertificate(c.registry, c.principal, id), "/admin/keys",
                [](const Json& j) {
                  return "/admin/certificates/" + j["id"].get<std::string>() + "?notice=reissued";
                });
         });
  r.Get(page, "/admin/users", "/admin/users", Role::kAdmin, "admin_users",
        [](AdminCall& c) { Users(c); });
  r.Post(page, "/admin/users", "/admin/users", Role::kAdmin, "admin_user_create", [](AdminCall& c) {
    Form(c, CreateUser(c.registry, c.principal, Fields::FromForm(c.req)), "/admin/users",
         [](const Json& j) {
           return j.value("pending", false) ? "/admin/users?notice=staff_change_proposed"
                                            : "/admin/users?notice=user_added";
         });
  });
  r.Post(page, R"(/admin/users/([a-z0-9._-]+)/role)", "/admin/users/x/role", Role::kAdmin,
         "admin_user_role", [](AdminCall& c) {
           Form(c,
                ChangeUserRole(c.registry, c.principal, c.req.matches[1], Fields::FromForm(c.req)),
                "/admin/users", [](const Json& j) {
                  return j.value("pending", false) ? "/admin/users?notice=staff_change_proposed"
                                                   : "/admin/users?notice=role_changed";
                });
         });
  r.Post(page, R"(/admin/staff-changes/(\d+)/approve)", "/admin/staff-changes/1/approve",
         Role::kAdmin, "admin_staff_change_approve", [](AdminCall& c) {
           auto id = ParseId(c.req.matches[1], "staff change");
           if (!id.ok()) return SendError(c, id.error(), "/admin/users");
           Form(c, ApproveStaffChange(c.registry, c.principal, *id), "/admin/users",
                [](const Json&) { return "/admin/users?notice=staff_change_approved"; });
         });
  r.Post(page, R"(/admin/staff-changes/(\d+)/reject)", "/admin/staff-changes/1/reject",
         Role::kAdmin, "admin_staff_change_reject", [](AdminCall& c) {
           auto id = ParseId(c.req.matches[1], "staff change");
           if (!id.ok()) return SendError(c, id.error(), "/admin/users");
           Form(c, RejectStaffChange(c.registry, c.principal, *id), "/admin/users",
                [](const Json&) { return "/admin/users?notice=staff_change_rejected"; });
         });
  r.Post(page, R"(/admin/users/([a-z0-9._-]+)/disable)", "/admin/users/x/disable", Role::kAdmin,
         "admin_user_disable", [](AdminCall& c) {
           Form(c, DisableUser(c.registry, c.principal, c.req.matches[1]), "/admin/users",
                [](const Json&) { return "/admin/users?notice=user_disabled"; });
         });
  r.Post(page, R"(/admin/users/([a-z0-9._-]+)/enable)", "/admin/users/x/enable", Role::kAdmin,
         "admin_user_enable", [](AdminCall& c) {
           Form(c, EnableUser(c.registry, c.principal, c.req.matches[1]), "/admin/users",
                [](const Json& j) {
                  return j.value("roleKept", true) ? "/admin/users?notice=user_enabled"
                                                   : "/admin/users?notice=user_enabled_viewer";
                });
         });
  r.Post(
      page, R"(/admin/users/([a-z0-9._-]+)/password)", "/admin/users/x/password", Role::kAdmin,
      "admin_user_password", [](AdminCall& c) {
        Form(
            c,
            ResetUserPassword(c.registry, c.principal, c.req.matches[1], Fields::FromForm(c.req)),
            "/admin/users", [](const Json&) { return "/admin/users?notice=password_reset"; },
            Retry(c, "reset", Users));
      });
  // Each person's own account: the staff pages' language, an e-mail address, the password.
  r.Get(page, "/admin/account", "/admin/account", Role::kViewer, "admin_account",
        [](AdminCall& c) { Account(c); });
  r.Post(page, "/admin/account", "/admin/account", Role::kViewer, "admin_account_settings",
         [](AdminCall& c) {
           Form(
               c, SetOwnPreferences(c.registry, c.principal, Fields::FromForm(c.req)),
               "/admin/account",
               [](const Json&) { return "/admin/account?notice=preferences_saved"; },
               Retry(c, "settings", Account));
         });
  r.Post(page, "/admin/account/password", "/admin/account/password", Role::kViewer,
         "admin_account_password", [](AdminCall& c) {
           Form(
               c, ChangeOwnPassword(c.registry, c.principal, Fields::FromForm(c.req)),
               "/admin/account",
               // Every session of the account ended with the old password: sign in again.
               [](const Json&) { return "/admin/sign-in?notice=password_changed"; },
               Retry(c, "password", Account));
         });
}

}  // namespace siegel::admin
