// Rendering pages: a template inside the layout, in the reader's language, with the headers
// every page carries (CSP without inline script, language, caching).
#pragma once

#include <httplib.h>

#include <mstch/mstch.hpp>
#include <string>
#include <vector>

#include "server/http/server_context.h"
#include "server/web/i18n.h"

namespace siegel::web {

// The template's text (templates/NAME.mustache); empty for an unknown name.
const std::string& Template(const std::string& name);

// The data every page has: lang, t (strings), issuer_name, the other language's switch.
mstch::map BaseData(Language language, const RegistrySettings& settings, bool staff = false);

// Renders templates/NAME.mustache with `data` into the layout and sends it as HTML.
// `partials` are template names that the template may include ({{> name}}).
void SendPage(httplib::Response& res, Language language, const RegistrySettings& settings,
              const std::string& title, const std::string& name, mstch::map data, int status = 200,
              const std::vector<std::string>& partials = {});
// The page SendPage would send, as text.
std::string RenderPage(Language language, const RegistrySettings& settings,
                       const std::string& title, const std::string& name, mstch::map data,
                       const std::vector<std::string>& partials = {});
// A page rendered before (kept in the publication cache), with its ETag: 304 when the
// client's If-None-Match names it.
void SendCachedPage(const httplib::Request& req, httplib::Response& res, Language language,
                    const http::CachedDocument& page);

// While one lives on this thread, the pages rendered on it say they are a static copy of the
// registry as of its change at `as_of` (a date-time stamp; `siegel publish`): a reader of a
// mirror learns how old it is and where the current state is.
class StaticCopyNotice {
 public:
  explicit StaticCopyNotice(std::string as_of);
  ~StaticCopyNotice();
  StaticCopyNotice(const StaticCopyNotice&) = delete;
  StaticCopyNotice& operator=(const StaticCopyNotice&) = delete;
};
// The `as_of` of the notice living on this thread, or empty when none does.
const std::string& StaticCopyAsOf();

// Every web route; see the files beside this one.
void AddWebRoutes(http::RouteTable& routes, http::ServerContext& context);
void AddVerifyPages(http::RouteTable& routes, http::ServerContext& context);
void AddCertificatePage(http::RouteTable& routes, http::ServerContext& context);
void AddBadge(http::RouteTable& routes, http::ServerContext& context);
void AddRegistryPages(http::RouteTable& routes, http::ServerContext& context);
void AddInfoPages(http::RouteTable& routes, http::ServerContext& context);
void AddLogPage(http::RouteTable& routes, http::ServerContext& context);
void AddOpenData(http::RouteTable& routes, http::ServerContext& context);

}  // namespace siegel::web
