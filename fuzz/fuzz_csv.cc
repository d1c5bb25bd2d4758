// Spreadsheets as `siegel import` reads them (an operator's file, possibly from anywhere): any
// bytes give a table or an error, never a crash, and every cell of a table is valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "base/encoding.h"
#include "server/cli/csv_table.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto table = siegel::cli::ReadCsvTable(std::string(reinterpret_cast<const char*>(data), size));
  if (!table.ok()) return 0;
  for (const std::string& cell : table->header) {
    if (!siegel::IsValidUtf8(cell)) std::abort();
  }
  for (const auto& row : table->rows) {
    for (const std::string& cell : row.cells) {
      if (!siegel::IsValidUtf8(cell)) std::abort();
    }
  }
  return 0;
}
