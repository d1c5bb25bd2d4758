// siegel-verify: checks label certificates offline against a pinned issuer document.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <thread>

#include "verify/verify_command.h"

int main(int argc, char** argv) {
  using namespace siegel::verify;
  CLI::App app{
      "siegel-verify: verify label certificates (JSON with embedded proof, or compact JWS) "
      "offline.\n"
      "Prints one line per file: VALID, EXPIRED, REVOKED, SUSPENDED, NOT YET VALID, STATUS "
      "UNKNOWN: reason,\n"
      "or INVALID: reason. Exit codes: 0 all valid, 1 some not valid, 2 usage or input error,\n"
      "3 signature valid but the status could not be checked."};
  app.set_version_flag("--version", "siegel-verify 0.1.0");
  VerifyOptions options;
  app.add_option("FILE", options.files, "credential files; - reads standard input")->required();
  app.add_option("--trust", options.trust_file, "the issuer's DID document (did.json) or JWKS")
      ->type_name("FILE");
  app.add_option("--status-list", options.status_lists,
                 "status list credentials (revocation, suspension)")
      ->type_name("FILE");
  app.add_option("--at", options.at, "check validity at this date or time instead of now");
  app.add_flag("--json", options.json, "print a JSON report");
  options.jobs = std::max(1u, std::thread::hardware_concurrency());
  app.add_option("--jobs", options.jobs,
                 "threads checking signatures (default: the number of cores)")
      ->check(CLI::Range(1, 256));
  app.add_flag(
      "--online", options.online,
      "fetch the status lists (and, without --trust, the issuer's did:web document) over HTTPS");
  app.add_option("--cache-dir", options.cache_dir,
                 "cache for --online (default $XDG_CACHE_HOME/siegel-verify; off: none)");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "siegel-verify: " << e.what() << "\n(run siegel-verify --help)" << std::endl;
    return kUsageError;
  }
  return RunVerify(options, std::cout, std::cerr);
}
