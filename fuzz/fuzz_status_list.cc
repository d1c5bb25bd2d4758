// Bitstring Status List decoding (multibase, base64url, GZIP with a size bound): never crash,
// never more than the bound, and what decodes encodes back to something that decodes equal.
#include <cstdlib>

#include "credential/status_list.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto bits = siegel::DecodeStatusList(text);
  if (!bits.ok()) return 0;
  auto encoded = siegel::EncodeStatusList(*bits);
  if (!encoded.ok()) return 0;  // e.g. shorter than the minimum a list may be published with
  auto again = siegel::DecodeStatusList(*encoded);
  if (!again.ok() || again->size() != bits->size()) std::abort();
  return 0;
}
