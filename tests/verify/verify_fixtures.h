// The fixtures of the siegel-verify tests: a registry that writes what a partner would
// download, a server on it for the online verifier, and the log monitor's tools.
#pragma once

#include <SQLiteCpp/Database.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <regex>
#include <thread>

#include "credential/ed25519.h"
#include "registry/change_signal.h"
#include "registry/registry.h"
#include "tests/process_support.h"
#include "transparency/signed_note.h"

namespace siegel {

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
    options.allow_insecure_base_url = true;  // served on 127.0.0.1
    options.status_list_ttl_seconds = status_list_ttl_seconds;
    registry_ = std::move(Registry::Create(dir / "data", options)).value();
    Initiative i;
    i.slug = "demo";
    i.name = "Grüne \"Zukunft\" <Cluster> 🚀";
    EXPECT_TRUE(registry_->records().AddInitiative(i, {"test"}).ok());
  }
  std::string IssueInto(const std::string& name, const std::string& slug = "demo") {
    IssueRequest request;
    request.initiative_slug = slug;
    auto c = registry_->lifecycle().Issue(request, {"test"});
    EXPECT_TRUE(c.ok()) << c.message();
    WriteFile(dir_ / (name + ".json"), c->credential_json);
    WriteFile(dir_ / (name + ".jwt"), c->credential_jws);
    return c->id;
  }
  void Publish() {
    WriteFile(dir_ / "did.json", registry_->keys().DidDocument()->dump());
    WriteFile(dir_ / "jwks.json", registry_->keys().Jwks()->dump());
    WriteFile(dir_ / "revocation.json",
              *registry_->status_lists().StatusListCredential("ce-bw", StatusPurpose::kRevocation));
    WriteFile(dir_ / "suspension.json",
              *registry_->status_lists().StatusListCredential("ce-bw", StatusPurpose::kSuspension));
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  Registry& registry() { return *registry_; }
  // "; status as of DATE", as a verdict from the published lists ends: the older list's date.
  std::string AsOf() const {
    std::string earliest;
    for (StatusPurpose purpose : kStatusPurposes) {
      std::string from = Json::parse(
          *registry_->status_lists().StatusListCredential("ce-bw", purpose))["validFrom"];
      if (earliest.empty() || from < earliest) earliest = from;
    }
    return "; status as of " + earliest;
  }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<Registry> registry_;
};

inline const std::string kTime = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";
inline const std::regex kValidNow("VALID; status as of " + kTime + "\n");

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

// The transparency log, from the outside: siegel-verify --log and the monitor.
class LogMonitorTest : public OnlineVerifyTest {
 protected:
  void SetUp() override {
    OnlineVerifyTest::SetUp();
    server_ = Serve();
    vkey_ = fixture_->registry().log().VerifierKey().value();
  }
  // A certificate for a new initiative of that name.
  std::string IssueFor(const std::string& slug) {
    Initiative i;
    i.slug = slug;
    i.name = "Initiative " + slug;
    EXPECT_TRUE(fixture_->registry().records().AddInitiative(i, {"test"}).ok());
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

}  // namespace siegel
