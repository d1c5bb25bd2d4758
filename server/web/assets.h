// The files under static/ (templates, CSS), compiled into the server so it needs no path.
#pragma once

#include <map>
#include <string>

namespace siegel::web {

// Keyed by the path below static/, e.g. "templates/verify.mustache", "siegel.css".
const std::map<std::string, std::string>& EmbeddedAssets();

}  // namespace siegel::web
