// RFC 9457 problem responses, and the one mapping from core errors to HTTP status codes.
#pragma once

#include <httplib.h>

#include <string>

#include "base/result.h"

namespace siegel::http {

int HttpStatusFor(ErrorCode code);

// The reason phrase of `status`, also the title of its problem documents.
const char* StatusTitle(int status);
// An application/problem+json document. `detail` must be safe to show to anyone.
std::string ProblemJson(int status, const std::string& detail);

// Writes an application/problem+json body. `detail` must be safe to show to anyone.
void SendProblem(httplib::Response& res, int status, const std::string& detail);

// Core errors: input, not-found and refusal messages are shown; I/O and internal errors are
// not (they may name files), the client sees a generic sentence.
void SendError(httplib::Response& res, const Error& error);

}  // namespace siegel::http
