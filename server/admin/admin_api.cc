// /api/v1/admin: the staff operations as JSON, for automation with API tokens (Bearer) or for
// a signed-in browser (session cookie plus X-CSRF-Token). Bodies are JSON objects.
#include "server/admin/admin_router.h"
#include "server/admin/operations.h"
#include "server/admin/programme_admin.h"
#include "server/admin/staff_operations.h"
#include "server/http/problem.h"

namespace siegel::admin {
namespace {

void Answer(AdminCall& call, const Result<Json>& result, int status = 200) {
  if (!result.ok()) return http::SendError(call.res, result.error());
  call.res.status = status;
  call.res.set_content(result->dump(2, ' ', false, Json::error_handler_t::replace),
                       "application/json");
}

// A staff operation's answer: 202 when it became a proposal for a second administrator.
void AnswerStaff(AdminCall& call, const Result<Json>& result, int done_status) {
  Answer(call, result, IsPending(result) ? 202 : done_status);
}

// The JSON body as Fields, or a 400/415 already sent.
std::optional<Fields> Body(AdminCall& call) {
  std::string type = call.req.get_header_value("Content-Type");
  type = type.substr(0, type.find(';'));
  if (type != "application/json") {
    http::SendProblem(call.res, 415, "send the body as application/json");
    return std::nullopt;
  }
  auto fields = Fields::FromJson(call.req.body);
  if (!fields.ok()) {
    http::SendError(call.res, fields.error());
    return std::nullopt;
  }
  return *fields;
}

std::optional<int64_t> PathId(AdminCall& call, const std::string& what) {
  auto id = ParseId(call.req.matches[1], what);
  if (!id.ok()) {
    http::SendError(call.res, id.error());
    return std::nullopt;
  }
  return *id;
}

}  // namespace

void AddAdminApiRoutes(AdminRouter& r) {
  const RouteKind api = RouteKind::kApi;
  r.Get(api, "/api/v1/admin/me", "/api/v1/admin/me", Role::kViewer, "admin_api_me",
        [](AdminCall& c) {
          Answer(c, Json{{"username", c.principal.username},
                         {"role", RoleName(c.principal.role)},
                         {"viaToken", c.principal.via_token},
                         {"actor", c.principal.actor_name}});
        });
  r.Get(api, "/api/v1/admin/overview", "/api/v1/admin/overview", Role::kViewer,
        "admin_api_overview", [](AdminCall& c) { Answer(c, Overview(c.registry)); });

  r.Post(api, "/api/v1/admin/initiatives", "/api/v1/admin/initiatives", Role::kEditor,
         "admin_api_initiative_create", [](AdminCall& c) {
           if (auto in = Body(c)) Answer(c, CreateInitiative(c.registry, c.principal, *in), 201);
         });
  r.Put(api, R"(/api/v1/admin/initiatives/([a-z0-9-]+))", "/api/v1/admin/initiatives/x",
        Role::kEditor, "admin_api_initiative_edit", [](AdminCall& c) {
          if (auto in = Body(c))
            Answer(c, EditInitiative(c.registry, c.principal, c.req.matches[1], *in));
        });

  r.Post(api, "/api/v1/admin/programmes", "/api/v1/admin/programmes", Role::kAdmin,
         "admin_api_programme_create", [](AdminCall& c) {
           if (auto in = Body(c)) Answer(c, CreateProgramme(c.registry, c.principal, *in), 201);
         });
  r.Put(api, R"(/api/v1/admin/programmes/([a-z0-9-]+))", "/api/v1/admin/programmes/x", Role::kAdmin,
        "admin_api_programme_edit", [](AdminCall& c) {
          if (auto in = Body(c))
            Answer(c, EditProgramme(c.registry, c.principal, c.req.matches[1], *in));
        });

  r.Get(api, "/api/v1/admin/assessments", "/api/v1/admin/assessments", Role::kViewer,
        "admin_api_assessments", [](AdminCall& c) {
          auto list = c.registry.workflow().ListAssessments(c.req.get_param_value("initiative"));
          if (!list.ok()) return http::SendError(c.res, list.error());
          Json items = Json::array();
          for (const auto& a : *list) items.push_back(AssessmentJson(a));
          Answer(c, Json{{"items", items}});
        });
  r.Post(api, "/api/v1/admin/assessments", "/api/v1/admin/assessments", Role::kEditor,
         "admin_api_assessment_record", [](AdminCall& c) {
           if (auto in = Body(c))
             Answer(c, RecordAssessment(c.registry, c.principal, "", *in), 201);
         });

  r.Get(api, "/api/v1/admin/proposals", "/api/v1/admin/proposals", Role::kViewer,
        "admin_api_proposals", [](AdminCall& c) {
          auto list = c.registry.workflow().ListProposals(c.req.get_param_value("open") == "true");
          if (!list.ok()) return http::SendError(c.res, list.error());
          Json items = Json::array();
          for (const auto& p : *list) items.push_back(ProposalJson(p));
          Answer(c, Json{{"items", items}});
        });
  r.Post(api, "/api/v1/admin/proposals", "/api/v1/admin/proposals", Role::kIssuer,
         "admin_api_proposal_create", [](AdminCall& c) {
           if (auto in = Body(c)) Answer(c, ProposeCertificate(c.registry, c.principal, *in), 201);
         });
  r.Post(api, R"(/api/v1/admin/proposals/(\d+)/approve)", "/api/v1/admin/proposals/1/approve",
         Role::kIssuer, "admin_api_proposal_approve", [](AdminCall& c) {
           if (auto id = PathId(c, "proposal"))
             Answer(c, ApproveProposal(c.registry, c.principal, *id));
         });
  r.Post(api, R"(/api/v1/admin/proposals/(\d+)/reject)", "/api/v1/admin/proposals/1/reject",
         Role::kIssuer, "admin_api_proposal_reject", [](AdminCall& c) {
           auto id = PathId(c, "proposal");
           if (!id) return;
           if (auto in = Body(c)) Answer(c, RejectProposal(c.registry, c.principal, *id, *in));
         });

  const std::string certificate = R"(/api/v1/admin/certificates/([A-Za-z0-9-]+))";
  r.Post(api, certificate + "/suspend", "/api/v1/admin/certificates/X-1/suspend", Role::kIssuer,
         "admin_api_certificate_suspend", [](AdminCall& c) {
           if (auto in = Body(c))
             Answer(c, SuspendCertificate(c.registry, c.principal, c.req.matches[1], *in));
         });
  r.Post(api, certificate + "/reinstate", "/api/v1/admin/certificates/X-1/reinstate", Role::kIssuer,
         "admin_api_certificate_reinstate", [](AdminCall& c) {
           if (auto in = Body(c))
             Answer(c, ReinstateCertificate(c.registry, c.principal, c.req.matches[1], *in));
         });
  r.Post(api, certificate + "/revoke", "/api/v1/admin/certificates/X-1/revoke", Role::kAdmin,
         "admin_api_certificate_revoke", [](AdminCall& c) {
           if (auto in = Body(c))
             Answer(c, RevokeCertificate(c.registry, c.principal, c.req.matches[1], *in));
         });

  r.Get(api, "/api/v1/admin/audit", "/api/v1/admin/audit", Role::kViewer, "admin_api_audit",
        [](AdminCall& c) {
          auto filter = AuditFilterFrom(Fields::FromForm(c.req));
          if (!filter.ok()) return http::SendError(c.res, filter.error());
          auto records = c.registry.workflow().AuditLog(*filter);
          if (!records.ok()) return http::SendError(c.res, records.error());
          Json items = Json::array();
          for (const auto& record : *records) items.push_back(AuditJson(record));
          Answer(c, Json{{"items", items}});
        });
  r.Get(api, "/api/v1/admin/audit.csv", "/api/v1/admin/audit.csv", Role::kViewer,
        "admin_api_audit_csv", [](AdminCall& c) {
          auto filter = AuditFilterFrom(Fields::FromForm(c.req));
          if (!filter.ok()) return http::SendError(c.res, filter.error());
          if (c.req.get_param_value("limit").empty()) filter->limit = 100000;
          auto records = c.registry.workflow().AuditLog(*filter);
          if (!records.ok()) return http::SendError(c.res, records.error());
          c.res.set_header("Content-Disposition", "attachment; filename=\"siegel-audit.csv\"");
          c.res.set_content(AuditCsv(*records), "text/csv; charset=utf-8");
        });

  r.Get(api, "/api/v1/admin/tokens", "/api/v1/admin/tokens", Role::kAdmin, "admin_api_tokens",
        [](AdminCall& c) {
          auto list = c.registry.sessions().ListApiTokens();
          if (!list.ok()) return http::SendError(c.res, list.error());
          Json items = Json::array();
          for (const auto& t : *list) items.push_back(TokenJson(t));
          Answer(c, Json{{"items", items}});
        });
  r.Post(api, "/api/v1/admin/tokens", "/api/v1/admin/tokens", Role::kViewer,
         "admin_api_token_create", [](AdminCall& c) {
           if (auto in = Body(c)) Answer(c, CreateToken(c.registry, c.principal, *in), 201);
         });
  r.Post(api, R"(/api/v1/admin/tokens/(\d+)/revoke)", "/api/v1/admin/tokens/1/revoke", Role::kAdmin,
         "admin_api_token_revoke", [](AdminCall& c) {
           if (auto id = PathId(c, "token")) Answer(c, RevokeToken(c.registry, c.principal, *id));
         });

  r.Get(api, "/api/v1/admin/users", "/api/v1/admin/users", Role::kAdmin, "admin_api_users",
        [](AdminCall& c) {
          auto list = c.registry.accounts().ListUsers();
          if (!list.ok()) return http::SendError(c.res, list.error());
          Json items = Json::array();
          for (const auto& u : *list) items.push_back(UserJson(u));
          Answer(c, Json{{"items", items}});
        });
  r.Post(api, "/api/v1/admin/users", "/api/v1/admin/users", Role::kAdmin, "admin_api_user_create",
         [](AdminCall& c) {
           if (auto in = Body(c)) AnswerStaff(c, CreateUser(c.registry, c.principal, *in), 201);
         });
  r.Post(api, R"(/api/v1/admin/users/([a-z0-9._-]+)/role)", "/api/v1/admin/users/x/role",
         Role::kAdmin, "admin_api_user_role", [](AdminCall& c) {
           if (auto in = Body(c))
             AnswerStaff(c, ChangeUserRole(c.registry, c.principal, c.req.matches[1], *in), 200);
         });
  r.Post(api, R"(/api/v1/admin/users/([a-z0-9._-]+)/disable)", "/api/v1/admin/users/x/disable",
         Role::kAdmin, "admin_api_user_disable",
         [](AdminCall& c) { Answer(c, DisableUser(c.registry, c.principal, c.req.matches[1])); });
  r.Get(api, "/api/v1/admin/keys", "/api/v1/admin/keys", Role::kAdmin, "admin_api_keys",
        [](AdminCall& c) { Answer(c, KeysOverview(c.registry)); });
  r.Post(api, "/api/v1/admin/keys/rotate", "/api/v1/admin/keys/rotate", Role::kAdmin,
         "admin_api_key_rotate",
         [](AdminCall& c) { Answer(c, RotateKey(c.registry, c.principal), 201); });
  r.Post(api, R"(/api/v1/admin/keys/(key-\d+)/compromise)", "/api/v1/admin/keys/key-9/compromise",
         Role::kAdmin, "admin_api_key_compromise", [](AdminCall& c) {
           if (auto in = Body(c))
             Answer(c, CompromiseKey(c.registry, c.principal, c.req.matches[1], *in));
         });
  r.Post(api, certificate + "/reissue", "/api/v1/admin/certificates/X-1/reissue", Role::kAdmin,
         "admin_api_certificate_reissue", [](AdminCall& c) {
           Answer(c, ReissueCertificate(c.registry, c.principal, c.req.matches[1]), 201);
         });
  r.Post(api, R"(/api/v1/admin/programmes/([a-z0-9-]+)/four-eyes)",
         "/api/v1/admin/programmes/ce-bw/four-eyes", Role::kAdmin, "admin_api_four_eyes",
         [](AdminCall& c) {
           if (auto in = Body(c))
             AnswerStaff(c, SetFourEyes(c.registry, c.principal, c.req.matches[1], *in), 200);
         });
  r.Get(api, "/api/v1/admin/staff-changes", "/api/v1/admin/staff-changes", Role::kAdmin,
        "admin_api_staff_changes", [](AdminCall& c) {
          Answer(c, ListStaffChanges(c.registry, c.req.get_param_value("open") == "true"));
        });
  r.Post(api, R"(/api/v1/admin/staff-changes/(\d+)/approve)",
         "/api/v1/admin/staff-changes/1/approve", Role::kAdmin, "admin_api_staff_change_approve",
         [](AdminCall& c) {
           if (auto id = PathId(c, "staff change"))
             Answer(c, ApproveStaffChange(c.registry, c.principal, *id));
         });
  r.Post(api, R"(/api/v1/admin/staff-changes/(\d+)/reject)", "/api/v1/admin/staff-changes/1/reject",
         Role::kAdmin, "admin_api_staff_change_reject", [](AdminCall& c) {
           if (auto id = PathId(c, "staff change"))
             Answer(c, RejectStaffChange(c.registry, c.principal, *id));
         });
}

}  // namespace siegel::admin
