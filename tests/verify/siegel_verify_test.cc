// The real `siegel-verify` binary on fixtures made by a registry: every verdict, its exit
// code and its message, and no crash on anything.
#include "registry/registry.h"
#include "tests/process_support.h"

namespace siegel {
namespace {

using testing::RunProcess;
using testing::WriteFile;

// Writes what a partner would download from a registry: credentials, did.json, JWKS, lists.
class Fixture {
 public:
  Fixture(const std::filesystem::path& dir, const std::string& base_url) : dir_(dir) {
    InitOptions options;
    options.base_url = base_url;
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
  EXPECT_EQ(json.out, "VALID\n");
  auto jwt = Verify({fixture_->Path("label.jwt")});
  EXPECT_EQ(jwt.exit_code, 0) << jwt.err;
  EXPECT_EQ(jwt.out, "VALID\n");
  auto with_jwks =
      RunProcess({SIEGEL_VERIFY_BINARY, fixture_->Path("label.jwt"), "--trust",
                  fixture_->Path("jwks.json"), "--status-list", fixture_->Path("revocation.json"),
                  "--status-list", fixture_->Path("suspension.json")});
  EXPECT_EQ(with_jwks.out, "VALID\n");
}

TEST_F(SiegelVerifyTest, WithoutStatusListsTheStatusIsUncheckedExitThree) {
  auto result = Verify({fixture_->Path("label.json")}, /*with_lists=*/false);
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(
      result.out,
      "STATUS UNKNOWN: revocation status could not be checked: no status list was available\n");
}

TEST_F(SiegelVerifyTest, RevokedAndSuspended) {
  ASSERT_TRUE(fixture_->registry().Suspend(id_, "under review", {"test"}).ok());
  fixture_->Publish();
  auto suspended = Verify({fixture_->Path("label.json")});
  EXPECT_EQ(suspended.exit_code, 1);
  EXPECT_EQ(suspended.out, "SUSPENDED\n");
  ASSERT_TRUE(fixture_->registry().Revoke(id_, "withdrawn", {"test"}).ok());
  fixture_->Publish();
  auto revoked = Verify({fixture_->Path("label.jwt")});
  EXPECT_EQ(revoked.exit_code, 1);
  EXPECT_EQ(revoked.out, "REVOKED\n");
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
    ASSERT_EQ(result.exit_code, 1) << "byte " << i << ": " << result.out << result.err;
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
  EXPECT_EQ(result.exit_code, 1);
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
  EXPECT_EQ(result.exit_code, 1);
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
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "INVALID: the signature does not match the document\n");
}

TEST_F(SiegelVerifyTest, AtADateOutsideTheValidity) {
  auto before = Verify({fixture_->Path("label.json"), "--at", "2000-01-01"});
  EXPECT_EQ(before.exit_code, 1);
  EXPECT_EQ(before.out, "NOT YET VALID\n");
  auto after = Verify({fixture_->Path("label.json"), "--at", "2100-01-01T00:00:00Z"});
  EXPECT_EQ(after.out, "EXPIRED\n");
}

TEST_F(SiegelVerifyTest, SeveralFilesAndAJsonReport) {
  auto lines = Verify({fixture_->Path("label.json"), fixture_->Path("label.jwt")});
  EXPECT_EQ(lines.exit_code, 0);
  EXPECT_EQ(lines.out,
            fixture_->Path("label.json") + ": VALID\n" + fixture_->Path("label.jwt") + ": VALID\n");
  auto json = Verify({fixture_->Path("label.json"), "--json"});
  Json report = Json::parse(json.out);
  ASSERT_EQ(report["results"].size(), 1u);
  EXPECT_EQ(report["results"][0]["status"], "valid");
  EXPECT_EQ(report["results"][0]["verified"], true);
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
  EXPECT_EQ(sequential.exit_code, 1);
  EXPECT_EQ(parallel.exit_code, 1);
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

TEST_F(SiegelVerifyTest, GarbageFilesAreInvalid) {
  for (const std::string& garbage :
       {std::string(""), std::string("{"), std::string("\x00\x01\x02", 3), std::string("a.b.c"),
        std::string(5000, '['), std::string("[1,2,3]")}) {
    WriteFile(fixture_->Path("garbage"), garbage);
    auto result = Verify({fixture_->Path("garbage")});
    EXPECT_EQ(result.exit_code, 1) << garbage.substr(0, 20);
    EXPECT_EQ(result.out.rfind("INVALID: ", 0), 0u) << result.out;
  }
}

}  // namespace
}  // namespace siegel

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <regex>

namespace siegel {
namespace {

// A port that was free a moment ago: the registry's did:web must name the port it is served on.
int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t size = sizeof(address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
  close(fd);
  return ntohs(address.sin_port);
}

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
  EXPECT_EQ(valid.out, "VALID\n");
  ASSERT_TRUE(fixture_->registry().Revoke(id_, "withdrawn", {"test"}).ok());
  auto revoked = VerifyOnline();  // the cached list is revalidated, and it changed
  EXPECT_EQ(revoked.exit_code, 1);
  EXPECT_EQ(revoked.out, "REVOKED\n");
  // A pinned issuer still works with --online: only the status lists are fetched.
  fixture_->Publish();
  auto pinned = VerifyOnline({"--trust", fixture_->Path("did.json")});
  EXPECT_EQ(pinned.out, "REVOKED\n");
}

TEST_F(OnlineVerifyTest, UsesAFreshCacheWhenTheRegistryIsUnreachable) {
  {
    auto server = Serve("60");
    EXPECT_EQ(VerifyOnline().out, "VALID\n");
    EXPECT_EQ(server->Terminate(), 0);
  }
  auto offline = VerifyOnline();
  EXPECT_EQ(offline.exit_code, 0) << offline.err;
  EXPECT_EQ(offline.out, "VALID\n");
}

TEST_F(OnlineVerifyTest, NeverValidOnAStaleCache) {
  {
    auto server = Serve("0");
    EXPECT_EQ(VerifyOnline().out, "VALID\n");
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
  EXPECT_EQ(pinned.out.rfind(
                "STATUS UNKNOWN: revocation status could not be checked: http://127.0.0.1:", 0),
            0u)
      << pinned.out;
}

TEST_F(OnlineVerifyTest, RefusesPlainHttpToARemoteHost) {
  testing::TempDir other;
  Fixture remote(other.path(), "http://labels.example.org");
  remote.IssueInto("remote");
  remote.Publish();
  auto result = RunProcess({SIEGEL_VERIFY_BINARY, remote.Path("remote.json"), "--online",
                            "--cache-dir", "off", "--trust", remote.Path("did.json")});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(result.out,
            "STATUS UNKNOWN: revocation status could not be checked: refusing to fetch "
            "http://labels.example.org/status/ce-bw/revocation over plain http; the issuer must "
            "use https\n");
}

}  // namespace
}  // namespace siegel
