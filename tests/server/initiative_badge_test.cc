// The badge and the verification link an initiative puts on its website once: they follow
// whatever certificate stands for it now (CurrentCertificate), before and after a renewal,
// in the language the snippet asks for, and never say "valid" when no certificate is.
#include "tests/server/server_fixture.h"

namespace siegel {
namespace {

class InitiativeBadgeTest : public testing::ServerFixture {
 protected:
  void Configure(http::ServerConfig& config) override {
    config.clock_for_testing = [this] { return now_.load(); };
  }
  std::string Title(const std::string& path) {
    auto res = client_->Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return "";
    size_t start = res->body.find("<title>"), end = res->body.find("</title>");
    return start == std::string::npos ? "status " + std::to_string(res->status)
                                      : res->body.substr(start + 7, end - start - 7);
  }
  std::string Location(const std::string& path) {
    auto res = client_->Get(path.c_str());
    EXPECT_TRUE(res) << path;
    EXPECT_EQ(res->status, 302) << path;
    return res->get_header_value("Location");
  }
  std::atomic<UnixSeconds> now_{*ParseDateTimeStamp("2026-06-01T12:00:00Z")};
};

TEST_F(InitiativeBadgeTest, TheInitiativesBadgeAndLinkFollowItsRenewal) {
  writer_->SetClockForTesting([this] { return now_.load(); });
  // The fixture's own certificate (id_) belongs to microtec-suedwest; this initiative is new.
  AddInitiative("photonik-bw", "Photonik BW", "Regierungsbezirk Karlsruhe", "Photonics");
  IssueRequest request;
  request.initiative_slug = "photonik-bw";
  request.valid_from = *ParseDateTimeStamp("2025-01-01T00:00:00Z");
  auto first = writer_->lifecycle().Issue(request, {"test"});
  ASSERT_TRUE(first.ok()) << first.message();
  const std::string badge = "/initiatives/photonik-bw/badge/ce-bw.svg";
  const std::string link = "/initiatives/photonik-bw/verify";
  EXPECT_EQ(Title(badge + "?lang=de"), "Cluster-Exzellenz BW: ✔ Gültig bis 01.01.2027");
  EXPECT_EQ(Title(badge + "?lang=en"), "Cluster Excellence BW: ✔ Valid until 1 January 2027");
  EXPECT_EQ(Location(link + "?lang=en"), "/verify/" + first->id + "?lang=en");
  // The seal: the same words, round, with the end date on a line of its own.
  std::string seal = client_->Get((badge + "?lang=de&style=seal").c_str())->body;
  EXPECT_NE(seal.find("<circle"), std::string::npos);
  EXPECT_NE(seal.find("<title>Cluster-Exzellenz BW: ✔ Gültig bis 01.01.2027</title>"),
            std::string::npos)
      << seal;
  EXPECT_NE(seal.find(">✔ Gültig</text>"), std::string::npos);
  EXPECT_NE(seal.find(">bis 01.01.2027</text>"), std::string::npos);
  EXPECT_EQ(client_->Get((badge + "?lang=de").c_str())->body.find("<circle"), std::string::npos)
      << "the pill unless asked for the seal";

  // Renewed in good time: the renewal begins when the first ends; until then, the first.
  auto renewal = writer_->lifecycle().Renew(first->id, {}, {"test"});
  ASSERT_TRUE(renewal.ok()) << renewal.message();
  EXPECT_EQ(Location(link), "/verify/" + first->id + "?lang=de");
  now_ = *ParseDateTimeStamp("2027-02-01T12:00:00Z");
  EXPECT_EQ(Title(badge + "?lang=de"), "Cluster-Exzellenz BW: ✔ Gültig bis 01.01.2029");
  EXPECT_EQ(Location(link + "?lang=de"), "/verify/" + renewal->id + "?lang=de");
  // The certificate-bound badge stays with its certificate, which has ended.
  EXPECT_EQ(Title("/badge/" + first->id + ".svg?lang=en"), "Cluster Excellence BW: ◷ Expired");

  // Revoked: the initiative's badge says so (never the valid one of an older certificate).
  ASSERT_TRUE(writer_->lifecycle().Revoke(renewal->id, "withdrawn", {"test"}).ok());
  EXPECT_EQ(Title(badge + "?lang=en"), "Cluster Excellence BW: ✖ Revoked");
  std::string revoked_seal = client_->Get((badge + "?lang=en&style=seal").c_str())->body;
  EXPECT_NE(revoked_seal.find(">✖ Revoked</text>"), std::string::npos) << revoked_seal;
  EXPECT_NE(revoked_seal.find("stroke=\"#a4161a\""), std::string::npos);
  EXPECT_EQ(revoked_seal.find("until"), std::string::npos) << "no end date for a revoked label";
  EXPECT_EQ(Location(link), "/verify/" + renewal->id + "?lang=de");

  // No such initiative or programme: 404, a badge that claims nothing.
  EXPECT_EQ(client_->Get("/initiatives/nobody/badge/ce-bw.svg")->status, 404);
  EXPECT_EQ(Title("/initiatives/nobody/badge/ce-bw.svg?lang=en"),
            "Cluster Excellence BW: ? Status unknown");
  EXPECT_EQ(client_->Get("/initiatives/photonik-bw/badge/other.svg")->status, 404);
  EXPECT_EQ(client_->Get("/initiatives/nobody/verify")->status, 404);
}

}  // namespace
}  // namespace siegel
