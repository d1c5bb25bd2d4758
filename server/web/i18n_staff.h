// The staff pages' half of the catalogue (i18n.h reads it with the public half), and filling
// "{}" placeholders in a catalogue sentence.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace siegel::web {

// key -> (German, English)
const std::map<std::string, std::pair<const char*, const char*>>& StaffTable();

// `text` with its "{}" replaced by `values` in order.
std::string Fill(std::string text, const std::vector<std::string>& values);

}  // namespace siegel::web
