// The answers the front door writes itself, before any route runs: a refused request (a
// problem document, then the connection closes) and the interim "100 Continue".
#pragma once

#include <string>
#include <string_view>

#include "server/http/request_head.h"

namespace siegel::http {

inline constexpr std::string_view kContinueAnswer = "HTTP/1.1 100 Continue\r\n\r\n";

// A whole HTTP/1.1 answer with "Connection: close", the same security headers as every other
// answer (HSTS when `tls`), and Retry-After when the refusal has one.
std::string RefusalAnswer(const Refusal& refusal, bool tls);

}  // namespace siegel::http
