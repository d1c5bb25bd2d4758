#include "server/admin/certificate_import.h"

#include <algorithm>
#include <map>

#include "server/admin/spreadsheet_cells.h"
#include "server/cli/csv_table.h"

namespace siegel::admin {
namespace {

// Column names as a spreadsheet has them (German or English, any case) -> the field's name.
const std::map<std::string, std::string>& Columns() {
  static const std::map<std::string, std::string> kColumns = {
      {"slug", "slug"},
      {"kurzname", "slug"},
      {"programme", "programme"},
      {"programm", "programme"},
      {"assessor", "assessor"},
      {"gutachter", "assessor"},
      {"assessed from", "assessedFrom"},
      {"begutachtung von", "assessedFrom"},
      {"assessed on", "assessedOn"},
      {"begutachtung bis", "assessedOn"},
      {"begutachtung", "assessedOn"},
      {"level", "level"},
      {"stufe", "level"},
      {"board decision date", "boardDecisionDate"},
      {"beiratsbeschluss", "boardDecisionDate"},
      {"datum des beiratsbeschlusses", "boardDecisionDate"},
      {"board decision reference", "boardDecisionRef"},
      {"aktenzeichen", "boardDecisionRef"},
      {"valid from", "validFrom"},
      {"gültig ab", "validFrom"},
      {"valid until", "validUntil"},
      {"gültig bis", "validUntil"},
      {"note", "note"},
      {"vermerk", "note"},
  };
  return kColumns;
}

const char kColumnList[] =
    "slug (Kurzname), programme (Programm), assessor (Gutachter), assessed from (Begutachtung "
    "von), assessed on (Begutachtung bis), level (Stufe), board decision date "
    "(Beiratsbeschluss), board decision reference (Aktenzeichen), valid from (Gültig ab), valid "
    "until (Gültig bis), note (Vermerk)";

struct Period {
  int row = 0;
  std::string slug, programme, from, until;
};

}  // namespace

Result<CertificateImportPlan> PlanCertificateImport(Registry& registry, const std::string& bytes,
                                                    const Actor& actor) {
  auto table = cli::ReadCsvTable(bytes);
  if (!table.ok()) return table.error();
  std::vector<std::string> names;
  for (const std::string& column : table->header) {
    auto known = Columns().find(LowerHeader(Trimmed(column)));
    if (known == Columns().end()) {
      return Error::InvalidInput("the column \"" + column +
                                 "\" is not one Siegel imports for certificates; the columns are " +
                                 kColumnList)
          .About("", "unknown_column", {column});
    }
    names.push_back(known->second);
  }
  for (const char* required : {"slug", "assessedOn", "validFrom", "validUntil"}) {
    if (std::find(names.begin(), names.end(), required) == names.end()) {
      return Error::InvalidInput("the column " + std::string(required) + " is missing")
          .About("", "missing_column", {required});
    }
  }
  auto open = registry.workflow().ListProposals(/*open_only=*/true);
  if (!open.ok()) return open.error();

  CertificateImportPlan plan;
  plan.encoding = table->encoding;
  plan.delimiter = table->delimiter;
  std::vector<Period> earlier;
  std::vector<size_t> award_rows;  // the plan's row of each award
  for (const cli::CsvTable::Row& row : table->rows) {
    std::map<std::string, std::string> cell;
    for (size_t i = 0; i < names.size(); ++i) {
      cell[names[i]] = i < row.cells.size() ? Trimmed(row.cells[i]) : "";
    }
    CertificateImportRow line;
    line.row = row.number;
    line.slug = cell["slug"];
    line.valid_from = IsoDay(cell["validFrom"]);
    line.valid_until = IsoDay(cell["validUntil"]);
    const std::string programme = cell["programme"].empty() ? "ce-bw" : cell["programme"];
    auto refuse = [&](const Error& error) {
      line.outcome = CertificateImportRow::Outcome::kError;
      line.problem = error.message;
      line.error = error;
      ++plan.errors;
      plan.rows.push_back(line);
    };
    if (!registry.certificates().GetInitiative(line.slug).ok()) {
      refuse(Error::NotFound("there is no initiative \"" + line.slug +
                             "\"; import the initiatives first (siegel import initiatives)")
                 .About("initiative slug", "unknown_initiative", {line.slug}));
      continue;
    }
    // Already in the registry, or already proposed: the same holder, label and period.
    auto same_day = [&](const std::string& stored, const std::string& day) {
      return stored.substr(0, 10) == day;
    };
    auto held = registry.certificates().CertificatesOf(line.slug, programme);
    if (!held.ok()) return held.error();
    auto certificate = std::find_if(held->begin(), held->end(), [&](const Certificate& c) {
      return same_day(c.valid_from, line.valid_from) && same_day(c.valid_until, line.valid_until);
    });
    auto proposal = std::find_if(open->begin(), open->end(), [&](const Proposal& p) {
      return p.initiative_slug == line.slug && p.programme_code == programme &&
             same_day(p.valid_from, line.valid_from) && same_day(p.valid_until, line.valid_until);
    });
    if (certificate != held->end() || proposal != open->end()) {
      line.outcome = CertificateImportRow::Outcome::kUnchanged;
      if (certificate != held->end()) {
        line.existing_certificate = certificate->id;
      } else {
        line.existing_proposal = proposal->id;
      }
      ++plan.unchanged;
      plan.rows.push_back(line);
      continue;
    }
    auto overlapping = std::find_if(earlier.begin(), earlier.end(), [&](const Period& p) {
      return p.slug == line.slug && p.programme == programme && p.from < line.valid_until &&
             line.valid_from < p.until;
    });
    if (overlapping != earlier.end()) {
      refuse(Error::InvalidInput("the period overlaps the one in row " +
                                 std::to_string(overlapping->row) + " for the same initiative")
                 .About("valid from", "overlaps_row", {std::to_string(overlapping->row)}));
      continue;
    }
    earlier.push_back({line.row, line.slug, programme, line.valid_from, line.valid_until});
    AwardToPropose award;
    award.assessment.initiative_slug = line.slug;
    award.assessment.programme_code = programme;
    award.assessment.assessor = cell["assessor"];
    if (award.assessment.assessor.empty()) {
      auto rules = registry.certificates().GetProgramme(programme);
      if (rules.ok()) award.assessment.assessor = rules->assessor_default;
    }
    award.assessment.assessed_on = IsoDay(cell["assessedOn"]);
    award.assessment.assessed_from =
        cell["assessedFrom"].empty() ? award.assessment.assessed_on : IsoDay(cell["assessedFrom"]);
    award.assessment.level = cell["level"];
    award.assessment.board_decision_date = IsoDay(cell["boardDecisionDate"]);
    award.assessment.board_decision_ref = cell["boardDecisionRef"];
    award.proposal.valid_from = line.valid_from;
    award.proposal.valid_until = line.valid_until;
    award.proposal.note = cell["note"];
    award.proposal.proposed_by = actor.who();
    if (line.valid_from.empty() || line.valid_until.empty()) {
      refuse(Error::InvalidInput("give the validity: valid from (Gültig ab) and valid until "
                                 "(Gültig bis)")
                 .About(line.valid_from.empty() ? "valid from" : "valid until", "text_required"));
      continue;
    }
    line.outcome = CertificateImportRow::Outcome::kPropose;
    award_rows.push_back(plan.rows.size());
    plan.rows.push_back(line);
    plan.awards.push_back(std::move(award));
  }
  // The rows to propose, tried through the registry's own rules and rolled back.
  auto tried = registry.workflow().ProposeAwards(plan.awards, actor, /*dry_run=*/true);
  if (!tried.ok()) return tried.error();
  std::vector<AwardToPropose> accepted;
  for (size_t i = 0; i < tried->size(); ++i) {
    if ((*tried)[i].ok()) {
      accepted.push_back(plan.awards[i]);
      continue;
    }
    CertificateImportRow& line = plan.rows[award_rows[i]];
    line.outcome = CertificateImportRow::Outcome::kError;
    line.error = (*tried)[i].error();
    line.problem = line.error.message;
    ++plan.errors;
  }
  plan.awards = std::move(accepted);
  return plan;
}

Result<std::vector<Proposal>> ApplyCertificateImport(Registry& registry,
                                                     const CertificateImportPlan& plan,
                                                     const Actor& actor) {
  if (plan.errors > 0) {
    return Error::InvalidInput(std::to_string(plan.errors) +
                               " rows are wrong; nothing was imported");
  }
  auto done = registry.workflow().ProposeAwards(plan.awards, actor, /*dry_run=*/false);
  if (!done.ok()) return done.error();
  std::vector<Proposal> proposals;
  for (const Result<Proposal>& p : *done) {
    // Refused now, though the plan's trial took it (another change came between): nothing
    // was kept.
    if (!p.ok()) return Error::Make(p.error().code, p.message() + "; nothing was imported");
    proposals.push_back(*p);
  }
  return proposals;
}

}  // namespace siegel::admin
