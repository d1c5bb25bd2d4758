#include "server/admin/import_page.h"

#include "base/encoding.h"
#include "server/admin/admin_views.h"
#include "server/admin/initiative_import.h"
#include "server/web/i18n_staff.h"

namespace siegel::admin {
namespace {

// The previewed file travels back in the confirming form (base64), so the second click
// imports what was shown; at most this big, so that it fits the upload limit twice over.
constexpr size_t kMaxImportBytes = 1024 * 1024;

void ShowForm(AdminCall& c, const std::string& problem, int status) {
  Page(c, StaffText(c, "a_import_heading"), "admin_import",
       mstch::map{{"form_error", problem}, {"has_plan", false}}, status);
}

void ShowPlan(AdminCall& c, const ImportPlan& plan, const std::string& content) {
  mstch::array rows;
  for (const ImportRow& row : plan.rows) {
    std::string outcome;
    switch (row.outcome) {
      case ImportRow::Outcome::kCreate:
        outcome = StaffText(c, "a_import_create");
        break;
      case ImportRow::Outcome::kUpdate:
        outcome = StaffText(c, "a_import_update");
        break;
      case ImportRow::Outcome::kUnchanged:
        outcome = StaffText(c, "a_import_unchanged");
        break;
      case ImportRow::Outcome::kError:
        outcome = StaffText(c, "a_import_error");
        break;
    }
    rows.push_back(mstch::map{{"row", std::to_string(row.row)},
                              {"slug", row.slug},
                              {"name", row.name},
                              {"outcome", outcome},
                              {"error", row.outcome == ImportRow::Outcome::kError},
                              {"problem", row.outcome == ImportRow::Outcome::kError
                                              ? ExplainForStaff(Lang(c), row.error).sentence
                                              : std::string()}});
  }
  std::string summary =
      web::Fill(StaffText(c, "a_import_summary"),
                {std::to_string(plan.to_create.size()), std::to_string(plan.to_update.size()),
                 std::to_string(plan.unchanged), std::to_string(plan.errors)});
  Page(c, StaffText(c, "a_import_heading"), "admin_import",
       mstch::map{
           {"has_plan", true},
           {"rows", rows},
           {"summary", summary},
           {"file_facts", plan.encoding + ", '" + std::string(1, plan.delimiter) + "'"},
           {"can_import", plan.errors == 0 && (!plan.to_create.empty() || !plan.to_update.empty())},
           {"content", Base64Encode(Bytes(content.begin(), content.end()))}},
       plan.errors > 0 ? 422 : 200);
}

}  // namespace

void AddImportPage(AdminRouter& r) {
  r.Get(RouteKind::kPage, "/admin/import", "/admin/import", Role::kAdmin, "admin_import",
        [](AdminCall& c) { ShowForm(c, "", 200); });
  r.PostFile(RouteKind::kPage, "/admin/import", "/admin/import", Role::kAdmin, "admin_import_run",
             [](AdminCall& c) {
               // The first click sends the file; the second the previewed content and
               // confirmed=yes.
               std::string content;
               bool confirmed = c.req.has_file("confirmed") &&
                                c.req.get_file_value("confirmed").content == "yes";
               if (confirmed) {
                 auto decoded = Base64Decode(c.req.has_file("content")
                                                 ? c.req.get_file_value("content").content
                                                 : std::string());
                 if (!decoded.ok()) return ShowForm(c, StaffText(c, "a_import_no_file"), 422);
                 content.assign(decoded->begin(), decoded->end());
               } else if (c.req.has_file("file")) {
                 content = c.req.get_file_value("file").content;
               }
               if (content.empty()) return ShowForm(c, StaffText(c, "a_import_no_file"), 422);
               if (content.size() > kMaxImportBytes) {
                 return ShowForm(c, StaffText(c, "a_import_too_big"), 413);
               }
               auto plan = PlanInitiativeImport(c.registry, content);
               if (!plan.ok())
                 return ShowForm(c, ExplainForStaff(Lang(c), plan.error()).sentence, 422);
               // Planned again at the second click: what changed in between is judged afresh.
               if (!confirmed || plan->errors > 0) return ShowPlan(c, *plan, content);
               if (Status s = ApplyInitiativeImport(c.registry, *plan, c.actor()); !s.ok()) {
                 return SendError(c, s.error(), "/admin/import");
               }
               Redirect(c, "/admin/initiatives?notice=imported");
             });
}

}  // namespace siegel::admin
