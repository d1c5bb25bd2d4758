// An HTTP answer as the server writes it (status line, head, body), read back into its parts
// so that `siegel publish` can store the body and check what the head says of it.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "base/result.h"

namespace siegel::publish {

struct RenderedAnswer {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;

  std::string Header(const std::string& lower_case_name) const {
    auto it = headers.find(lower_case_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// Reads one whole answer with a Content-Length (the only framing the server's own answers use
// in-process); anything else is refused, not guessed at.
Result<RenderedAnswer> ParseRenderedAnswer(std::string_view raw);

}  // namespace siegel::publish
