// The staff rules over HTTP, each tried the way an attacker or a careless colleague would: one
// administrator approving her own staff change under any name, forty guesses at once, a token
// outliving its role or password, a CSRF token in the address, a sign-in form on another
// site, a right-to-left override in a name.
#include <future>

#include "tests/server/admin_fixture.h"

namespace siegel::testing {
namespace {

class StaffRulesTest : public AdminTest {
 protected:
  void SetUp() override {
    AdminTest::SetUp();
    StaffUser eve;
    eve.username = "eve";
    eve.display_name = "Eve Example";
    eve.role = Role::kAdmin;
    eve.language = "en";
    // The operator's second administrator, while setting up.
    ASSERT_TRUE(writer_->accounts().AddUser(eve, kPassword, kOperator).ok());
  }

  httplib::Result SignIn(const std::string& username, const std::string& password,
                         const httplib::Headers& headers = {}) {
    return client_->Post("/admin/sign-in", headers,
                         "username=" + username + "&password=" + password,
                         "application/x-www-form-urlencoded");
  }

  // POSTs as a token, expecting `status`; answers the body.
  Json Expect(int status, const std::string& token, const std::string& path,
              const Json& body = Json::object()) {
    auto res = AsToken(token, "POST", path, body);
    EXPECT_TRUE(res) << path;
    if (!res) return Json();
    EXPECT_EQ(res->status, status) << path << ": " << res->body;
    return Json::parse(res->body, nullptr, false);
  }
};

TEST_F(StaffRulesTest, OneAdministratorCannotApproveHerOwnStaffChangeUnderAnyName) {
  std::string ada = Token("ada", Role::kAdmin);
  // A new issuer: a proposal (202), not an account.
  Json proposed = Expect(202, ada, "/api/v1/admin/users",
                         {{"username", "alice2"},
                          {"displayName", "Alice Zwei"},
                          {"role", "issuer"},
                          {"password", "alice2 secret 99"}});
  ASSERT_TRUE(proposed.contains("staffChange")) << proposed;
  std::string approve = "/api/v1/admin/staff-changes/" +
                        std::to_string(proposed["staffChange"]["id"].get<int64_t>()) + "/approve";
  EXPECT_FALSE(writer_->accounts().GetUser("alice2").ok());
  EXPECT_EQ(SignIn("alice2", "alice2+secret+99")->status, 401) << "no account yet";
  // Her token, another token of hers, her session form: all the same person.
  Expect(409, ada, approve);
  Expect(409, Token("ada", Role::kAdmin), approve);
  auto form = AsSession(Session("ada"), "POST", approve.substr(std::string("/api/v1").size()));
  EXPECT_EQ(form->status, 409) << form->body;
  Expect(403, Token("anna", Role::kIssuer), approve);  // staff changes need an administrator
  EXPECT_FALSE(writer_->accounts().GetUser("alice2").ok());
  // eve approves; the account exists with ada's password and is still ada's.
  Json approved = Expect(200, Token("eve", Role::kAdmin), approve);
  EXPECT_EQ(approved["decidedBy"], "eve");
  EXPECT_EQ(approved["proposedBy"], "ada");
  EXPECT_EQ(SignIn("alice2", "alice2+secret+99")->status, 303);

  // ada proposes a certificate and tries alice2 as the second issuer.
  auto assessment = AsToken(Token("ed", Role::kEditor), "POST", "/api/v1/admin/assessments",
                            {{"initiative", "microtec-suedwest"},
                             {"assessor", "VDI/VDE-IT"},
                             {"assessedFrom", "2026-01-05"},
                             {"assessedOn", "2026-01-09"}});
  ASSERT_EQ(assessment->status, 201) << assessment->body;
  Json proposal = Expect(201, ada, "/api/v1/admin/proposals",
                         {{"assessment", Json::parse(assessment->body)["id"]},
                          {"renews", id_},
                          {"validFrom", writer_->certificates().GetCertificate(id_)->valid_until},
                          {"validUntil", "2031-01-01"},
                          {"note", "re-certified for four years"}});
  std::string sign =
      "/api/v1/admin/proposals/" + std::to_string(proposal["id"].get<int64_t>()) + "/approve";
  Json refused = Expect(409, Token("alice2", Role::kIssuer), sign);
  EXPECT_NE(refused.dump().find("ada created the account alice2"), std::string::npos) << refused;

  // Raising vera: a proposal; once eve approves, vera is an issuer ada raised.
  Json raise = Expect(202, ada, "/api/v1/admin/users/vera/role", {{"role", "issuer"}});
  EXPECT_EQ(writer_->accounts().GetUser("vera")->role, Role::kViewer);
  Expect(200, Token("eve", Role::kAdmin),
         "/api/v1/admin/staff-changes/" +
             std::to_string(raise["staffChange"]["id"].get<int64_t>()) + "/approve");
  EXPECT_EQ(writer_->accounts().GetUser("vera")->role, Role::kIssuer);
  Expect(409, Token("vera", Role::kIssuer), sign);

  // Switching the rule off: a proposal she cannot approve herself either.
  Json off = Expect(202, ada, "/api/v1/admin/programmes/ce-bw/four-eyes", {{"fourEyes", false}});
  Expect(409, ada,
         "/api/v1/admin/staff-changes/" + std::to_string(off["staffChange"]["id"].get<int64_t>()) +
             "/approve");
  EXPECT_TRUE(writer_->certificates().FourEyesRequired("ce-bw").value());
  Expect(409, ada, sign);
  EXPECT_TRUE(writer_->workflow().GetProposal(proposal["id"])->decision.empty())
      << "nothing was signed";

  // The whole story is in the audit trail with both names.
  auto audit = AsToken(ada, "GET", "/api/v1/admin/audit?action=staff_change.approve");
  ASSERT_EQ(audit->status, 200);
  Json items = Json::parse(audit->body)["items"];
  ASSERT_EQ(items.size(), 2u) << items;
  for (const Json& item : items) {
    EXPECT_EQ(item["after"]["proposedBy"], "ada");
    EXPECT_EQ(item["after"]["decidedBy"], "eve");
  }
}

TEST_F(StaffRulesTest, TheUsersPageOffersTheApprovalToTheOtherAdministratorOnly) {
  auto proposed = AsSession(Session("ada"), "POST", "/admin/users",
                            "username=neu&displayName=Neu&role=admin&password=another+secret+77");
  ASSERT_EQ(proposed->status, 303) << proposed->body;
  EXPECT_EQ(proposed->get_header_value("Location"), "/admin/users?notice=staff_change_proposed");
  EXPECT_FALSE(writer_->accounts().GetUser("neu").ok());
  auto own = AsSession(Session("ada"), "GET", "/admin/users");
  EXPECT_NE(own->body.find("Waiting for another administrator"), std::string::npos);
  EXPECT_EQ(own->body.find("/admin/staff-changes/1/approve"), std::string::npos);
  auto other = AsSession(Session("eve"), "GET", "/admin/users");
  EXPECT_NE(other->body.find("new account neu (Neu) with the role admin"), std::string::npos);
  EXPECT_NE(other->body.find("/admin/staff-changes/1/approve"), std::string::npos);
  auto approved = AsSession(Session("eve"), "POST", "/admin/staff-changes/1/approve");
  ASSERT_EQ(approved->status, 303) << approved->body;
  EXPECT_EQ(writer_->accounts().GetUser("neu")->role, Role::kAdmin);
  // A lower role needs nobody else.
  auto viewer =
      AsSession(Session("ada"), "POST", "/admin/users",
                "username=leser&displayName=Leser&role=viewer&password=another+secret+77");
  EXPECT_EQ(viewer->get_header_value("Location"), "/admin/users?notice=user_added");
}

TEST_F(StaffRulesTest, TokensEndWhenTheRoleChangesOrThePasswordIsReset) {
  std::string anna = Token("anna", Role::kIssuer);
  std::string ben = Token("ben", Role::kIssuer);
  ASSERT_EQ(AsToken(anna, "GET", "/api/v1/admin/me")->status, 200);
  Expect(200, Token("ada", Role::kAdmin), "/api/v1/admin/users/anna/role", {{"role", "editor"}});
  EXPECT_EQ(writer_->accounts().GetUser("anna")->role, Role::kEditor);
  EXPECT_EQ(AsToken(anna, "GET", "/api/v1/admin/me")->status, 401) << "role changed";

  ASSERT_EQ(AsToken(ben, "GET", "/api/v1/admin/me")->status, 200);
  ASSERT_TRUE(writer_->accounts().ResetPassword("ben", "ben new secret 1", kOperator).ok());
  EXPECT_EQ(AsToken(ben, "GET", "/api/v1/admin/me")->status, 401) << "password reset";
}

TEST_F(StaffRulesTest, FortyGuessesAtOnceGetNoMoreThanFiveAnswers) {
  std::vector<std::future<int>> guesses;
  for (int i = 0; i < 40; ++i) {
    guesses.push_back(std::async(std::launch::async, [this, i] {
      httplib::Client client("127.0.0.1", port_);
      auto res =
          client.Post("/admin/sign-in", "username=anna&password=wrong+guess+" + std::to_string(i),
                      "application/x-www-form-urlencoded");
      return res ? res->status : -1;
    }));
  }
  int checked = 0, throttled = 0;
  for (auto& guess : guesses) {
    int status = guess.get();
    if (status == 401) ++checked;
    if (status == 429) ++throttled;
  }
  EXPECT_LE(checked, 5) << "every 401 is a password that was checked";
  EXPECT_EQ(checked + throttled, 40);
  auto right = SignIn("anna", "correct+horse+42");
  EXPECT_EQ(right->status, 429) << "the account waits out its window";
  EXPECT_EQ(SignIn("ben", "correct+horse+42")->status, 303);
}

TEST_F(StaffRulesTest, ASignInFormOnAnotherSiteIsRefused) {
  for (const httplib::Headers& foreign :
       {httplib::Headers{{"Origin", "https://evil.example"}}, httplib::Headers{{"Origin", "null"}},
        httplib::Headers{{"Sec-Fetch-Site", "cross-site"}},
        httplib::Headers{{"Sec-Fetch-Site", "cross-site"}, {"Origin", "http://127.0.0.1"}},
        httplib::Headers{{"Sec-Fetch-Site", "same-site"}, {"Origin", "https://x.127.0.0.1"}}}) {
    auto res = SignIn("anna", "correct+horse+42", foreign);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 403) << foreign.begin()->second;
    EXPECT_TRUE(res->get_header_value("Set-Cookie").empty());
  }
  std::string self = "http://127.0.0.1:" + std::to_string(port_);
  auto own =
      SignIn("anna", "correct+horse+42", {{"Origin", self}, {"Sec-Fetch-Site", "same-origin"}});
  EXPECT_EQ(own->status, 303) << own->body;
  // What Chromium sends from our own page under Referrer-Policy: no-referrer.
  auto no_referrer =
      SignIn("vera", "correct+horse+42", {{"Origin", "null"}, {"Sec-Fetch-Site", "same-origin"}});
  EXPECT_EQ(no_referrer->status, 303) << no_referrer->body;
  auto typed = SignIn("ben", "correct+horse+42", {{"Sec-Fetch-Site", "none"}});
  EXPECT_EQ(typed->status, 303);
  // The public address counts as this site too (a proxy may hide the port from Host).
  auto public_address =
      SignIn("ed", "correct+horse+42", {{"Origin", writer_->settings().base_url}});
  EXPECT_EQ(public_address->status, 303) << public_address->body;
}

TEST_F(StaffRulesTest, ACsrfTokenInTheAddressIsNotAccepted) {
  std::string session = Session("ada");
  auto created = client_->Post(("/admin/tokens?csrf=" + CsrfTokenFor(session)).c_str(),
                               {{"Cookie", "siegel_session=" + session}},
                               "name=sneaky&role=viewer&expiresOn=2099-01-01",
                               "application/x-www-form-urlencoded");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status, 403);
  EXPECT_TRUE(writer_->sessions().ListApiTokens()->empty()) << "no token was made";
}

TEST_F(StaffRulesTest, ARightToLeftOverrideInANameIsRefused) {
  std::string editor = Token("ed", Role::kEditor);
  for (const char* name : {"Cluster \xE2\x80\xAE"
                           "nimda",
                           "Isolated \xE2\x81\xA6x\xE2\x81\xA9",
                           "C1 \xC2\x9B"
                           "control"}) {
    auto res = AsToken(editor, "POST", "/api/v1/admin/initiatives",
                       {{"slug", "bidi-test"}, {"name", name}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << name;
    EXPECT_NE(res->body.find("name"), std::string::npos) << res->body;
  }
  EXPECT_FALSE(writer_->certificates().GetInitiative("bidi-test").ok());
  auto edit = AsToken(editor, "PUT", "/api/v1/admin/initiatives/microtec-suedwest",
                      {{"name",
                        "microTEC \xE2\x80\xAE"
                        "Südwest"}});
  EXPECT_EQ(edit->status, 400);
  EXPECT_EQ(writer_->certificates().GetInitiative("microtec-suedwest")->name, "microTEC Südwest");
}

}  // namespace
}  // namespace siegel::testing
