// Debian's nginx with deploy/nginx/siegel.conf in front of a real `siegel serve`, over a
// keep-alive upstream: the request-smuggling cases sent through the proxy never get a request
// past it that it blocks (/metrics), and the proxy's upstream connections are never poisoned
// (a legitimate request after each case gets its own answer).
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "tests/process_support.h"
#include "tests/server/raw_connection.h"

namespace siegel {
namespace {

using testing::ChildProcess;
using testing::FreePort;
using testing::RawConnection;
using testing::RunProcess;
using testing::StatusOf;

const char kNginx[] = "/usr/sbin/nginx";
const std::string kSmuggled = "GET /metrics HTTP/1.1\r\nHost: t\r\n\r\n";

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "deploy/nginx/siegel.conf no longer has: " << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

class ProxyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (access(kNginx, X_OK) != 0)
      GTEST_SKIP() << "nginx is not installed (scripts/test installs it)";
    std::string data = (dir_.path() / "data").string();
    ASSERT_EQ(RunProcess({SIEGEL_BINARY, "demo", "--data", data}).exit_code, 0);
    access_log_ = dir_.path() / "access.log";
    siegel_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{SIEGEL_BINARY, "serve", "--data", data, "--listen", "127.0.0.1:0",
                                 "--access-log", access_log_.string()});
    std::smatch match;
    std::string line = siegel_->ReadLine();
    ASSERT_TRUE(std::regex_search(line, match, std::regex(R"(http://127\.0\.0\.1:(\d+))"))) << line;
    int siegel_port = std::stoi(match[1].str());

    auto certs = dir_.path() / "certs";
    ASSERT_EQ(RunProcess({"/bin/bash", std::string(SIEGEL_SOURCE_DIR) + "/certs/make-dev-cert",
                          certs.string()})
                  .exit_code,
              0);
    port_ = FreePort();
    int plain_port = FreePort();
    // The shipped file, with only its addresses, certificate and cache directory replaced.
    std::string site =
        testing::ReadFile(std::string(SIEGEL_SOURCE_DIR) + "/deploy/nginx/siegel.conf");
    site = Replace(site, "server 127.0.0.1:8080;",
                   "server 127.0.0.1:" + std::to_string(siegel_port) + ";");
    site = Replace(site, "listen 443 ssl http2;",
                   "listen 127.0.0.1:" + std::to_string(port_) + " ssl http2;");
    site = Replace(site, "listen 80;", "listen 127.0.0.1:" + std::to_string(plain_port) + ";");
    site = Replace(site, "/etc/ssl/siegel/fullchain.pem", (certs / "dev-cert.pem").string());
    site = Replace(site, "/etc/ssl/siegel/privkey.pem", (certs / "dev-key.pem").string());
    site = Replace(site, "/var/cache/nginx/siegel", (dir_.path() / "cache").string());
    testing::WriteFile(dir_.path() / "siegel.conf", site);
    std::string temp = (dir_.path() / "tmp").string();
    std::filesystem::create_directories(temp);
    std::string main_conf = std::string(geteuid() == 0 ? "user root;\n" : "") +
                            "worker_processes 1;\npid " + (dir_.path() / "nginx.pid").string() +
                            ";\nerror_log " + (dir_.path() / "error.log").string() +
                            ";\nevents { worker_connections 256; }\nhttp {\n  access_log off;\n"
                            "  client_body_temp_path " +
                            temp + "/body;\n  proxy_temp_path " + temp +
                            "/proxy;\n"
                            "  fastcgi_temp_path " +
                            temp + "/fastcgi;\n  uwsgi_temp_path " + temp +
                            "/uwsgi;\n"
                            "  scgi_temp_path " +
                            temp + "/scgi;\n  include " + (dir_.path() / "siegel.conf").string() +
                            ";\n}\n";
    testing::WriteFile(dir_.path() / "nginx.conf", main_conf);
    nginx_ = std::make_unique<ChildProcess>(std::vector<std::string>{
        kNginx, "-c", (dir_.path() / "nginx.conf").string(), "-g", "daemon off;"});
    for (int i = 0; i < 200 && !testing::Listening(port_); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_TRUE(testing::Listening(port_)) << testing::ReadFile(dir_.path() / "error.log");
  }
  void TearDown() override {
    if (nginx_) nginx_->Terminate();
  }

  // Sends `bytes` through the proxy and returns everything it answers until it closes, or
  // until it has said nothing more for a second (nginx keeps some connections open).
  std::string Through(const std::string& bytes) {
    RawConnection connection(port_, 0, /*tls=*/true);
    EXPECT_TRUE(connection.connected());
    connection.SetTimeout(1);
    connection.TrySend(bytes);
    return connection.ReadToEnd();
  }

