// Compact JWS parsing: never crash; what parses has three parts and a JSON object header.
#include <cstdlib>

#include "credential/jws.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)siegel::LooksLikeCompactJws(text);
  auto jws = siegel::ParseCompactJws(text);
  if (jws.ok() && !jws->header.is_object()) std::abort();
  return 0;
}
