#include "server/admin/initiative_import.h"

#include <algorithm>
#include <map>
#include <set>

#include "registry/audit.h"
#include "registry/technology_fields.h"
#include "registry/validation.h"
#include "server/admin/fields.h"
#include "server/admin/operations.h"
#include "server/admin/spreadsheet_cells.h"
#include "server/cli/csv_table.h"
#include "server/web/i18n.h"

namespace siegel::admin {
namespace {

// Column names as a spreadsheet has them (German or English, any case) -> the field's name.
const std::map<std::string, std::string>& Columns() {
  static const std::map<std::string, std::string> kColumns = {
      {"slug", "slug"},
      {"kurzname", "slug"},
      {"name", "name"},
      {"legal entity", "legalEntity"},
      {"legalentity", "legalEntity"},
      {"rechtsträger", "legalEntity"},
      {"kind", "kind"},
      {"art", "kind"},
      {"region", "region"},
      {"technology fields", "technologyFields"},
      {"technologyfields", "technologyFields"},
      {"technologiefelder", "technologyFields"},
      {"website", "website"},
      {"management organisation", "managementOrganisation"},
      {"managementorganisation", "managementOrganisation"},
      {"description", "description"},
      {"contact e-mail", "contactEmail"},
      {"contactemail", "contactEmail"},
      {"e-mail", "contactEmail"},
      {"kontakt e-mail", "contactEmail"},
      {"beschreibung", "description"},
  };
  return kColumns;
}

// "Clusterinitiative" and "Landesweites Netzwerk" as the staff pages name them, or the codes.
std::string KindCode(const std::string& cell) {
  std::string kind = LowerHeader(Trimmed(cell));
  if (kind.empty() || kind == "clusterinitiative" || kind == "cluster initiative" ||
      kind == "cluster_initiative") {
    return "cluster_initiative";
  }
  if (kind == "landesweites netzwerk" || kind == "state-wide network" || kind == "state_network") {
    return "state_network";
  }
  return cell;  // refused by the rules, naming it
}

// Technology fields separated by '|' or ',' (or ';' in a comma-separated file), in English as
// stored or in German as the staff pages name them.
std::vector<std::string> FieldCodes(const std::string& cell, char delimiter) {
  std::map<std::string, std::string> by_name;
  for (const std::string& field : TechnologyFields()) {
    by_name[LowerHeader(field)] = field;
    by_name[LowerHeader(web::TechnologyFieldName(field, web::Language::kGerman))] = field;
  }
  std::vector<std::string> out;
  const std::string separators = delimiter == ';' ? "|," : "|;";
  size_t start = 0;
  while (start <= cell.size()) {
    size_t end = cell.find_first_of(separators, start);
    std::string part = Trimmed(cell.substr(start, end == std::string::npos ? end : end - start));
    if (!part.empty()) {
      auto known = by_name.find(LowerHeader(part));
      out.push_back(known == by_name.end() ? part : known->second);
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

bool SameRecord(const Initiative& a, const Initiative& b) {
  return a.name == b.name && a.legal_entity == b.legal_entity && a.kind == b.kind &&
         a.region == b.region && a.technology_fields == b.technology_fields &&
         a.website == b.website && a.management_organisation == b.management_organisation &&
         a.description == b.description && a.contact_email == b.contact_email;
}

}  // namespace

Result<ImportPlan> PlanInitiativeImport(Registry& registry, const std::string& bytes) {
  auto table = cli::ReadCsvTable(bytes);
  if (!table.ok()) return table.error();
  std::vector<std::string> names;
  for (const std::string& column : table->header) {
    auto known = Columns().find(LowerHeader(Trimmed(column)));
    if (known == Columns().end()) {
      return Error::InvalidInput("the column \"" + column +
                                 "\" is not one Siegel imports; the columns are slug (Kurzname), "
                                 "name, legal entity "
                                 "(Rechtsträger), kind (Art), region, technology fields "
                                 "(Technologiefelder), website, "
                                 "management organisation, description (Beschreibung)")
          .About("", "unknown_column", {column});
    }
    names.push_back(known->second);
  }
  for (const char* required : {"slug", "name"}) {
    if (std::find(names.begin(), names.end(), required) == names.end()) {
      return Error::InvalidInput("the column " + std::string(required) + " is missing")
          .About("", "missing_column", {required});
    }
  }
  ImportPlan plan;
  plan.encoding = table->encoding;
  plan.delimiter = table->delimiter;
  std::set<std::string> seen;
  for (const cli::CsvTable::Row& row : table->rows) {
    Json fields = Json::object();
    for (size_t i = 0; i < names.size(); ++i) {
      std::string cell = i < row.cells.size() ? Trimmed(row.cells[i]) : "";
      if (names[i] == "technologyFields") {
        fields[names[i]] = FieldCodes(cell, table->delimiter);
      } else if (names[i] == "kind") {
        fields[names[i]] = KindCode(cell);
      } else {
        fields[names[i]] = cell;
      }
    }
    ImportRow line;
    line.row = row.number;
    line.slug = fields.value("slug", "");
    line.name = fields.value("name", "");
    auto refuse = [&](const Error& error) {
      line.outcome = ImportRow::Outcome::kError;
      line.problem = error.message;
      line.error = error;
      ++plan.errors;
      plan.rows.push_back(line);
    };
    if (!seen.insert(line.slug).second) {
      refuse(Error::InvalidInput("the short name " + line.slug + " is in the file twice")
                 .About("initiative slug", "slug_twice", {line.slug}));
      continue;
    }
    auto stored = registry.certificates().GetInitiative(line.slug);
    const bool exists = stored.ok();
    Initiative base;
    if (exists) {
      base = *stored;
      // A column the file does not have leaves the record's value as it is.
      const Json current = InitiativeAuditView(*stored);
      for (auto it = current.begin(); it != current.end(); ++it) {
        if (!fields.contains(it.key())) fields[it.key()] = it.value();
      }
    } else {
      base.slug = line.slug;
    }
    auto parsed = Fields::FromJson(fields.dump());
    auto candidate =
        parsed.ok() ? InitiativeFromFields(*parsed, base) : Result<Initiative>(parsed.error());
    Status valid = candidate.ok() ? ValidateInitiativeRecord(*candidate) : candidate.error();
    if (!valid.ok()) {
      refuse(valid.error());
      continue;
    }
    line.name = candidate->name;
    if (exists && SameRecord(*stored, *candidate)) {
      line.outcome = ImportRow::Outcome::kUnchanged;
      ++plan.unchanged;
    } else if (exists) {
      line.outcome = ImportRow::Outcome::kUpdate;
      plan.to_update.push_back(*candidate);
    } else {
      line.outcome = ImportRow::Outcome::kCreate;
      plan.to_create.push_back(*candidate);
    }
    plan.rows.push_back(line);
  }
  return plan;
}

Status ApplyInitiativeImport(Registry& registry, const ImportPlan& plan, const Actor& actor) {
  if (plan.errors > 0) {
    return Error::InvalidInput(std::to_string(plan.errors) +
                               " rows are wrong; nothing was imported");
  }
  for (const Initiative& initiative : plan.to_create) {
    if (Status s = registry.records().AddInitiative(initiative, actor); !s.ok()) {
      return Error::Make(s.error().code, initiative.slug + ": " + s.message() +
                                             " (the initiatives before it are in)");
    }
  }
  for (const Initiative& initiative : plan.to_update) {
    if (Status s = registry.records().UpdateInitiative(initiative, actor); !s.ok()) {
      return Error::Make(s.error().code, initiative.slug + ": " + s.message() +
                                             " (the initiatives before it are in)");
    }
  }
  return Status::Ok();
}

}  // namespace siegel::admin
