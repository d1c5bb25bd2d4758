// Importing the labels a ministry awarded before Siegel, from a spreadsheet saved as CSV, for
// `siegel import certificates` and the administrators' upload page alike. Each row becomes what
// the staff pages would make of it: the assessment recorded and the certificate proposed, so
// that a second person approves each one (four eyes, as for any proposal). A plan says row by
// row what would happen, tried through the registry's own rules in a transaction that is
// rolled back; the import keeps all rows or, if any is refused, none. A row whose certificate
// is already in the registry, or already proposed, is left alone: a file imported twice
// proposes nothing twice.
#pragma once

#include <string>
#include <vector>

#include "registry/registry.h"

namespace siegel::admin {

struct CertificateImportRow {
  enum class Outcome { kPropose, kUnchanged, kError };
  int row = 0;  // as the spreadsheet numbers it (the header is row 1)
  Outcome outcome = Outcome::kError;
  std::string slug;
  std::string valid_from, valid_until;  // YYYY-MM-DD
  // kUnchanged: the certificate already in the registry, or else the proposal already made.
  std::string existing_certificate;
  int64_t existing_proposal = 0;
  std::string problem;  // kError: why, one English sentence
  Error error;          // kError: the registry's error, for the staff page
};

struct CertificateImportPlan {
  std::string encoding;  // "UTF-8" | "Windows-1252"
  char delimiter = ';';
  std::vector<CertificateImportRow> rows;
  std::vector<AwardToPropose> awards;  // the rows to propose, in order
  int unchanged = 0;
  int errors = 0;
};

// Fails for the file as a whole (not CSV, no header, an unknown or missing column).
Result<CertificateImportPlan> PlanCertificateImport(Registry& registry, const std::string& bytes,
                                                    const Actor& actor);

// Refuses a plan with errors; otherwise records every row's assessment and proposal in one
// transaction, each audited under `actor`, and answers the proposals.
Result<std::vector<Proposal>> ApplyCertificateImport(Registry& registry,
                                                     const CertificateImportPlan& plan,
                                                     const Actor& actor);

}  // namespace siegel::admin
