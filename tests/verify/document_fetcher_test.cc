// DocumentFetcher against a real HTTP server on loopback: a document, a missing one (NotFound,
// an answer) and a registry that is not there at all (Io, an outage), on which the monitor's
// exit codes rest; and a hostile server: a compressed bomb, a body past the limit, and one
// that sends a byte now and then, each refused within its bound.
#include <httplib.h>
#include <zlib.h>

#include <chrono>
#include <thread>

#include "gtest/gtest.h"
#include "verify/online.h"

namespace siegel::verify {
namespace {

class DocumentFetcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.Get("/doc", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("{\"ok\":true}", "application/json");
    });
    server_.Get("/gone", [](const httplib::Request&, httplib::Response& res) { res.status = 410; });
    server_.Get("/broken",
                [](const httplib::Request&, httplib::Response& res) { res.status = 503; });
    // Compressed here, once: compressing takes seconds, which the fetcher's clock must not see.
    const std::string& bomb = GzipBomb();
    server_.Get("/bomb", [&bomb](const httplib::Request&, httplib::Response& res) {
      res.set_header("Content-Encoding", "gzip");
      res.set_content(bomb, "application/json");
    });
    server_.Get("/big", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(5 << 20, ' '), "application/json");
    });
    server_.Get("/drip", [](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("application/json", [](size_t, httplib::DataSink& sink) {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        return sink.write(" ", 1);  // false once the client is gone: the provider ends
      });
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    ASSERT_GT(port_, 0);
    // The socket listens from bind on: requests wait in its backlog until the loop runs.
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  void TearDown() override {
    if (!thread_.joinable()) return;  // the test stopped the server itself
    server_.stop();
    thread_.join();
  }
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  // 512 MiB of spaces, gzip-compressed (half a megabyte).
  static const std::string& GzipBomb() {
    static const std::string bomb = Compress512MiBOfSpaces();
    return bomb;
  }
  static std::string Compress512MiBOfSpaces() {
    z_stream z{};
    deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
    std::string chunk(1 << 20, ' '), out;
    char buffer[1 << 16];
    for (int i = 0; i < 512; ++i) {
      z.next_in = reinterpret_cast<Bytef*>(chunk.data());
      z.avail_in = static_cast<uInt>(chunk.size());
      do {
        z.next_out = reinterpret_cast<Bytef*>(buffer);
        z.avail_out = sizeof(buffer);
        deflate(&z, i == 511 ? Z_FINISH : Z_NO_FLUSH);
        out.append(buffer, sizeof(buffer) - z.avail_out);
      } while (z.avail_out == 0);
    }
    deflateEnd(&z);
    return out;
  }

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(DocumentFetcherTest, AHostileServerGetsNoMoreThanTheLimits) {
  DocumentFetcher fetcher({}, FetchLimits{1 << 20, 2});
  auto start = std::chrono::steady_clock::now();
  auto bomb = fetcher.Fetch(Url("/bomb"));
  ASSERT_FALSE(bomb.ok());
  EXPECT_EQ(bomb.message(), Url("/bomb") + " answered compressed although asked not to");
  auto big = fetcher.Fetch(Url("/big"));
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.message(), Url("/big") + " answered with more than 1048576 bytes");
  auto drip = fetcher.Fetch(Url("/drip"));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(drip.ok());
  EXPECT_EQ(drip.message(), Url("/drip") + " did not answer within 2 s");
  EXPECT_EQ(drip.error().code, ErrorCode::kIo);
  EXPECT_LT(seconds, 5.0);  // the drip's two seconds and the rest, not its endless bytes
}

TEST_F(DocumentFetcherTest, TellsAMissingDocumentFromAnUnreachableRegistry) {
  DocumentFetcher fetcher({});
  auto found = fetcher.Fetch(Url("/doc"));
  ASSERT_TRUE(found.ok()) << found.message();
  EXPECT_EQ(*found, "{\"ok\":true}");

  auto missing = fetcher.Fetch(Url("/nothing-here"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
  EXPECT_EQ(missing.message(), Url("/nothing-here") + " answered HTTP 404");
  auto gone = fetcher.Fetch(Url("/gone"));
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code, ErrorCode::kNotFound);

  auto broken = fetcher.Fetch(Url("/broken"));
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().code, ErrorCode::kIo);
  EXPECT_EQ(broken.message(), Url("/broken") + " answered HTTP 503");

  std::string closed = Url("/doc");
  server_.stop();
  thread_.join();
  auto unreachable = fetcher.Fetch(closed);
  ASSERT_FALSE(unreachable.ok());
  EXPECT_EQ(unreachable.error().code, ErrorCode::kIo);
  EXPECT_NE(unreachable.message().find("could not be reached"), std::string::npos)
      << unreachable.message();
}

}  // namespace
}  // namespace siegel::verify
