// `siegel publish DIR`: the verifiers' documents and the transparency log (as C2SP tlog-tiles)
// in a static directory. The documents are the bytes the running registry answers; the log is
// read back as a client of the specification would (the checkpoint opened with the log key,
// the entries hashed into the level-0 tile, the root recomputed from them); a second
// publication rewrites nothing, and after a revocation only what it changed is written.
#include <gtest/gtest.h>
#include <httplib.h>

#include <regex>

#include "registry/registry.h"
#include "tests/process_support.h"
#include "transparency/signed_note.h"
#include "transparency/tiles.h"

namespace siegel {
namespace {

using testing::RunProcess;

class PublishTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = (dir_.path() / "data").string();
    out_ = dir_.path() / "mirror";
    ASSERT_EQ(Siegel({"init", "--base-url", "https://labels.example.org", "--without-four-eyes"})
                  .exit_code,
              0);
    ASSERT_EQ(
        Siegel({"initiative", "add", "--slug", "microtec-suedwest", "--name", "microTEC Südwest"})
            .exit_code,
        0);
    for (int i = 0; i < 3; ++i) {
      auto issued = Siegel({"issue", "--initiative", "microtec-suedwest", "--without-four-eyes",
                            "--valid-from", "202" + std::to_string(i * 2 + 1) + "-01-01",
                            "--valid-until", "202" + std::to_string(i * 2 + 3) + "-01-01"});
      ASSERT_EQ(issued.exit_code, 0) << issued.err;
      ids_.push_back(issued.out.substr(0, issued.out.size() - 1));
    }
  }
  testing::ProcessResult Siegel(std::vector<std::string> args) {
    args.insert(args.begin(), SIEGEL_BINARY);
    args.push_back("--data");
    args.push_back(data_);
    return RunProcess(args);
  }
  std::string Read(const std::string& relative) { return testing::ReadFile(out_ / relative); }

  // Opens the published checkpoint with the log's key and checks every entry against the
  // level-0 tile and the root; answers the tree size.
  uint64_t CheckMirror() {
    auto registry = Registry::OpenReadOnly(data_);
    EXPECT_TRUE(registry.ok()) << registry.message();
    auto verifier = note::Verifier::Parse((*registry)->log().VerifierKey().value());
    EXPECT_TRUE(verifier.ok());
    auto checkpoint = note::OpenCheckpoint(Read("log/checkpoint"), *verifier);
    EXPECT_TRUE(checkpoint.ok()) << checkpoint.message();
    if (!checkpoint.ok()) return 0;
    const uint64_t size = checkpoint->size;
    EXPECT_LT(size, 256u);
    const std::string width = ".p/" + std::to_string(size);
    std::string tile = Read("log/tile/0/000" + width);
    EXPECT_EQ(tile.size(), size * 32);
    auto entries = tiles::ReadEntryBundle(Read("log/tile/entries/000" + width));
    EXPECT_TRUE(entries.ok());
    EXPECT_EQ(entries->size(), size);
    merkle::MemoryTree tree;
    for (size_t i = 0; i < entries->size(); ++i) {
      merkle::Hash leaf = merkle::LeafHash((*entries)[i]);
      EXPECT_EQ(std::string(leaf.begin(), leaf.end()), tile.substr(i * 32, 32)) << "entry " << i;
      tree.Append(leaf);
    }
    EXPECT_EQ(tree.Root().value(), checkpoint->root);
    // The precompressed bundle sits beside it.
    EXPECT_TRUE(std::filesystem::exists(out_ / ("log/tile/entries/000" + width + ".gz")));
    return size;
  }

  testing::TempDir dir_;
  std::string data_;
  std::filesystem::path out_;
  std::vector<std::string> ids_;
};

TEST_F(PublishTest, TheLogIsPublishedAsTilesAClientCanCheckAndTwiceRewritesNothing) {
  // Documents (did, jwks, two status lists, context) with their .gz: 10; the log: tile,
  // entries and its .gz, checkpoint, key: 5.
  auto first = Siegel({"publish", out_.string()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_TRUE(std::regex_search(first.out, std::regex(": 15 file\\(s\\) written \\(\\d+ bytes\\), "
                                                      "0 unchanged\n$")))
      << first.out;
  uint64_t size = CheckMirror();
  EXPECT_GE(size, 3u);
  EXPECT_NE(Read("log/" + tiles::EntriesPath(0, static_cast<int>(size))).find(ids_[2]),
            std::string::npos);

  auto again = Siegel({"publish", out_.string()});
  EXPECT_TRUE(std::regex_search(again.out, std::regex(": 0 file\\(s\\) written \\(0 bytes\\), "
                                                      "9 unchanged\n$")))
      << again.out;

  // A revocation: both status lists (a revoked certificate is marked on the suspension list
  // too) with their .gz, and the checkpoint, the grown tile and its entries with the .gz.
  ASSERT_EQ(Siegel({"revoke", ids_[0], "--reason", "withdrawn"}).exit_code, 0);
  auto after = Siegel({"publish", out_.string()});
  EXPECT_TRUE(std::regex_search(after.out, std::regex(": 8 file\\(s\\) written"))) << after.out;
  EXPECT_EQ(CheckMirror(), size + 1);
  EXPECT_NE(Read("log/checkpoint").find("\n" + std::to_string(size + 1) + "\n"), std::string::npos);
}

TEST_F(PublishTest, ThePublishedDocumentsAreTheBytesTheRegistryServes) {
  ASSERT_EQ(Siegel({"publish", out_.string()}).exit_code, 0);
  testing::ChildProcess server(
      {SIEGEL_BINARY, "serve", "--listen", "127.0.0.1:0", "--access-log", "off", "--data", data_});
  std::string line = server.ReadLine();
  std::smatch match;
  ASSERT_TRUE(std::regex_search(line, match, std::regex(R"(http://127\.0\.0\.1:(\d+))"))) << line;
  httplib::Client client("127.0.0.1", std::stoi(match[1].str()));
  for (const char* path :
       {"/.well-known/did.json", "/.well-known/jwks.json", "/status/ce-bw/revocation",
        "/status/ce-bw/suspension", "/ns/siegel/v1", "/log/checkpoint", "/log/key"}) {
    auto res = client.Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path;
    EXPECT_EQ(Read(std::string(path).substr(1)), res->body) << path;
  }
  EXPECT_EQ(server.Terminate(), 0);
}

}  // namespace
}  // namespace siegel
