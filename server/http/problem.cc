// Problem details with type about:blank: the status code's title says what kind of problem.
#include "server/http/problem.h"

#include <iostream>
#include <nlohmann/json.hpp>

namespace siegel::http {

int HttpStatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidInput:
      return 400;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kRefused:
      return 409;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kIo:
      return 503;
    case ErrorCode::kInternal:
    case ErrorCode::kDamaged:
      return 500;
  }
  return 500;
}

const char* StatusTitle(int status) {
  switch (status) {
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 406:
      return "Not Acceptable";
    case 409:
      return "Conflict";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 417:
      return "Expectation Failed";
    case 431:
      return "Request Header Fields Too Large";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return status >= 500 ? "Server Error" : "Client Error";
  }
}

std::string ProblemJson(int status, const std::string& detail) {
  nlohmann::json body = {{"type", "about:blank"},
                         {"title", StatusTitle(status)},
                         {"status", status},
                         {"detail", detail}};
  // Details may quote hostile input: never let a stray byte turn a 4xx into a 500.
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void SendProblem(httplib::Response& res, int status, const std::string& detail) {
  res.status = status;
  res.set_content(ProblemJson(status, detail), "application/problem+json");
}

void SendError(httplib::Response& res, const Error& error) {
  int status = HttpStatusFor(error.code);
  // The client sees a generic sentence; the operator sees what happened (never a secret:
  // core error messages name files and records, not keys or passwords).
  if (status >= 500) std::cerr << "siegel: " << status << ": " << error.message << std::endl;
  // A damaged record is named to everyone: whoever relies on it should know it cannot be
  // confirmed, and why.
  std::string detail = status >= 500 && error.code != ErrorCode::kDamaged
                           ? "the registry is temporarily unable to answer; try again later"
                           : error.message;
  SendProblem(res, status, detail);
}

}  // namespace siegel::http
