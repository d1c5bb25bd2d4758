// Reading a registry where nothing can be written: a small filesystem the test mounts (tmpfs)
// and fills to the last byte, or remounts read-only. Without --read-only every read failed
// (`disk I/O error`, a 3-byte -shm left behind; `serve` could not start); with it, the reads
// and the public server work and every write is refused with a sentence, the data untouched.
#include <httplib.h>
#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>

#include "registry/registry.h"
#include "tests/process_support.h"

namespace siegel {
namespace {

using testing::RunProcess;

class ReadOnlyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    mount_ = dir_.path() / "disk";
    std::filesystem::create_directories(mount_);
    if (mount("siegel-test", mount_.c_str(), "tmpfs", 0, "size=4m") != 0) {
      GTEST_SKIP() << "cannot mount a small tmpfs here (" << std::strerror(errno)
                   << "); these tests need CAP_SYS_ADMIN, as the CI container has";
    }
    mounted_ = true;
    data_ = (mount_ / "data").string();
    ASSERT_EQ(Siegel({"init", "--base-url", "http://127.0.0.1:8080", "--allow-insecure-base-url",
                      "--without-four-eyes"})
                  .exit_code,
              0);
    ASSERT_EQ(Siegel({"initiative", "add", "--slug", "microtec", "--name", "microTEC"}).exit_code,
              0);
    auto issued = Siegel({"issue", "--initiative", "microtec", "--without-four-eyes"});
    ASSERT_EQ(issued.exit_code, 0) << issued.err;
    id_ = issued.out.substr(0, issued.out.size() - 1);
    ASSERT_EQ(Siegel({"suspend", id_, "--reason", "Prüfung"}).exit_code, 0);
  }

  void TearDown() override {
    server_.reset();
    if (mounted_) umount2(mount_.c_str(), MNT_DETACH);
  }

  testing::ProcessResult Siegel(std::vector<std::string> args) {
    args.insert(args.begin(), SIEGEL_BINARY);
    args.push_back("--data");
    args.push_back(data_);
    return RunProcess(args);
  }

  // Writes zeros until the filesystem has no byte left.
  void FillTheDisk() {
    std::ofstream filler(mount_ / "filler", std::ios::binary);
    std::string block(64 * 1024, '\0');
    while (filler.write(block.data(), static_cast<std::streamsize>(block.size()))) {
    }
    filler.close();
    std::ofstream probe(mount_ / "probe", std::ios::binary);
    ASSERT_FALSE(probe.write("x", 1) && probe.flush()) << "the disk is not full";
  }

  void RemountReadOnly() {
    ASSERT_EQ(mount("siegel-test", mount_.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, "size=4m"), 0)
        << std::strerror(errno);
  }

