#include "server/admin/import_page.h"

#include <optional>

#include "base/encoding.h"
#include "server/admin/admin_views.h"
#include "server/admin/certificate_import.h"
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

void ShowCertificatePlan(AdminCall& c, const CertificateImportPlan& plan,
                         const std::string& content) {
  mstch::array rows;
  for (const CertificateImportRow& row : plan.rows) {
    std::string outcome;
    switch (row.outcome) {
      case CertificateImportRow::Outcome::kPropose:
        outcome = StaffText(c, "a_import_propose");
        break;
      case CertificateImportRow::Outcome::kUnchanged:
        outcome =
            row.existing_certificate.empty()
                ? web::Fill(StaffText(c, "a_import_already_proposed"),
                            {std::to_string(row.existing_proposal)})
                : web::Fill(StaffText(c, "a_import_already_issued"), {row.existing_certificate});
        break;
      case CertificateImportRow::Outcome::kError:
        outcome = StaffText(c, "a_import_error");
        break;
    }
    const bool error = row.outcome == CertificateImportRow::Outcome::kError;
    rows.push_back(mstch::map{
        {"row", std::to_string(row.row)},
        {"slug", row.slug},
        {"name", web::FormatDate(Lang(c), row.valid_from) + " – " +
                     web::FormatDate(Lang(c), row.valid_until)},
        {"outcome", outcome},
        {"error", error},
        {"problem", error ? ExplainForStaff(Lang(c), row.error).sentence : std::string()}});
  }
  Page(c, StaffText(c, "a_import_heading"), "admin_import",
       mstch::map{
           {"has_plan", true},
           {"certificates", true},
           {"rows", rows},
           {"summary", web::Fill(StaffText(c, "a_import_certificates_summary"),
                                 {std::to_string(plan.awards.size()),
                                  std::to_string(plan.unchanged), std::to_string(plan.errors)})},
           {"file_facts", plan.encoding + ", '" + std::string(1, plan.delimiter) + "'"},
           {"can_import", plan.errors == 0 && !plan.awards.empty()},
           {"action", std::string("/admin/import/certificates")},
           {"content", Base64Encode(Bytes(content.begin(), content.end()))}},
       plan.errors > 0 ? 422 : 200);
}

// The file of the first click, or the previewed content of the second (confirmed=yes); empty
// when neither came, and the answer already sent when it is too big.
std::optional<std::string> UploadedContent(AdminCall& c, bool* confirmed) {
  *confirmed = c.req.has_file("confirmed") && c.req.get_file_value("confirmed").content == "yes";
  std::string content;
  if (*confirmed) {
    auto decoded = Base64Decode(c.req.has_file("content") ? c.req.get_file_value("content").content
                                                          : std::string());
    if (decoded.ok()) content.assign(decoded->begin(), decoded->end());
  } else if (c.req.has_file("file")) {
    content = c.req.get_file_value("file").content;
  }
  if (content.empty()) {
    ShowForm(c, StaffText(c, "a_import_no_file"), 422);
    return std::nullopt;
  }
  if (content.size() > kMaxImportBytes) {
    ShowForm(c, StaffText(c, "a_import_too_big"), 413);
    return std::nullopt;
  }
  return content;
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
           {"action", std::string("/admin/import")},
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
               bool confirmed = false;
               std::optional<std::string> uploaded = UploadedContent(c, &confirmed);
               if (!uploaded) return;
               const std::string& content = *uploaded;
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
  // The labels awarded before Siegel: every row becomes a proposal a second person approves.
  r.PostFile(RouteKind::kPage, "/admin/import/certificates", "/admin/import/certificates",
             Role::kAdmin, "admin_import_certificates", [](AdminCall& c) {
               bool confirmed = false;
               std::optional<std::string> uploaded = UploadedContent(c, &confirmed);
               if (!uploaded) return;
               auto plan = PlanCertificateImport(c.registry, *uploaded, c.actor());
               if (!plan.ok())
                 return ShowForm(c, ExplainForStaff(Lang(c), plan.error()).sentence, 422);
               if (!confirmed || plan->errors > 0) return ShowCertificatePlan(c, *plan, *uploaded);
               auto proposals = ApplyCertificateImport(c.registry, *plan, c.actor());
               if (!proposals.ok()) return SendError(c, proposals.error(), "/admin/import");
               Redirect(c, "/admin/proposals?notice=imported_awards");
             });
}

}  // namespace siegel::admin
