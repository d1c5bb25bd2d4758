// Read paths turn SQLite's exceptions into an error value that says what could not be read.
#pragma once

#include <exception>
#include <string>

#include "base/result.h"

namespace siegel {

template <typename F>
auto Guard(const char* what, F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const std::exception& e) {
    return Error::Io(std::string("cannot read ") + what + " from the registry: " + e.what());
  }
}

}  // namespace siegel
