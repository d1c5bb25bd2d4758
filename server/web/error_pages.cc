#include "server/web/error_pages.h"

#include "base/json_strict.h"
#include "server/web/i18n.h"
#include "server/web/page.h"

namespace siegel::web {

bool WantsHtml(const httplib::Request& req) {
  return req.get_header_value("Accept").find("text/html") != std::string::npos;
}

void ErrorPageForBrowsers(const httplib::Request& req, httplib::Response& res,
                          http::ServerContext& context) {
  if (res.status < 400 || res.get_header_value("Content-Type") != "application/problem+json") {
    return;
  }
  if (!WantsHtml(req)) {
    if (!res.has_header("Vary")) res.set_header("Vary", "Accept");  // a browser gets a page
    return;
  }
  std::string detail;
  if (auto problem = ParseStrictJson(res.body); problem.ok() && problem->is_object()) {
    detail = problem->value("detail", "");
  }
  // The layout names the registry; a registry that cannot be read (a 503) still gets a page.
  RegistrySettings settings;
  httplib::Response scratch;
  if (const PublicRegistry* reader = context.Begin(scratch, nullptr)) settings = reader->settings();
  Language language = ChooseLanguage(req);
  std::string key = res.status == 404   ? "error_404"
                    : res.status == 429 ? "error_429"
                    : res.status == 503 ? "error_503"
                    : res.status >= 500 ? "error_500"
                                        : "error_400";
  mstch::map data{{"heading", Text(language, key)},
                  {"meaning", Text(language, key + "_meaning")},
                  {"detail", detail},
                  {"status_code", std::to_string(res.status)}};
  SendPage(res, language, settings, Text(language, key), "error", std::move(data), res.status);
  res.headers.erase("Vary");  // the page depends on Accept as well as on the language
  res.set_header("Vary", "Accept, Accept-Language");
}

}  // namespace siegel::web
