// The controlled vocabulary of technology fields (the Baden-Württemberg cluster atlas's).
// Staff pick from it; imports and the CLI may still record other wording.
#pragma once

#include <string>
#include <vector>

namespace siegel {

const std::vector<std::string>& TechnologyFields();
bool IsKnownTechnologyField(const std::string& field);

}  // namespace siegel
