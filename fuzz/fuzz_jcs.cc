// Strict JSON parsing and JCS canonicalisation: never crash, and canonical output is a fixed
// point (parsing and canonicalising it again gives the same bytes).
#include <cstdlib>

#include "base/jcs.h"
#include "base/json_strict.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto json = siegel::ParseStrictJson(text);
  if (!json.ok()) return 0;
  auto canonical = siegel::CanonicalizeJson(*json);
  if (!canonical.ok()) return 0;
  auto again = siegel::ParseStrictJson(*canonical);
  if (!again.ok()) std::abort();  // our own canonical output must parse
  auto twice = siegel::CanonicalizeJson(*again);
  if (!twice.ok() || *twice != *canonical) std::abort();
  return 0;
}
