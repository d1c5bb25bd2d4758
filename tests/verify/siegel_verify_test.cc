// The real `siegel-verify` binary on fixtures made by a registry: every verdict, its exit
// code and its message, and no crash on anything.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "registry/change_signal.h"
#include "registry/registry.h"
#include "tests/process_support.h"

namespace siegel {
namespace {

using testing::FreePort;
using testing::RunProcess;
using testing::WriteFile;

// Writes what a partner would download from a registry: credentials, did.json, JWKS, lists.
class Fixture {
 public:
  Fixture(const std::filesystem::path& dir, const std::string& base_url,
          int64_t status_list_ttl_seconds = 60)
      : dir_(dir) {
    InitOptions options;
    options.four_eyes = false;  // one person signs, through Issue
    options.base_url = base_url;
    options.status_list_ttl_seconds = status_list_ttl_seconds;
    registry_ = std::move(Registry::Create(dir / "data", options)).value();
    Initiative i;
    i.slug = "demo";
    i.name = "Grüne \"Zukunft\" <Cluster> 🚀";
    EXPECT_TRUE(registry_->AddInitiative(i, {"test"}).ok());
  }
  std::string IssueInto(const std::string& name, const std::string& slug = "demo") {
    IssueRequest request;
    request.initiative_slug = slug;
    auto c = registry_->Issue(request, {"test"});
    EXPECT_TRUE(c.ok()) << c.message();
    WriteFile(dir_ / (name + ".json"), c->credential_json);
    WriteFile(dir_ / (name + ".jwt"), c->credential_jws);
    return c->id;
  }
  void Publish() {
    WriteFile(dir_ / "did.json", registry_->DidDocument()->dump());
    WriteFile(dir_ / "jwks.json", registry_->Jwks()->dump());
    WriteFile(dir_ / "revocation.json", *registry_->StatusListCredential("ce-bw", "revocation"));
    WriteFile(dir_ / "suspension.json", *registry_->StatusListCredential("ce-bw", "suspension"));
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  Registry& registry() { return *registry_; }
  // "; status as of DATE", as a verdict from the published lists ends: the older list's date.
  std::string AsOf() const {
    std::string earliest;
    for (const char* purpose : {"revocation", "suspension"}) {
      std::string from =
          Json::parse(*registry_->StatusListCredential("ce-bw", purpose))["validFrom"];
      if (earliest.empty() || from < earliest) earliest = from;
    }
    return "; status as of " + earliest;
  }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<Registry> registry_;
};

class SiegelVerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fixture_ = std::make_unique<Fixture>(dir_.path(), "https://labels.example.org");
    id_ = fixture_->IssueInto("label");
    fixture_->Publish();
  }
  testing::ProcessResult Verify(std::vector<std::string> args, bool with_lists = true) {
    args.insert(args.begin(), SIEGEL_VERIFY_BINARY);
    args.push_back("--trust");
    args.push_back(fixture_->Path("did.json"));
    if (with_lists) {
      for (const char* list : {"revocation.json", "suspension.json"}) {
        args.push_back("--status-list");
        args.push_back(fixture_->Path(list));
      }
    }
    return RunProcess(args);
  }

  testing::TempDir dir_;
  std::unique_ptr<Fixture> fixture_;
  std::string id_;
};

TEST_F(SiegelVerifyTest, ValidCredentialInBothForms) {
  auto json = Verify({fixture_->Path("label.json")});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(json.out, "VALID" + fixture_->AsOf() + "\n");
  auto jwt = Verify({fixture_->Path("label.jwt")});
  EXPECT_EQ(jwt.exit_code, 0) << jwt.err;
  EXPECT_EQ(jwt.out, "VALID" + fixture_->AsOf() + "\n");
  auto with_jwks =
      RunProcess({SIEGEL_VERIFY_BINARY, fixture_->Path("label.jwt"), "--trust",
                  fixture_->Path("jwks.json"), "--status-list", fixture_->Path("revocation.json"),
                  "--status-list", fixture_->Path("suspension.json")});
  EXPECT_EQ(with_jwks.out, "VALID" + fixture_->AsOf() + "\n");
}

TEST_F(SiegelVerifyTest, WithoutStatusListsTheStatusIsUncheckedExitThree) {
  auto result = Verify({fixture_->Path("label.json")}, /*with_lists=*/false);
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.out,
            "UNCHECKED: revocation status could not be checked: no status list was available\n");
}

