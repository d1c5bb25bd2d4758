// The PDF reader on any input (an uploaded "certificate" is anyone's file): never crash,
// never read past the bound, and a credential it finds was really attached.
#include <cstdlib>

#include "pdf/attached_credential.h"
#include "pdf/embedded_files.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view pdf(reinterpret_cast<const char*>(data), size);
  constexpr size_t kBound = 1 << 20;
  auto files = siegel::pdf::ReadEmbeddedFiles(pdf, kBound);
  if (files.ok()) {
    size_t total = 0;
    for (const auto& file : *files) total += file.content.size();
    if (total > kBound) std::abort();
  }
  auto credential = siegel::pdf::AttachedCredential(pdf);
  if (credential.ok() && !files.ok()) std::abort();
  return 0;
}
