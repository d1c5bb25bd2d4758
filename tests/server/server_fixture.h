// A registry with a running server on an ephemeral port, for the HTTP tests.
#pragma once

#include <httplib.h>

#include <thread>

#include "credential/data_integrity.h"
#include "credential/jws.h"
#include "registry/registry.h"
#include "server/siegel_server.h"
#include "tests/test_support.h"

namespace siegel::testing {

class ServerFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    InitOptions options;
    options.four_eyes = false;  // one person signs, through Issue
    options.base_url = "http://127.0.0.1:8080";
    options.allow_insecure_base_url = true;
    ConfigureRegistry(options);
    auto created = Registry::Create(dir_.path() / "data", options);
    ASSERT_TRUE(created.ok()) << created.message();
    writer_ = std::move(created).value();
    AddInitiative("microtec-suedwest", "microTEC Südwest", "Regierungsbezirk Freiburg",
                  "Microsystems technology");
    IssueRequest request;
    request.initiative_slug = "microtec-suedwest";
    auto certificate = writer_->lifecycle().Issue(request, {"test"});
    ASSERT_TRUE(certificate.ok());
    id_ = certificate->id;

    http::ServerConfig config;
    config.data_dir = dir_.path() / "data";
    config.port = 0;
    config.threads = 8;
    config.verify_rate = 0;  // tests send hundreds of verifications; the limit has its own test
    Configure(config);
    config.cache_max_age_seconds = 30;
    config.access_log = (dir_.path() / "access.log").string();
    server_ = std::make_unique<http::SiegelServer>(config);
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok()) << port.message();
    port_ = *port;
    thread_ = std::thread([this] { server_->Run(); });
    tls_ = !config.tls_cert_file.empty();
    client_ = std::make_unique<httplib::Client>(
        (tls_ ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(port_));
    client_->enable_server_certificate_verification(false);
    // Until the listener runs, Stop() would not reach it: wait for the first answer.
    for (int i = 0; i < 200 && !client_->Get("/healthz"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  // A test's own registry and server settings.
  virtual void ConfigureRegistry(InitOptions&) {}
  virtual void Configure(http::ServerConfig&) {}

  void TearDown() override {
    server_->Stop();
    if (thread_.joinable()) thread_.join();
  }

  void AddInitiative(const std::string& slug, const std::string& name, const std::string& region,
                     const std::string& sector) {
    Initiative initiative;
    initiative.slug = slug;
    initiative.name = name;
    initiative.region = region;
    initiative.technology_fields = {sector};
    ASSERT_TRUE(writer_->records().AddInitiative(initiative, {"test"}).ok());
  }

  Json GetJson(const std::string& path, int expected_status = 200) {
    auto res = client_->Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return Json();
    EXPECT_EQ(res->status, expected_status) << path << ": " << res->body;
    return res->body.empty() ? Json() : Json::parse(res->body);
  }

  httplib::Result Post(const std::string& path, const std::string& body, const std::string& type) {
    return client_->Post(path.c_str(), body, type.c_str());
  }

  // Signs `unsigned_credential` with the registry's own key: a credential that is authentic
  // but wrong in some other way.
  std::string SignWithRegistryKey(const Json& unsigned_credential) {
    auto key = KeyStore(dir_.path() / "data").Load("keys/key-1.pem", std::nullopt);
    EXPECT_TRUE(key.ok()) << key.message();
    auto secured = AddEddsaJcsProof(unsigned_credential, *key,
                                    {writer_->settings().did + "#key-1", "2026-01-01T00:00:00Z"});
    EXPECT_TRUE(secured.ok()) << secured.message();
    return secured->dump();
  }
  std::string JwsWithRegistryKey(const Json& header, const std::string& payload) {
    auto key = KeyStore(dir_.path() / "data").Load("keys/key-1.pem", std::nullopt);
    return *SignCompactJws(header, payload, *key);
  }
  Json UnsignedCredential() {
    Json credential = Json::parse(writer_->certificates().GetCertificate(id_)->credential_json);
    credential.erase("proof");
    return credential;
  }

  TempDir dir_;
  std::unique_ptr<Registry> writer_;  // plays the CLI: another connection to the same files
  std::string id_;
  std::unique_ptr<http::SiegelServer> server_;
  std::thread thread_;
  int port_ = 0;
  bool tls_ = false;  // the server speaks HTTPS (a test's Configure chose it)
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace siegel::testing