TEST_F(SiegelVerifyTest, RevokedAndSuspended) {
  ASSERT_TRUE(fixture_->registry().Suspend(id_, "under review", {"test"}).ok());
  fixture_->Publish();
  auto suspended = Verify({fixture_->Path("label.json")});
  EXPECT_EQ(suspended.exit_code, 1);
  EXPECT_EQ(suspended.out, "SUSPENDED" + fixture_->AsOf() + "\n");
  ASSERT_TRUE(fixture_->registry().Revoke(id_, "withdrawn", {"test"}).ok());
  fixture_->Publish();
  auto revoked = Verify({fixture_->Path("label.jwt")});
  EXPECT_EQ(revoked.exit_code, 1);
  EXPECT_EQ(revoked.out, "REVOKED" + fixture_->AsOf() + "\n");
}

TEST_F(SiegelVerifyTest, EveryTamperedByteIsInvalidNeverACrash) {
  std::string original = testing::ReadFile(fixture_->Path("label.json"));
  int checked = 0;
  for (size_t i = 0; i < original.size(); i += 13) {
    std::string tampered = original;
    tampered[i] = static_cast<char>(tampered[i] ^ 0x02);
    WriteFile(fixture_->Path("tampered.json"), tampered);
    auto result = Verify({fixture_->Path("tampered.json")});
    // Whitespace between tokens is not signed; every other byte is.
    if (original[i] == ' ' || original[i] == '\n') continue;
    ASSERT_EQ(result.exit_code, 4) << "byte " << i << ": " << result.out << result.err;
    ASSERT_EQ(result.out.rfind("INVALID: ", 0), 0u) << "byte " << i << ": " << result.out;
    ++checked;
  }
  EXPECT_GT(checked, 50);
}

TEST_F(SiegelVerifyTest, CredentialFromAnotherIssuer) {
  testing::TempDir other_dir;
  Fixture other(other_dir.path(), "https://other-registry.example.net");
  other.IssueInto("foreign");
  auto result = Verify({other.Path("foreign.json")});
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_EQ(result.out,
            "INVALID: the credential was issued by did:web:other-registry.example.net, not by the "
            "trusted issuer "
            "did:web:labels.example.org\n");
}

TEST_F(SiegelVerifyTest, UnknownContext) {
  Json credential = Json::parse(testing::ReadFile(fixture_->Path("label.json")));
  credential["@context"].push_back("https://evil.example/context.jsonld");
  WriteFile(fixture_->Path("context.json"), credential.dump());
  auto result = Verify({fixture_->Path("context.json")});
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_EQ(result.out.rfind("INVALID: @context is not one of the accepted context lists", 0), 0u)
      << result.out;
}

TEST_F(SiegelVerifyTest, WrongKey) {
  Json did = Json::parse(testing::ReadFile(fixture_->Path("did.json")));
  did["verificationMethod"][0]["publicKeyMultibase"] =
      Ed25519PrivateKey::Generate()->public_key().Multikey();
  WriteFile(fixture_->Path("wrong-did.json"), did.dump());
  auto result = RunProcess({SIEGEL_VERIFY_BINARY, fixture_->Path("label.json"), "--trust",
                            fixture_->Path("wrong-did.json")});
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_EQ(result.out, "INVALID: the signature does not match the document\n");
}

TEST_F(SiegelVerifyTest, AtADateOutsideTheValidity) {
  auto before = Verify({fixture_->Path("label.json"), "--at", "2000-01-01"});
  EXPECT_EQ(before.exit_code, 1);
  EXPECT_EQ(before.out, "NOT YET VALID\n");
  auto after = Verify({fixture_->Path("label.json"), "--at", "2100-01-01T00:00:00Z"});
  EXPECT_EQ(after.out, "EXPIRED\n");
}