  int CountAnswers(const std::string& all) {
    int count = 0;
    for (size_t at = all.find("HTTP/1.1 "); at != std::string::npos;
         at = all.find("HTTP/1.1 ", at + 1)) {
      ++count;
    }
    return count;
  }

  testing::TempDir dir_;
  std::filesystem::path access_log_;
  std::unique_ptr<ChildProcess> siegel_, nginx_;
  int port_ = 0;
};

TEST_F(ProxyTest, TheProxyServesThePublicAndBlocksMetrics) {
  std::string ok = Through(
      "GET /api/v1/certificates/CEBW-2026-0001/status HTTP/1.1\r\n"
      "Host: siegel.example.org\r\nConnection: close\r\n\r\n");
  ASSERT_EQ(StatusOf(ok), 200) << ok;
  EXPECT_NE(ok.find("Strict-Transport-Security"), std::string::npos);
  std::string blocked = Through("GET /metrics HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(StatusOf(blocked), 403) << blocked;
}

TEST_F(ProxyTest, NoSmuggledRequestGetsPastTheProxy) {
  const std::string probe =
      "GET /api/v1/certificates/CEBW-2026-0001/status HTTP/1.1\r\nHost: t\r\n\r\n";
  const std::vector<std::string> cases = {
      "GET /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: " + std::to_string(kSmuggled.size()) +
          "\r\n\r\n" + kSmuggled,
      "HEAD /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: " + std::to_string(kSmuggled.size()) +
          "\r\n\r\n" + kSmuggled,
      "OPTIONS /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: " +
          std::to_string(kSmuggled.size()) + "\r\n\r\n" + kSmuggled,
      "GET /healthz HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n" +
          [] {
            char size[16];
            snprintf(size, sizeof(size), "%zx", kSmuggled.size());
            return std::string(size) + "\r\n" + kSmuggled + "\r\n0\r\n\r\n";
          }(),
      "POST /nowhere HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nTransfer-Encoding: chunked"
      "\r\n\r\n0\r\n\r\n" +
          kSmuggled,
      "POST /nowhere HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nContent-Length: 40"
      "\r\n\r\n0\r\n\r\n" +
          kSmuggled,
      "POST /nowhere HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n" +
          kSmuggled,
      "POST /nowhere HTTP/1.1\r\nHost: t\r\nTransfer-Encoding : chunked\r\nContent-Length: 5"
      "\r\n\r\nhello" +
          kSmuggled,
      "POST /nowhere HTTP/1.1\r\nHost: t\r\nTransfer-Encoding:\r\n chunked\r\nContent-Length: 5"
      "\r\n\r\nhello" +
          kSmuggled,
      "POST /nowhere HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello" +
          kSmuggled,
      "POST /nowhere HTTP/1.1\r\nHost: t\r\nContent-Length: +7\r\n\r\nhello!!" + kSmuggled,
      "POST /nowhere HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n7\r\nabcdefgXX0"
      "\r\n\r\n" +
          kSmuggled,
      "GET /healthz HTTP/1.1\nHost: t\n\n" + kSmuggled,
      "GET /healthz HTTP/1.1\r\nHost: t\r\nBad Header\r\n\r\n" + kSmuggled,
      "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n" + kSmuggled,
      "GET /%6detrics HTTP/1.1\r\nHost: t\r\n\r\n",
      "GET //metrics HTTP/1.1\r\nHost: t\r\n\r\n",
  };
  for (const std::string& bytes : cases) {
    // nginx may refuse a case, pass it on (and Siegel refuses it), or split it into two
    // requests itself: then the second is its own, and /metrics gets its 403.
    std::string answers = Through(bytes);
    EXPECT_GE(CountAnswers(answers), 1) << bytes.substr(0, 80);
    EXPECT_EQ(answers.find("siegel_http_requests_total"), std::string::npos)
        << bytes.substr(0, 80) << "\n"
        << answers;
    // The next request through the proxy, maybe on the same upstream connection, is answered
    // as itself.
    std::string next =
        Through(probe + "GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    EXPECT_EQ(CountAnswers(next), 2) << next;
    EXPECT_NE(next.find("\"id\":\"CEBW-2026-0001\""), std::string::npos) << next;
  }
  siegel_->Terminate();  // flushes and closes the access log
  siegel_.reset();
  std::string log = testing::ReadFile(access_log_);
  EXPECT_NE(log.find("\"/healthz\""), std::string::npos) << "the access log is not where expected";
  EXPECT_EQ(log.find("\"/metrics\""), std::string::npos) << log;
}

}  // namespace
}  // namespace siegel
