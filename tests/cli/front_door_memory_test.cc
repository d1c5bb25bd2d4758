// The front door's memory under bodies and heads built to exhaust it, measured on a real
// `siegel serve` process: a gzip bomb, 64 MiB sent chunked, and a million header lines each
// get their 4xx, and the server's peak resident memory stays within 32 MiB of where it was.
#include <zlib.h>

#include <fstream>
#include <regex>
#include <string>
#include <thread>

#include "tests/process_support.h"
#include "tests/server/raw_connection.h"

namespace siegel {
namespace {

using testing::ChildProcess;
using testing::RawConnection;
using testing::RunProcess;
using testing::StatusOf;

constexpr int64_t kAllowedGrowth = 32 << 20;

// A field of /proc/PID/status in bytes (VmRSS, VmHWM).
int64_t ProcStatusBytes(pid_t pid, const std::string& field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stoll(line.substr(field.size() + 1)) * 1024;
  }
  return -1;
}

// 300 MiB of 'a', gzip-compressed (about 300 KB).
std::string GzipBomb() {
  z_stream z{};
  deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  std::string chunk(1 << 20, 'a');
  std::string out;
  char buffer[1 << 16];
  for (int i = 0; i < 300; ++i) {
    z.next_in = reinterpret_cast<Bytef*>(chunk.data());
    z.avail_in = static_cast<uInt>(chunk.size());
    int flush = i == 299 ? Z_FINISH : Z_NO_FLUSH;
    do {
      z.next_out = reinterpret_cast<Bytef*>(buffer);
      z.avail_out = sizeof(buffer);
      deflate(&z, flush);
      out.append(buffer, sizeof(buffer) - z.avail_out);
    } while (z.avail_out == 0);
  }
  deflateEnd(&z);
  return out;
}

class FrontDoorMemoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = (dir_.path() / "data").string();
    auto demo = RunProcess({SIEGEL_BINARY, "demo", "--data", data_});
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    server_ = std::make_unique<ChildProcess>(std::vector<std::string>{
        SIEGEL_BINARY, "serve", "--data", data_, "--listen", "127.0.0.1:0", "--access-log", "off"});
    std::smatch match;
    std::string line = server_->ReadLine();
    ASSERT_TRUE(std::regex_search(line, match, std::regex(R"(http://127\.0\.0\.1:(\d+))"))) << line;
    port_ = std::stoi(match[1].str());
    // Warm: the first answers of each kind allocate what every later one reuses.
    for (int i = 0; i < 3; ++i) {
      RawConnection warm(port_);
      warm.Send("GET /api/v1/certificates HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
      EXPECT_EQ(StatusOf(warm.ReadAnswer()), 200);
    }
  }

  // Sends `head`, then `body_bytes` of body from `make_piece`, from another thread (the server
  // may stop reading); returns the answer, and checks the peak memory meanwhile.
  std::string Attack(const std::string& head, size_t body_bytes,
                     const std::function<std::string(size_t)>& make_piece) {
    std::ofstream("/proc/" + std::to_string(server_->pid()) + "/clear_refs") << "5";  // peak := now
    int64_t before = ProcStatusBytes(server_->pid(), "VmRSS");
    RawConnection connection(port_);
    connection.SetTimeout(20);
    std::thread sender([&] {
      if (!connection.TrySend(head)) return;
      for (size_t sent = 0; sent < body_bytes;) {
        std::string piece = make_piece(sent);
        if (!connection.TrySend(piece)) return;  // the server closed: expected
        sent += piece.size();
      }
    });
    std::string answer = connection.ReadAnswer();
    sender.join();
    int64_t peak = ProcStatusBytes(server_->pid(), "VmHWM");
    EXPECT_GT(before, 0);
    if (!testing::kSanitized) {
      EXPECT_LT(peak - before, kAllowedGrowth)
          << "peak " << (peak >> 20) << " MiB, before " << (before >> 20) << " MiB";
    }
    return answer;
  }

  testing::TempDir dir_;
  std::string data_;
  std::unique_ptr<ChildProcess> server_;
  int port_ = 0;
};

TEST_F(FrontDoorMemoryTest, AGzipBombIsRefusedUnopened) {
  std::string bomb = GzipBomb();
  ASSERT_LT(bomb.size(), 1u << 20);
  std::string answer = Attack(
      "POST /api/v1/verify/batch HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
      "Content-Encoding: gzip\r\nContent-Length: " +
          std::to_string(bomb.size()) + "\r\n\r\n",
      bomb.size(), [&](size_t at) { return bomb.substr(at, 64 * 1024); });
  EXPECT_EQ(StatusOf(answer), 415) << answer;
}

TEST_F(FrontDoorMemoryTest, SixtyFourMebibytesChunkedAreRefusedAtTheLimit) {
  const std::string piece = "4000\r\n" + std::string(0x4000, 'a') + "\r\n";  // 16 KiB chunks
  for (std::string path : {"/api/v1/verify", "/nonexistent", "/admin/sign-in"}) {
    std::string answer = Attack("POST " + path +
                                    " HTTP/1.1\r\nHost: t\r\nContent-Type: application/vc\r\n"
                                    "Transfer-Encoding: chunked\r\n\r\n",
                                64u << 20, [&](size_t) { return piece; });
    EXPECT_EQ(StatusOf(answer), 413) << path << ": " << answer;
    EXPECT_NE(answer.find("larger than 64 KiB"), std::string::npos) << answer;
  }
}

TEST_F(FrontDoorMemoryTest, AMillionHeaderLinesAreRefusedAfterTheFirstSixteenKibibytes) {
  std::string lines;
  for (int i = 0; i < 10000; ++i) lines += "X: y\r\n";  // 60 KB a piece, 100 pieces
  std::string answer = Attack("GET /healthz HTTP/1.1\r\nHost: t\r\n", lines.size() * 100,
                              [&](size_t) { return lines; });
  EXPECT_EQ(StatusOf(answer), 431) << answer;
}

}  // namespace
}  // namespace siegel
