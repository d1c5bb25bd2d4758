#include "server/admin/programme_admin.h"

#include "server/admin/admin_views.h"
#include "server/admin/staff_operations.h"
#include "server/views.h"
#include "server/web/i18n.h"
#include "server/web/i18n_staff.h"

namespace siegel::admin {
namespace {

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

// "bronze, silber, gold" -> {"bronze", "silber", "gold"}; blanks around each dropped.
std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    std::string part = text.substr(start, end == std::string::npos ? end : end - start);
    size_t b = part.find_first_not_of(' ');
    if (b != std::string::npos) out.push_back(part.substr(b, part.find_last_not_of(' ') - b + 1));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

mstch::map ProgrammeForm(const Programme& p, const FormState* retry, const std::string& form) {
  mstch::map values{
      {"code", Kept(retry, form, "code", p.code)},
      {"prefix", Kept(retry, form, "prefix", p.id_prefix)},
      {"name_de", Kept(retry, form, "nameDe", p.name_de)},
      {"name_en", Kept(retry, form, "nameEn", p.name_en)},
      {"description", Kept(retry, form, "description", p.description)},
      {"validity_months", Kept(retry, form, "validityMonths", std::to_string(p.validity_months))},
      {"criteria", Kept(retry, form, "criteria", p.criteria_text)},
      {"criteria_url", Kept(retry, form, "criteriaUrl", p.criteria_url)},
      {"assessor", Kept(retry, form, "assessor", p.assessor_default)},
      {"levels", Kept(retry, form, "levels", Joined(p.levels))}};
  AddRetry(values, retry, form);
  return values;
}

void Programmes(AdminCall& c, const FormState* retry = nullptr) {
  auto programmes = c.registry.certificates().ListProgrammes();
  if (!programmes.ok()) return SendError(c, programmes.error(), "/admin");
  mstch::array rows;
  for (const Programme& p : *programmes) {
    auto four_eyes = c.registry.certificates().FourEyesRequired(p.code);
    rows.push_back(mstch::map{
        {"code", p.code},
        {"name", web::ProgrammeName(p, Lang(c))},
        {"prefix", p.id_prefix},
        {"months", std::to_string(p.validity_months)},
        {"four_eyes", StaffText(c, four_eyes.ok() && *four_eyes ? "a_yes" : "a_no_word")}});
  }
  mstch::map data{{"programmes", rows}};
  if (RoleAllows(c.principal.role, Role::kAdmin)) {
    Programme blank;
    blank.validity_months = 24;
    data.emplace("create", ProgrammeForm(blank, retry, "create"));
  }
  Page(c, StaffText(c, "a_programmes"), "admin_programmes", std::move(data),
       retry != nullptr ? retry->status : 200);
}

void ProgrammePage(AdminCall& c, const std::string& code, const FormState* retry = nullptr) {
  auto programme = c.registry.certificates().GetProgramme(code);
  if (!programme.ok()) return SendError(c, programme.error(), "/admin/programmes");
  auto four_eyes = c.registry.certificates().FourEyesRequired(code);
  mstch::map data{
      {"code", code},
      {"name", web::ProgrammeName(*programme, Lang(c))},
      {"prefix", programme->id_prefix},
      {"four_eyes", StaffText(c, four_eyes.ok() && *four_eyes ? "a_yes" : "a_no_word")},
      {"status_lists", "/status/" + code + "/revocation, /status/" + code + "/suspension"}};
  auto design = c.registry.designs().Stored(code);
  const bool has_logo = design.ok() && !design->logo_png.empty();
  data.emplace("logo", StaffText(c, has_logo ? "a_programme_logo_set" : "a_programme_logo_none"));
  if (RoleAllows(c.principal.role, Role::kAdmin)) {
    data.emplace("edit", ProgrammeForm(*programme, retry, "edit"));
    // Switching four eyes off needs a second administrator (a staff change); on is one step.
    const bool on = four_eyes.ok() && *four_eyes;
    data.emplace("four_eyes_form",
                 mstch::map{{"value", std::string(on ? "false" : "true")},
                            {"button", StaffText(c, on ? "a_four_eyes_off_button"
                                                       : "a_four_eyes_on_button")}});
    data.emplace("logo_form", true);
  }
  Page(c, web::Fill(StaffText(c, "a_programme_heading"), {web::ProgrammeName(*programme, Lang(c))}),
       "admin_programme", std::move(data), retry != nullptr ? retry->status : 200);
}

}  // namespace

Result<Programme> ProgrammeFromFields(const Fields& in, Programme base, bool is_new) {
  if (is_new) {
    base.code = in.Get("code");
    base.id_prefix = in.Get("prefix");
  }
  base.name_de = in.Get("nameDe");
  base.name_en = in.Get("nameEn");
  base.description = in.Get("description");
  base.criteria_text = in.Get("criteria");
  base.criteria_url = in.Get("criteriaUrl");
  base.assessor_default = in.Get("assessor");
  // A list (the API's array) or one text separated by commas (the form).
  base.levels.clear();
  for (const std::string& item : in.List("levels")) {
    for (std::string& level : Split(item)) base.levels.push_back(std::move(level));
  }
  const std::string months = in.Get("validityMonths");
  if (months.empty() || months.size() > 3 ||
      months.find_first_not_of("0123456789") != std::string::npos) {
    return Error::InvalidInput("validity must be between 1 and 120 months")
        .About("validity months", "validity_months");
  }
  base.validity_months = std::stoi(months);
  return base;
}

Result<Json> CreateProgramme(Registry& registry, const Principal& who, const Fields& in) {
  auto programme = ProgrammeFromFields(in, Programme(), /*is_new=*/true);
  if (!programme.ok()) return programme.error();
  if (Status s = registry.records().AddProgramme(*programme, who.actor()); !s.ok()) {
    return s.error();
  }
  auto stored = registry.certificates().GetProgramme(programme->code);
  if (!stored.ok()) return stored.error();
  return views::ProgrammeJson(*stored);
}

Result<Json> EditProgramme(Registry& registry, const Principal& who, const std::string& code,
                           const Fields& in) {
  auto stored = registry.certificates().GetProgramme(code);
  if (!stored.ok()) return stored.error();
  auto programme = ProgrammeFromFields(in, *stored, /*is_new=*/false);
  if (!programme.ok()) return programme.error();
  if (Status s = registry.records().UpdateProgramme(*programme, who.actor()); !s.ok()) {
    return s.error();
  }
  auto changed = registry.certificates().GetProgramme(code);
  if (!changed.ok()) return changed.error();
  return views::ProgrammeJson(*changed);
}

void AddProgrammePages(AdminRouter& r) {
  r.Post(RouteKind::kPage, R"(/admin/programmes/([a-z0-9-]+)/four-eyes)",
         "/admin/programmes/x/four-eyes", Role::kAdmin, "admin_programme_four_eyes",
         [](AdminCall& c) {
           const std::string code = c.req.matches[1];
           Form(c, SetFourEyes(c.registry, c.principal, code, Fields::FromForm(c.req)),
                "/admin/programmes/" + code, [code](const Json& j) {
                  return j.contains("pending") ? "/admin/users?notice=staff_change_proposed"
                                               : "/admin/programmes/" + code + "?notice=saved";
                });
         });
  // The logo the programme's printed certificates carry (PNG, at most 1 MiB).
  r.PostFile(RouteKind::kPage, R"(/admin/programmes/([a-z0-9-]+)/logo)", "/admin/programmes/x/logo",
             Role::kAdmin, "admin_programme_logo", [](AdminCall& c) {
               const std::string code = c.req.matches[1];
               const std::string back = "/admin/programmes/" + code;
               auto design = c.registry.designs().Stored(code);
               if (!design.ok()) return SendError(c, design.error(), back);
               CertificateDesign changed = *design;
               changed.logo_png =
                   c.req.has_file("logo") ? c.req.get_file_value("logo").content : std::string();
               if (changed.logo_png.empty()) {
                 return SendError(c, Error::InvalidInput("choose a PNG file for the logo"), back);
               }
               if (Status s = c.registry.designs().Set(code, changed, c.actor()); !s.ok()) {
                 return SendError(c, s.error(), back);
               }
               Redirect(c, back + "?notice=saved");
             });
  const RouteKind page = RouteKind::kPage;
  r.Get(page, "/admin/programmes", "/admin/programmes", Role::kViewer, "admin_programmes",
        [](AdminCall& c) { Programmes(c); });
  r.Post(page, "/admin/programmes", "/admin/programmes", Role::kAdmin, "admin_programme_create",
         [](AdminCall& c) {
           Form(
               c, CreateProgramme(c.registry, c.principal, Fields::FromForm(c.req)),
               "/admin/programmes",
               [](const Json& j) {
                 return "/admin/programmes/" + j["code"].get<std::string>() +
                        "?notice=programme_created";
               },
               [&c](FormState& state) {
                 state.form = "create";
                 Programmes(c, &state);
               });
         });
  const std::string one = "/admin/programmes/([a-z0-9-]+)";
  r.Get(page, one, "/admin/programmes/x", Role::kViewer, "admin_programme",
        [](AdminCall& c) { ProgrammePage(c, c.req.matches[1]); });
  r.Post(page, one, "/admin/programmes/x", Role::kAdmin, "admin_programme_edit", [](AdminCall& c) {
    const std::string code = c.req.matches[1];
    Form(
        c, EditProgramme(c.registry, c.principal, code, Fields::FromForm(c.req)),
        "/admin/programmes/" + code,
        [](const Json& j) {
          return "/admin/programmes/" + j["code"].get<std::string>() + "?notice=saved";
        },
        [&c, code](FormState& state) {
          state.form = "edit";
          ProgrammePage(c, code, &state);
        });
  });
}

}  // namespace siegel::admin
