// siegel serve: the public HTTP server on the data directory, until SIGINT or SIGTERM.
#include <pthread.h>

#include <atomic>
#include <csignal>
#include <iostream>
#include <regex>
#include <thread>

#include "server/cli/cli_context.h"
#include "server/cli/mail_options.h"
#include "server/publish/mirror_follower.h"
#include "server/siegel_server.h"

namespace siegel::cli {
namespace {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  std::string tls_cert, tls_key;
  size_t threads = 0;  // two per core
  size_t max_connections = 10000;
  size_t event_loops = 0;  // two per core
  int cache_max_age = 60;
  std::string access_log = "-";
  double verify_rate = 50;
  double verify_burst = 100;
  int sign_in_per_account = 5;
  int sign_in_per_address = 20;
  int64_t sign_in_window = 15 * 60;
  int integrity_check = 3600;
  MailOptions mail;
  int mail_interval = 60;
  std::string publish_dir;  // keep a static mirror here
};

// SIGINT and SIGTERM are blocked in every thread and taken by one watcher thread with
// sigwait, which stops the server from outside a signal handler: the listener closes, the
// requests in flight finish, and the database connections close cleanly.
class SignalWatcher {
 public:
  explicit SignalWatcher(http::SiegelServer& server) {
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGINT);
    sigaddset(&signals_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
    thread_ = std::thread([this, &server] {
      int signal = 0;
      sigwait(&signals_, &signal);
      if (!done_) {
        std::cerr << "siegel: " << (signal == SIGTERM ? "SIGTERM" : "SIGINT")
                  << ", finishing the requests in flight" << std::endl;
        server.Stop();
      }
    });
  }
  ~SignalWatcher() {
    done_ = true;
    pthread_kill(thread_.native_handle(), SIGTERM);  // wakes the watcher if no signal came
    thread_.join();
  }

 private:
  sigset_t signals_;
  std::atomic<bool> done_{false};
  std::thread thread_;
};

int RunServe(const CliContext& context, const ServeOptions& options) {
  static const std::regex kListen(R"(^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):([0-9]{1,5})$)");
  std::smatch match;
  if (!std::regex_match(options.listen, match, kListen) || std::stoi(match[2].str()) > 65535) {
    return Fail(Error::InvalidInput(
        "--listen must be HOST:PORT, e.g. 127.0.0.1:8080 (port 0 picks a free one)"));
  }
  if (options.threads > 1024) {
    return Fail(Error::InvalidInput("--threads must be 0 (two per core) to 1024"));
  }
  if (options.max_connections < 1 || options.max_connections > 1000000) {
    return Fail(Error::InvalidInput("--max-connections must be 1 to 1000000"));
  }
  http::ServerConfig config;
  config.data_dir = context.DataDir();
  config.read_only = context.ReadOnly();
  config.host = match[1].str();
  if (config.host.front() == '[') config.host = config.host.substr(1, config.host.size() - 2);
  config.port = std::stoi(match[2].str());
  config.tls_cert_file = options.tls_cert;
  config.tls_key_file = options.tls_key;
  config.threads = options.threads;
  config.max_connections = options.max_connections;
  if (options.event_loops > 256) {
    return Fail(Error::InvalidInput("--event-loops must be 0 (two per core) to 256"));
  }
  config.event_loops = options.event_loops;
  if (options.cache_max_age < 0 || options.cache_max_age > 86400) {
    return Fail(Error::InvalidInput("--cache-max-age must be 0 to 86400 seconds"));
  }
  config.cache_max_age_seconds = options.cache_max_age;
  config.access_log = options.access_log;
  if (options.verify_rate < 0 || options.verify_burst < 1) {
    return Fail(
        Error::InvalidInput("--verify-rate must be 0 (off) or more, --verify-burst 1 or more"));
  }
  config.verify_rate = options.verify_rate;
  config.verify_burst = options.verify_burst;
  if (options.sign_in_per_account < 1 || options.sign_in_per_address < 1 ||
      options.sign_in_window < 1 || options.sign_in_window > 86400) {
    return Fail(Error::InvalidInput(
        "--sign-in-failures-per-account and --sign-in-failures-per-address must be 1 or more, "
        "--sign-in-window 1 to 86400 seconds"));
  }
  config.sign_in_throttle.failures_per_account = options.sign_in_per_account;
  config.sign_in_throttle.failures_per_address = options.sign_in_per_address;
  config.sign_in_throttle.window_seconds = options.sign_in_window;
  if (options.integrity_check < 0 || options.integrity_check > 7 * 86400) {
    return Fail(Error::InvalidInput("--integrity-check must be 0 (never) to 604800 seconds"));
  }
  config.integrity_check_seconds = options.integrity_check;
  auto mail = MailSetupFrom(options.mail);
  if (!mail.ok()) return Fail(mail.error());
  if (*mail) {
    if (options.mail_interval < 1 || options.mail_interval > 86400) {
      return Fail(Error::InvalidInput("--mail-interval must be 1 to 86400 seconds"));
    }
    config.smtp = (*mail)->smtp;
    config.mail_from = (*mail)->from;
    config.mail_interval_seconds = options.mail_interval;
  }
  http::SiegelServer server(config);
  SignalWatcher watcher(server);  // before any server thread exists, so all inherit the mask
  auto port = server.Bind();
  if (!port.ok()) return Fail(port.error());
  // The mirror is complete before the server says it serves; it then follows every change.
  std::unique_ptr<publish::MirrorFollower> mirror;
  if (!options.publish_dir.empty()) {
    auto follower = publish::MirrorFollower::Start(config.data_dir, options.publish_dir);
    if (!follower.ok()) return Fail(follower.error());
    mirror = std::move(follower).value();
  }
  std::string scheme = options.tls_cert.empty() ? "http" : "https";
  // Tests read this line to learn the port when --listen asked for port 0.
  std::cout << "siegel: serving " << config.data_dir.string() << " on " << scheme << "://"
            << match[1].str() << ":" << *port << std::endl;
  bool ok = server.Run();
  std::cout << "siegel: stopped" << std::endl;
  return ok ? kExitOk : kExitRefused;
}

}  // namespace

