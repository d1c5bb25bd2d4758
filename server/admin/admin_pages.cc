// The /admin pages: plain HTML forms (no JavaScript), each POST answered with a redirect to
// the page that shows the result, or with a page that explains the refusal.
#include "server/admin/admin_pages.h"

#include "registry/certificate_status.h"
#include "registry/technology_fields.h"
#include "server/admin/admin_views.h"
#include "server/admin/confirmations.h"
#include "server/admin/operations.h"
#include "server/admin/staff_operations.h"
#include "server/http/problem.h"
#include "server/web/page.h"

namespace siegel::admin {

void SendAdminPage(httplib::Response& res, const RegistrySettings& settings, const AdminCall* call,
                   const std::string& title, const std::string& name, mstch::map data, int status) {
  if (call != nullptr) {
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
  // Staff pages are in English for now; the public pages follow the reader's language.
  web::SendPage(res, web::Language::kEnglish, settings, title, name, std::move(data), status,
                {"admin_nav", "admin_proposal_table", "admin_initiative_fields"});
}

void AddAdminPages(AdminRouter& r) {
  const RouteKind page = RouteKind::kPage;
  r.Get(page, "/admin", "/admin", Role::kViewer, "admin_home", Dashboard);
  r.Get(page, "/admin/initiatives", "/admin/initiatives", Role::kViewer, "admin_initiatives",
        Initiatives);
  r.Post(page, "/admin/initiatives", "/admin/initiatives", Role::kEditor, "admin_initiative_create",
         [](AdminCall& c) {
           Form(c, CreateInitiative(c.registry, c.principal, Fields::FromForm(c.req)),
                "/admin/initiatives", [](const Json& j) {
                  return "/admin/initiatives/" + j["slug"].get<std::string>() + "?notice=created";
                });
         });
  const std::string initiative = "/admin/initiatives/([a-z0-9-]+)";
  r.Get(page, initiative, "/admin/initiatives/x", Role::kViewer, "admin_initiative",
        InitiativePage);
  r.Post(page, initiative, "/admin/initiatives/x", Role::kEditor, "admin_initiative_edit",
         [](AdminCall& c) {
           std::string slug = c.req.matches[1];
           Form(c, EditInitiative(c.registry, c.principal, slug, Fields::FromForm(c.req)),
                "/admin/initiatives/" + slug,
                [slug](const Json&) { return "/admin/initiatives/" + slug + "?notice=saved"; });
         });
  r.Post(page, initiative + "/assessments", "/admin/initiatives/x/assessments", Role::kEditor,
         "admin_assessment_record", [](AdminCall& c) {
           std::string slug = c.req.matches[1];
           Form(c, RecordAssessment(c.registry, c.principal, slug, Fields::FromForm(c.req)),
                "/admin/initiatives/" + slug,
                [slug](const Json&) { return "/admin/initiatives/" + slug + "?notice=assessed"; });
         });
  r.Get(page, "/admin/proposals", "/admin/proposals", Role::kViewer, "admin_proposals", Proposals);
  r.Post(page, "/admin/proposals", "/admin/proposals", Role::kIssuer, "admin_proposal_create",
         [](AdminCall& c) {
           Form(c, ProposeCertificate(c.registry, c.principal, Fields::FromForm(c.req)),
                "/admin/proposals", [](const Json&) { return "/admin/proposals?notice=proposed"; });
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

  const std::string certificate = "/admin/certificates/([A-Za-z0-9-]+)";
  r.Get(page, certificate, "/admin/certificates/X-1", Role::kViewer, "admin_certificate",
        CertificatePage);
  auto back_to = [](const std::string& id, const char* notice) {
    return [id, notice](const Json&) { return "/admin/certificates/" + id + "?notice=" + notice; };
  };
  r.Post(page, certificate + "/suspend", "/admin/certificates/X-1/suspend", Role::kIssuer,
         "admin_certificate_suspend", [back_to](AdminCall& c) {
           std::string id = c.req.matches[1];
           Form(c, SuspendCertificate(c.registry, c.principal, id, Fields::FromForm(c.req)),
                "/admin/certificates/" + id, back_to(id, "suspended"));
         });
  r.Post(page, certificate + "/reinstate", "/admin/certificates/X-1/reinstate", Role::kIssuer,
         "admin_certificate_reinstate", [back_to](AdminCall& c) {
           std::string id = c.req.matches[1];
           Form(c, ReinstateCertificate(c.registry, c.principal, id, Fields::FromForm(c.req)),
                "/admin/certificates/" + id, back_to(id, "reinstated"));
         });
  r.Post(page, certificate + "/revoke", "/admin/certificates/X-1/revoke", Role::kAdmin,
         "admin_certificate_revoke", [back_to](AdminCall& c) {
           std::string id = c.req.matches[1];
           if (!Confirmed(c)) return ConfirmRevocation(c, id);
           Form(c, RevokeCertificate(c.registry, c.principal, id, Fields::FromForm(c.req)),
                "/admin/certificates/" + id, back_to(id, "revoked"));
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
  r.Get(page, "/admin/users", "/admin/users", Role::kAdmin, "admin_users", Users);
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
}

}  // namespace siegel::admin
