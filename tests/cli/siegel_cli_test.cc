// The real `siegel` binary: exit codes, exact messages, stdout contracts, and a running
// `siegel serve` that sees CLI changes at once.
#include <httplib.h>

#include <fstream>
#include <regex>
#include <set>

#include "base/json_strict.h"
#include "tests/process_support.h"

namespace siegel {
namespace {

using testing::RunProcess;

class SiegelCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = (dir_.path() / "data").string();
    auto init = Siegel({"init", "--base-url", "https://labels.example.org", "--without-four-eyes"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    ASSERT_EQ(
        Siegel({"initiative", "add", "--slug", "microtec-suedwest", "--name", "microTEC Südwest",
                "--legal-entity", "microTEC Südwest e.V.", "--sector", "Microsystems technology"})
            .exit_code,
        0);
  }
  testing::ProcessResult Siegel(std::vector<std::string> args, std::vector<std::string> env = {},
                                const std::string& input = "") {
    args.insert(args.begin(), SIEGEL_BINARY);
    args.push_back("--data");
    args.push_back(data_);
    return RunProcess(args, env, input);
  }
  std::string Issue() {
    auto issued = Siegel({"issue", "--initiative", "microtec-suedwest", "--assessed-on",
                          "2026-01-15", "--without-four-eyes"});
    EXPECT_EQ(issued.exit_code, 0) << issued.err;
    return issued.out.substr(0, issued.out.size() - 1);
  }

  testing::TempDir dir_;
  std::string data_;
};

TEST_F(SiegelCliTest, IssuePrintsOnlyTheNewIdOnStdout) {
  auto issued = Siegel({"issue", "--initiative", "microtec-suedwest", "--without-four-eyes"});
  EXPECT_EQ(issued.exit_code, 0) << issued.err;
  EXPECT_TRUE(std::regex_match(issued.out, std::regex(R"(CEBW-\d{4}-0001\n)"))) << issued.out;
  EXPECT_EQ(issued.err, "");
}

TEST_F(SiegelCliTest, RefusedOperationsExitOneWithOneClearSentence) {
  std::string id = Issue();
  EXPECT_EQ(Siegel({"revoke", id, "--reason", "board decision"}).out, id + " revoked\n");
  auto twice = Siegel({"revoke", id, "--reason", "again"});
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_TRUE(std::regex_match(twice.err,
                               std::regex("siegel: certificate " + id +
                                          " was already revoked on \\d{4}-\\d{2}-\\d{2} \\(board "
                                          "decision\\); revocation is final\n")))
      << twice.err;
  auto renew = Siegel({"renew", id, "--without-four-eyes"});
  EXPECT_EQ(renew.exit_code, 1);
  EXPECT_EQ(renew.err, "siegel: certificate " + id +
                           " is revoked and cannot be renewed; a new label needs a new assessment "
                           "and siegel issue\n");
  auto init_again = Siegel({"init", "--base-url", "https://labels.example.org"});
  EXPECT_EQ(init_again.exit_code, 1);
  EXPECT_EQ(init_again.err,
            "siegel: the data directory " + data_ + " is not empty; refusing to overwrite it\n");
}

TEST_F(SiegelCliTest, UsageAndInputErrorsExitTwo) {
  auto missing = Siegel({"issue"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("--initiative is required"), std::string::npos) << missing.err;
  EXPECT_EQ(Siegel({"frobnicate"}).exit_code, 2);
  auto unknown = Siegel({"show", "CEBW-1999-0001"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.err, "siegel: there is no certificate CEBW-1999-0001\n");
  auto bad_date =
      Siegel({"issue", "--initiative", "microtec-suedwest", "--valid-from", "1.3.2026"});
  EXPECT_EQ(bad_date.exit_code, 2);
  EXPECT_EQ(bad_date.err,
            "siegel: --valid-from: \"1.3.2026\" is not a date (2027-03-15) or a date-time "
            "(2027-03-15T12:00:00Z)\n");
  auto no_reason = Siegel({"suspend", "CEBW-2026-0001"});
  EXPECT_EQ(no_reason.exit_code, 2);
  auto no_registry = RunProcess({SIEGEL_BINARY, "list", "--data", (dir_.path() / "none").string()});
  EXPECT_EQ(no_registry.exit_code, 2);
  EXPECT_NE(no_registry.err.find("no registry in"), std::string::npos);
}

TEST_F(SiegelCliTest, InitRefusesAnAddressNoDidWebResolverCanResolveUnlessAllowed) {
  const std::string fresh = (dir_.path() / "fresh").string();
  auto refused = RunProcess({SIEGEL_BINARY, "init", "--base-url", "http://127.0.0.1:8080",
                             "--without-four-eyes", "--data", fresh});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("IP address 127.0.0.1"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("siegel init --allow-insecure-base-url"), std::string::npos)
      << refused.err;
  EXPECT_FALSE(std::filesystem::exists(fresh));
  auto http = RunProcess(
      {SIEGEL_BINARY, "init", "--base-url", "http://labels.example.org", "--data", fresh});
  EXPECT_EQ(http.exit_code, 2);
  EXPECT_NE(http.err.find("over HTTPS only"), std::string::npos) << http.err;
  EXPECT_FALSE(std::filesystem::exists(fresh));
  auto allowed = RunProcess({SIEGEL_BINARY, "init", "--base-url", "http://127.0.0.1:8080",
                             "--allow-insecure-base-url", "--data", fresh});
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
  EXPECT_NE(allowed.out.find("did:web:127.0.0.1%3A8080"), std::string::npos) << allowed.out;
}

TEST_F(SiegelCliTest, HelpWorksOnEveryCommand) {
  for (std::vector<std::string> command : {std::vector<std::string>{},
                                           {"init"},
                                           {"demo"},
                                           {"initiative", "add"},
                                           {"issue"},
                                           {"renew"},
                                           {"suspend"},
                                           {"reinstate"},
                                           {"revoke"},
                                           {"show"},
                                           {"list"},
                                           {"keys", "list"},
                                           {"serve"},
                                           {"export"}}) {
    command.insert(command.begin(), SIEGEL_BINARY);
    command.push_back("--help");
    auto help = RunProcess(command);
    EXPECT_EQ(help.exit_code, 0) << command[1];
    EXPECT_NE(help.out.find("Usage"), std::string::npos) << command[1];
  }
}

TEST_F(SiegelCliTest, ShowPrintsTheCredentialInEachFormat) {
  std::string id = Issue();
  auto vc = Siegel({"show", id, "--format", "vc"});
  ASSERT_EQ(vc.exit_code, 0);
  Json credential = Json::parse(vc.out);
  EXPECT_EQ(credential["proof"][0]["cryptosuite"], "eddsa-jcs-2022");
  EXPECT_EQ(credential["proof"][1]["cryptosuite"], "eddsa-rdfc-2022");
  EXPECT_EQ(credential["credentialSubject"]["name"], "microTEC Südwest");
  auto jwt = Siegel({"show", id, "--format", "jwt"});
  EXPECT_TRUE(
      std::regex_match(jwt.out, std::regex(R"([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\n)")));
  Json record = Json::parse(Siegel({"show", id}).out);
  EXPECT_EQ(record["status"], "valid");
  EXPECT_EQ(record["assessedOn"], "2026-01-15");
  EXPECT_EQ(record["history"][0]["event"], "issued");
}

TEST_F(SiegelCliTest, ExportsTheRegistryAsOpenData) {
  std::string id = Issue();
  auto csv = Siegel({"export", "--format", "csv"});
  EXPECT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("id,status,programme,", 0), 0u);
  EXPECT_NE(csv.out.find("\r\n" + id + ",valid,ce-bw,"), std::string::npos) << csv.out;
  Json json = Json::parse(Siegel({"export"}).out);
  EXPECT_EQ(json["certificates"][0]["initiative"]["legalEntity"], "microTEC Südwest e.V.");
  EXPECT_EQ(Siegel({"export", "--format", "xml"}).exit_code, 2);
}

TEST_F(SiegelCliTest, DataDirectoryFromTheEnvironment) {
  auto listed = RunProcess({SIEGEL_BINARY, "initiative", "list"}, {"SIEGEL_DATA=" + data_});
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(listed.out, "microtec-suedwest\tmicroTEC Südwest\n");
}

TEST_F(SiegelCliTest, ListFiltersByStatus) {
  std::string id = Issue();
  ASSERT_EQ(Siegel({"suspend", id, "--reason", "review"}).exit_code, 0);
  EXPECT_EQ(Siegel({"list", "--status", "valid"}).out, "");
  auto suspended = Siegel({"list", "--status", "suspended"});
  EXPECT_EQ(suspended.out.substr(0, id.size()), id);
  EXPECT_EQ(Siegel({"list", "--status", "nonsense"}).exit_code, 2);
}

TEST_F(SiegelCliTest, DemoHoldsCertificatesInEveryStatus) {
  std::string demo = (dir_.path() / "demo").string();
  auto created = RunProcess({SIEGEL_BINARY, "demo", "--data", demo});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_NE(created.out.find("FICTIONAL"), std::string::npos);
  Json all =
      Json::parse(RunProcess({SIEGEL_BINARY, "list", "--format", "json", "--data", demo}).out);
  std::set<std::string> statuses;
  bool has_renewal = false;
  for (const Json& c : all) {
    statuses.insert(c["status"].get<std::string>());
    has_renewal = has_renewal || c.contains("supersedes");
  }
  EXPECT_EQ(statuses,
            (std::set<std::string>{"valid", "expired", "not_yet_valid", "suspended", "revoked"}));
  EXPECT_TRUE(has_renewal);
  Json initiatives = Json::parse(
      RunProcess({SIEGEL_BINARY, "initiative", "list", "--format", "json", "--data", demo}).out);
  for (const Json& i : initiatives)
    EXPECT_NE(i["name"].get<std::string>().find("fiktiv"), std::string::npos);
}

TEST_F(SiegelCliTest, RunningServerAnswersWithTheNewStatusAtOnce) {
  std::string id = Issue();
  testing::ChildProcess server(
      {SIEGEL_BINARY, "serve", "--listen", "127.0.0.1:0", "--access-log", "off", "--data", data_});
  std::string line = server.ReadLine();
  std::smatch match;
  ASSERT_TRUE(std::regex_search(line, match, std::regex(R"(http://127\.0\.0\.1:(\d+))"))) << line;
  httplib::Client client("127.0.0.1", std::stoi(match[1].str()));
  auto status = [&] {
    return Json::parse(client.Get(("/api/v1/certificates/" + id + "/status").c_str())->body);
  };
  EXPECT_EQ(status()["status"], "valid");
  std::string list_before = client.Get("/status/ce-bw/revocation")->body;

  ASSERT_EQ(Siegel({"suspend", id, "--reason", "under review"}).exit_code, 0);
  EXPECT_EQ(status()["status"], "suspended");
  EXPECT_EQ(status()["suspensionReason"], "under review");
  ASSERT_EQ(Siegel({"revoke", id, "--reason", "withdrawn"}).exit_code, 0);
  EXPECT_EQ(status()["status"], "revoked");
  EXPECT_NE(client.Get("/status/ce-bw/revocation")->body, list_before);
  EXPECT_EQ(server.Terminate(), 0);
}

TEST_F(SiegelCliTest, SigtermFinishesCleanlyAndClosesTheDatabase) {
  testing::ChildProcess server(
      {SIEGEL_BINARY, "serve", "--listen", "127.0.0.1:0", "--access-log", "off", "--data", data_});
  std::string line = server.ReadLine();
  std::smatch match;
  ASSERT_TRUE(std::regex_search(line, match, std::regex(R"(http://127\.0\.0\.1:(\d+))"))) << line;
  httplib::Client client("127.0.0.1", std::stoi(match[1].str()));
  EXPECT_EQ(client.Get("/healthz")->status, 200);
  EXPECT_EQ(server.Terminate(), 0);
  EXPECT_EQ(server.ReadLine(), "siegel: stopped\n");
  // The last connection closed checkpoints the write-ahead log and removes it.
  EXPECT_FALSE(std::filesystem::exists(data_ + "/registry.db-wal"));
  EXPECT_FALSE(client.Get("/healthz")) << "nothing listens any more";
}

TEST_F(SiegelCliTest, SignInThrottleLimitsComeFromFlagsAndVariables) {
  ASSERT_EQ(Siegel({"user", "add", "--username", "a.schmidt", "--name", "A. Schmidt"}, {},
                   "correct horse 42\n")
                .exit_code,
            0);
  // The variable sets the account limit to 2; the flag sets the window.
  testing::ChildProcess server({"/usr/bin/env", "SIEGEL_SIGN_IN_FAILURES_PER_ACCOUNT=2",
                                SIEGEL_BINARY, "serve", "--listen", "127.0.0.1:0", "--access-log",
                                "off", "--sign-in-window", "600", "--data", data_});
  std::string line = server.ReadLine();
  std::smatch match;
  ASSERT_TRUE(std::regex_search(line, match, std::regex(R"(http://127\.0\.0\.1:(\d+))"))) << line;
  httplib::Client client("127.0.0.1", std::stoi(match[1].str()));
  auto sign_in = [&](const std::string& password) {
    return client.Post("/admin/sign-in",
                       httplib::Params{{"username", "a.schmidt"}, {"password", password}});
  };
  EXPECT_EQ(sign_in("wrong password 1")->status, 401);
  EXPECT_EQ(sign_in("wrong password 2")->status, 401);
  auto refused = sign_in("correct horse 42");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 429) << "the third attempt, even with the right password";
  int retry_after = std::stoi(refused->get_header_value("Retry-After"));
  EXPECT_GT(retry_after, 500);
  EXPECT_LE(retry_after, 600);
  EXPECT_EQ(server.Terminate(), 0);

  auto bad = Siegel({"serve", "--listen", "127.0.0.1:0", "--sign-in-window", "0"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--sign-in-window"), std::string::npos) << bad.err;
}

TEST_F(SiegelCliTest, ServeRefusesAKeyFileOthersMayRead) {
  std::filesystem::permissions(data_ + "/keys/key-1.pem", std::filesystem::perms::group_read,
                               std::filesystem::perm_options::add);
  auto refused = Siegel({"serve", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out;
  EXPECT_NE(refused.err.find("chmod 600"), std::string::npos) << refused.err;
  // The transparency log's key is held to the same rule.
  std::filesystem::permissions(data_ + "/keys/key-1.pem", std::filesystem::perms::group_read,
                               std::filesystem::perm_options::remove);
  std::filesystem::permissions(data_ + "/keys/log-key.pem", std::filesystem::perms::others_read,
                               std::filesystem::perm_options::add);
  auto log_key = Siegel({"serve", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(log_key.exit_code, 1) << log_key.out;
  EXPECT_NE(log_key.err.find("log-key.pem"), std::string::npos) << log_key.err;
}

TEST_F(SiegelCliTest, BackupWhileServingRestoresIntoANewDirectoryThatServesTheSameRegistry) {
  std::string id = Issue();
  testing::ChildProcess server(
      {SIEGEL_BINARY, "serve", "--listen", "127.0.0.1:0", "--access-log", "off", "--data", data_});
  std::smatch match;
  std::string line = server.ReadLine();
  ASSERT_TRUE(std::regex_search(line, match, std::regex(R"(http://127\.0\.0\.1:(\d+))")));
  httplib::Client original("127.0.0.1", std::stoi(match[1].str()));
  ASSERT_EQ(Siegel({"suspend", id, "--reason", "under review"}).exit_code, 0);
  std::string backup = (dir_.path() / "backup.db").string();
  auto made = Siegel({"backup", backup});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_EQ(Siegel({"backup", backup}).exit_code, 1) << "never overwrites a backup";
  EXPECT_TRUE(std::filesystem::exists(backup + ".keys/key-1.pem"));

  std::string restored = (dir_.path() / "restored").string();
  auto back = RunProcess({SIEGEL_BINARY, "restore", backup, "--data", restored});
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_EQ(std::filesystem::status(restored + "/keys/key-1.pem").permissions() &
                std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  EXPECT_EQ(RunProcess({SIEGEL_BINARY, "restore", backup, "--data", restored}).exit_code, 1)
      << "never restores over a registry";
  testing::ChildProcess copy({SIEGEL_BINARY, "serve", "--listen", "127.0.0.1:0", "--access-log",
                              "off", "--data", restored});
  line = copy.ReadLine();
  ASSERT_TRUE(std::regex_search(line, match, std::regex(R"(http://127\.0\.0\.1:(\d+))")));
  httplib::Client restored_client("127.0.0.1", std::stoi(match[1].str()));
  for (const std::string& path :
       {"/api/v1/certificates/" + id, std::string("/.well-known/did.json"),
        std::string("/status/ce-bw/suspension"), std::string("/api/v1/certificates?per_page=10")}) {
    EXPECT_EQ(restored_client.Get(path.c_str())->body, original.Get(path.c_str())->body) << path;
  }
  Json status =
      Json::parse(restored_client.Get(("/api/v1/certificates/" + id + "/status").c_str())->body);
  EXPECT_EQ(status["status"], "suspended");
  // The restored registry can sign: it has its key.
  EXPECT_EQ(RunProcess({SIEGEL_BINARY, "reinstate", id, "--data", restored}).exit_code, 0);
  EXPECT_EQ(copy.Terminate(), 0);
  EXPECT_EQ(server.Terminate(), 0);

  std::string damaged = (dir_.path() / "damaged.db").string();
  testing::WriteFile(damaged, "SQLite format 3 but not really");
  auto refused =
      RunProcess({SIEGEL_BINARY, "restore", damaged, "--data", (dir_.path() / "other").string()});
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_NE(refused.err.find("is not a Siegel backup"), std::string::npos) << refused.err;
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "other")) << "nothing half-made is left";
}

TEST_F(SiegelCliTest, UserCommandsReadPasswordsFromStandardInputOnly) {
  auto added =
      Siegel({"user", "add", "--username", "a.schmidt", "--name", "A. Schmidt", "--role", "admin"},
             {}, "correct horse 42\n");
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(added.out, "a.schmidt\n");
  auto weak = Siegel({"user", "add", "--username", "weak", "--name", "W"}, {}, "short\n");
  EXPECT_EQ(weak.exit_code, 2);
  EXPECT_EQ(weak.err, "siegel: the password must have at least 12 characters\n");
  auto none = Siegel({"user", "add", "--username", "none", "--name", "N"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("standard input"), std::string::npos) << none.err;
  auto again =
      Siegel({"user", "add", "--username", "a.schmidt", "--name", "X"}, {}, "correct horse 42\n");
  EXPECT_EQ(again.exit_code, 1) << again.err;

  auto token =
      Siegel({"user", "token", "a.schmidt", "--name", "nightly", "--expires", "2099-01-01"});
  EXPECT_EQ(token.exit_code, 2) << "more than a year ahead";
  EXPECT_EQ(Siegel({"user", "reset-password", "a.schmidt"}, {}, "another secret 7\n").exit_code, 0);
  auto list = Siegel({"user", "list"});
  EXPECT_NE(list.out.find("a.schmidt\tadmin\tactive\tA. Schmidt"), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find("secret"), std::string::npos);
  EXPECT_EQ(Siegel({"user", "disable", "a.schmidt"}).exit_code, 0);
  EXPECT_EQ(Siegel({"user", "disable", "a.schmidt"}).exit_code, 1) << "already disabled";
  EXPECT_EQ(Siegel({"user", "disable", "nobody"}).exit_code, 2);
}

TEST_F(SiegelCliTest, KeysRotateCompromiseAndReissue) {
  std::string id = Issue();
  auto rotated = Siegel({"keys", "rotate"});
  ASSERT_EQ(rotated.exit_code, 0) << rotated.err;
  EXPECT_EQ(rotated.out, "key-2\n");
  auto compromised = Siegel({"keys", "compromise", "key-1", "--since", "2020-01-01"});
  ASSERT_EQ(compromised.exit_code, 0) << compromised.err;
  EXPECT_EQ(compromised.out, id + "\n");
  EXPECT_NE(compromised.err.find("siegel keys reissue"), std::string::npos);
  auto keys = Siegel({"keys", "list"});
  EXPECT_NE(keys.out.find("key-1\tcompromised since"), std::string::npos) << keys.out;
  EXPECT_NE(keys.out.find("key-2\tactive"), std::string::npos) << keys.out;
  auto reissued = Siegel({"keys", "reissue", id});
  ASSERT_EQ(reissued.exit_code, 0) << reissued.err;
  EXPECT_EQ(reissued.out.rfind(id + " -> CEBW-", 0), 0u) << reissued.out;
  EXPECT_EQ(Siegel({"keys", "reissue", id}).exit_code, 1) << "the old one is revoked now";
  EXPECT_EQ(Siegel({"keys", "compromise", "key-1", "--since", "tomorrow"}).exit_code, 2);
}

}  // namespace
}  // namespace siegel

namespace siegel {
namespace {

// `siegel import initiatives`: a ministry's spreadsheet, as UTF-8 with ';' or Windows-1252 with
// ',', checked row by row first, imported only when every row is right, and idempotent.
class ImportTest : public SiegelCliTest {
 protected:
  std::string Write(const std::string& name, const std::string& bytes) {
    std::string path = (dir_.path() / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }
  Json Show(const std::string& slug) {
    auto shown = Siegel({"initiative", "show", slug});
    EXPECT_EQ(shown.exit_code, 0) << shown.err;
    return Json::parse(shown.out);
  }
};

TEST_F(ImportTest, ADryRunSaysWhatWouldHappenAndTheImportDoesItOnce) {
  std::string file =
      Write("holders.csv",
            "\xEF\xBB\xBFKurzname;Name;Rechtstr\xC3\xA4ger;Region;Technologiefelder\n"
            "holz-bw;Forum Holz BW;Forum Holz e.V.;Regierungsbezirk Stuttgart;"
            "Forst und Holz|Wasserstoff\n"
            "\"photonik-bw\";\"Photonik BW; das Netz\";;;Photonics\n");
  auto dry = Siegel({"import", "initiatives", file, "--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_EQ(dry.out, file +
                         ": 2 rows, UTF-8, ';'-separated\n"
                         "row 2: create holz-bw (Forum Holz BW)\n"
                         "row 3: create photonik-bw (Photonik BW; das Netz)\n"
                         "2 to create, 0 to update, 0 unchanged, 0 with errors\n"
                         "dry run: nothing was changed\n");
  EXPECT_EQ(Siegel({"initiative", "show", "holz-bw"}).exit_code, 2) << "nothing created";

  auto imported = Siegel({"import", "initiatives", file});
  EXPECT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("imported: 2 created, 0 updated\n"), std::string::npos);
  Json holz = Show("holz-bw");
  EXPECT_EQ(holz["legalEntity"], "Forum Holz e.V.");
  EXPECT_EQ(holz["region"], "Regierungsbezirk Stuttgart");
  EXPECT_EQ(holz["technologyFields"], Json::array({"Forestry and timber", "Hydrogen"})) << holz;
  EXPECT_EQ(Show("photonik-bw")["name"], "Photonik BW; das Netz");

  auto again = Siegel({"import", "initiatives", file});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("row 2: unchanged holz-bw\nrow 3: unchanged photonik-bw\n"
                           "0 to create, 0 to update, 2 unchanged, 0 with errors\n"),
            std::string::npos)
      << again.out;
}

TEST_F(ImportTest, AWindowsSpreadsheetUpdatesOnlyTheColumnsItHas) {
  // Windows-1252: ü is 0xFC; a comma inside quotes stays in the field.
  std::string file = Write("excel.csv",
                           "slug,name,region\r\n"
                           "microtec-suedwest,\"microTEC S\xFC"
                           "dwest, Freiburg\",Regierungsbezirk "
                           "Freiburg\r\n");
  auto imported = Siegel({"import", "initiatives", file});
  EXPECT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find(": 1 rows, Windows-1252, ','-separated\nrow 2: update "
                              "microtec-suedwest (microTEC Südwest, Freiburg)\n"),
            std::string::npos)
      << imported.out;
  Json microtec = Show("microtec-suedwest");
  EXPECT_EQ(microtec["name"], "microTEC Südwest, Freiburg");
  EXPECT_EQ(microtec["region"], "Regierungsbezirk Freiburg");
  EXPECT_EQ(microtec["legalEntity"], "microTEC Südwest e.V.") << "a column not in the file stays";
}

TEST_F(ImportTest, OneWrongRowStopsTheWholeFileAndSaysWhich) {
  std::string file = Write("wrong.csv",
                           "slug;name;region\n"
                           "gut-bw;Gut BW;Regierungsbezirk Tübingen\n"
                           "frei-bw;Frei BW;Karlsruhe\n"
                           "gut-bw;Noch einmal;\n"
                           ";Ohne Kurzname;\n");
  auto refused = Siegel({"import", "initiatives", file});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.out.find("row 3: error: region \"Karlsruhe\" is not one of Regierungsbezirk "
                             "Stuttgart, Regierungsbezirk Karlsruhe"),
            std::string::npos)
      << refused.out;
  EXPECT_NE(refused.out.find("row 4: error: the short name gut-bw is in the file twice\n"),
            std::string::npos);
  EXPECT_NE(refused.out.find("row 5: error: initiative slug \"\" must be"), std::string::npos);
  EXPECT_EQ(refused.err, "siegel: 3 rows are wrong (above); nothing was imported\n");
  EXPECT_EQ(Siegel({"initiative", "show", "gut-bw"}).exit_code, 2) << "not even the right row";

  auto column = Siegel({"import", "initiatives", Write("columns.csv", "slug;name;Telefon\n")});
  EXPECT_EQ(column.exit_code, 2);
  EXPECT_NE(column.err.find("the column \"Telefon\" is not one Siegel imports"), std::string::npos)
      << column.err;
  auto broken = Siegel({"import", "initiatives", Write("broken.csv", "slug;name\n\"a;b\n")});
  EXPECT_EQ(broken.exit_code, 2);
  EXPECT_NE(broken.err.find("is not readable as CSV"), std::string::npos) << broken.err;
}

}  // namespace
}  // namespace siegel
