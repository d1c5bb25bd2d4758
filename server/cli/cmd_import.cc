// siegel import initiatives|certificates FILE.csv [--dry-run]: the label holders a ministry
// keeps in a spreadsheet and the labels it awarded them before Siegel
// (server/admin/initiative_import.h and certificate_import.h do the work, for the upload page
// too).
#include <fstream>
#include <iostream>
#include <sstream>

#include "server/admin/certificate_import.h"
#include "server/admin/initiative_import.h"
#include "server/cli/cli_context.h"

namespace siegel::cli {
namespace {

Result<std::string> ReadWhole(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error::Io("cannot read " + file);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

int RunImportCertificates(const CliContext& context, const std::string& file, bool dry_run) {
  auto bytes = ReadWhole(file);
  if (!bytes.ok()) return Fail(bytes.error());
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  const Actor actor = context.CurrentActor();
  auto plan = admin::PlanCertificateImport(**registry, *bytes, actor);
  if (!plan.ok()) return Fail(Error::Make(plan.error().code, file + ": " + plan.message()));
  std::cout << file << ": " << plan->rows.size() << " rows, " << plan->encoding << ", '"
            << plan->delimiter << "'-separated\n";
  for (const admin::CertificateImportRow& row : plan->rows) {
    std::cout << "row " << row.row << ": ";
    switch (row.outcome) {
      case admin::CertificateImportRow::Outcome::kPropose:
        std::cout << "propose " << row.slug << ", valid " << row.valid_from << " to "
                  << row.valid_until << "\n";
        break;
      case admin::CertificateImportRow::Outcome::kUnchanged:
        std::cout << "unchanged " << row.slug << ": "
                  << (row.existing_certificate.empty()
                          ? "proposal " + std::to_string(row.existing_proposal)
                          : "certificate " + row.existing_certificate)
                  << "\n";
        break;
      case admin::CertificateImportRow::Outcome::kError:
        std::cout << "error: " << row.slug << ": " << row.problem << "\n";
        break;
    }
  }
  std::cout << plan->awards.size() << " to propose, " << plan->unchanged << " unchanged, "
            << plan->errors << " with errors\n";
  if (plan->errors > 0) {
    return Fail(Error::InvalidInput(std::to_string(plan->errors) +
                                    " rows are wrong (above); nothing was imported"));
  }
  if (dry_run) {
    std::cout << "dry run: nothing was changed\n";
    return kExitOk;
  }
  auto proposals = admin::ApplyCertificateImport(**registry, *plan, actor);
  if (!proposals.ok()) return Fail(proposals.error());
  if (proposals->empty()) {
    std::cout << "imported: nothing new\n";
    return kExitOk;
  }
  std::cout << "imported: " << proposals->size() << " proposals (" << proposals->front().id;
  if (proposals->size() > 1) std::cout << " to " << proposals->back().id;
  std::cout << "); nothing is signed until a second person approves each at "
            << (*registry)->settings().base_url << "/admin/proposals\n";
  return kExitProposed;
}

int RunImportInitiatives(const CliContext& context, const std::string& file, bool dry_run) {
  auto bytes = ReadWhole(file);
  if (!bytes.ok()) return Fail(bytes.error());
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  auto plan = admin::PlanInitiativeImport(**registry, *bytes);
  if (!plan.ok()) return Fail(Error::Make(plan.error().code, file + ": " + plan.message()));
  std::cout << file << ": " << plan->rows.size() << " rows, " << plan->encoding << ", '"
            << plan->delimiter << "'-separated\n";
  for (const admin::ImportRow& row : plan->rows) {
    std::cout << "row " << row.row << ": ";
    switch (row.outcome) {
      case admin::ImportRow::Outcome::kCreate:
        std::cout << "create " << row.slug << " (" << row.name << ")\n";
        break;
      case admin::ImportRow::Outcome::kUpdate:
        std::cout << "update " << row.slug << " (" << row.name << ")\n";
        break;
      case admin::ImportRow::Outcome::kUnchanged:
        std::cout << "unchanged " << row.slug << "\n";
        break;
      case admin::ImportRow::Outcome::kError:
        std::cout << "error: " << row.problem << "\n";
        break;
    }
  }
  std::cout << plan->to_create.size() << " to create, " << plan->to_update.size() << " to update, "
            << plan->unchanged << " unchanged, " << plan->errors << " with errors\n";
  if (plan->errors > 0) {
    return Fail(Error::InvalidInput(std::to_string(plan->errors) +
                                    " rows are wrong (above); nothing was imported"));
  }
  if (dry_run) {
    std::cout << "dry run: nothing was changed\n";
    return kExitOk;
  }
  if (Status s = admin::ApplyInitiativeImport(**registry, *plan, context.CurrentActor()); !s.ok()) {
    return Fail(s.error());
  }
  std::cout << "imported: " << plan->to_create.size() << " created, " << plan->to_update.size()
            << " updated\n";
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
  CLI::App* certificates = group->add_subcommand(
      "certificates",
      "the labels awarded before Siegel, from a CSV file (UTF-8 or Windows-1252, ';' or ','), "
      "one per row: each row's assessment is recorded and its certificate proposed, for a "
      "second person to approve");
  certificates->add_option("FILE", *file, "the CSV file")->required();
  certificates->add_flag("--dry-run", *dry_run, "say row by row what would happen; change nothing");
  certificates->callback([&context, file, dry_run] {
    context.action = [&context, file, dry_run] {
      return RunImportCertificates(context, *file, *dry_run);
    };
  });
}

}  // namespace siegel::cli
