// Crash safety: four clients issue certificates through the staff API while the server is
// killed with SIGKILL at random moments and restarted. Every issuance the server acknowledged
// must survive: the certificate exists, verifies, sits at the status-list indexes its
// credential names, no index is used twice, and SQLite's integrity check passes.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <httplib.h>

#include <atomic>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <thread>

#include "credential/verifier.h"
#include "registry/registry.h"
#include "tests/process_support.h"

namespace siegel {
namespace {

using testing::RunProcess;

constexpr int kKills = 20;
constexpr int kClients = 4;

int ReadPort(testing::ChildProcess& server) {
  std::smatch match;
  std::string line = server.ReadLine();
  if (!std::regex_search(line, match, std::regex(R"(http://127\.0\.0\.1:(\d+))"))) return 0;
  return std::stoi(match[1].str());
}

TEST(CrashTest, AcknowledgedIssuancesSurviveSigkill) {
  testing::TempDir dir;
  std::string data = (dir.path() / "data").string();
  auto run = [&](std::vector<std::string> args, const std::string& input = "") {
    args.insert(args.begin(), SIEGEL_BINARY);
    args.push_back("--data");
    args.push_back(data);
    return RunProcess(args, {}, input);
  };
  // One client plays both issuers here, so four eyes is off from the start.
  ASSERT_EQ(run({"init", "--base-url", "http://127.0.0.1:8080", "--allow-insecure-base-url",
                 "--without-four-eyes"})
                .exit_code,
            0);
  ASSERT_EQ(run({"user", "add", "--username", "ada", "--name", "Ada", "--role", "admin"},
                "crash test password 1\n")
                .exit_code,
            0);
  auto token_run = run({"user", "token", "ada", "--name", "crash", "--expires",
                        FormatDateTimeStamp(NowUnixSeconds() + 86400).substr(0, 10)});
  ASSERT_EQ(token_run.exit_code, 0) << token_run.err;
  std::string token = token_run.out.substr(0, token_run.out.size() - 1);
  httplib::Headers auth = {{"Authorization", "Bearer " + token}};

  std::atomic<int> port{0};
  std::atomic<bool> stop{false};
  std::atomic<int> attempts{0};
  std::mutex acked_mutex;
  std::vector<std::string> acknowledged;

  // One client: initiative, assessment, proposal, approval; only a 200 approval counts.
  auto client_loop = [&](int client_number) {
    for (int n = 0; !stop; ++n) {
      int current = port;
      if (current == 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        continue;
      }
      ++attempts;
      httplib::Client http("127.0.0.1", current);
      http.set_connection_timeout(1);
      http.set_read_timeout(5);
      std::string slug = "crash-" + std::to_string(client_number) + "-" + std::to_string(n);
      auto post = [&](const std::string& path, const Json& body) -> Json {
        auto res = http.Post(path.c_str(), auth, body.dump(), "application/json");
        if (!res) return Json();  // killed mid-request: not acknowledged
        // Anything but success or the kill is a failure of the server, not of the test.
        EXPECT_LT(res->status, 500) << path << ": " << res->body;
        if (res->status != 200 && res->status != 201) return Json();
        return Json::parse(res->body);
      };
      if (post("/api/v1/admin/initiatives", {{"slug", slug}, {"name", slug}}).is_null()) continue;
      Json assessment = post("/api/v1/admin/assessments", {{"initiative", slug},
                                                           {"assessor", "ESCA"},
                                                           {"assessedFrom", "2026-01-05"},
                                                           {"assessedOn", "2026-01-09"}});
      if (assessment.is_null()) continue;
      Json proposal = post("/api/v1/admin/proposals", {{"assessment", assessment["id"]},
                                                       {"validFrom", "2026-02-01"},
                                                       {"validUntil", "2028-02-01"}});
      if (proposal.is_null()) continue;
      Json approved = post(
          "/api/v1/admin/proposals/" + std::to_string(proposal["id"].get<int64_t>()) + "/approve",
          Json::object());
      if (approved.is_null()) continue;
      std::lock_guard<std::mutex> lock(acked_mutex);
      acknowledged.push_back(approved["certificate"].get<std::string>());
    }
  };

  std::mt19937 random(20261128);
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) clients.emplace_back(client_loop, c);
  for (int kill = 0; kill <= kKills; ++kill) {
    auto server = std::make_unique<testing::ChildProcess>(std::vector<std::string>{
        SIEGEL_BINARY, "serve", "--listen", "127.0.0.1:0", "--access-log", "off", "--data", data});
    int announced = ReadPort(*server);
    ASSERT_GT(announced, 0) << "the server did not restart after kill " << kill;
    port = announced;
    std::this_thread::sleep_for(std::chrono::milliseconds(
        kill == kKills ? 800 : std::uniform_int_distribution<int>(150, 600)(random)));
    if (kill < kKills) {
      port = 0;
      server->Kill();  // SIGKILL, in the middle of whatever the clients were doing
    } else {
      stop = true;
      for (auto& t : clients) t.join();
      EXPECT_EQ(server->Terminate(), 0);
    }
  }

  std::cout << "crash test: " << kKills << " SIGKILLs, " << attempts << " issuance attempts, "
            << acknowledged.size() << " acknowledged" << std::endl;
  ASSERT_GT(acknowledged.size(), 10u) << "the test must actually issue under kills";

  auto registry = Registry::Open(data);
  ASSERT_TRUE(registry.ok()) << registry.message();
  auto trust = TrustedIssuer::FromDocument(*(*registry)->keys().DidDocument());
  ASSERT_TRUE(trust.ok());
  StatusListSet lists;
  for (StatusPurpose purpose : kStatusPurposes) {
    ASSERT_TRUE(
        lists.Add(*(*registry)->status_lists().StatusListCredential("ce-bw", purpose), *trust)
            .ok());
  }
  for (const std::string& id : acknowledged) {
    auto certificate = (*registry)->certificates().GetCertificate(id);
    ASSERT_TRUE(certificate.ok()) << "acknowledged " << id << " is lost";
    VerificationReport report =
        VerifyLabelCredential(certificate->credential_json, *trust,
                              VerificationInputs{&lists, nullptr, true}, NowUnixSeconds());
    EXPECT_EQ(report.state, CredentialState::kValid) << id << ": " << report.reason;
    Json credential = Json::parse(certificate->credential_json);
    for (const Json& entry : credential["credentialStatus"]) {
      uint64_t index = std::stoull(entry["statusListIndex"].get<std::string>());
      EXPECT_EQ(index, entry["statusPurpose"] == "revocation" ? certificate->revocation_index
                                                              : certificate->suspension_index)
          << id;
    }
  }
  SQLite::Database db(data + "/registry.db", SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("PRAGMA integrity_check").getString(), "ok");
  for (const char* column : {"revocation_index", "suspension_index"}) {
    SQLite::Statement twice(db, std::string("SELECT COUNT(*) FROM (SELECT ") + column +
                                    " FROM certificates GROUP BY programme_code, " + column +
                                    " HAVING COUNT(*) > 1)");
    twice.executeStep();
    EXPECT_EQ(twice.getColumn(0).getInt(), 0) << column << " used twice";
  }
}

}  // namespace
}  // namespace siegel
