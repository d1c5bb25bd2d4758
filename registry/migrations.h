// The schema as an ordered list of migrations; migration N brings the schema to version N.
#pragma once

#include <vector>

namespace siegel {

// Never edit a released migration: append a new one.
const std::vector<const char*>& Migrations();

}  // namespace siegel
