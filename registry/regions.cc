#include "registry/regions.h"

#include <algorithm>

namespace siegel {

const std::vector<std::string>& Regions() {
  static const std::vector<std::string> kRegions = {
      "Regierungsbezirk Stuttgart", "Regierungsbezirk Karlsruhe", "Regierungsbezirk Freiburg",
      "Regierungsbezirk Tübingen", kStateWide};
  return kRegions;
}

bool IsKnownRegion(const std::string& region) {
  return std::find(Regions().begin(), Regions().end(), region) != Regions().end();
}

}  // namespace siegel
