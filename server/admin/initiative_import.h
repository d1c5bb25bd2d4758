// Importing initiatives from a spreadsheet saved as CSV, for `siegel import initiatives` and the
// administrators' upload page alike: a plan that says row by row what would happen (checked
// through the staff side's rules and the registry's), and applying it only when no row is
// wrong. Rows that match the registry are left alone, so a file imported twice changes nothing.
#pragma once

#include <string>
#include <vector>

#include "registry/registry.h"

namespace siegel::admin {

struct ImportRow {
  enum class Outcome { kCreate, kUpdate, kUnchanged, kError };
  int row = 0;  // as the spreadsheet numbers it (the header is row 1)
  Outcome outcome = Outcome::kError;
  std::string slug;
  std::string name;
  std::string problem;  // kError: why, one English sentence (the staff page words it too)
  Error error;          // kError: the registry's error, for the staff page's wording
};

struct ImportPlan {
  std::string encoding;  // "UTF-8" | "Windows-1252"
  char delimiter = ';';
  std::vector<ImportRow> rows;
  std::vector<Initiative> to_create;
  std::vector<Initiative> to_update;
  int unchanged = 0;
  int errors = 0;
};

// Fails for the file as a whole (not CSV, no header, an unknown or missing column).
Result<ImportPlan> PlanInitiativeImport(Registry& registry, const std::string& bytes);

// Refuses a plan with errors; otherwise creates and updates, each audited under `actor`.
Status ApplyInitiativeImport(Registry& registry, const ImportPlan& plan, const Actor& actor);

}  // namespace siegel::admin
