// `siegel publish DIR`: the verifiers' documents and the transparency log (as C2SP tlog-tiles)
// in a static directory. The documents are the bytes the running registry answers; the log is
// read back as a client of the specification would (the checkpoint opened with the log key,
// the entries hashed into the level-0 tile, the root recomputed from them); a second
// publication rewrites nothing, and after a revocation only what it changed is written.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <map>
#include <regex>
#include <set>
#include <thread>

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

// Every file of the mirror with its bytes.
std::map<std::string, std::string> Snapshot(const std::filesystem::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    files[std::filesystem::relative(entry.path(), root).string()] = testing::ReadFile(entry.path());
  }
  return files;
}

std::map<std::string, std::filesystem::file_time_type> WriteTimes(
    const std::filesystem::path& root) {
  std::map<std::string, std::filesystem::file_time_type> times;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) {
      times[std::filesystem::relative(entry.path(), root).string()] = entry.last_write_time();
    }
  }
  return times;
}

TEST_F(PublishTest, TheLogIsPublishedAsTilesAClientCanCheckAndTwiceRewritesNothing) {
  auto first = Siegel({"publish", out_.string()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_TRUE(std::regex_search(
      first.out, std::regex(R"(\(everything: 3 certificate\(s\), \d+ address\(es\), )"
                            R"(the log up to \d+\): \d+ file\(s\) written \(\d+ )"
                            R"(bytes\), 0 unchanged\n$)")))
      << first.out;
  uint64_t size = CheckMirror();
  EXPECT_GE(size, 3u);
  EXPECT_NE(Read("log/" + tiles::EntriesPath(0, static_cast<int>(size))).find(ids_[2]),
            std::string::npos);

  // Nothing new since: no certificate rendered, nothing written, though the clock has moved
  // on (a byte that followed the clock, as the export's generatedAt once did, would show).
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  auto again = Siegel({"publish", out_.string()});
  EXPECT_TRUE(std::regex_search(
      again.out, std::regex(R"(\(what changed: 0 certificate\(s\), .*: 0 file\(s\) written \(0 )"
                            R"(bytes\), [1-9]\d* unchanged\n$)")))
      << again.out;
}

TEST_F(PublishTest, AfterARevocationOnlyWhatItChangedIsRenderedAndWritten) {
  ASSERT_EQ(Siegel({"publish", out_.string()}).exit_code, 0);
  const uint64_t size = CheckMirror();
  auto before = Snapshot(out_);
  auto times_before = WriteTimes(out_);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a rewrite shows in the time

  ASSERT_EQ(Siegel({"revoke", ids_[0], "--reason", "withdrawn"}).exit_code, 0);
  auto after_run = Siegel({"publish", out_.string()});
  ASSERT_EQ(after_run.exit_code, 0) << after_run.err;
  // The log names one certificate since the mirror's checkpoint: only it is rendered again.
  EXPECT_NE(after_run.out.find("(what changed: 1 certificate(s)"), std::string::npos)
      << after_run.out;
  EXPECT_EQ(CheckMirror(), size + 1);

  auto after = Snapshot(out_);
  auto times_after = WriteTimes(out_);
  std::set<std::string> changed, rewritten;
  for (const auto& [file, bytes] : after) {
    if (before.count(file) == 0 || before[file] != bytes) changed.insert(file);
    if (times_before.count(file) == 0 || times_before[file] != times_after[file]) {
      rewritten.insert(file);
    }
  }
  // What a revocation changes is there...
  for (const std::string& file : std::vector<std::string>{
           "status/ce-bw/revocation.vc", "status/ce-bw/revocation.vc.gz", "log/checkpoint",
           "api/v1/certificates/" + ids_[0] + "/status.json",
           "api/v1/certificates/" + ids_[0] + "/log.json", "certificates/" + ids_[0] + ".html",
           "en/certificates/" + ids_[0] + ".html", "badge/" + ids_[0] + ".svg", "feed.atom"}) {
    EXPECT_EQ(changed.count(file), 1u) << file;
  }
  EXPECT_NE(Read("certificates/" + ids_[0] + ".html").find("Widerrufen"), std::string::npos);
  // ...and only files whose bytes changed were written (the others keep their time).
  EXPECT_EQ(rewritten, changed);
  // The other certificates were not rendered, and their signed credentials never change.
  for (const std::string& file : std::vector<std::string>{
           "certificates/" + ids_[1] + ".html", "api/v1/certificates/" + ids_[1] + ".vc",
           "api/v1/certificates/" + ids_[0] + ".vc", "api/v1/certificates/" + ids_[0] + ".jwt"}) {
    EXPECT_EQ(changed.count(file), 0u) << file;
  }
  EXPECT_TRUE(std::regex_search(
      after_run.out, std::regex(": " + std::to_string(rewritten.size()) + " file\\(s\\) written")))
      << after_run.out << " but " << rewritten.size() << " files changed";
}

// The published files are what `siegel serve` answers at those URLs: bytes, and for pages the
// same bytes apart from the line saying it is a static copy.
TEST_F(PublishTest, ThePublishedFilesAreTheAnswersTheRegistryGives) {
  ASSERT_EQ(Siegel({"publish", out_.string()}).exit_code, 0);
  testing::ChildProcess server(
      {SIEGEL_BINARY, "serve", "--listen", "127.0.0.1:0", "--access-log", "off", "--data", data_});
  std::string line = server.ReadLine();
  std::smatch match;
  ASSERT_TRUE(std::regex_search(line, match, std::regex(R"(http://127\.0\.0\.1:(\d+))"))) << line;
  httplib::Client client("127.0.0.1", std::stoi(match[1].str()));
  const std::string id = ids_[1];
  struct Expected {
    std::string url, accept, file;
  };
  const std::vector<Expected> expected = {
      {"/.well-known/did.json", "", ".well-known/did.json"},
      {"/.well-known/jwks.json", "", ".well-known/jwks.json"},
      {"/status/ce-bw/revocation", "", "status/ce-bw/revocation.vc"},
      {"/status/ce-bw/suspension", "", "status/ce-bw/suspension.vc"},
      {"/ns/siegel/v1", "", "ns/siegel/v1.jsonld"},
      {"/log/checkpoint", "", "log/checkpoint"},
      {"/log/key", "", "log/key"},
      {"/api/v1/certificates/" + id, "", "api/v1/certificates/" + id + ".vc"},
      {"/api/v1/certificates/" + id, "application/vc+jwt", "api/v1/certificates/" + id + ".jwt"},
      {"/api/v1/certificates/" + id + "/log", "", "api/v1/certificates/" + id + "/log.json"},
      {"/api/v1/certificates/" + id + "/open-badge", "",
       "api/v1/certificates/" + id + "/open-badge.vc"},
      {"/badge/" + id + ".svg", "", "badge/" + id + ".svg"},
      {"/badge/" + id + ".svg?lang=en", "", "en/badge/" + id + ".svg"},
      {"/certificates/" + id + ".pdf", "", "certificates/" + id + ".pdf"},
      {"/initiatives/microtec-suedwest/badge/ce-bw.svg", "",
       "initiatives/microtec-suedwest/badge/ce-bw.svg"},
      {"/api/v1/initiatives/microtec-suedwest", "", "api/v1/initiatives/microtec-suedwest.json"},
      {"/api/openapi.json", "", "api/openapi.json"},
      {"/export.csv", "", "export.csv"},
      {"/feed.atom", "", "feed.atom"},
      {"/static/siegel.css", "", "static/siegel.css"},
      {"/certificates/" + id, "", "certificates/" + id + ".html"},
      {"/certificates/" + id + "?lang=en", "", "en/certificates/" + id + ".html"},
      {"/verify/" + id, "", "verify/" + id + ".html"},
      {"/initiatives/microtec-suedwest", "", "initiatives/microtec-suedwest.html"},
      {"/", "", "index.html"},
      {"/?lang=en", "", "en/index.html"},
      {"/log", "", "log.html"},
  };
  const std::regex notice(R"(\n  <p class="static-copy">[^\n]*</p>)");
  for (const Expected& e : expected) {
    httplib::Headers headers;
    if (!e.accept.empty()) headers.emplace("Accept", e.accept);
    auto res = client.Get(e.url, headers);
    ASSERT_TRUE(res) << e.url;
    EXPECT_EQ(res->status, 200) << e.url;
    ASSERT_TRUE(std::filesystem::exists(out_ / e.file)) << e.file;
    std::string file = Read(e.file);
    if (e.file.size() > 5 && e.file.substr(e.file.size() - 5) == ".html") {
      // A page says it is a copy, and of which state, in its language.
      EXPECT_NE(file.find(e.file.rfind("en/", 0) == 0 ? "A static copy of the registry"
                                                      : "Statische Kopie des Registers"),
                std::string::npos)
          << e.file;
      file = std::regex_replace(file, notice, "");
    }
    EXPECT_EQ(file, res->body) << e.url;
  }
  EXPECT_EQ(server.Terminate(), 0);
}

}  // namespace
}  // namespace siegel
