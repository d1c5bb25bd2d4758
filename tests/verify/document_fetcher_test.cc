// DocumentFetcher against a real HTTP server on loopback: a document, a missing one (NotFound,
// an answer) and a registry that is not there at all (Io, an outage). The monitor's exit codes
// rest on that difference.
#include <httplib.h>

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

  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
};

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