// A status list answers only from its own date, and an offline copy only for its ttl (60 s)
// and a day's grace: past that, the verdict is UNCHECKED, never VALID.
TEST_F(SiegelVerifyTest, AListSpeaksOnlyFromItsDateAndNotLongAfter) {
  UnixSeconds dated = *ParseDateTimeStamp(fixture_->AsOf().substr(15));
  auto before = Verify({fixture_->Path("label.json"), "--at", FormatDateTimeStamp(dated - 1)});
  if (dated - 1 >=
      *ParseDateTimeStamp(Json::parse(testing::ReadFile(fixture_->Path("label.json")))["validFrom"]
                              .get<std::string>())) {
    EXPECT_EQ(before.exit_code, 3) << before.out;
    EXPECT_EQ(before.out,
              "UNCHECKED: revocation status could not be checked: status list "
              "https://labels.example.org/status/ce-bw/revocation is from " +
                  FormatDateTimeStamp(dated) + " and cannot tell the status at " +
                  FormatDateTimeStamp(dated - 1) +
                  ": ask the registry's history (its API answers ?at=)\n");
  }
  auto last =
      Verify({fixture_->Path("label.json"), "--at", FormatDateTimeStamp(dated + 60 + 86400)});
  EXPECT_EQ(last.exit_code, 0) << last.out;
  auto stale =
      Verify({fixture_->Path("label.json"), "--at", FormatDateTimeStamp(dated + 60 + 86401)});
  EXPECT_EQ(stale.exit_code, 3);
  EXPECT_EQ(stale.out,
            "UNCHECKED: revocation status could not be checked: status list "
            "https://labels.example.org/status/ce-bw/revocation is from " +
                FormatDateTimeStamp(dated) +
                ", older than its ttl (60 s) and a day's grace allow: fetch a current "
                "one (siegel-verify --online)\n");
}

TEST_F(SiegelVerifyTest, SeveralFilesAndAJsonReport) {
  auto lines = Verify({fixture_->Path("label.json"), fixture_->Path("label.jwt")});
  EXPECT_EQ(lines.exit_code, 0);
  EXPECT_EQ(lines.out, fixture_->Path("label.json") + ": VALID" + fixture_->AsOf() + "\n" +
                           fixture_->Path("label.jwt") + ": VALID" + fixture_->AsOf() + "\n");
  auto json = Verify({fixture_->Path("label.json"), "--json"});
  Json report = Json::parse(json.out);
  ASSERT_EQ(report["results"].size(), 1u);
  EXPECT_EQ(report["results"][0]["status"], "valid");
  EXPECT_EQ(report["results"][0]["verified"], true);
  EXPECT_EQ(report["results"][0]["valid"], true);
  EXPECT_EQ("; status as of " + report["results"][0]["statusAsOf"].get<std::string>(),
            fixture_->AsOf());
  EXPECT_EQ(report["results"][0]["id"], "https://labels.example.org/certificates/" + id_);
}

TEST_F(SiegelVerifyTest, ParallelJobsKeepTheOrderAndTheVerdicts) {
  std::string original = testing::ReadFile(fixture_->Path("label.json"));
  std::vector<std::string> args;
  for (int i = 0; i < 200; ++i) {
    std::string name = "many-" + std::to_string(i) + ".json";
    std::string text = original;
    if (i % 7 == 3) text.replace(text.find("Zukunft"), 7, "Zukunfx");  // every 7th is forged
    WriteFile(fixture_->Path(name), text);
    args.push_back(fixture_->Path(name));
  }
  args.push_back("--jobs");
  args.push_back("1");
  auto sequential = Verify(args);
  args.back() = "4";
  auto parallel = Verify(args);
  EXPECT_EQ(sequential.exit_code, 4);  // forged: not authentic
  EXPECT_EQ(parallel.exit_code, 4);
  EXPECT_EQ(parallel.out, sequential.out);
  std::istringstream lines(parallel.out);
  std::string line;
  for (int i = 0; std::getline(lines, line); ++i) {
    EXPECT_EQ(line.rfind(fixture_->Path("many-" + std::to_string(i) + ".json"), 0), 0u) << line;
    EXPECT_EQ(line.find("INVALID") != std::string::npos, i % 7 == 3) << line;
  }
}

