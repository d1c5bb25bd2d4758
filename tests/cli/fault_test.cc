// Faults an operator or a broken disk can cause while `siegel serve` runs, each made for real
// and each checked for what the server and the commands do next.
#include <SQLiteCpp/Database.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "registry/change_signal.h"
#include "registry/registry.h"
#include "tests/process_support.h"

namespace siegel {
namespace {

using testing::RunProcess;

class FaultTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = (dir_.path() / "data").string();
    ASSERT_EQ(Siegel({"init", "--base-url", "http://127.0.0.1:8080", "--allow-insecure-base-url",
                      "--without-four-eyes"})
                  .exit_code,
              0);
    ASSERT_EQ(Siegel({"initiative", "add", "--slug", "microtec", "--name", "microTEC"}).exit_code,
              0);
    auto issued = Siegel({"issue", "--initiative", "microtec", "--without-four-eyes"});
    ASSERT_EQ(issued.exit_code, 0) << issued.err;
    id_ = issued.out.substr(0, issued.out.size() - 1);
  }

  testing::ProcessResult Siegel(std::vector<std::string> args) {
    args.insert(args.begin(), SIEGEL_BINARY);
    args.push_back("--data");
    args.push_back(data_);
    return RunProcess(args);
  }

  void Serve() {
    server_ = std::make_unique<testing::ChildProcess>(std::vector<std::string>{
        SIEGEL_BINARY, "serve", "--listen", "127.0.0.1:0", "--access-log", "off", "--data", data_});
    std::smatch match;
    std::string line = server_->ReadLine();
    ASSERT_TRUE(std::regex_search(line, match, std::regex(R"(http://127\.0\.0\.1:(\d+))"))) << line;
    client_ = std::make_unique<httplib::Client>("127.0.0.1", std::stoi(match[1].str()));
  }

  // The certificate's status as the server says it now; "" when there is no answer.
  std::string Status() {
    auto res = client_->Get(("/api/v1/certificates/" + id_ + "/status").c_str());
    if (!res || res->status != 200) return "";
    return Json::parse(res->body).value("status", "");
  }

  std::filesystem::path Counter() const { return std::filesystem::path(data_) / kChangeSignalFile; }

  testing::TempDir dir_;
  std::string data_;
  std::string id_;
  std::unique_ptr<testing::ChildProcess> server_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(FaultTest, ATruncatedChangeCounterIsRecreatedAndServingGoesOn) {
  Serve();
  for (int i = 0; i < 40; ++i) ASSERT_EQ(Status(), "valid");
  std::filesystem::resize_file(Counter(), 0);
  for (int i = 0; i < 40; ++i) ASSERT_EQ(Status(), "valid") << "request " << i;
  EXPECT_EQ(std::filesystem::file_size(Counter()), sizeof(uint64_t)) << "recreated";
  // Changes by another process are served at once again.
  ASSERT_EQ(Siegel({"suspend", id_, "--reason", "review"}).exit_code, 0);
  EXPECT_EQ(Status(), "suspended");
  // And again, truncated while a command holds its mapping too.
  std::filesystem::resize_file(Counter(), 0);
  ASSERT_EQ(Siegel({"reinstate", id_}).exit_code, 0);
  EXPECT_EQ(Status(), "valid");
  EXPECT_EQ(server_->Terminate(), 0) << "the server was alive to the end";
}

TEST_F(FaultTest, ADeletedChangeCounterIsReplacedAndEveryChangeServedAtOnce) {
  Serve();
  ASSERT_EQ(Status(), "valid");
  std::filesystem::remove(Counter());
  int stale = 0;
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(Siegel({"suspend", id_, "--reason", "review " + std::to_string(i)}).exit_code, 0);
    if (Status() != "suspended") ++stale;
    ASSERT_EQ(Siegel({"reinstate", id_}).exit_code, 0);
    if (Status() != "valid") ++stale;
  }
  EXPECT_EQ(stale, 0) << "of 20 reads right after a change";
  EXPECT_TRUE(std::filesystem::exists(Counter()));
  EXPECT_EQ(server_->Terminate(), 0);
}