void AddServeCommand(CLI::App& app, CliContext& context) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* cmd = app.add_subcommand("serve", "serve the public registry and API over HTTP");
  // Every option can also come from a SIEGEL_* variable (a flag wins), e.g. in a container.
  cmd->add_option("--listen", options->listen, "HOST:PORT to listen on (default 127.0.0.1:8080)")
      ->envname("SIEGEL_LISTEN");
  cmd->add_option("--tls-cert", options->tls_cert, "PEM certificate chain for HTTPS")
      ->envname("SIEGEL_TLS_CERT");
  cmd->add_option("--tls-key", options->tls_key, "PEM private key for HTTPS")
      ->envname("SIEGEL_TLS_KEY");
  cmd->add_option("--threads", options->threads,
                  "worker threads for verification and registry-wide reads (default 0: two per "
                  "core); event loops do all reading and writing and answer quick reads, and "
                  "the staff side has four workers of its own")
      ->envname("SIEGEL_THREADS");
  cmd->add_option("--max-connections", options->max_connections,
                  "connections open at once; beyond it a connection is answered 503 and closed "
                  "(default 10000)")
      ->envname("SIEGEL_MAX_CONNECTIONS");
  cmd->add_option("--event-loops", options->event_loops,
                  "event loops doing all reading, writing and TLS (default 0: two per core)")
      ->envname("SIEGEL_EVENT_LOOPS");
  cmd->add_option("--cache-max-age", options->cache_max_age,
                  "seconds clients may cache status lists and issuer documents (default 60)")
      ->envname("SIEGEL_CACHE_MAX_AGE");
  cmd->add_option("--access-log", options->access_log,
                  "JSON-lines access log: - (stderr, default), off, or a file")
      ->envname("SIEGEL_ACCESS_LOG");
  cmd->add_option("--verify-rate", options->verify_rate,
                  "verification requests per second and client address, 0 for no limit "
                  "(default 50; a batch counts as 10)")
      ->envname("SIEGEL_VERIFY_RATE");
  cmd->add_option("--verify-burst", options->verify_burst,
                  "verification requests an address may send at once (default 100)")
      ->envname("SIEGEL_VERIFY_BURST");
  cmd->add_option("--sign-in-failures-per-account", options->sign_in_per_account,
                  "failed staff sign-ins for one account within the window before 429 (default 5)")
      ->envname("SIEGEL_SIGN_IN_FAILURES_PER_ACCOUNT");
  cmd->add_option("--sign-in-failures-per-address", options->sign_in_per_address,
                  "failed staff sign-ins from one address within the window before 429 "
                  "(default 20)")
      ->envname("SIEGEL_SIGN_IN_FAILURES_PER_ADDRESS");
  cmd->add_option("--sign-in-window", options->sign_in_window,
                  "seconds a failed sign-in counts against the limits (default 900)")
      ->envname("SIEGEL_SIGN_IN_WINDOW");
  cmd->add_option("--integrity-check", options->integrity_check,
                  "seconds between reads of the whole database for damage, the first at start; "
                  "damage found stops every write and turns /healthz to 503 (default 3600, "
                  "0: never)")
      ->envname("SIEGEL_INTEGRITY_CHECK");
  AddMailOptions(cmd, options->mail);
  cmd->add_option("--mail-interval", options->mail_interval,
                  "seconds between rounds of reminders and notices, with --smtp-url (default 60)")
      ->envname("SIEGEL_MAIL_INTERVAL");
  cmd->add_option("--publish", options->publish_dir,
                  "keep a static mirror of the public side in DIR (as siegel publish writes it), "
                  "current within a second of every change")
      ->envname("SIEGEL_PUBLISH_DIR");
  cmd->callback([&context, options] {
    context.action = [&context, options] { return RunServe(context, *options); };
  });
}

}  // namespace siegel::cli
