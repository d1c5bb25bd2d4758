// siegel design: how the printed certificates (PDF) present the issuer, for the registry or
// one programme: place, signatory, logo and seal. Options not given keep what is stored;
// without options it shows what is stored.
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "server/cli/cli_context.h"

namespace siegel::cli {
namespace {

struct DesignOptions {
  std::string programme;  // empty: the registry
  std::optional<std::string> place, signatory_name, signatory_role, logo_file, seal_file;
  bool clear_logo = false, clear_seal = false;
};

Result<std::string> ReadImage(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Error::Io("cannot read " + path);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

void Print(const CertificateDesign& d) {
  auto image = [](const std::string& png) {
    return png.empty() ? std::string("(none)") : std::to_string(png.size()) + " bytes of PNG";
  };
  std::cout << "place           " << d.place << "\n"
            << "signatory name  " << d.signatory_name << "\n"
            << "signatory role  " << d.signatory_role << "\n"
            << "logo            " << image(d.logo_png) << "\n"
            << "seal            " << image(d.seal_png) << std::endl;
}

int RunDesign(const CliContext& context, const DesignOptions& o) {
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  auto design = (*registry)->designs().Stored(o.programme);
  if (!design.ok()) return Fail(design.error());
  bool change = o.place || o.signatory_name || o.signatory_role || o.logo_file || o.seal_file ||
                o.clear_logo || o.clear_seal;
  if (change) {
    if (o.place) design->place = *o.place;
    if (o.signatory_name) design->signatory_name = *o.signatory_name;
    if (o.signatory_role) design->signatory_role = *o.signatory_role;
    for (auto [file, clear, png] : {std::tuple{&o.logo_file, o.clear_logo, &design->logo_png},
                                    std::tuple{&o.seal_file, o.clear_seal, &design->seal_png}}) {
      if (clear) png->clear();
      if (*file) {
        auto bytes = ReadImage(**file);
        if (!bytes.ok()) return Fail(bytes.error());
        *png = std::move(bytes).value();
      }
    }
    Status set = (*registry)->designs().Set(o.programme, *design, context.CurrentActor());
    if (!set.ok()) return Fail(set.error());
  }
  Print(*design);
  return kExitOk;
}

}  // namespace

void AddDesignCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<DesignOptions>();
  CLI::App* cmd =
      app.add_subcommand("design", "show or set how printed certificates (PDF) present the issuer");
  cmd->add_option("--programme", options->programme,
                  "set it for this programme only (its fields win over the registry's)");
  cmd->add_option("--place", options->place, "place printed beside the date, e.g. Stuttgart");
  cmd->add_option("--signatory-name", options->signatory_name, "who signs, printed under the line");
  cmd->add_option("--signatory-role", options->signatory_role,
                  "the signatory's office (default: the issuer's name)");
  cmd->add_option("--logo", options->logo_file,
                  "the issuer's logo or coat of arms (PNG, <= 1 MiB)");
  cmd->add_option("--seal", options->seal_file, "the label's seal (PNG, <= 1 MiB)");
  cmd->add_flag("--clear-logo", options->clear_logo, "remove the logo");
  cmd->add_flag("--clear-seal", options->clear_seal, "remove the seal (a drawn seal is printed)");
  cmd->callback([&context, options] {
    context.action = [&context, options] { return RunDesign(context, *options); };
  });
}

}  // namespace siegel::cli