TEST_F(SiegelVerifyTest, InputErrorsExitTwo) {
  auto missing = Verify({fixture_->Path("nothing.json")});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "siegel-verify: cannot read " + fixture_->Path("nothing.json") + "\n");
  auto no_trust = RunProcess({SIEGEL_VERIFY_BINARY, fixture_->Path("label.json")});
  EXPECT_EQ(no_trust.exit_code, 2);
  EXPECT_NE(no_trust.err.find("--trust is required"), std::string::npos);
  auto bad_trust = RunProcess({SIEGEL_VERIFY_BINARY, fixture_->Path("label.json"), "--trust",
                               fixture_->Path("label.json")});
  EXPECT_EQ(bad_trust.exit_code, 2);
  Json list = Json::parse(testing::ReadFile(fixture_->Path("revocation.json")));
  list["credentialSubject"]["encodedList"] =
      "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA";
  WriteFile(fixture_->Path("forged-list.json"), list.dump());
  auto forged =
      RunProcess({SIEGEL_VERIFY_BINARY, fixture_->Path("label.json"), "--trust",
                  fixture_->Path("did.json"), "--status-list", fixture_->Path("forged-list.json")});
  EXPECT_EQ(forged.exit_code, 2);
  EXPECT_NE(forged.err.find("the signature does not match the document"), std::string::npos)
      << forged.err;
  auto bad_at = Verify({fixture_->Path("label.json"), "--at", "soon"});
  EXPECT_EQ(bad_at.exit_code, 2);
}

// Files after the first are read by the worker that verifies them: an unreadable one among
// good ones still gets its message (exit 2) and the others their verdicts, in order.
TEST_F(SiegelVerifyTest, UnreadableFilesAmongGoodOnesAreNamedAndTheRestVerified) {
  std::filesystem::create_directory(fixture_->Path("a-directory"));
  WriteFile(fixture_->Path("huge.json"), std::string((1 << 20) + 1, ' '));
  auto result = Verify({fixture_->Path("label.json"), fixture_->Path("nothing.json"),
                        fixture_->Path("a-directory"), fixture_->Path("huge.json"),
                        fixture_->Path("label.json")});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "siegel-verify: cannot read " + fixture_->Path("nothing.json") +
                            "\nsiegel-verify: cannot read " + fixture_->Path("a-directory") +
                            "\nsiegel-verify: " + fixture_->Path("huge.json") +
                            " is larger than 1 MiB; it is not a credential\n");
  EXPECT_EQ(result.out, fixture_->Path("label.json") + ": VALID" + fixture_->AsOf() + "\n" +
                            fixture_->Path("label.json") + ": VALID" + fixture_->AsOf() + "\n");
}

// A pipe has no size: it is read to its end (`siegel-verify <(curl ...)`).
TEST_F(SiegelVerifyTest, ReadsACredentialFromAPipe) {
  std::string fifo = fixture_->Path("pipe.json");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  std::string text = testing::ReadFile(fixture_->Path("label.json"));
  // The writer waits for siegel-verify to open the pipe, but not forever: a non-blocking
  // open fails (ENXIO) until a reader is there.
  std::thread writer([&] {
    int fd = -1;
    for (int tries = 0; fd < 0 && tries < 3000; ++tries) {
      fd = open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
      if (fd < 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    if (fd < 0) return;
    fcntl(fd, F_SETFL, 0);  // blocking writes from here on
    for (size_t done = 0; done < text.size();) {
      ssize_t n = write(fd, text.data() + done, text.size() - done);
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    close(fd);
  });
  auto result = Verify({fixture_->Path("label.json"), fifo});
  writer.join();
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, fixture_->Path("label.json") + ": VALID" + fixture_->AsOf() + "\n" + fifo +
                            ": VALID" + fixture_->AsOf() + "\n");
}

TEST_F(SiegelVerifyTest, GarbageFilesAreInvalid) {
  for (const std::string& garbage :
       {std::string(""), std::string("{"), std::string("\x00\x01\x02", 3), std::string("a.b.c"),
        std::string(5000, '['), std::string("[1,2,3]")}) {
    WriteFile(fixture_->Path("garbage"), garbage);
    auto result = Verify({fixture_->Path("garbage")});
    EXPECT_EQ(result.exit_code, 4) << garbage.substr(0, 20);
    EXPECT_EQ(result.out.rfind("INVALID: ", 0), 0u) << result.out;
  }
}

}  // namespace
}  // namespace siegel

#include <SQLiteCpp/Database.h>
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <regex>

#include "credential/ed25519.h"
#include "transparency/signed_note.h"

