// Layout and headers shared by all pages.
#include "server/web/page.h"

#include "server/web/assets.h"

namespace siegel::web {
namespace {

// Set while `siegel publish` renders (StaticCopyNotice).
thread_local bool t_static_copy = false;
thread_local std::string t_static_copy_as_of;

}  // namespace

StaticCopyNotice::StaticCopyNotice(std::string as_of) {
  t_static_copy = true;
  t_static_copy_as_of = std::move(as_of);
}
StaticCopyNotice::~StaticCopyNotice() {
  t_static_copy = false;
  t_static_copy_as_of.clear();
}
const std::string& StaticCopyAsOf() { return t_static_copy_as_of; }

const std::string& Template(const std::string& name) {
  static const std::string kEmpty;
  auto it = EmbeddedAssets().find("templates/" + name + ".mustache");
  return it == EmbeddedAssets().end() ? kEmpty : it->second;
}

mstch::map BaseData(Language language, const RegistrySettings& settings, bool staff) {
  Language other = language == Language::kEnglish ? Language::kGerman : Language::kEnglish;
  return mstch::map{
      {"lang", LanguageCode(language)},
      {"t", Strings(language, staff)},
      {"issuer_name", settings.issuer_name},
      {"other_lang",
       mstch::map{{"code", LanguageCode(other)},
                  {"name", std::string(other == Language::kEnglish ? "English" : "Deutsch")}}},
  };
}

std::string RenderPage(Language language, const RegistrySettings& settings,
                       const std::string& title, const std::string& name, mstch::map data,
                       const std::vector<std::string>& partials) {
  const bool staff = data.count("staff_page") > 0;
  mstch::map base = BaseData(language, settings, staff);
  for (auto& [key, value] : base) data.emplace(key, value);
  std::map<std::string, std::string> partial_texts;
  for (const std::string& partial : partials) partial_texts[partial] = Template(partial);
  std::string content = mstch::render(Template(name), data, partial_texts);
  mstch::map layout = BaseData(language, settings, false);
  // Staff pages follow the account's language, set on its own page, not the public switch.
  if (staff) layout["other_lang"] = false;
  layout.emplace("title", title);
  layout.emplace("content", content);  // already escaped by its own rendering
  if (t_static_copy && !staff) {
    layout.emplace("static_copy",
                   mstch::map{{"as_of", t_static_copy_as_of.empty()
                                            ? std::string()
                                            : FormatDateTime(language, t_static_copy_as_of)},
                              {"registry_url", settings.base_url}});
  }
  return mstch::render(Template("layout"), layout);
}

namespace {

void SetPageHeaders(httplib::Response& res, Language language) {
  res.set_header("Content-Language", LanguageCode(language));
  // Pages: our own stylesheet and images only, no script at all, forms only to ourselves.
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
                 "base-uri 'none'; frame-ancestors 'none'");
}

}  // namespace

void SendPage(httplib::Response& res, Language language, const RegistrySettings& settings,
              const std::string& title, const std::string& name, mstch::map data, int status,
              const std::vector<std::string>& partials) {
  std::string page = RenderPage(language, settings, title, name, std::move(data), partials);
  res.status = status;
  SetPageHeaders(res, language);
  res.set_header("Vary", "Accept-Language");
  // Kept but revalidated: a status may change at any moment. A caller that set its own (staff
  // pages: no-store) keeps it; set_header would add a second header, not replace the first.
  if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-cache");
  res.set_content(std::move(page), "text/html; charset=utf-8");
}

void SendCachedPage(const httplib::Request& req, httplib::Response& res, Language language,
                    const http::CachedDocument& page) {
  SetPageHeaders(res, language);
  res.set_header("Vary", "Accept-Language");
  res.set_header("ETag", page.etag);
  res.set_header("Cache-Control", "no-cache");
  if (http::MatchesEtag(req, page.etag)) {
    res.status = 304;
    return;
  }
  res.status = 200;
  res.set_content(page.body, page.content_type.c_str());
}

void AddWebRoutes(http::RouteTable& routes, http::ServerContext& context) {
  AddVerifyPages(routes, context);
  AddBadge(routes, context);
  AddCertificatePage(routes, context);
  AddRegistryPages(routes, context);
  AddInfoPages(routes, context);
  AddLogPage(routes, context);
  AddOpenData(routes, context);
}

}  // namespace siegel::web