TEST_F(FaultTest, SiegelShowNamesADamagedRecordInsteadOfItsStatus) {
  {
    SQLite::Database db(data_ + "/registry.db", SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER IF EXISTS certificates_credential_immutable");
    db.exec("UPDATE certificates SET credential_json = CAST(randomblob(256) AS TEXT)");
  }
  for (const char* format : {"json", "vc", "jwt"}) {
    auto shown = Siegel({"show", id_, "--format", format});
    EXPECT_EQ(shown.exit_code, 1) << format;
    EXPECT_EQ(shown.out, "") << format;
    EXPECT_EQ(shown.err, "siegel: the stored credential of " + id_ +
                             " does not parse: the record is damaged; restore the registry from "
                             "a backup (siegel restore) and compare it with the transparency log "
                             "(siegel-verify monitor)\n")
        << format;
  }
}

TEST_F(FaultTest, ImplausibleOrEmptyDatesAreRefusedWithASentence) {
  struct Case {
    std::vector<std::string> args;
    std::string error;
  };
  const std::vector<Case> cases = {
      {{"--valid-from", "9999-12-31"},
       "siegel: the start of validity 9999-12-31 is not a plausible date: it must lie between "
       "2000-01-01 and 2099-12-31\n"},
      {{"--valid-from", "0000-01-01"},
       "siegel: the start of validity 0000-01-01 is not a plausible date: it must lie between "
       "2000-01-01 and 2099-12-31\n"},
      {{"--valid-until", "9999-01-01"},
       "siegel: the end of validity 9999-01-01 is not a plausible date: it must lie between "
       "2000-01-01 and 2099-12-31\n"},
      {{"--valid-from", ""},
       "siegel: --valid-from: is empty; give a date such as 2026-03-15, or leave the option out "
       "for its default\n(run siegel --help, or siegel COMMAND --help)\n"},
  };
  auto before = Siegel({"list", "--format", "json"});
  for (const Case& c : cases) {
    std::vector<std::string> args = {"issue", "--initiative", "microtec", "--without-four-eyes"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    auto issued = Siegel(args);
    EXPECT_EQ(issued.exit_code, 2) << c.args[1];
    EXPECT_EQ(issued.out, "");
    EXPECT_EQ(issued.err, c.error);
  }
  EXPECT_EQ(Siegel({"list", "--format", "json"}).out, before.out) << "nothing was issued";
}

TEST_F(FaultTest, AnErrorAboutTheLogKeyNamesTheLogKey) {
  std::filesystem::permissions(std::filesystem::path(data_) / "keys/log-key.pem",
                               std::filesystem::perms::others_read,
                               std::filesystem::perm_options::add);
  auto suspended = Siegel({"suspend", id_, "--reason", "review"});
  EXPECT_EQ(suspended.exit_code, 1);
  EXPECT_EQ(suspended.err.rfind("siegel: the transparency log's signing key file ", 0), 0u)
      << suspended.err;
  EXPECT_NE(suspended.err.find("is readable by other users; run: chmod 600"), std::string::npos);
}

TEST_F(FaultTest, ABackupOfADamagedDatabaseOrWithoutItsKeysFailsLoudly) {
  std::string backup = (dir_.path() / "backup.db").string();
  // A key the registry names is missing: a backup with keys would not sign again.
  std::filesystem::path key = std::filesystem::path(data_) / "keys/key-1.pem";
  std::filesystem::rename(key, dir_.path() / "key-1.pem");
  auto without_key = Siegel({"backup", backup});
  EXPECT_EQ(without_key.exit_code, 1);
  EXPECT_NE(without_key.err.find("the key file " + key.string() + " is missing"), std::string::npos)
      << without_key.err;
  EXPECT_FALSE(std::filesystem::exists(backup)) << "no half backup is left to be trusted";
  EXPECT_FALSE(std::filesystem::exists(backup + ".keys"));
  EXPECT_EQ(Siegel({"backup", backup, "--without-keys"}).exit_code, 0) << "as the advice says";
  std::filesystem::remove(backup);
  std::filesystem::rename(dir_.path() / "key-1.pem", key);

  // One page of the log zeroed, as a failing disk would.
  int64_t page = 0, page_size = 0;
  {
    SQLite::Database db(data_ + "/registry.db", SQLite::OPEN_READONLY);
    page =
        db.execAndGet("SELECT rootpage FROM sqlite_master WHERE name = 'log_entries'").getInt64();
    page_size = db.execAndGet("PRAGMA page_size").getInt64();
  }
  {
    std::fstream file(data_ + "/registry.db", std::ios::in | std::ios::out | std::ios::binary);
    file.seekp((page - 1) * page_size);
    std::string zeros(static_cast<size_t>(page_size), '\0');
    file.write(zeros.data(), page_size);
  }
  auto damaged = Siegel({"backup", backup});
  EXPECT_EQ(damaged.exit_code, 1);
  EXPECT_NE(damaged.err.find("the database is damaged (integrity check: "), std::string::npos)
      << damaged.err;
  EXPECT_FALSE(std::filesystem::exists(backup));
  // A write that reaches the damaged page is refused, saying what to do.
  auto suspended = Siegel({"suspend", id_, "--reason", "review"});
  EXPECT_EQ(suspended.exit_code, 1);
  EXPECT_EQ(suspended.err.rfind(
                "siegel: the registry database " + data_ + "/registry.db is damaged (", 0),
            0u)
      << suspended.err;
  EXPECT_NE(suspended.err.find("nothing was changed. Stop writing to it, do not back it up, and "
                               "restore the newest good backup (siegel restore)"),
            std::string::npos)
      << suspended.err;
}

// A page that no write touches (the staff sessions table's; the CLI never reads it): before,
// every write went on succeeding on a database whose integrity check failed. A check (siegel
// check, or the server's own at start and every hour) finds it, and from then on every write
// is refused, /healthz says damaged, reads still work; a check that finds the database sound
// again (a restored one) lifts it.
TEST_F(FaultTest, ADamagedPageNoWriteTouchesStopsEveryWriteOnceACheckFindsIt) {
  int64_t page = 0, page_size = 0;
  {
    SQLite::Database db(data_ + "/registry.db", SQLite::OPEN_READONLY);
    page = db.execAndGet("SELECT rootpage FROM sqlite_master WHERE name = 'sessions'").getInt64();
    page_size = db.execAndGet("PRAGMA page_size").getInt64();
  }
  {
    std::fstream file(data_ + "/registry.db", std::ios::in | std::ios::out | std::ios::binary);
    file.seekp((page - 1) * page_size);
    std::string zeros(static_cast<size_t>(page_size), '\0');
    file.write(zeros.data(), page_size);
  }
  auto checked = Siegel({"check"});
  EXPECT_EQ(checked.exit_code, 1);
  EXPECT_EQ(checked.err.rfind("siegel: the registry database " + data_ +
                                  "/registry.db is damaged (its integrity "
                                  "check at ",
                              0),
            0u)
      << checked.err;
  EXPECT_NE(checked.err.find("malformed"), std::string::npos) << checked.err;  // SQLite's words
  for (std::vector<std::string> write :
       {std::vector<std::string>{"suspend", id_, "--reason", "review"},
        {"revoke", id_, "--reason", "withdrawn"},
        {"initiative", "add", "--slug", "other", "--name", "Other"}}) {
    auto refused = Siegel(write);
    EXPECT_EQ(refused.exit_code, 1) << write[0];
    EXPECT_NE(refused.err.find("nothing can be changed in it. Stop writing to it, do not back it "
                               "up, and restore the newest good backup (siegel restore); siegel "
                               "check looks again"),
              std::string::npos)
        << refused.err;
  }
  auto shown = Siegel({"show", id_});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_EQ(Json::parse(shown.out)["status"], "valid") << "no write went through";

  // The server's own check finds it at start, without anyone running siegel check.
  std::filesystem::remove(std::filesystem::path(data_) / kDamageMarkerFile);
  Serve();
  std::string health;
  for (int i = 0; i < 100; ++i) {
    auto res = client_->Get("/healthz");
    if (res && res->status == 503) {
      health = res->body;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_FALSE(health.empty()) << "/healthz never said damaged";
  EXPECT_EQ(Json::parse(health)["status"], "damaged");
  EXPECT_EQ(Status(), "valid") << "reads still work";
  EXPECT_EQ(Siegel({"suspend", id_, "--reason", "review"}).exit_code, 1);
}

TEST_F(FaultTest, ACheckThatFindsTheDatabaseSoundLiftsAnOldFinding) {
  {
    std::ofstream marker(std::filesystem::path(data_) / kDamageMarkerFile);
    marker << "2026-01-01T00:00:00Z Page 9: btreeInitPage() returns error code 11\n";
  }
  auto refused = Siegel({"suspend", id_, "--reason", "review"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("integrity check at 2026-01-01T00:00:00Z Page 9"), std::string::npos)
      << refused.err;
  auto checked = Siegel({"check"});
  EXPECT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_EQ(checked.out, "the registry database in " + data_ + " is sound\n");
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::path(data_) / kDamageMarkerFile));
  EXPECT_EQ(Siegel({"suspend", id_, "--reason", "review"}).exit_code, 0);
}

// A rotation is all or nothing, and an encrypted registry never gets a key in clear.
TEST(KeyRotationFault, ARotationLeavesNoKeyFileUnlessItCommits) {
  testing::TempDir dir;
  std::string data = (dir.path() / "data").string();
  auto siegel = [&](std::vector<std::string> args, const std::string& passphrase) {
    args.insert(args.begin(), SIEGEL_BINARY);
    args.push_back("--data");
    args.push_back(data);
    std::vector<std::string> env;
    if (!passphrase.empty()) env.push_back("SIEGEL_KEY_PASSPHRASE=" + passphrase);
    return RunProcess(args, env);
  };
  ASSERT_EQ(siegel({"init", "--base-url", "http://127.0.0.1:8080", "--allow-insecure-base-url"},
                   "right secret")
                .exit_code,
            0);
  std::filesystem::path key2 = std::filesystem::path(data) / "keys/key-2.pem";

  auto unset = siegel({"keys", "rotate"}, "");
  EXPECT_EQ(unset.exit_code, 1);
  EXPECT_NE(unset.err.find("the registry's issuer keys are encrypted: set SIEGEL_KEY_PASSPHRASE"),
            std::string::npos)
      << unset.err;
  EXPECT_FALSE(std::filesystem::exists(key2));
  auto wrong = siegel({"keys", "rotate"}, "wrong secret");
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_FALSE(std::filesystem::exists(key2));

  // The transaction fails after the key file was written (an injected write failure).
  {
    SQLite::Database db(data + "/registry.db", SQLite::OPEN_READWRITE);
    db.exec(
        "CREATE TRIGGER injected_failure BEFORE UPDATE ON status_lists "
        "BEGIN SELECT RAISE(ABORT, 'disk full'); END");
  }
  auto failed = siegel({"keys", "rotate"}, "right secret");
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_NE(failed.err.find("disk full"), std::string::npos) << failed.err;
  EXPECT_FALSE(std::filesystem::exists(key2)) << "the key file went with the transaction";
  {
    SQLite::Database db(data + "/registry.db", SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER injected_failure");
  }
  // What an older version left behind does not block the next rotation.
  { std::ofstream(key2) << "left over\n"; }
  auto rotated = siegel({"keys", "rotate"}, "right secret");
  EXPECT_EQ(rotated.exit_code, 0) << rotated.err;
  std::filesystem::path key3 = std::filesystem::path(data) / "keys/key-3.pem";
  ASSERT_TRUE(std::filesystem::exists(key3));
  std::string first_line;
  std::getline(std::ifstream(key3), first_line);
  EXPECT_EQ(first_line, "-----BEGIN ENCRYPTED PRIVATE KEY-----");
  auto list = siegel({"keys", "list"}, "right secret");
  EXPECT_NE(list.out.find("key-3"), std::string::npos) << list.out;
}

// In one process: the mapping of a truncated file is replaced and the count continues in the
// file; a deleted file is replaced by the one the next writer creates.
TEST(ChangeSignalFault, TruncationAndDeletionAreSurvived) {
  testing::TempDir dir;
  auto signal = ChangeSignal::Open(dir.path());
  ASSERT_TRUE(signal.ok()) << signal.message();
  uint64_t before = (*signal)->Read();
  (*signal)->Bump();
  std::filesystem::path file = dir.path() / kChangeSignalFile;
  std::filesystem::resize_file(file, 0);
  EXPECT_EQ((*signal)->Read(), 0u) << "the zero page (SIGBUS without the handler)";
  (*signal)->Bump();
  EXPECT_EQ(std::filesystem::file_size(file), sizeof(uint64_t));
  uint64_t in_file = 0;
  std::ifstream(file, std::ios::binary).read(reinterpret_cast<char*>(&in_file), sizeof(in_file));
  EXPECT_EQ((*signal)->Read(), in_file) << "the bump went into the file mapped anew";
  EXPECT_NE(in_file, before + 1) << "a new file starts from a count nobody saw";

  std::filesystem::remove(file);
  {
    std::ofstream replacement(file, std::ios::binary);
    uint64_t seven = 7;
    replacement.write(reinterpret_cast<const char*>(&seven), sizeof(seven));
  }
  uint64_t seen = 0;
  for (int i = 0; i < 200 && seen != 7; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    seen = (*signal)->Read();
  }
  EXPECT_EQ(seen, 7u) << "the watcher saw the file replaced";
}

}  // namespace
}  // namespace siegel
