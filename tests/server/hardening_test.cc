// Operating safely: HTTPS with TLS 1.2 at least and HSTS, a Secure session cookie under TLS,
// and the per-address limit on verification.
#include <openssl/ssl.h>

#include "server/http/rate_limiter.h"
#include "tests/process_support.h"
#include "tests/server/server_fixture.h"

namespace siegel::testing {
namespace {

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitOptions options;
    options.base_url = "https://127.0.0.1:8443";
    options.allow_insecure_base_url = true;
    auto created = Registry::Create(dir_.path() / "data", options);
    ASSERT_TRUE(created.ok()) << created.message();
    StaffUser user;
    user.username = "ada";
    user.display_name = "Ada";
    user.role = Role::kAdmin;
    ASSERT_TRUE((*created)
                    ->accounts()
                    .AddUser(user, "correct horse 42", {"cli:test", "cli:test", true})
                    .ok());
    certs_ = dir_.path() / "certs";
    auto made = RunProcess(
        {"/bin/bash", std::string(SIEGEL_SOURCE_DIR) + "/certs/make-dev-cert", certs_.string()});
    ASSERT_EQ(made.exit_code, 0) << made.err;

    http::ServerConfig config;
    config.data_dir = dir_.path() / "data";
    config.port = 0;
    config.threads = 4;
    config.access_log = "off";
    config.tls_cert_file = (certs_ / "dev-cert.pem").string();
    config.tls_key_file = (certs_ / "dev-key.pem").string();
    server_ = std::make_unique<http::SiegelServer>(config);
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok()) << port.message();
    port_ = *port;
    thread_ = std::thread([this] { server_->Run(); });
  }
  void TearDown() override {
    server_->Stop();
    if (thread_.joinable()) thread_.join();
  }
  std::unique_ptr<httplib::SSLClient> Client() {
    auto client = std::make_unique<httplib::SSLClient>("127.0.0.1", port_);
    client->set_ca_cert_path((certs_ / "dev-ca.pem").c_str());
    client->enable_server_certificate_verification(true);
    return client;
  }

  TempDir dir_;
  std::filesystem::path certs_;
  std::unique_ptr<http::SiegelServer> server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(TlsTest, ServesHttpsWithHstsAndASecureSessionCookie) {
  auto client = Client();
  auto health = client->Get("/healthz");
  ASSERT_TRUE(health) << httplib::to_string(health.error());
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(health->get_header_value("Strict-Transport-Security"), "max-age=31536000");
  auto signed_in = client->Post("/admin/sign-in", "username=ada&password=correct+horse+42",
                                "application/x-www-form-urlencoded");
  ASSERT_TRUE(signed_in);
  EXPECT_EQ(signed_in->status, 303);
  EXPECT_NE(signed_in->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
}

// Over TLS as over plain HTTP (web_test): a browser gets an error page, a client problem+json.
TEST_F(TlsTest, ABrowserGetsAnErrorPageAndAnApiClientProblemJson) {
  auto client = Client();
  auto page = client->Get("/no/such/page?lang=en", {{"Accept", "text/html,*/*;q=0.8"}});
  ASSERT_TRUE(page) << httplib::to_string(page.error());
  EXPECT_EQ(page->status, 404);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page->body.find("<h1>Page not found</h1>"), std::string::npos);
  EXPECT_EQ(page->get_header_value("Strict-Transport-Security"), "max-age=31536000");
  auto problem = client->Get("/no/such/page", {{"Accept", "application/json"}});
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->status, 404);
  EXPECT_EQ(problem->get_header_value("Content-Type"), "application/problem+json");
}

TEST_F(TlsTest, RefusesClientsThatOfferOnlyTls11) {
  auto client = Client();
  SSL_CTX* ctx = client->ssl_context();
  SSL_CTX_set_security_level(ctx, 0);  // the client would allow it; the server must not
  SSL_CTX_set_min_proto_version(ctx, TLS1_VERSION);
  SSL_CTX_set_max_proto_version(ctx, TLS1_1_VERSION);
  auto res = client->Get("/healthz");
  EXPECT_FALSE(res) << "a TLS 1.1 handshake succeeded";
}

TEST_F(TlsTest, AClientThatDoesNotTrustTheCaGetsNothing) {
  httplib::SSLClient client("127.0.0.1", port_);
  client.enable_server_certificate_verification(true);
  client.set_ca_cert_path((certs_ / "dev-cert.pem").c_str());  // not the CA
  EXPECT_FALSE(client.Get("/healthz"));
}

TEST(RateLimiter, AllowsABurstThenTheRateAndSaysHowLongToWait) {
  http::RateLimiter limiter(2, 3);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(limiter.Take("a", 1, 100.0), 0);
  EXPECT_EQ(limiter.Take("a", 1, 100.0), 1);
  EXPECT_EQ(limiter.Take("b", 1, 100.0), 0) << "addresses are separate";
  EXPECT_EQ(limiter.Take("a", 1, 100.5), 0) << "half a second refills one at 2/s";
  EXPECT_EQ(limiter.Take("a", 10, 100.5), 5) << "a batch of 10 waits for 10 tokens";
  http::RateLimiter off(0, 0);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(off.Take("a", 10, 1.0), 0);
}

class VerifyRateTest : public ServerFixture {
 protected:
  void Configure(http::ServerConfig& config) override {
    config.verify_rate = 1;
    config.verify_burst = 3;
  }
};

TEST_F(VerifyRateTest, TooManyVerificationsFromOneAddressGet429WithRetryAfter) {
  httplib::Client& client = *client_;
  std::string credential = writer_->certificates().GetCertificate(id_)->credential_json;
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(client.Post("/api/v1/verify", credential, "application/vc")->status, 200);
  }
  auto limited = client.Post("/api/v1/verify", credential, "application/vc");
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(limited->get_header_value("Retry-After"), "1");
  EXPECT_NE(limited->body.find("siegel-verify"), std::string::npos);
  EXPECT_EQ(client.Get(("/api/v1/certificates/" + id_ + "/status").c_str())->status, 200)
      << "reading is not limited";
  // A person at the upload form gets the same refusal as a page in German, with Retry-After.
  httplib::MultipartFormDataItems form = {{"file", credential, "urkunde.json", "application/json"}};
  auto page = client.Post("/verify?lang=de", {{"Accept", "text/html"}}, form);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 429);
  EXPECT_EQ(page->get_header_value("Retry-After"), "1");
  EXPECT_NE(page->body.find("<h1>Zu viele Anfragen</h1>"), std::string::npos) << page->body;
  EXPECT_NE(page->body.find("<html lang=\"de\">"), std::string::npos);
}

}  // namespace
}  // namespace siegel::testing
