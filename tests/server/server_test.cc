// The HTTP server in-process on an ephemeral port: every route, errors as problem
// documents, conditional requests, and changes made elsewhere visible at once.
#include <atomic>

#include "credential/verifier.h"
#include "tests/server/server_fixture.h"

namespace siegel {
namespace {

using ServerTest = testing::ServerFixture;

TEST_F(ServerTest, PublishesTheIssuerDocuments) {
  Json did = GetJson("/.well-known/did.json");
  EXPECT_EQ(did, *writer_->keys().DidDocument());
  EXPECT_EQ(did["id"], "did:web:127.0.0.1%3A8080");
  Json jwks = GetJson("/.well-known/jwks.json");
  ASSERT_EQ(jwks["keys"].size(), 2u);
  EXPECT_EQ(jwks["keys"][0]["kid"], "did:web:127.0.0.1%3A8080#key-1-jwk");
  EXPECT_EQ(jwks["keys"][1]["kid"], "did:web:127.0.0.1%3A8080#key-1");
  EXPECT_EQ(jwks["keys"][0]["x"], jwks["keys"][1]["x"]);
  EXPECT_FALSE(jwks["keys"][0].contains("d"));
  auto res = client_->Get("/.well-known/did.json");
  EXPECT_EQ(res->get_header_value("Access-Control-Allow-Origin"), "*");
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/did+json");
}

TEST_F(ServerTest, ServesTheCredentialAsJsonOrJwsByAccept) {
  auto json = client_->Get(("/api/v1/certificates/" + id_).c_str());
  ASSERT_TRUE(json);
  EXPECT_EQ(json->status, 200);
  EXPECT_EQ(json->get_header_value("Content-Type"), "application/vc");
  EXPECT_EQ(json->body, writer_->certificates().GetCertificate(id_)->credential_json);
  auto jws =
      client_->Get(("/api/v1/certificates/" + id_).c_str(), {{"Accept", "application/vc+jwt"}});
  ASSERT_TRUE(jws);
  EXPECT_EQ(jws->get_header_value("Content-Type"), "application/vc+jwt");
  EXPECT_EQ(jws->body, writer_->certificates().GetCertificate(id_)->credential_jws);
  EXPECT_EQ(jws->get_header_value("Vary"), "Accept, Accept-Encoding");
}

TEST_F(ServerTest, AnswersIfNoneMatchWith304) {
  auto first = client_->Get(("/api/v1/certificates/" + id_).c_str());
  std::string etag = first->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  auto second = client_->Get(("/api/v1/certificates/" + id_).c_str(), {{"If-None-Match", etag}});
  EXPECT_EQ(second->status, 304);
  EXPECT_TRUE(second->body.empty());
  auto list = client_->Get("/status/ce-bw/revocation");
  auto again =
      client_->Get("/status/ce-bw/revocation", {{"If-None-Match", list->get_header_value("ETag")}});
  EXPECT_EQ(again->status, 304);
}

TEST_F(ServerTest, StatusNowAndOnAPastDate) {
  Json status = GetJson("/api/v1/certificates/" + id_ + "/status");
  EXPECT_EQ(status["id"], id_);
  EXPECT_EQ(status["status"], "valid");
  EXPECT_TRUE(status.contains("checkedAt"));
  EXPECT_EQ(status["validFrom"], writer_->certificates().GetCertificate(id_)->valid_from);
  Json before = GetJson("/api/v1/certificates/" + id_ + "/status?at=2020-01-01");
  EXPECT_EQ(before["status"], "not_yet_issued");
  Json after = GetJson("/api/v1/certificates/" + id_ + "/status?at=2099-01-01T00:00:00Z");
  EXPECT_EQ(after["status"], "expired");
}

TEST_F(ServerTest, ErrorsAreProblemDocuments) {
  auto missing = client_->Get("/api/v1/certificates/CEBW-1999-0001");
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->get_header_value("Content-Type"), "application/problem+json");
  Json problem = Json::parse(missing->body);
  EXPECT_EQ(problem["status"], 404);
  EXPECT_EQ(problem["detail"], "there is no certificate CEBW-1999-0001");
  Json bad_at = GetJson("/api/v1/certificates/" + id_ + "/status?at=yesterday", 400);
  EXPECT_EQ(bad_at["detail"],
            "parameter at: \"yesterday\" is not a date (2027-03-15) or a date-time "
            "(2027-03-15T12:00:00Z)");
  Json nowhere = GetJson("/no/such/page", 404);
  EXPECT_EQ(nowhere["title"], "Not Found");
  Json no_list = GetJson("/status/other/revocation", 404);
  EXPECT_EQ(no_list["detail"], "there is no revocation status list for programme other");
}

TEST_F(ServerTest, HealthzReportsTheGeneration) {
  Json health = GetJson("/healthz");
  EXPECT_EQ(health["status"], "ok");
  EXPECT_EQ(health["generation"], *writer_->store().Generation());
}

// docs/DESIGN.md §7: a change committed by another process is served by the very next request.
// A second server on a port in use must fail, not share the port: with SO_REUSEPORT the
// kernel would split the public's requests between two servers, maybe of two registries.
TEST_F(ServerTest, ASecondServerCannotTakeAPortInUse) {
  http::ServerConfig config;
  config.data_dir = dir_.path() / "data";
  config.host = "127.0.0.1";
  config.port = port_;
  http::SiegelServer second(config);
  auto bound = second.Bind();
  ASSERT_FALSE(bound.ok()) << "a second server listens on port " << port_;
  EXPECT_EQ(bound.message(),
            "cannot listen on 127.0.0.1:" + std::to_string(port_) + " (is the port in use?)");
  EXPECT_EQ(client_->Get("/healthz")->status, 200) << "the first server goes on";
}

TEST_F(ServerTest, ChangesByAnotherConnectionAreServedAtOnce) {
  auto trust = TrustedIssuer::FromDocument(GetJson("/.well-known/did.json"));
  ASSERT_TRUE(trust.ok());
  std::string credential = client_->Get(("/api/v1/certificates/" + id_).c_str())->body;
  auto verify_with_served_lists = [&] {
    StatusListSet lists;
    EXPECT_TRUE(lists.Add(client_->Get("/status/ce-bw/revocation")->body, *trust).ok());
    EXPECT_TRUE(lists.Add(client_->Get("/status/ce-bw/suspension")->body, *trust).ok());
    return VerifyLabelCredential(credential, *trust, VerificationInputs{&lists, nullptr, true},
                                 NowUnixSeconds())
        .state;
  };
  EXPECT_EQ(verify_with_served_lists(), CredentialState::kValid);  // also warms the cache

  ASSERT_TRUE(writer_->lifecycle().Suspend(id_, "under review", {"cli:test"}).ok());
  EXPECT_EQ(GetJson("/api/v1/certificates/" + id_ + "/status")["status"], "suspended");
  EXPECT_EQ(verify_with_served_lists(), CredentialState::kSuspended);

  ASSERT_TRUE(writer_->lifecycle().Reinstate(id_, {"cli:test"}).ok());
  EXPECT_EQ(GetJson("/api/v1/certificates/" + id_ + "/status")["status"], "valid");
  EXPECT_EQ(verify_with_served_lists(), CredentialState::kValid);

  ASSERT_TRUE(writer_->lifecycle().Revoke(id_, "withdrawn", {"cli:test"}).ok());
  Json status = GetJson("/api/v1/certificates/" + id_ + "/status");
  EXPECT_EQ(status["status"], "revoked");
  EXPECT_EQ(status["revocationReason"], "withdrawn");
  EXPECT_EQ(verify_with_served_lists(), CredentialState::kRevoked);
}

// Readers keep reading until each has read 50 times after the revocation was acknowledged,
// through the event loop (the status route) and through a worker (a registry-wide search, kept
// per generation): not one of those reads may show the certificate unrevoked.
TEST_F(ServerTest, ConcurrentReadersSeeTheRevocationImmediately) {
  constexpr int kReadsAfter = 50;
  std::atomic<bool> revoked{false};
  std::atomic<int> reads_before{0}, reads_after{0}, stale_after_revocation{0}, failed{0};
  std::vector<std::thread> readers;
  int port = port_;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&, port, t] {
      httplib::Client client("127.0.0.1", port);
      const bool search = t % 2 == 1;
      std::string path = search ? "/api/v1/certificates?status=revoked"
                                : "/api/v1/certificates/" + id_ + "/status";
      for (int after = 0; after < kReadsAfter;) {
        bool was_revoked = revoked.load();
        auto res = client.Get(path.c_str());
        if (!res || res->status != 200) {
          ++failed;
          if (failed > 100) return;
          continue;
        }
        Json body = Json::parse(res->body);
        bool shows_revoked = search ? body["total"] == 1 : body["status"] == "revoked";
        if (!was_revoked) {
          ++reads_before;
          continue;
        }
        ++after;
        ++reads_after;
        if (!shows_revoked) ++stale_after_revocation;
      }
    });
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (reads_before.load() < 40 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::yield();
  ASSERT_TRUE(writer_->lifecycle().Revoke(id_, "withdrawn", {"cli:test"}).ok());
  revoked = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(reads_after.load(), 4 * kReadsAfter);
  EXPECT_EQ(stale_after_revocation.load(), 0);
}

}  // namespace
}  // namespace siegel
