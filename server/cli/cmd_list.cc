// siegel list: certificates with their status, filterable; a table or JSON.
#include <iomanip>
#include <iostream>

#include "server/cli/cli_context.h"
#include "server/views.h"

namespace siegel::cli {
namespace {

struct ListOptions {
  std::string status, programme, initiative, query, at;
  std::string format = "text";
};

int RunList(const CliContext& context, const ListOptions& options) {
  CertificateQuery query;
  if (!options.status.empty() && !ParseStatusName(options.status)) {
    return Fail(Error::InvalidInput(
        "--status must be one of valid, expired, not_yet_valid, suspended, revoked"));
  }
  query.status = options.status;
  auto at = OptionalTime("--at", options.at);
  if (!at.ok()) return Fail(at.error());
  query.at = at->value_or(0);
  query.programme = options.programme;
  query.initiative = options.initiative;
  query.text = options.query;
  query.per_page = 500;
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  Json out = Json::array();
  for (query.page = 1;; ++query.page) {
    auto page = (*registry)->certificates().SearchCertificates(query);
    if (!page.ok()) return Fail(page.error());
    for (const CertificateSummary& s : page->items) {
      const Certificate& c = s.certificate;
      if (options.format == "json") {
        auto history = (*registry)->certificates().StatusHistory(c.id);
        if (!history.ok()) return Fail(history.error());
        out.push_back(views::CertificateJson(c, s.status, *history));
      } else {
        std::cout << std::left << std::setw(16) << c.id << std::setw(15) << StatusName(s.status)
                  << c.valid_from.substr(0, 10) << "  " << c.valid_until.substr(0, 10) << "  "
                  << c.initiative_slug << "\n";
      }
    }
    if (query.page * query.per_page >= page->total) break;
  }
  if (options.format == "json") std::cout << out.dump(2) << std::endl;
  return kExitOk;
}

}  // namespace

void AddListCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<ListOptions>();
  CLI::App* cmd = app.add_subcommand(
      "list", "list certificates: id, status, valid from, valid until, initiative");
  cmd->add_option("--status", options->status,
                  "valid, expired, not_yet_valid, suspended or revoked");
  cmd->add_option("--programme", options->programme, "only this programme");
  cmd->add_option("--initiative", options->initiative, "only this initiative's certificates");
  cmd->add_option("--search", options->query,
                  "text in the id, the initiative's name or its legal entity");
  cmd->add_option("--at", options->at, "status on this date instead of now, YYYY-MM-DD");
  cmd->add_option("--format", options->format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&context, options] {
    context.action = [&context, options] { return RunList(context, *options); };
  });
}

}  // namespace siegel::cli
