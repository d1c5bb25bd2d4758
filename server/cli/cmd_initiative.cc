// siegel initiative add|list|show: the organisations that hold labels.
#include <iostream>

#include "server/cli/cli_context.h"
#include "server/views.h"

namespace siegel::cli {
namespace {

struct AddOptions {
  Initiative initiative;
  std::string kind = "cluster_initiative";
};

int RunAdd(const CliContext& context, AddOptions options) {
  if (options.kind == "state_network") {
    options.initiative.kind = InitiativeKind::kStateNetwork;
  } else if (options.kind != "cluster_initiative") {
    return Fail(Error::InvalidInput("--kind must be cluster_initiative or state_network"));
  }
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  if (Status s = (*registry)->records().AddInitiative(options.initiative, context.CurrentActor());
      !s.ok())
    return Fail(s.error());
  std::cout << options.initiative.slug << std::endl;
  return kExitOk;
}

int RunList(const CliContext& context, const std::string& format) {
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  auto initiatives = (*registry)->certificates().ListInitiatives();
  if (!initiatives.ok()) return Fail(initiatives.error());
  if (format == "json") {
    Json out = Json::array();
    for (const auto& i : *initiatives) out.push_back(views::InitiativeJson(i));
    std::cout << out.dump(2) << std::endl;
    return kExitOk;
  }
  for (const auto& i : *initiatives) std::cout << i.slug << "\t" << i.name << "\n";
  return kExitOk;
}

int RunShow(const CliContext& context, const std::string& slug) {
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  auto initiative = (*registry)->certificates().GetInitiative(slug);
  if (!initiative.ok()) return Fail(initiative.error());
  std::cout << views::InitiativeJson(*initiative).dump(2) << std::endl;
  return kExitOk;
}

}  // namespace

void AddInitiativeCommand(CLI::App& app, CliContext& context) {
  CLI::App* group = app.add_subcommand("initiative", "record and list initiatives");
  group->require_subcommand(1);

  auto add = std::make_shared<AddOptions>();
  CLI::App* cmd = group->add_subcommand("add", "record a new initiative");
  cmd->add_option("--slug", add->initiative.slug,
                  "short identifier used in addresses, e.g. microtec-suedwest")
      ->required();
  cmd->add_option("--name", add->initiative.name, "name of the initiative")->required();
  cmd->add_option("--legal-entity", add->initiative.legal_entity,
                  "the legal entity behind it (often not its name)");
  cmd->add_option("--kind", add->kind, "cluster_initiative (default) or state_network");
  cmd->add_option("--region", add->initiative.region, "region, e.g. Regierungsbezirk Freiburg");
  cmd->add_option("--sector", add->initiative.technology_fields, "technology field (repeatable)");
  cmd->add_option("--website", add->initiative.website, "web address");
  cmd->add_option("--management", add->initiative.management_organisation,
                  "cluster management organisation");
  cmd->add_option("--description", add->initiative.description, "short public description");
  cmd->add_option("--contact-email", add->initiative.contact_email,
                  "the initiative's contact for reminders and notices (never published)");
  cmd->callback(
      [&context, add] { context.action = [&context, add] { return RunAdd(context, *add); }; });

  auto format = std::make_shared<std::string>("text");
  CLI::App* list = group->add_subcommand("list", "list initiatives");
  list->add_option("--format", *format, "text or json")->check(CLI::IsMember({"text", "json"}));
  list->callback([&context, format] {
    context.action = [&context, format] { return RunList(context, *format); };
  });

  auto slug = std::make_shared<std::string>();
  CLI::App* show = group->add_subcommand("show", "show one initiative as JSON");
  show->add_option("SLUG", *slug, "the initiative's slug")->required();
  show->callback(
      [&context, slug] { context.action = [&context, slug] { return RunShow(context, *slug); }; });
}

}  // namespace siegel::cli
