// siegel show ID: the record (json), the signed credential (vc) or its JWS (jwt).
#include <iostream>

#include "registry/certificate_status.h"
#include "server/cli/cli_context.h"
#include "server/views.h"

namespace siegel::cli {
namespace {

struct ShowOptions {
  std::string id;
  std::string format = "json";
};

int RunShow(const CliContext& context, const ShowOptions& options) {
  auto registry = context.OpenRegistry();
  if (!registry.ok()) return Fail(registry.error());
  auto certificate = (*registry)->certificates().GetCertificate(options.id);
  if (!certificate.ok()) return Fail(certificate.error());
  // A record that no longer is what the log says was issued is shown as damaged, not as its
  // status.
  if (auto issued = (*registry)->log().IssuanceRecordOf(options.id); !issued.ok()) {
    return Fail(issued.error());
  }
  if (options.format == "vc") {
    std::cout << certificate->credential_json << std::endl;
  } else if (options.format == "jwt") {
    std::cout << certificate->credential_jws << std::endl;
  } else {
    auto history = (*registry)->certificates().StatusHistory(options.id);
    if (!history.ok()) return Fail(history.error());
    CertificateStatus status = StatusAt(*certificate, *history, (*registry)->Now());
    std::cout << views::CertificateJson(*certificate, status, *history).dump(2) << std::endl;
  }
  return kExitOk;
}

}  // namespace

void AddShowCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<ShowOptions>();
  CLI::App* cmd = app.add_subcommand("show", "show a certificate");
  cmd->add_option("ID", options->id, "certificate id")->required();
  cmd->add_option("--format", options->format,
                  "json (record, status, history; default), vc (signed credential) or jwt (vc+jwt)")
      ->check(CLI::IsMember({"json", "vc", "jwt"}));
  cmd->callback([&context, options] {
    context.action = [&context, options] { return RunShow(context, *options); };
  });
}

}  // namespace siegel::cli
