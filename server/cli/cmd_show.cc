// siegel show ID: the record (json), the signed credential (vc), its JWS (jwt) or the printed
// certificate (pdf, carrying the credential).
#include <unistd.h>

#include <fstream>
#include <iostream>

#include "registry/certificate_status.h"
#include "server/cli/cli_context.h"
#include "server/pdf/certificate_pdf_content.h"
#include "server/views.h"

namespace siegel::cli {
namespace {

struct ShowOptions {
  std::string id;
  std::string format = "json";
  std::string language = "de";
  std::string output;  // a file; standard output when empty
};

// The PDF goes to a file, or to standard output only when that is not a terminal.
int WritePdf(const std::string& pdf, const std::string& output) {
  if (output.empty()) {
    if (isatty(STDOUT_FILENO)) {
      return Fail(Error::InvalidInput(
          "a PDF is not for the terminal: name a file with --output, or redirect the output"));
    }
    std::cout.write(pdf.data(), static_cast<std::streamsize>(pdf.size()));
    return std::cout.flush() ? kExitOk : Fail(Error::Io("could not write the PDF"));
  }
  std::ofstream file(output, std::ios::binary | std::ios::trunc);
  file.write(pdf.data(), static_cast<std::streamsize>(pdf.size()));
  if (!file.flush()) return Fail(Error::Io("could not write " + output));
  std::cerr << "wrote " << output << " (" << pdf.size() / 1024 << " KiB)" << std::endl;
  return kExitOk;
}

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
  } else if (options.format == "pdf") {
    auto pdf = pdf::CertificatePdfFor(
        (*registry)->public_view(), options.id,
        options.language == "en" ? web::Language::kEnglish : web::Language::kGerman);
    if (!pdf.ok()) return Fail(pdf.error());
    return WritePdf(*pdf, options.output);
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
                  "json (record, status, history; default), vc (signed credential), jwt (vc+jwt) "
                  "or pdf (the printed certificate, carrying the credential)")
      ->check(CLI::IsMember({"json", "vc", "jwt", "pdf"}));
  cmd->add_option("--lang", options->language, "language of the PDF: de (default) or en")
      ->check(CLI::IsMember({"de", "en"}));
  cmd->add_option("--output,-o", options->output, "write the PDF to this file");
  cmd->callback([&context, options] {
    context.action = [&context, options] { return RunShow(context, *options); };
  });
}

}  // namespace siegel::cli
