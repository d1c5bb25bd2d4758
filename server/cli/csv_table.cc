#include "server/cli/csv_table.h"

#include <csv.h>

#include "base/jcs.h"

namespace siegel::cli {
namespace {

// Where each row ends up while libcsv reads.
struct Collector {
  std::vector<std::string> cells;
  std::vector<std::vector<std::string>> rows;
};

void OnField(void* data, size_t size, void* out) {
  static_cast<Collector*>(out)->cells.emplace_back(static_cast<const char*>(data), size);
}

void OnRowEnd(int, void* out) {
  auto* collector = static_cast<Collector*>(out);
  collector->rows.push_back(std::move(collector->cells));
  collector->cells.clear();
}

// The separator of the header line: ';' when it has more of them outside quotes than ','.
char DetectDelimiter(const std::string& text) {
  size_t semicolons = 0, commas = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    semicolons += c == ';';
    commas += c == ',';
  }
  return semicolons >= commas ? ';' : ',';
}

bool Blank(const std::vector<std::string>& cells) {
  for (const std::string& cell : cells) {
    if (cell.find_first_not_of(" \t") != std::string::npos) return false;
  }
  return true;
}

}  // namespace

std::string Windows1252ToUtf8(const std::string& bytes) {
  // 0x80..0x9F differ from Latin-1; the rest is Latin-1.
  static const char16_t kHigh[32] = {
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (unsigned char c : bytes) {
    char32_t code = c >= 0x80 && c < 0xA0 ? kHigh[c - 0x80] : c;
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }
  return out;
}

Result<CsvTable> ReadCsvTable(const std::string& bytes) {
  CsvTable table;
  std::string text = bytes;
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  if (IsValidUtf8(text)) {
    table.encoding = "UTF-8";
  } else {
    table.encoding = "Windows-1252";
    text = Windows1252ToUtf8(text);
  }
  table.delimiter = DetectDelimiter(text);
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
    return Error::Internal("the CSV reader could not start");
  }
  csv_set_delim(&parser, static_cast<unsigned char>(table.delimiter));
  Collector collector;
  bool ok =
      csv_parse(&parser, text.data(), text.size(), OnField, OnRowEnd, &collector) == text.size() &&
      csv_fini(&parser, OnField, OnRowEnd, &collector) == 0;
  std::string why = ok ? "" : csv_strerror(csv_error(&parser));
  csv_free(&parser);
  if (!ok) {
    return Error::InvalidInput("the file is not readable as CSV after row " +
                               std::to_string(collector.rows.size()) + ": " + why +
                               " (a quote that is never closed?)");
  }
  if (collector.rows.empty() || Blank(collector.rows.front())) {
    return Error::InvalidInput("the file has no header row naming its columns");
  }
  table.header = collector.rows.front();
  for (size_t i = 1; i < collector.rows.size(); ++i) {
    if (Blank(collector.rows[i])) continue;
    table.rows.push_back({static_cast<int>(i) + 1, collector.rows[i]});
  }
  return table;
}

}  // namespace siegel::cli