namespace siegel {
namespace {

const std::string kTime = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";
const std::regex kValidNow("VALID; status as of " + kTime + "\n");

class OnlineVerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    port_ = FreePort();
    fixture_ = std::make_unique<Fixture>(dir_.path(), "http://127.0.0.1:" + std::to_string(port_));
    id_ = fixture_->IssueInto("label");
  }
  std::unique_ptr<testing::ChildProcess> Serve(const std::string& cache_max_age = "60") {
    auto server = std::make_unique<testing::ChildProcess>(std::vector<std::string>{
        SIEGEL_BINARY, "serve", "--listen", "127.0.0.1:" + std::to_string(port_), "--access-log",
        "off", "--cache-max-age", cache_max_age, "--data", fixture_->Path("data")});
    std::string line = server->ReadLine();
    EXPECT_NE(line.find("serving"), std::string::npos) << line;
    return server;
  }
  testing::ProcessResult VerifyOnline(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {SIEGEL_VERIFY_BINARY, fixture_->Path("label.json"), "--online",
                                     "--cache-dir", fixture_->Path("cache")};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunProcess(args);
  }

  testing::TempDir dir_;
  int port_ = 0;
  std::unique_ptr<Fixture> fixture_;
  std::string id_;
};

TEST_F(OnlineVerifyTest, ResolvesTheIssuerAndStatusListsItself) {
  auto server = Serve();
  auto valid = VerifyOnline();
  EXPECT_EQ(valid.exit_code, 0) << valid.err;
  EXPECT_TRUE(std::regex_match(valid.out, kValidNow)) << valid.out;
  ASSERT_TRUE(fixture_->registry().Revoke(id_, "withdrawn", {"test"}).ok());
  auto revoked = VerifyOnline();  // the cached list is revalidated, and it changed
  EXPECT_EQ(revoked.exit_code, 1);
  // The server signs its lists itself, so their date is the server's second, not the fixture's.
  EXPECT_TRUE(std::regex_match(revoked.out, std::regex("REVOKED; status as of " + kTime + "\n")))
      << revoked.out;
  // A pinned issuer still works with --online: only the status lists are fetched.
  fixture_->Publish();
  auto pinned = VerifyOnline({"--trust", fixture_->Path("did.json")});
  EXPECT_TRUE(std::regex_match(pinned.out, std::regex("REVOKED; status as of " + kTime + "\n")))
      << pinned.out;
}

TEST_F(OnlineVerifyTest, UsesAFreshCacheWhenTheRegistryIsUnreachable) {
  std::string online;
  {
    auto server = Serve("60");
    online = VerifyOnline().out;
    EXPECT_TRUE(std::regex_match(online, kValidNow)) << online;
    // Revoked after that check: a verifier that cannot reach the registry does not know yet.
    ASSERT_TRUE(fixture_->registry().Revoke(id_, "withdrawn", {"test"}).ok());
    EXPECT_EQ(server->Terminate(), 0);
  }
  // Within the lists' max-age, the cached copies answer, and the verdict says how old what
  // it knows is: the time of the check before the revocation.
  auto offline = VerifyOnline();
  EXPECT_EQ(offline.exit_code, 0) << offline.err;
  EXPECT_EQ(offline.out, online);
}

TEST_F(OnlineVerifyTest, NeverValidOnAStaleCache) {
  // Status lists that say no copy of them may be used later (ttl 0).
  fixture_ = std::make_unique<Fixture>(dir_.path() / "ttl0",
                                       "http://127.0.0.1:" + std::to_string(port_), 0);
  id_ = fixture_->IssueInto("label");
  {
    auto server = Serve("0");
    std::string first = VerifyOnline().out;
    EXPECT_TRUE(std::regex_match(first, kValidNow)) << first;
    EXPECT_EQ(server->Terminate(), 0);
  }
  auto offline = VerifyOnline();
  EXPECT_EQ(offline.exit_code, 2);
  EXPECT_EQ(offline.out, "");
  EXPECT_TRUE(std::regex_search(
      offline.err, std::regex("cannot fetch the issuer document: http://127\\.0\\.0\\.1:\\d+/"
                              "\\.well-known/did\\.json could not be reached .* and the "
                              "cached copy is too old to rely on")))
      << offline.err;
  fixture_->Publish();
  auto pinned = VerifyOnline({"--trust", fixture_->Path("did.json")});
  EXPECT_EQ(pinned.exit_code, 3) << pinned.out << pinned.err;
  EXPECT_EQ(
      pinned.out.rfind("UNCHECKED: revocation status could not be checked: http://127.0.0.1:", 0),
      0u)
      << pinned.out;
}

