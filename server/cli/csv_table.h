// A spreadsheet saved as CSV, as a ministry has them: UTF-8 (with or without a byte-order mark)
// or Windows-1252, fields separated by ';' (German Excel) or ','; read with libcsv.
#pragma once

#include <string>
#include <vector>

#include "base/result.h"

namespace siegel::cli {

struct CsvTable {
  std::vector<std::string> header;
  // Each data row with its row number as the spreadsheet shows it (the header is row 1).
  struct Row {
    int number = 0;
    std::vector<std::string> cells;
  };
  std::vector<Row> rows;
  std::string encoding;  // "UTF-8" | "Windows-1252"
  char delimiter = ';';
};

// Fails with a sentence naming what is wrong (an unterminated quote, no header).
Result<CsvTable> ReadCsvTable(const std::string& bytes);

// Windows-1252 bytes as UTF-8 (every byte maps to a character; the five unassigned ones to
// U+FFFD).
std::string Windows1252ToUtf8(const std::string& bytes);

}  // namespace siegel::cli
