// The OpenAPI 3.1 description of the JSON API (server/http/openapi.json, compiled in).
#pragma once

namespace siegel::http {

const char* OpenApiDocument();

}  // namespace siegel::http
