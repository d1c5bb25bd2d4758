// The transparency log over HTTP: the checkpoint verifies with the published key and follows
// every change at once; entries and proofs check out against it; bad parameters are 400s;
// verification answers and pages show a certificate's entries.
#include "tests/server/server_fixture.h"
#include "transparency/log_event.h"
#include "transparency/signed_note.h"

namespace siegel {
namespace {

// As the page's escaping template writes text: '/' becomes "&#x2F;".
std::string AsHtml(std::string text) {
  for (size_t at = text.find('/'); at != std::string::npos; at = text.find('/', at + 6)) {
    text.replace(at, 1, "&#x2F;");
  }
  return text;
}

std::vector<merkle::Hash> Hashes(const Json& list) {
  std::vector<merkle::Hash> hashes;
  for (const Json& h : list) hashes.push_back(Base64Decode(h.get<std::string>()).value());
  return hashes;
}

class LogRoutesTest : public testing::ServerFixture {
 protected:
  note::Verifier Key() {
    auto res = client_->Get("/log/key");
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/plain; charset=utf-8");
    std::string vkey = res->body.substr(0, res->body.size() - 1);
    return note::Verifier::Parse(vkey).value();
  }
  note::Checkpoint Checkpoint() {
    auto res = client_->Get("/log/checkpoint");
    EXPECT_EQ(res->status, 200);
    auto checkpoint = note::OpenCheckpoint(res->body, Key());
    EXPECT_TRUE(checkpoint.ok()) << checkpoint.message();
    return *checkpoint;
  }
};

TEST_F(LogRoutesTest, TheCheckpointVerifiesAndFollowsEveryChangeAtOnce) {
  note::Verifier key = Key();
  EXPECT_EQ(key.name, "127.0.0.1:8080/log");
  note::Checkpoint before = Checkpoint();
  EXPECT_EQ(before.size, 2u) << "the first key and the fixture's certificate";
  std::string before_note = client_->Get("/log/checkpoint")->body;
  EXPECT_NE(client_->Get("/log?lang=en")->body.find(AsHtml(before_note)), std::string::npos);
  ASSERT_TRUE(writer_->lifecycle().Suspend(id_, "under review", {"test"}).ok());
  note::Checkpoint after = Checkpoint();
  EXPECT_EQ(after.size, 3u);
  // The /log page shows the new checkpoint at once too, not the one it showed before.
  std::string after_note = client_->Get("/log/checkpoint")->body;
  std::string page = client_->Get("/log?lang=en")->body;
  EXPECT_NE(page.find(AsHtml(after_note)), std::string::npos);
  EXPECT_EQ(page.find(AsHtml(before_note)), std::string::npos);
  Json proof = GetJson("/log/proof/consistency?from=2&to=3");
  EXPECT_TRUE(
      merkle::VerifyConsistency(2, 3, before.root, after.root, Hashes(proof["proof"])).ok());

  Json entries = GetJson("/log/entries?start=0&end=3");
  ASSERT_EQ(entries["entries"].size(), 3u);
  auto suspended = OpenLogEvent(entries["entries"][2]["leaf"].get<std::string>(), key);
  ASSERT_TRUE(suspended.ok()) << suspended.message();
  EXPECT_EQ(suspended->event, "suspended");
  EXPECT_EQ(suspended->certificate, id_);
  EXPECT_EQ(suspended->reason, "under review");
  for (uint64_t index = 0; index < 3; ++index) {
    Json inclusion = GetJson("/log/proof/inclusion?index=" + std::to_string(index) + "&size=3");
    merkle::Hash leaf = merkle::LeafHash(inclusion["leaf"].get<std::string>());
    EXPECT_EQ(Base64Encode(leaf), inclusion["leafHash"]);
    EXPECT_TRUE(
        merkle::VerifyInclusion(index, 3, leaf, Hashes(inclusion["proof"]), after.root).ok());
    // The same proof by leaf hash.
    std::string by_hash = "/log/proof/inclusion?size=3&hash=" +
                          httplib::detail::encode_query_param(Base64Encode(leaf));
    EXPECT_EQ(GetJson(by_hash)["index"], index);
  }
  // Entries and proofs never change for a given size: clients may keep them.
  auto res = client_->Get("/log/proof/inclusion?index=0&size=3");
  EXPECT_EQ(res->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(client_->Get("/log/checkpoint")->get_header_value("Cache-Control"), "no-cache");
}

TEST_F(LogRoutesTest, BadParametersAreProblemsThatSayWhatIsWrong) {
  EXPECT_EQ(GetJson("/log/entries?start=0", 400)["detail"], "parameter end is required");
  EXPECT_EQ(GetJson("/log/entries?start=-1&end=2", 400)["detail"],
            "parameter start must be a whole number");
  EXPECT_EQ(GetJson("/log/entries?start=0&end=99", 400)["detail"],
            "entries must satisfy start < end <= 2 (the log's size)");
  EXPECT_EQ(GetJson("/log/proof/inclusion?index=2&size=2", 400)["detail"],
            "leaf 2 is not in a tree of size 2");
  EXPECT_EQ(GetJson("/log/proof/inclusion?index=0&size=9", 400)["detail"],
            "the log holds only 2 entries");
  EXPECT_EQ(GetJson("/log/proof/inclusion?hash=abc&size=2", 400)["detail"],
            "parameter hash must be a leaf hash: 32 bytes, base64");
  EXPECT_EQ(GetJson("/log/proof/consistency?from=0&to=2", 400)["detail"],
            "a consistency proof needs 0 < from <= to (got from 0, to 2)");
  EXPECT_EQ(GetJson("/log/proof/consistency?from=3&to=2", 400)["status"], 400);
}

TEST_F(LogRoutesTest, VerificationAnswersAndPagesShowTheCertificatesEntries) {
  ASSERT_TRUE(writer_->lifecycle().Suspend(id_, "under review", {"test"}).ok());
  note::Checkpoint head = Checkpoint();
  std::string credential = writer_->certificates().GetCertificate(id_)->credential_json;
  auto res = Post("/api/v1/verify", credential, "application/vc");
  ASSERT_EQ(res->status, 200);
  Json report = Json::parse(res->body);
  EXPECT_EQ(report["status"], "suspended");
  Json log = report["log"];
  EXPECT_EQ(log["treeSize"], head.size);
  ASSERT_EQ(log["entries"].size(), 2u);
  EXPECT_EQ(log["entries"][0]["event"], "issued");
  EXPECT_EQ(log["entries"][1]["event"], "suspended");
  for (const Json& entry : log["entries"]) {
    merkle::Hash leaf = merkle::LeafHash(entry["leaf"].get<std::string>());
    EXPECT_TRUE(
        merkle::VerifyInclusion(entry["index"], head.size, leaf, Hashes(entry["proof"]), head.root)
            .ok());
  }
  auto issued = OpenLogEvent(log["entries"][0]["leaf"].get<std::string>(), Key());
  EXPECT_EQ(issued->credential_sha256, CredentialDigest(Json::parse(credential)).value());
  EXPECT_EQ(GetJson("/api/v1/certificates/" + id_ + "/log"), log);
  GetJson("/api/v1/certificates/NOPE-2026-0001/log", 404);

  // A tampered credential verifies false and gets no log section.
  Json forged = Json::parse(credential);
  forged["validUntil"] = "2099-01-01T00:00:00Z";
  Json refused = Json::parse(Post("/api/v1/verify", forged.dump(), "application/vc")->body);
  EXPECT_EQ(refused["verified"], false);
  EXPECT_FALSE(refused.contains("log"));

  std::string page = client_->Get(("/verify/" + id_ + "?lang=en").c_str())->body;
  EXPECT_NE(page.find("In the transparency log"), std::string::npos);
  EXPECT_NE(page.find(AsHtml(log["entries"][1]["leafHash"].get<std::string>())), std::string::npos);
  std::string log_page = client_->Get("/log?lang=de")->body;
  EXPECT_NE(log_page.find("Transparenzlog"), std::string::npos);
  EXPECT_NE(log_page.find(AsHtml(Key().Format())), std::string::npos);
  EXPECT_NE(log_page.find("/verify/" + id_), std::string::npos);
}

}  // namespace
}  // namespace siegel