// A forged credential sends siegel-verify to a hostile server: only what establishes trust
// (the issuer's document, bounded) is fetched; what the credential names is fetched only
// after its signature verified, so the hostile server's status lists are never asked for.
TEST_F(OnlineVerifyTest, FetchesNothingACredentialNamesBeforeItsSignatureVerified) {
  httplib::Server hostile;
  std::atomic<int> status_requests{0};
  int hostile_port = hostile.bind_to_any_port("127.0.0.1");
  std::string hostile_did = "did:web:127.0.0.1%3A" + std::to_string(hostile_port);
  Json did = {{"@context", {"https://www.w3.org/ns/did/v1"}},
              {"id", hostile_did},
              {"verificationMethod",
               {{{"id", hostile_did + "#key-1"},
                 {"type", "Multikey"},
                 {"controller", hostile_did},
                 {"publicKeyMultibase", Ed25519PrivateKey::Generate()->public_key().Multikey()}}}},
              {"assertionMethod", {hostile_did + "#key-1"}}};
  hostile.Get("/.well-known/did.json", [&did](const httplib::Request&, httplib::Response& res) {
    res.set_content(did.dump(), "application/did+json");
  });
  hostile.Get(R"(/status/.*)", [&status_requests](const httplib::Request&, httplib::Response& res) {
    ++status_requests;
    res.set_content(std::string(8 << 20, 'x'), "application/vc");
  });
  std::thread serving([&hostile] { hostile.listen_after_bind(); });
  // The registry's credential, claimed by the hostile issuer, its lists there too.
  std::string base = "http://127.0.0.1:" + std::to_string(hostile_port);
  std::string text = testing::ReadFile(fixture_->Path("label.json"));
  std::string registry_did = fixture_->registry().settings().did;
  std::string registry_base = fixture_->registry().settings().base_url;
  for (size_t at; (at = text.find(registry_did)) != std::string::npos;) {
    text.replace(at, registry_did.size(), hostile_did);
  }
  for (size_t at; (at = text.find(registry_base)) != std::string::npos;) {
    text.replace(at, registry_base.size(), base);
  }
  WriteFile(fixture_->Path("forged.json"), text);
  auto start = std::chrono::steady_clock::now();
  auto result = RunProcess(
      {SIEGEL_VERIFY_BINARY, fixture_->Path("forged.json"), "--online", "--cache-dir", "off"});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  hostile.stop();
  serving.join();
  EXPECT_EQ(result.exit_code, 4) << result.out << result.err;
  EXPECT_EQ(result.out, "INVALID: the signature does not match the document\n");
  EXPECT_EQ(status_requests.load(), 0);
  EXPECT_LT(seconds, 5.0);
}

TEST_F(OnlineVerifyTest, RefusesPlainHttpToARemoteHost) {
  testing::TempDir other;
  Fixture remote(other.path(), "http://labels.example.org");
  std::string remote_id = remote.IssueInto("remote");
  remote.Publish();
  auto result = RunProcess({SIEGEL_VERIFY_BINARY, remote.Path("remote.json"), "--online",
                            "--cache-dir", "off", "--trust", remote.Path("did.json")});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.out,
            "UNCHECKED: the registry could not be asked whether it issued this credential: "
            "refusing to fetch http://labels.example.org/api/v1/certificates/" +
                remote_id + "/log over plain http; the issuer must use https\n");
}

