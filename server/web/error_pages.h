// Error answers for people: a browser (one that asks for text/html) gets a page in its
// language for a 4xx or 5xx, with what it means and where to go on; every other client keeps
// the problem+json (RFC 9457) the route answered. Applied to every answer after routing.
#pragma once

#include <httplib.h>

#include "server/http/server_context.h"

namespace siegel::web {

// Whether the client asked for HTML (a browser's Accept names text/html).
bool WantsHtml(const httplib::Request& req);

// If `res` is a problem+json answer and the client wants HTML, the same status as a page; the
// problem's own detail is kept, folded, for whoever needs it.
void ErrorPageForBrowsers(const httplib::Request& req, httplib::Response& res,
                          http::ServerContext& context);

}  // namespace siegel::web
