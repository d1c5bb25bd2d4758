#include "server/admin/spreadsheet_cells.h"

#include <regex>
#include <utility>

namespace siegel::admin {

std::string Trimmed(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

std::string LowerHeader(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [upper, lower] :
       {std::pair<std::string, std::string>{"Ä", "ä"}, {"Ö", "ö"}, {"Ü", "ü"}}) {
    for (size_t at = text.find(upper); at != std::string::npos; at = text.find(upper, at)) {
      text.replace(at, upper.size(), lower);
    }
  }
  return text;
}

std::string IsoDay(const std::string& cell) {
  static const std::regex kGerman(R"(^(\d{1,2})\.(\d{1,2})\.(\d{4})$)");
  std::smatch m;
  std::string text = Trimmed(cell);
  if (!std::regex_match(text, m, kGerman)) return text;
  auto two = [](const std::string& digits) { return digits.size() == 1 ? "0" + digits : digits; };
  return m[3].str() + "-" + two(m[2].str()) + "-" + two(m[1].str());
}

}  // namespace siegel::admin
