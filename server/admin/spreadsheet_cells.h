// Reading a spreadsheet's cells as the imports need them: headers in any case (German capitals
// too), cells without surrounding blanks, and days written the German way or as ISO dates.
#pragma once

#include <string>

namespace siegel::admin {

std::string Trimmed(const std::string& text);
// Lower case, the German capitals Ä, Ö and Ü included: for matching column names.
std::string LowerHeader(std::string text);
// "01.03.2024" and "1.3.2024" as "2024-03-01"; anything else as it is (the rules then say what
// is wrong with it).
std::string IsoDay(const std::string& cell);

}  // namespace siegel::admin
