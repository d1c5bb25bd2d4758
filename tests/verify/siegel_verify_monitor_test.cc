// The transparency log from the outside: siegel-verify --log and the monitor, against honest
// registries, rewritten histories and a busy writer.
#include <atomic>
#include <chrono>
#include <thread>

#include "tests/verify/verify_fixtures.h"

namespace siegel {
namespace {

TEST_F(LogMonitorTest, VerifyWithLogFindsTheCredentialAndItsStatusEvents) {
  auto logged = VerifyOnline({"--log", vkey_});
  EXPECT_EQ(logged.exit_code, 0) << logged.out << logged.err;
  EXPECT_TRUE(
      std::regex_match(logged.out, std::regex("VALID; status as of " + kTime +
                                              "; in the log: 1 entry under a checkpoint of 2\n")))
      << logged.out;
  ASSERT_TRUE(fixture_->registry().lifecycle().Suspend(id_, "under review", {"test"}).ok());
  auto jws = RunProcess({SIEGEL_VERIFY_BINARY, fixture_->Path("label.jwt"), "--online",
                         "--cache-dir", "off", "--log", vkey_});
  EXPECT_EQ(jws.exit_code, 1) << jws.err;
  EXPECT_TRUE(std::regex_match(jws.out, std::regex("SUSPENDED; status as of " + kTime +
                                                   "; in the log: 2 entries under a checkpoint "
                                                   "of 3\n")))
      << jws.out;

  // A log key that is not the registry's: nothing it signed can be trusted.
  std::string stranger =
      note::Verifier::ForKey(
          fixture_->registry().log().VerifierKey().value().substr(0, vkey_.find('+')),
          Ed25519PrivateKey::Generate()->public_key())
          ->Format();
  auto foreign = VerifyOnline({"--log", stranger});
  EXPECT_EQ(foreign.exit_code, 4);
  EXPECT_EQ(foreign.out,
            "INVALID: the registry's record of its issuance does not verify: checkpoint: the note "
            "carries no signature of a trusted key\n");
  // A credential the log never recorded (its issuance leaf rewritten to another digest).
  Sql("UPDATE log_entries SET leaf = replace(leaf, '\"credentialSha256\":\"', "
      "'\"credentialSha256\":\"00') WHERE certificate_id = ?",
      {id_});
  auto unlogged = VerifyOnline({"--log", vkey_});
  EXPECT_EQ(unlogged.exit_code, 4);
  EXPECT_EQ(unlogged.out.rfind("INVALID: the registry's record of its issuance does not verify: "
                               "entry 1: ",
                               0),
            0u)
      << unlogged.out;
  auto bad_key = VerifyOnline({"--log", "not-a-key"});
  EXPECT_EQ(bad_key.exit_code, 2);
}

TEST_F(LogMonitorTest, FollowsAConsistentLogRunAfterRun) {
  auto unpinned = Monitor("state");
  EXPECT_EQ(unpinned.exit_code, 2);
  EXPECT_NE(unpinned.err.find("the first run needs --log-key"), std::string::npos);
  auto first = Monitor("state", {"--log-key", vkey_});
  EXPECT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_EQ(first.out,
            "log: checkpoint of 2 entries verified; 2 new since the last run, 2 replayed\n"
            "OK: the log is consistent and the registry agrees with it (1 certificates)\n");
  ASSERT_TRUE(fixture_->registry().lifecycle().Suspend(id_, "under review", {"test"}).ok());
  IssueFor("second");
  ASSERT_TRUE(fixture_->registry().keys().RotateKey({"test"}).ok());
  auto next = Monitor("state");
  EXPECT_EQ(next.exit_code, 0) << next.out << next.err;
  EXPECT_EQ(next.out.substr(0, next.out.find('\n')),
            "log: checkpoint of 5 entries verified; 3 new since the last run, 3 replayed");
  EXPECT_EQ(Monitor("state", {"--full"}).exit_code, 0);
  auto other_key = Monitor("state", {"--log-key", "x.example/log+00000000+AQ=="});
  EXPECT_EQ(other_key.exit_code, 2);
  server_.reset();  // the registry is gone: nothing can be concluded
  auto unreachable = Monitor("state");
  EXPECT_EQ(unreachable.exit_code, 3);
  EXPECT_EQ(unreachable.out.rfind("UNREACHABLE: ", 0), 0u) << unreachable.out;
}

TEST_F(LogMonitorTest, ReportsAHistoricEntryRewrittenInTheDatabase) {
  IssueFor("second");
  ASSERT_EQ(Monitor("state", {"--log-key", vkey_}).exit_code, 0);
  // Only the stored entry is changed: the served entries no longer hash to the signed root.
  Sql("UPDATE log_entries SET leaf = replace(leaf, '\"time\":\"20', '\"time\":\"19') "
      "WHERE idx = 1");
  auto full = Monitor("state", {"--full"});
  EXPECT_EQ(full.exit_code, 4) << full.out << full.err;
  EXPECT_EQ(full.out,
            "LOG INCONSISTENT: entry 1 is not the entry seen there before: the history was "
            "rewritten\n");
  auto fresh = Monitor("fresh", {"--log-key", vkey_});
  EXPECT_EQ(fresh.exit_code, 4) << fresh.out;
  EXPECT_EQ(fresh.out.rfind("LOG INCONSISTENT: entry 1: the log entry's signature does not "
                            "verify with the log key",
                            0),
            0u)
      << fresh.out;
}

TEST_F(LogMonitorTest, ReportsALogWhoseHistoryWasRewrittenAndSignedAgain) {
  IssueFor("second");
  ASSERT_EQ(Monitor("state", {"--log-key", vkey_}).exit_code, 0);
  RewriteHistory(1);
  IssueFor("third");  // the registry signs a checkpoint over the rewritten tree
  auto forked = Monitor("state");
  EXPECT_EQ(forked.exit_code, 4) << forked.out << forked.err;
  EXPECT_EQ(forked.out.rfind("LOG INCONSISTENT: the checkpoint of 4 entries does not extend "
                             "the one of 3 seen before: the log was forked or its history "
                             "rewritten",
                             0),
            0u)
      << forked.out;
  // The state keeps the last good checkpoint: the next run reports the same again.
  EXPECT_EQ(Monitor("state").exit_code, 4);
}

TEST_F(LogMonitorTest, ReportsARegistryThatDisagreesWithItsLog) {
  ASSERT_EQ(Monitor("state", {"--log-key", vkey_}).exit_code, 0);
  // The credential served is swapped for another one, bypassing the log.
  std::string second = IssueFor("second");
  ASSERT_EQ(Monitor("state").exit_code, 0);
  Sql("UPDATE certificates SET credential_json = (SELECT credential_json FROM certificates "
      "WHERE id = ?) WHERE id = ?",
      {second, id_});
  auto swapped = Monitor("state", {"--full"});
  EXPECT_EQ(swapped.exit_code, 1) << swapped.out << swapped.err;
  // The registry itself notices and refuses to serve it (500, naming the record).
  EXPECT_NE(swapped.out.find("REGISTRY DISAGREES: " + id_ +
                             " is in the log but the registry cannot serve it: "),
            std::string::npos)
      << swapped.out;
  EXPECT_NE(swapped.out.find("the stored credential of " + id_ +
                             " differs from the one the transparency log records as issued"),
            std::string::npos)
      << swapped.out;
}

TEST_F(LogMonitorTest, NoFalseAlarmWhileAWriterWorks) {
  ASSERT_EQ(Monitor("state", {"--log-key", vkey_}).exit_code, 0);
  std::atomic<bool> stop{false};
  std::atomic<int> writes{0};
  std::atomic<int> runs_started{0};
  // At most six writes per monitor run: unpaced, a faster writer grew the log a --full run
  // reads, which slowed the runs, which let the writer grow it more (four minutes under ASan).
  constexpr int kWritesPerRun = 6;
  std::thread writer([&] {
    for (int n = 0; !stop;) {
      if (n >= kWritesPerRun * runs_started) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        continue;
      }
      bool ok = n % 3 == 2 ? !IssueFor("busy-" + std::to_string(n)).empty()
                : n % 3 == 0
                    ? fixture_->registry().lifecycle().Suspend(id_, "review", {"test"}).ok()
                    : fixture_->registry().lifecycle().Reinstate(id_, {"test"}).ok();
      EXPECT_TRUE(ok) << "write " << n;
      ++writes;
      ++n;
    }
  });
  std::vector<std::string> alarms;
  for (int run = 0; run < 8; ++run) {
    ++runs_started;
    auto monitored = Monitor("state", {"--full"});
    if (monitored.exit_code != 0) alarms.push_back(monitored.out + monitored.err);
  }
  stop = true;
  writer.join();
  EXPECT_GE(writes.load(), 8) << "the writer worked while the monitor ran";
  EXPECT_TRUE(alarms.empty()) << alarms.size() << " of 8 runs: " << alarms.front();
  // Once the writer stops, a real disagreement is still found.
  Sql("UPDATE certificates SET credential_json = '{}' WHERE id = ?", {id_});
  auto real = Monitor("state", {"--full"});
  EXPECT_EQ(real.exit_code, 1) << real.out << real.err;
  EXPECT_NE(real.out.find("REGISTRY DISAGREES: " + id_ + " is in the log but the registry "),
            std::string::npos)
      << real.out;
}

TEST_F(LogMonitorTest, ReportsRandomBytesInAStoredCredentialAsADisagreement) {
  std::string second = IssueFor("second");
  ASSERT_EQ(Monitor("state", {"--log-key", vkey_}).exit_code, 0);
  Sql("UPDATE certificates SET credential_json = CAST(randomblob(256) AS TEXT) WHERE id = ?",
      {second});
  auto damaged = Monitor("state", {"--full"});
  EXPECT_EQ(damaged.exit_code, 1) << damaged.out << damaged.err;  // not 3, unreachable
  EXPECT_NE(damaged.out.find("REGISTRY DISAGREES: " + second +
                             " is in the log but the registry "
                             "cannot serve it: "),
            std::string::npos)
      << damaged.out;
  EXPECT_NE(damaged.out.find("the stored credential of " + second + " does not parse"),
            std::string::npos)
      << damaged.out;
}

}  // namespace
}  // namespace siegel
