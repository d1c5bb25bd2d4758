#include "server/http/refusal_answer.h"

#include "server/http/problem.h"

namespace siegel::http {

std::string RefusalAnswer(const Refusal& refusal, bool tls) {
  std::string body = ProblemJson(refusal.status, refusal.detail);
  std::string answer =
      "HTTP/1.1 " + std::to_string(refusal.status) + " " + StatusTitle(refusal.status) + "\r\n";
  answer += "Content-Type: application/problem+json\r\n";
  answer += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  answer += "Connection: close\r\n";
  answer += "Cache-Control: no-store\r\n";
  if (refusal.retry_after_seconds > 0) {
    answer += "Retry-After: " + std::to_string(refusal.retry_after_seconds) + "\r\n";
  }
  answer += "Access-Control-Allow-Origin: *\r\n";
  answer += "X-Content-Type-Options: nosniff\r\n";
  answer += "Referrer-Policy: no-referrer\r\n";
  answer += "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n";
  if (tls) answer += "Strict-Transport-Security: max-age=31536000\r\n";
  answer += "\r\n";
  answer += body;
  return answer;
}

}  // namespace siegel::http
