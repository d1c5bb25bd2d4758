// siegel list: certificates with their status, filterable; a table or JSON.
#include <iomanip>
#include <iostream>

#include "registry/certificate_status.h"
#include "server/cli/cli_context.h"
#include "server/views.h"

namespace siegel::cli {
namespace {

struct ListOptions {
  std::string status, programme, initiative, query, at;
  std::string format = "text";
};

int RunList(const CliContext& context, const ListOptions& options) {
  CertificateFilter filter;
  if (!options.status.empty()) {
    filter.status = ParseStatusName(options.status);
    if (!filter.status) {
      return Fail(Error::InvalidInput(
          "--status must be one of valid, expired, not_yet_valid, suspended, revoked"));
    }
  }
  auto at = OptionalTime("--at", options.at);
  if (!at.ok()) return Fail(at.error());
  filter.at = at->value_or(0);
  filter.programme = options.programme;
  filter.initiative = options.initiative;
  filter.query = options.query;
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  auto certificates = (*registry)->ListCertificates(filter);
  if (!certificates.ok()) return Fail(certificates.error());
  UnixSeconds when = at->value_or((*registry)->Now());
  Json out = Json::array();
  for (const Certificate& c : *certificates) {
    auto history = (*registry)->StatusHistory(c.id);
    if (!history.ok()) return Fail(history.error());
    CertificateStatus status = StatusAt(c, *history, when);
    if (options.format == "json") {
      out.push_back(views::CertificateJson(c, status, *history));
    } else {
      std::cout << std::left << std::setw(16) << c.id << std::setw(15) << StatusName(status)
                << c.valid_from.substr(0, 10) << "  " << c.valid_until.substr(0, 10) << "  "
                << c.initiative_slug << "\n";
    }
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
  cmd->add_option("--search", options->query, "text in the id or the initiative's name");
  cmd->add_option("--at", options->at, "status on this date instead of now, YYYY-MM-DD");
  cmd->add_option("--format", options->format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&context, options] {
    context.action = [&context, options] { return RunList(context, *options); };
  });
}

}  // namespace siegel::cli
