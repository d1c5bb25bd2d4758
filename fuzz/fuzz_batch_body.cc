// The verify endpoint's request parsing: a batch body is split into its elements without
// parsing them (SplitJsonArray), then each is parsed strictly. Never crash; every element the
// splitter yields lies inside the body; a body the strict parser accepts as an array splits
// into exactly its elements.
#include <cstdlib>

#include "base/json_strict.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto split = siegel::SplitJsonArray(text, 1000);
  auto whole = siegel::ParseStrictJson(text);
  if (split.ok()) {
    for (std::string_view element : *split) {
      if (element.data() < text.data() || element.data() + element.size() > text.data() + size)
        std::abort();
      (void)siegel::ParseStrictJson(element);
    }
    if (whole.ok() && whole->is_array() && whole->size() != split->size()) std::abort();
  }
  return 0;
}
