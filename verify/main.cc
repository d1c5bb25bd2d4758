// siegel-verify: checks label certificates offline against a pinned issuer document.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <thread>

#include "verify/mirror_check.h"
#include "verify/monitor.h"
#include "verify/verify_command.h"

namespace {

// siegel-verify monitor STATE_DIR URL [--log-key VKEY] [--full]
int Monitor(int argc, char** argv) {
  using namespace siegel::verify;
  CLI::App app{
      "siegel-verify monitor: watch a registry's transparency log. Each run checks the newest "
      "checkpoint against the pinned log key,\nproves it extends the last one seen, replays "
      "the new entries and compares them with the registry's answers.\nExit codes: 0 "
      "consistent, 1 the registry disagrees with its log, 2 usage error, 3 unreachable "
      "(nothing concluded),\n4 the log is forked, rewritten or forged.",
      "siegel-verify monitor"};
  MonitorOptions options;
  app.add_option("STATE_DIR", options.state_dir, "where the monitor remembers what it saw")
      ->required();
  app.add_option("URL", options.url, "the registry, e.g. https://labels.example.org")->required();
  app.add_option("--log-key", options.log_key,
                 "the log's verifier key (NAME+ID+KEY, or a file holding it); needed on the "
                 "first run, then remembered")
      ->type_name("VKEY");
  app.add_flag("--full", options.full,
               "fetch every entry again and compare it with what was seen before");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "siegel-verify monitor: " << e.what() << "\n(run siegel-verify monitor --help)"
              << std::endl;
    return kMonitorUsage;
  }
  while (!options.url.empty() && options.url.back() == '/') options.url.pop_back();
  return RunMonitor(options, std::cout, std::cerr);
}

// siegel-verify mirror URL --trust FILE --log-key VKEY [--registry URL] [--state DIR]
int Mirror(int argc, char** argv) {
  using namespace siegel::verify;
  CLI::App app{
      "siegel-verify mirror: check that a static copy of a registry (siegel publish) is "
      "complete and faithful: its\nlog signed by the log key, every tile and entry there, "
      "every logged certificate's credential there and\nsigned, its status lists signed, "
      "recent and agreeing with the log. Prints one line per finding\n(MISSING, STALE, "
      "TAMPERED). Exit codes: 0 complete and faithful, 1 missing or stale, 2 usage error,\n3 "
      "the mirror's checkpoint could not be read, 4 something in it is not what the registry "
      "signed.",
      "siegel-verify mirror"};
  MirrorCheckOptions options;
  app.add_option("URL", options.url, "the mirror, e.g. https://mirror.example.org")->required();
  app.add_option("--trust", options.trust_file,
                 "the issuer's DID document (did.json) or JWKS, from the registry")
      ->type_name("FILE");
  app.add_option("--log-key", options.log_key,
                 "the log's verifier key (NAME+ID+KEY, or a file holding it)")
      ->type_name("VKEY");
  app.add_option("--registry", options.registry,
                 "the registry itself: report how far the mirror's log is behind it")
      ->type_name("URL");
  app.add_option("--state", options.state_dir,
                 "remember the checkpoint seen here, and report a mirror that goes back")
      ->type_name("DIR");
  app.add_option("--max-status-age", options.max_status_age,
                 "seconds a status list may have been signed before now (default 7200)")
      ->check(CLI::Range(60, 30 * 86400));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "siegel-verify mirror: " << e.what() << "\n(run siegel-verify mirror --help)"
              << std::endl;
    return kMirrorUsage;
  }
  return RunMirrorCheck(options, std::cout, std::cerr);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace siegel::verify;
  // The monitor is a command of its own; everything else verifies files.
  if (argc > 1 && std::string(argv[1]) == "monitor") return Monitor(argc - 1, argv + 1);
  if (argc > 1 && std::string(argv[1]) == "mirror") return Mirror(argc - 1, argv + 1);
  CLI::App app{
      "siegel-verify: verify label certificates (JSON with embedded proof, or compact JWS) "
      "offline.\n"
      "Prints one line per file: VALID, EXPIRED, REVOKED, SUSPENDED, NOT YET VALID, STATUS "
      "UNKNOWN: reason,\n"
      "or INVALID: reason (with --log: NOT IN LOG: reason). Exit codes: 0 all valid,\n"
      "1 authentic but not valid (revoked, suspended, expired, not yet valid), 2 usage or input "
      "error,\n3 authentic but the status could not be checked, 4 not authentic (forged, "
      "tampered, an unknown key,\nnot issued by the registry); with several files the most "
      "serious decides: 4, then 2, 1, 3.\n"
      "To watch a registry's transparency log: siegel-verify monitor STATE_DIR URL (see "
      "siegel-verify monitor --help). To check a mirror: siegel-verify mirror URL (see "
      "siegel-verify mirror --help)."};
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
  app.add_option("--log,--log-key", options.log_key,
                 "the registry's transparency log key (NAME+ID+KEY, or a file holding it): also "
                 "check that each credential and its status events are in the log, under a "
                 "checkpoint signed by this key")
      ->type_name("VKEY");
  app.add_option("--mirror", options.mirrors,
                 "with --online: a copy of the registry (siegel publish, served at the same "
                 "paths) asked when the registry does not answer; repeatable, asked in order. "
                 "The verdict says which copy the status came from and how old it is; the "
                 "issuer's keys are never taken from a mirror")
      ->type_name("URL");
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