// The transparency log, from the outside: siegel-verify --log and the monitor.
class LogMonitorTest : public OnlineVerifyTest {
 protected:
  void SetUp() override {
    OnlineVerifyTest::SetUp();
    server_ = Serve();
    vkey_ = fixture_->registry().LogKey().value();
  }
  // A certificate for a new initiative of that name.
  std::string IssueFor(const std::string& slug) {
    Initiative i;
    i.slug = slug;
    i.name = "Initiative " + slug;
    EXPECT_TRUE(fixture_->registry().AddInitiative(i, {"test"}).ok());
    return fixture_->IssueInto(slug, slug);
  }
  testing::ProcessResult Monitor(const std::string& state, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {SIEGEL_VERIFY_BINARY, "monitor", fixture_->Path(state),
                                     "http://127.0.0.1:" + std::to_string(port_)};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunProcess(args);
  }
  // What an insider with write access to the database could do; the triggers that refuse
  // such changes are dropped first, as such an insider would.
  void Sql(const std::string& sql, const std::vector<std::string>& parameters = {}) {
    SQLite::Database db(fixture_->Path("data/registry.db"), SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER IF EXISTS log_entries_append_only_update");
    db.exec("DROP TRIGGER IF EXISTS certificates_credential_immutable");
    SQLite::Statement change(db, sql);
    for (size_t i = 0; i < parameters.size(); ++i)
      change.bind(static_cast<int>(i) + 1, parameters[i]);
    change.exec();
    db.exec("UPDATE generation SET value = value + 1");
    // As every writer does, so that the server reads the change at once rather than within
    // its one-second recheck.
    auto signal = ChangeSignal::Open(fixture_->Path("data"));
    ASSERT_TRUE(signal.ok()) << signal.message();
    (*signal)->Bump();
  }
  // Changes the time in the leaf of entry `index` (its issuance) and rebuilds the tree nodes
  // over the rewritten history, so new checkpoints sign the rewritten log.
  void RewriteHistory(int index) {
    SQLite::Database db(fixture_->Path("data/registry.db"), SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER IF EXISTS log_entries_append_only_update");
    std::vector<std::string> leaves;
    SQLite::Statement read(db, "SELECT leaf FROM log_entries ORDER BY idx");
    while (read.executeStep()) leaves.push_back(read.getColumn(0).getString());
    leaves[index].replace(leaves[index].find("\"time\":\"") + 8, 4, "1999");
    // Each entry keeps the nodes it completes; all of them are computed again.
    merkle::MemoryTree tree;
    for (uint64_t i = 0; i < leaves.size(); ++i) {
      Bytes nodes;
      merkle::Hash leaf_hash = merkle::LeafHash(leaves[i]);
      tree.Append(leaf_hash);
      Status s = merkle::AppendLeaf(i, leaf_hash, tree.Nodes(),
                                    [&nodes](int, uint64_t, const merkle::Hash& hash) {
                                      nodes.insert(nodes.end(), hash.begin(), hash.end());
                                    });
      ASSERT_TRUE(s.ok());
      SQLite::Statement update(db, "UPDATE log_entries SET leaf = ?, nodes = ? WHERE idx = ?");
      update.bind(1, leaves[i]);
      update.bind(2, nodes.data(), static_cast<int>(nodes.size()));
      update.bind(3, static_cast<int64_t>(i));
      update.exec();
    }
  }

  std::unique_ptr<testing::ChildProcess> server_;
  std::string vkey_;
};

TEST_F(LogMonitorTest, VerifyWithLogFindsTheCredentialAndItsStatusEvents) {
  auto logged = VerifyOnline({"--log", vkey_});
  EXPECT_EQ(logged.exit_code, 0) << logged.out << logged.err;
  EXPECT_TRUE(
      std::regex_match(logged.out, std::regex("VALID; status as of " + kTime +
                                              "; in the log: 1 entry under a checkpoint of 2\n")))
      << logged.out;
  ASSERT_TRUE(fixture_->registry().Suspend(id_, "under review", {"test"}).ok());
  auto jws = RunProcess({SIEGEL_VERIFY_BINARY, fixture_->Path("label.jwt"), "--online",
                         "--cache-dir", "off", "--log", vkey_});
  EXPECT_EQ(jws.exit_code, 1) << jws.err;
  EXPECT_TRUE(std::regex_match(jws.out, std::regex("SUSPENDED; status as of " + kTime +
                                                   "; in the log: 2 entries under a checkpoint "
                                                   "of 3\n")))
      << jws.out;

  // A log key that is not the registry's: nothing it signed can be trusted.
  std::string stranger =
      note::Verifier::ForKey(fixture_->registry().LogKey().value().substr(0, vkey_.find('+')),
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
  ASSERT_TRUE(fixture_->registry().Suspend(id_, "under review", {"test"}).ok());
  IssueFor("second");
  ASSERT_TRUE(fixture_->registry().RotateKey({"test"}).ok());
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
  std::thread writer([&] {
    for (int n = 0; !stop; ++n) {
      bool ok = n % 3 == 2   ? !IssueFor("busy-" + std::to_string(n)).empty()
                : n % 3 == 0 ? fixture_->registry().Suspend(id_, "review", {"test"}).ok()
                             : fixture_->registry().Reinstate(id_, {"test"}).ok();
      EXPECT_TRUE(ok) << "write " << n;
      ++writes;
    }
  });
  std::vector<std::string> alarms;
  for (int run = 0; run < 8; ++run) {
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
