// siegel-verify --online against a running registry: it resolves the issuer and the status
// lists itself, caches them, never trusts a stale cache, and fetches nothing a credential
// names before its signature verified.
#include <fstream>

#include "tests/verify/verify_fixtures.h"

namespace siegel {
namespace {

TEST_F(OnlineVerifyTest, ResolvesTheIssuerAndStatusListsItself) {
  auto server = Serve();
  auto valid = VerifyOnline();
  EXPECT_EQ(valid.exit_code, 0) << valid.err;
  EXPECT_TRUE(std::regex_match(valid.out, kValidNow)) << valid.out;
  ASSERT_TRUE(fixture_->registry().lifecycle().Revoke(id_, "withdrawn", {"test"}).ok());
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

// The Open Badges 3.0 form (GET /api/v1/certificates/{id}/open-badge) is the credential the
// registry issued: online, siegel-verify compares its content with the one the registry serves
// and its log records. Its one entry, the suspension list's, sees a revocation.
TEST_F(OnlineVerifyTest, TakesTheOpenBadgeFormForTheIssuedCredential) {
  auto server = Serve();
  auto form = fixture_->registry().public_view().open_badge_forms().SignedForm(id_);
  ASSERT_TRUE(form.ok()) << form.message();
  std::ofstream(fixture_->Path("form.json")) << *form;
  std::vector<std::string> args = {SIEGEL_VERIFY_BINARY, fixture_->Path("form.json"), "--online",
                                   "--cache-dir", fixture_->Path("cache")};
  auto valid = RunProcess(args);
  EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;
  EXPECT_TRUE(std::regex_match(valid.out, kValidNow)) << valid.out;
  ASSERT_TRUE(fixture_->registry().lifecycle().Revoke(id_, "withdrawn", {"test"}).ok());
  auto revoked = RunProcess(args);
  EXPECT_EQ(revoked.exit_code, 1);
  EXPECT_TRUE(std::regex_match(revoked.out, std::regex("SUSPENDED; status as of " + kTime + "\n")))
      << revoked.out;
}

TEST_F(OnlineVerifyTest, UsesAFreshCacheWhenTheRegistryIsUnreachable) {
  std::string online;
  {
    auto server = Serve("60");
    online = VerifyOnline().out;
    EXPECT_TRUE(std::regex_match(online, kValidNow)) << online;
    // Revoked after that check: a verifier that cannot reach the registry does not know yet.
    ASSERT_TRUE(fixture_->registry().lifecycle().Revoke(id_, "withdrawn", {"test"}).ok());
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
  EXPECT_EQ(result.out,
            "INVALID: proof 1 (eddsa-jcs-2022): the signature does not match the document\n");
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

}  // namespace
}  // namespace siegel
