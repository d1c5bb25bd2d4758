#include "registry/technology_fields.h"

#include <algorithm>

namespace siegel {

const std::vector<std::string>& TechnologyFields() {
  static const std::vector<std::string> kFields = {
      "Aerospace",
      "Aluminium processing",
      "Assembly and fastening",
      "Automotive",
      "Biotechnology",
      "Creative industries",
      "Energy",
      "Energy storage and smart grids",
      "Environmental technology",
      "Finance",
      "Forestry and timber",
      "Health industry",
      "Hydrogen",
      "IT and software",
      "Laboratory glass",
      "Logistics",
      "Medical technology",
      "Metal processing",
      "Microsystems technology",
      "Nanotechnology",
      "Organic electronics",
      "Packaging",
      "Paper processing",
      "Photonics",
      "Plastics",
      "Precision engineering",
      "Production technology and mechanical engineering",
      "Surface technology",
      "Textiles",
      "Valves and measurement technology",
      "Ventilation",
  };
  return kFields;
}

bool IsKnownTechnologyField(const std::string& field) {
  const auto& fields = TechnologyFields();
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

}  // namespace siegel
