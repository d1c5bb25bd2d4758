// The controlled list of regions an initiative is placed in: Baden-Württemberg's four
// government regions (Regierungsbezirke), which the public registry filters by, and the whole
// state for state-wide networks. Free text broke the filters ("Karlsruhe", "RB Karlsruhe").
// Staff forms and the staff API pick from it; the CLI and older records may hold other wording.
#pragma once

#include <string>
#include <vector>

namespace siegel {

inline constexpr char kStateWide[] = "Baden-Württemberg (landesweit)";

const std::vector<std::string>& Regions();
bool IsKnownRegion(const std::string& region);

}  // namespace siegel
