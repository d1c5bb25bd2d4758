// The staff side's pages about people and keys: API tokens, accounts (with the staff changes
// waiting for a second administrator), one's own account, and the issuer keys.
#include "registry/certificate_status.h"
#include "registry/regions.h"
#include "registry/technology_fields.h"
#include "server/admin/admin_pages.h"
#include "server/admin/admin_views.h"
#include "server/admin/audit_in_words.h"
#include "server/admin/form_errors.h"
#include "server/admin/operations.h"
#include "server/admin/staff_operations.h"
#include "server/admin/view_parts.h"
#include "server/http/problem.h"
#include "server/web/i18n_staff.h"
#include "server/web/page.h"

namespace siegel::admin {
namespace {

using web::Language;

std::string StaffChangeText(Language language, const StaffChange& change) {
  if (change.kind == "user.add") {
    return web::Fill(web::Text(language, "a_change_user_add"),
                     {change.subject, change.display_name, RoleName(change.role)});
  }
  if (change.kind == "user.role") {
    return web::Fill(web::Text(language, "a_change_user_role"),
                     {RoleName(change.role), change.subject});
  }
  return web::Fill(web::Text(language, "a_change_four_eyes"), {change.subject});
}
}  // namespace

void Tokens(AdminCall& c, const std::string& new_token) {
  auto tokens = c.registry.sessions().ListApiTokens();
  if (!tokens.ok()) return SendError(c, tokens.error(), "/admin");
  bool admin = RoleAllows(c.principal.role, Role::kAdmin);
  mstch::array rows;
  for (const ApiTokenRecord& t : *tokens) {
    if (!admin && t.created_by != c.principal.username) continue;
    rows.push_back(mstch::map{{"id", std::to_string(t.id)},
                              {"name", t.name},
                              {"role", RoleName(t.role)},
                              {"created_by", t.created_by},
                              {"expires", Day(t.expires_at)},
                              {"revoked", Day(t.revoked_at)},
                              {"can_revoke", admin && t.revoked_at.empty()}});
  }
  mstch::array roles;
  for (Role role : {Role::kViewer, Role::kEditor, Role::kIssuer, Role::kAdmin}) {
    if (RoleAllows(c.principal.role, role)) roles.push_back(mstch::map{{"role", RoleName(role)}});
  }
  Page(c, StaffText(c, "a_tokens"), "admin_tokens",
       mstch::map{{"tokens", rows}, {"roles", roles}, {"new_token", new_token}});
}

void Users(AdminCall& c, const FormState* retry) {
  auto users = c.registry.accounts().ListUsers();
  if (!users.ok()) return SendError(c, users.error(), "/admin");
  auto changes = c.registry.accounts().ListStaffChanges(/*open_only=*/true);
  if (!changes.ok()) return SendError(c, changes.error(), "/admin");
  mstch::array rows;
  for (const StaffUser& u : *users) {
    bool other = u.username != c.principal.username;
    mstch::array roles;
    for (Role role : {Role::kViewer, Role::kEditor, Role::kIssuer, Role::kAdmin}) {
      roles.push_back(mstch::map{{"role", RoleName(role)}, {"selected", role == u.role}});
    }
    bool active = u.disabled_at.empty();
    rows.push_back(mstch::map{{"username", u.username},
                              {"display_name", u.display_name},
                              {"email", u.email},
                              {"role", RoleName(u.role)},
                              {"disabled", Day(u.disabled_at)},
                              {"can_change", active && other},
                              {"can_enable", !active && other},
                              {"can_reset", active && other},
                              {"roles", roles}});
  }
  mstch::array waiting;
  for (const StaffChange& change : *changes) {
    waiting.push_back(mstch::map{{"id", std::to_string(change.id)},
                                 {"what", StaffChangeText(Lang(c), change)},
                                 {"proposed_by", change.proposed_by},
                                 {"proposed_at", Day(change.proposed_at)},
                                 {"own", change.proposed_by == c.principal.username}});
  }
  mstch::map data{{"users", rows}, {"changes", waiting}};
  data.emplace("form_error", retry != nullptr ? retry->problem.sentence : std::string());
  Page(c, StaffText(c, "a_users_heading"), "admin_users", std::move(data),
       retry != nullptr ? retry->status : 200);
}

void Account(AdminCall& c, const FormState* retry) {
  auto user = c.registry.accounts().GetUser(c.principal.username);
  if (!user.ok()) return SendError(c, user.error(), "/admin");
  std::string language = Kept(retry, "settings", "language", user->language);
  mstch::map settings{{"german", language != "en"},
                      {"email", Kept(retry, "settings", "email", user->email)}};
  AddRetry(settings, retry, "settings");
  mstch::map password;
  AddRetry(password, retry, "password");  // passwords are never sent back into the page
  Page(c, StaffText(c, "a_account_heading"), "admin_account",
       mstch::map{{"display_name", user->display_name},
                  {"settings_form", settings},
                  {"password_form", password}},
       retry != nullptr ? retry->status : 200);
}

void Keys(AdminCall& c) {
  auto keys = KeysOverview(c.registry);
  if (!keys.ok()) return SendError(c, keys.error(), "/admin");
  const bool en = Lang(c) == Language::kEnglish;
  mstch::array rows;
  for (const Json& k : (*keys)["items"]) {
    const std::string key_id = k["keyId"].get<std::string>();
    mstch::array affected;
    for (const Json& id : k["affectedCertificates"]) {
      const std::string certificate = id.get<std::string>();
      affected.push_back(
          mstch::map{{"id", certificate},
                     {"text", web::Fill(StaffText(c, "a_affected"), {certificate, key_id})},
                     {"button", web::Fill(StaffText(c, "a_reissue_button"), {certificate})}});
    }
    std::string compromised = k["compromisedAt"];
    std::string retired = k["retiredAt"];
    std::string state =
        k["active"].get<bool>()
            ? (en ? "active (signs new certificates)" : "aktiv (unterschreibt neue Urkunden)")
        : !compromised.empty() ? (en ? "compromised since " : "kompromittiert seit ") + compromised
        : !retired.empty()     ? (en ? "retired " + Day(retired) + ", still published"
                                     : "ausgemustert am " + Day(retired) + ", weiter veröffentlicht")
                               : std::string(en ? "published" : "veröffentlicht");
    rows.push_back(mstch::map{
        {"key_id", key_id},
        {"multikey", k["publicKeyMultibase"].get<std::string>()},
        {"created", k["createdAt"].get<std::string>()},
        {"state", state},
        {"can_compromise", compromised.empty()},
        {"compromise_heading", web::Fill(StaffText(c, "a_compromise_heading"), {key_id})},
        {"compromise_button", web::Fill(StaffText(c, "a_compromise_button"), {key_id})},
        {"affected", affected}});
  }
  Page(c, StaffText(c, "a_keys_heading"), "admin_keys", mstch::map{{"keys", rows}});
}

void Form(AdminCall& c, const Result<Json>& result, const std::string& back,
          const std::function<std::string(const Json&)>& to, const FormRetry& retry) {
  if (result.ok()) return Redirect(c, to(*result));
  const Error& error = result.error();
  // 422 for what the form said; a refusal or a clash keeps its own status.
  int status = error.code == ErrorCode::kInvalidInput ? 422 : http::HttpStatusFor(error.code);
  // What the clerk can correct comes back in the form, with what they typed; the rest (a
  // thing that is gone, a failure of the registry) on a page of its own.
  bool correctable = error.code == ErrorCode::kInvalidInput || error.code == ErrorCode::kConflict ||
                     error.code == ErrorCode::kRefused;
  if (!retry || !correctable) return SendError(c, error, back);
  FormState state{"", Fields::FromForm(c.req), ExplainForStaff(Lang(c), error), status};
  retry(state);
}

}  // namespace siegel::admin
