// siegel-verify monitor STATE_DIR URL: watches a registry's transparency log. Each run fetches
// the newest checkpoint, proves it extends the last one seen, replays the new entries, and
// compares the replayed history with what the registry's API says now.
#pragma once

#include <iosfwd>
#include <string>

namespace siegel::verify {

// Exit codes of the monitor.
constexpr int kMonitorConsistent = 0;
constexpr int kMonitorRegistryDisagrees = 1;  // an event without matching registry state
constexpr int kMonitorUsage = 2;
constexpr int kMonitorUnreachable = 3;      // the log could not be read; nothing concluded
constexpr int kMonitorLogInconsistent = 4;  // a forked, rewritten or forged log

struct MonitorOptions {
  std::string state_dir;
  std::string url;      // the registry, e.g. https://labels.example.org
  std::string log_key;  // required on the first run, then remembered
  bool full = false;    // fetch every entry again and compare it with what was seen before
};

int RunMonitor(const MonitorOptions& options, std::ostream& out, std::ostream& err);

}  // namespace siegel::verify
