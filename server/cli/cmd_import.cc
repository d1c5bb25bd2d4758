// siegel import initiatives FILE.csv [--dry-run]: the label holders a ministry keeps in a
// spreadsheet, brought in through the staff side's rules. Every row is checked first; a file
// with any wrong row changes nothing. Rows that match the registry already are left alone, so
// running the same file again changes nothing (idempotent).
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "registry/technology_fields.h"
#include "registry/validation.h"
#include "server/admin/fields.h"
#include "server/admin/operations.h"
#include "server/cli/cli_context.h"
#include "server/cli/csv_table.h"
#include "server/web/i18n.h"

namespace siegel::cli {
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
      {"beschreibung", "description"},
  };
  return kColumns;
}

std::string Trimmed(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // The German capitals a header may hold.
  for (const auto& [upper, lower] :
       {std::pair<std::string, std::string>{"Ä", "ä"}, {"Ö", "ö"}, {"Ü", "ü"}}) {
    for (size_t at = text.find(upper); at != std::string::npos; at = text.find(upper, at)) {
      text.replace(at, upper.size(), lower);
    }
  }
  return text;
}

// "Clusterinitiative" and "Landesweites Netzwerk" as the staff pages name them, or the codes.
std::string KindCode(const std::string& cell) {
  std::string kind = Lower(Trimmed(cell));
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
    by_name[Lower(field)] = field;
    by_name[Lower(web::TechnologyFieldName(field, web::Language::kGerman))] = field;
  }
  std::vector<std::string> out;
  const std::string separators = delimiter == ';' ? "|," : "|;";
  const std::string& rest = cell;
  size_t start = 0;
  while (start <= rest.size()) {
    size_t end = rest.find_first_of(separators, start);
    std::string part = Trimmed(rest.substr(start, end == std::string::npos ? end : end - start));
    if (!part.empty()) {
      auto known = by_name.find(Lower(part));
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
         a.description == b.description;
}

struct Planned {
  int row = 0;
  Initiative initiative;
  bool exists = false;
};

int RunImportInitiatives(const CliContext& context, const std::string& file, bool dry_run) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Fail(Error::Io("cannot read " + file));
  std::stringstream bytes;
  bytes << in.rdbuf();
  auto table = ReadCsvTable(bytes.str());
  if (!table.ok()) return Fail(Error::InvalidInput(file + ": " + table.message()));
  std::vector<std::string> names;
  for (const std::string& column : table->header) {
    auto known = Columns().find(Lower(Trimmed(column)));
    if (known == Columns().end()) {
      return Fail(Error::InvalidInput(
          file + ": the column \"" + column +
          "\" is not one Siegel imports; the columns are slug (Kurzname), name, legal entity "
          "(Rechtsträger), kind (Art), region, technology fields (Technologiefelder), website, "
          "management organisation, description (Beschreibung)"));
    }
    names.push_back(known->second);
  }
  for (const char* required : {"slug", "name"}) {
    if (std::find(names.begin(), names.end(), required) == names.end()) {
      return Fail(
          Error::InvalidInput(file + ": the column " + std::string(required) + " is missing"));
    }
  }
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  std::cout << file << ": " << table->rows.size() << " rows, " << table->encoding << ", '"
            << table->delimiter << "'-separated\n";

  std::vector<Planned> plan;
  std::set<std::string> seen;
  int errors = 0, unchanged = 0, creating = 0, updating = 0;
  for (const CsvTable::Row& row : table->rows) {
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
    const std::string slug = fields.value("slug", "");
    auto report = [&](const std::string& what) {
      std::cout << "row " << row.number << ": " << what << "\n";
    };
    if (!seen.insert(slug).second) {
      report("error: the short name " + slug + " is in the file twice");
      ++errors;
      continue;
    }
    auto stored = (*registry)->certificates().GetInitiative(slug);
    bool exists = stored.ok();
    Initiative base;
    if (exists) {
      base = *stored;
    } else {
      base.slug = slug;
    }
    if (exists) {
      // A column the file does not have leaves the record's value as it is.
      const Json current = {
          {"name", stored->name},
          {"legalEntity", stored->legal_entity},
          {"kind",
           stored->kind == InitiativeKind::kStateNetwork ? "state_network" : "cluster_initiative"},
          {"region", stored->region},
          {"technologyFields", stored->technology_fields},
          {"website", stored->website},
          {"managementOrganisation", stored->management_organisation},
          {"description", stored->description}};
      for (auto it = current.begin(); it != current.end(); ++it) {
        if (!fields.contains(it.key())) fields[it.key()] = it.value();
      }
    }
    auto parsed = admin::Fields::FromJson(fields.dump());
    auto candidate = parsed.ok() ? admin::InitiativeFromFields(*parsed, base)
                                 : Result<Initiative>(parsed.error());
    Status valid = candidate.ok() ? ValidateInitiativeRecord(*candidate) : candidate.error();
    if (!valid.ok()) {
      report("error: " + valid.message());
      ++errors;
      continue;
    }
    if (exists && SameRecord(*stored, *candidate)) {
      report("unchanged " + slug);
      ++unchanged;
      continue;
    }
    report(std::string(exists ? "update " : "create ") + slug + " (" + candidate->name + ")");
    ++(exists ? updating : creating);
    plan.push_back({row.number, *candidate, exists});
  }
  std::cout << creating << " to create, " << updating << " to update, " << unchanged
            << " unchanged, " << errors << " with errors\n";
  if (errors > 0) {
    return Fail(Error::InvalidInput(std::to_string(errors) +
                                    " rows are wrong (above); nothing was imported"));
  }
  if (dry_run) {
    std::cout << "dry run: nothing was changed\n";
    return kExitOk;
  }
  const Actor actor = context.CurrentActor();
  for (const Planned& p : plan) {
    Status done = p.exists ? (*registry)->records().UpdateInitiative(p.initiative, actor)
                           : (*registry)->records().AddInitiative(p.initiative, actor);
    if (!done.ok()) {
      return Fail(Error::Make(
          done.error().code,
          "row " + std::to_string(p.row) + ": " + done.message() + " (the rows before it are in)"));
    }
  }
  std::cout << "imported: " << creating << " created, " << updating << " updated\n";
  return kExitOk;
}

}  // namespace

void AddImportCommand(CLI::App& app, CliContext& context) {
  CLI::App* group =
      app.add_subcommand("import", "bring in records from a spreadsheet saved as CSV");
  group->require_subcommand(1);
  auto file = std::make_shared<std::string>();
  auto dry_run = std::make_shared<bool>(false);
  CLI::App* initiatives = group->add_subcommand(
      "initiatives",
      "initiatives from a CSV file (UTF-8 or Windows-1252, ';' or ','), one per row, with a "
      "header row naming the columns");
  initiatives->add_option("FILE", *file, "the CSV file")->required();
  initiatives->add_flag("--dry-run", *dry_run, "say row by row what would happen; change nothing");
  initiatives->callback([&context, file, dry_run] {
    context.action = [&context, file, dry_run] {
      return RunImportInitiatives(context, *file, *dry_run);
    };
  });
}

}  // namespace siegel::cli