  // Every file of the data directory with its size: what "nothing written" is checked by.
  std::map<std::string, uintmax_t> Files() const {
    std::map<std::string, uintmax_t> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(data_)) {
      if (entry.is_regular_file()) files[entry.path().string()] = entry.file_size();
    }
    return files;
  }

  // The reads a partner or an operator needs, each answered, and the status right.
  void ExpectEveryReadWorks(const std::vector<std::string>& flag) {
    auto with = [&](std::vector<std::string> args) {
      args.insert(args.begin(), flag.begin(), flag.end());
      return Siegel(args);
    };
    auto listed = with({"list"});
    EXPECT_EQ(listed.exit_code, 0) << listed.err;
    EXPECT_NE(listed.out.find(id_ + "  suspended"), std::string::npos) << listed.out;
    auto shown = with({"show", id_});
    ASSERT_EQ(shown.exit_code, 0) << shown.err;
    EXPECT_EQ(Json::parse(shown.out)["status"], "suspended");
    auto exported = with({"export"});
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    EXPECT_EQ(Json::parse(exported.out)["certificates"][0]["status"], "suspended");
    auto csv = with({"export", "--format", "csv"});
    EXPECT_EQ(csv.exit_code, 0) << csv.err;
    EXPECT_NE(csv.out.find(id_ + ",suspended"), std::string::npos);
  }

  // `siegel serve --read-only`: the public side answers, the staff side says why it cannot.
  void ExpectTheServerAnswers() {
    server_ = std::make_unique<testing::ChildProcess>(
        std::vector<std::string>{SIEGEL_BINARY, "serve", "--read-only", "--listen", "127.0.0.1:0",
                                 "--access-log", "off", "--data", data_});
    std::smatch match;
    std::string line = server_->ReadLine();
    ASSERT_TRUE(std::regex_search(line, match, std::regex(R"(http://127\.0\.0\.1:(\d+))"))) << line;
    httplib::Client client("127.0.0.1", std::stoi(match[1].str()));
    auto status = client.Get(("/api/v1/certificates/" + id_ + "/status").c_str());
    ASSERT_TRUE(status && status->status == 200);
    EXPECT_EQ(Json::parse(status->body)["status"], "suspended");
    auto credential =
        client.Get(("/api/v1/certificates/" + id_).c_str(), {{"Accept", "application/vc"}});
    ASSERT_TRUE(credential && credential->status == 200);
    auto verified = client.Post("/api/v1/verify", credential->body, "application/vc");
    ASSERT_TRUE(verified && verified->status == 200) << (verified ? verified->body : "");
    EXPECT_EQ(Json::parse(verified->body)["status"], "suspended") << verified->body;
    auto home = client.Get("/?q=micro");
    ASSERT_TRUE(home && home->status == 200);
    EXPECT_NE(home->body.find(id_), std::string::npos);
    auto exported = client.Get("/export.json");
    ASSERT_TRUE(exported && exported->status == 200);
    EXPECT_EQ(Json::parse(exported->body)["certificates"][0]["id"], id_);
    auto staff = client.Get("/admin");
    ASSERT_TRUE(staff);
    EXPECT_EQ(staff->status, 503);
    EXPECT_NE(staff->body.find("read-only copy"), std::string::npos) << staff->body;
    server_.reset();
  }

  testing::TempDir dir_;
  std::filesystem::path mount_;
  bool mounted_ = false;
  std::string data_;
  std::string id_;
  std::unique_ptr<testing::ChildProcess> server_;
};

TEST_F(ReadOnlyTest, OnAFullDiskReadsWorkWithReadOnlyAndNothingIsLeftBehind) {
  FillTheDisk();
  auto files = Files();
  // Without the flag: refused, with the way out in the message.
  auto plain = Siegel({"list"});
  EXPECT_EQ(plain.exit_code, 1);
  EXPECT_NE(plain.err.find("use --read-only"), std::string::npos) << plain.err;
  std::filesystem::remove(std::filesystem::path(data_) / "registry.db-shm");
  std::filesystem::remove(std::filesystem::path(data_) / "registry.db-wal");
  files = Files();

  ExpectEveryReadWorks({"--read-only"});
  ExpectTheServerAnswers();
  // Writes are refused with a sentence, and nothing was written.
  auto revoke = Siegel({"--read-only", "revoke", id_, "--reason", "withdrawn"});
  EXPECT_EQ(revoke.exit_code, 1);
  EXPECT_NE(revoke.err.find("open read-only"), std::string::npos) << revoke.err;
  EXPECT_EQ(Files(), files);
}

TEST_F(ReadOnlyTest, ARegistryOnAReadOnlyMountIsReadAndServed) {
  RemountReadOnly();
  auto files = Files();
  auto plain = Siegel({"show", id_});
  EXPECT_EQ(plain.exit_code, 1);
  EXPECT_NE(plain.err.find("use --read-only"), std::string::npos) << plain.err;
  auto serve = Siegel({"serve", "--listen", "127.0.0.1:0"});
  EXPECT_EQ(serve.exit_code, 1);
  EXPECT_NE(serve.err.find("use --read-only"), std::string::npos) << serve.err;

  ExpectEveryReadWorks({"--read-only"});
  ExpectTheServerAnswers();
  EXPECT_EQ(Files(), files);
}

TEST_F(ReadOnlyTest, TheEnvironmentVariableAsksTheSame) {
  RemountReadOnly();
  setenv("SIEGEL_READ_ONLY", "1", 1);
  ExpectEveryReadWorks({});
  unsetenv("SIEGEL_READ_ONLY");
}

}  // namespace
}  // namespace siegel
