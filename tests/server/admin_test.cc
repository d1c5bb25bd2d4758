// The staff side over HTTP: every admin route refuses the wrong caller, forms need their CSRF
// token, four-eyes holds, sign-in is throttled, and no secret ever appears in a page, a log or
// the database. Then the whole workflow through the API with tokens of two issuers.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <fstream>
#include <sstream>

#include "registry/secret_token.h"
#include "tests/server/admin_fixture.h"

namespace siegel::testing {
namespace {

TEST_F(AdminTest, FormPostsWithoutTheirCsrfTokenAreRefused) {
  std::string session = Session("ada");
  httplib::Headers cookie = {{"Cookie", "siegel_session=" + session}};
  auto without = client_->Post("/admin/initiatives", cookie, "slug=csrf-test&name=CSRF",
                               "application/x-www-form-urlencoded");
  ASSERT_TRUE(without);
  EXPECT_EQ(without->status, 403);
  EXPECT_NE(without->body.find("CSRF"), std::string::npos);
  auto wrong = client_->Post("/admin/initiatives", cookie,
                             "slug=csrf-test&name=CSRF&csrf=" + CsrfTokenFor("another session"),
                             "application/x-www-form-urlencoded");
  EXPECT_EQ(wrong->status, 403);
  auto api = client_->Post("/api/v1/admin/initiatives", cookie,
                           R"({"slug":"csrf-test","name":"CSRF"})", "application/json");
  EXPECT_EQ(api->status, 403) << "cookie-authenticated API calls need X-CSRF-Token too";
  EXPECT_FALSE(writer_->certificates().GetInitiative("csrf-test").ok()) << "nothing was created";

  auto with = AsSession(session, "POST", "/admin/initiatives", "slug=csrf-test&name=CSRF");
  EXPECT_EQ(with->status, 303) << with->body;
  EXPECT_TRUE(writer_->certificates().GetInitiative("csrf-test").ok());
}

TEST_F(AdminTest, SignInSetsAStrictHttpOnlyCookieAndSignOutEndsTheSession) {
  auto form = client_->Get("/admin/sign-in");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 200);
  EXPECT_EQ(form->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(form->get_header_value_count("Cache-Control"), 1u) << "one Cache-Control, not three";
  auto signed_in = client_->Post(
      "/admin/sign-in", "username=anna&password=correct+horse+42&next=%2Fadmin%2Fproposals",
      "application/x-www-form-urlencoded");
  ASSERT_TRUE(signed_in);
  EXPECT_EQ(signed_in->status, 303);
  EXPECT_EQ(signed_in->get_header_value("Location"), "/admin/proposals");
  std::string cookie = signed_in->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("Max-Age=28800"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain HTTP in this test";
  std::string session =
      cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
  auto page = AsSession(session, "GET", "/admin");
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(page->get_header_value_count("Cache-Control"), 1u);
  EXPECT_TRUE(page->get_header_value("Access-Control-Allow-Origin").empty());
  auto out = AsSession(session, "POST", "/admin/sign-out");
  EXPECT_EQ(out->status, 303);
  EXPECT_NE(out->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(AsSession(session, "GET", "/admin")->status, 303) << "the old cookie is worthless";
}

TEST_F(AdminTest, SignInNeverRedirectsElsewhere) {
  for (const char* next :
       {"https%3A%2F%2Fevil.example%2F", "%2F%2Fevil.example", "%2Fverify", "%2Fadmin%5C%5Cevil"}) {
    auto res = client_->Post("/admin/sign-in",
                             std::string("username=anna&password=correct+horse+42&next=") + next,
                             "application/x-www-form-urlencoded");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->get_header_value("Location"), "/admin") << next;
  }
}

TEST_F(AdminTest, RepeatedFailedSignInsAreThrottled) {
  for (int i = 0; i < 5; ++i) {
    auto res = client_->Post("/admin/sign-in", "username=anna&password=wrong+password+1",
                             "application/x-www-form-urlencoded");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 401);
    // Nobody is signed in: the page speaks the reader's language, German unless asked.
    EXPECT_NE(res->body.find("Benutzername oder Passwort ist falsch."), std::string::npos);
  }
  auto locked = client_->Post("/admin/sign-in", "username=anna&password=correct+horse+42",
                              "application/x-www-form-urlencoded");
  ASSERT_TRUE(locked);
  EXPECT_EQ(locked->status, 429) << "even the right password waits";
  EXPECT_GT(std::stoi(locked->get_header_value("Retry-After")), 0);
  EXPECT_TRUE(locked->get_header_value("Set-Cookie").empty());
  auto other = client_->Post("/admin/sign-in", "username=ben&password=correct+horse+42",
                             "application/x-www-form-urlencoded");
  EXPECT_EQ(other->status, 303) << "another account is not locked by anna's failures";
  // An unknown account answers exactly like a wrong password.
  auto unknown = client_->Post("/admin/sign-in", "username=nobody&password=x",
                               "application/x-www-form-urlencoded");
  EXPECT_EQ(unknown->status, 401);
  EXPECT_NE(unknown->body.find("Benutzername oder Passwort ist falsch."), std::string::npos);
  auto english = client_->Post("/admin/sign-in?lang=en", "username=nobody&password=x",
                               "application/x-www-form-urlencoded");
  EXPECT_NE(english->body.find("The user name or the password is wrong."), std::string::npos);
}

TEST_F(AdminTest, AProposerCannotApproveItsOwnProposal) {
  std::string anna = Token("anna", Role::kIssuer);
  auto assessment = AsToken(Token("ed", Role::kEditor), "POST", "/api/v1/admin/assessments",
                            {{"initiative", "microtec-suedwest"},
                             {"assessor", "VDI/VDE-IT"},
                             {"assessedFrom", "2026-01-05"},
                             {"assessedOn", "2026-01-09"}});
  ASSERT_EQ(assessment->status, 201) << assessment->body;
  int64_t assessment_id = Json::parse(assessment->body)["id"];
  // microtec-suedwest holds a certificate already: this is its renewal.
  auto proposal = AsToken(anna, "POST", "/api/v1/admin/proposals",
                          {{"assessment", assessment_id},
                           {"renews", id_},
                           {"validFrom", writer_->certificates().GetCertificate(id_)->valid_until},
                           {"validUntil", "2031-01-01"},
                           {"note", "re-certified for four years"}});
  ASSERT_EQ(proposal->status, 201) << proposal->body;
  std::string approve = "/api/v1/admin/proposals/" +
                        std::to_string(Json::parse(proposal->body)["id"].get<int64_t>()) +
                        "/approve";
  auto own = AsToken(anna, "POST", approve);
  EXPECT_EQ(own->status, 409) << own->body;
  EXPECT_NE(own->body.find("four-eyes"), std::string::npos);
  auto own_other_token = AsToken(Token("anna", Role::kIssuer), "POST", approve);
  EXPECT_EQ(own_other_token->status, 409)
      << "a second token of the same person is no second pair of eyes";
  auto own_form = AsSession(Session("anna"), "POST", approve.substr(std::string("/api/v1").size()));
  EXPECT_EQ(own_form->status, 409) << "the form refuses it the same way";
  auto other = AsToken(Token("ben", Role::kIssuer), "POST", approve);
  EXPECT_EQ(other->status, 200) << other->body;
  EXPECT_EQ(Json::parse(other->body)["decision"], "approved");
}

TEST_F(AdminTest, TheWholeWorkflowIsPublicAtOnce) {
  std::string editor = Token("ed", Role::kEditor);
  std::string anna = Token("anna", Role::kIssuer), ben = Token("ben", Role::kIssuer);
  std::string admin = Token("ada", Role::kAdmin);
  auto created = AsToken(editor, "POST", "/api/v1/admin/initiatives",
                         {{"slug", "photonik-neu"},
                          {"name", "Photonik Neu"},
                          {"legalEntity", "Photonik Neu e.V."},
                          {"region", "Regierungsbezirk Karlsruhe"},
                          {"technologyFields", Json::array({"Photonics"})},
                          {"website", "https://photonik-neu.example"}});
  ASSERT_EQ(created->status, 201) << created->body;
  auto bad_field =
      AsToken(editor, "PUT", "/api/v1/admin/initiatives/photonik-neu",
              {{"name", "Photonik Neu"}, {"technologyFields", Json::array({"Magic"})}});
  EXPECT_EQ(bad_field->status, 400) << "technology fields come from the controlled list";
  auto edited =
      AsToken(editor, "PUT", "/api/v1/admin/initiatives/photonik-neu",
              {{"name", "Photonik Neu BW"}, {"technologyFields", Json::array({"Photonics"})}});
  ASSERT_EQ(edited->status, 200) << edited->body;
  EXPECT_EQ(GetJson("/api/v1/initiatives/photonik-neu")["name"], "Photonik Neu BW");

  auto assessment = AsToken(editor, "POST", "/api/v1/admin/assessments",
                            {{"initiative", "photonik-neu"},
                             {"assessor", "ESCA"},
                             {"assessedFrom", "2026-01-05"},
                             {"assessedOn", "2026-01-09"},
                             {"boardDecisionDate", "2026-01-20"},
                             {"boardDecisionRef", "Beirat 1/2026"}});
  ASSERT_EQ(assessment->status, 201) << assessment->body;
  auto proposal = AsToken(anna, "POST", "/api/v1/admin/proposals",
                          {{"assessment", Json::parse(assessment->body)["id"]},
                           {"validFrom", "2026-02-01"},
                           {"validUntil", "2028-02-01"}});
  ASSERT_EQ(proposal->status, 201) << proposal->body;
  int64_t proposal_id = Json::parse(proposal->body)["id"];
  EXPECT_EQ(GetJson("/api/v1/certificates?initiative=photonik-neu")["total"], 0);
  auto approved =
      AsToken(ben, "POST", "/api/v1/admin/proposals/" + std::to_string(proposal_id) + "/approve");
  ASSERT_EQ(approved->status, 200) << approved->body;
  std::string id = Json::parse(approved->body)["certificate"];
  std::string status_path = "/api/v1/certificates/" + id + "/status";
  EXPECT_EQ(GetJson(status_path)["status"], "valid");

  auto suspended = AsToken(anna, "POST", "/api/v1/admin/certificates/" + id + "/suspend",
                           {{"reason", "annual report missing"}});
  ASSERT_EQ(suspended->status, 200) << suspended->body;
  EXPECT_EQ(GetJson(status_path)["status"], "suspended");
  EXPECT_NE(client_->Get(("/badge/" + id + ".svg").c_str())->body.find("usgesetzt"),
            std::string::npos);
  EXPECT_EQ(AsToken(ben, "POST", "/api/v1/admin/certificates/" + id + "/reinstate")->status, 400)
      << "a reinstatement needs a reason";
  auto reinstated = AsToken(ben, "POST", "/api/v1/admin/certificates/" + id + "/reinstate",
                            {{"reason", "report arrived"}});
  ASSERT_EQ(reinstated->status, 200) << reinstated->body;
  EXPECT_EQ(GetJson(status_path)["status"], "valid");

  EXPECT_EQ(AsToken(anna, "POST", "/api/v1/admin/certificates/" + id + "/revoke",
                    {{"reasonCode", "issued_in_error"}})
                ->status,
            403)
      << "revocation needs an admin";
  EXPECT_EQ(AsToken(admin, "POST", "/api/v1/admin/certificates/" + id + "/revoke",
                    {{"reasonCode", "because"}})
                ->status,
            400);
  auto revoked = AsToken(admin, "POST", "/api/v1/admin/certificates/" + id + "/revoke",
                         {{"reasonCode", "issued_in_error"}, {"note", "wrong programme"}});
  ASSERT_EQ(revoked->status, 200) << revoked->body;
  Json status = GetJson(status_path);
  EXPECT_EQ(status["status"], "revoked");
  EXPECT_NE(status.dump().find("issued in error: wrong programme"), std::string::npos) << status;

  auto audit = AsToken(admin, "GET", "/api/v1/admin/audit?subject=" + id);
  ASSERT_EQ(audit->status, 200);
  std::string actions;
  Json records = Json::parse(audit->body);
  for (const Json& r : records["items"]) actions += r["action"].get<std::string>() + " ";
  EXPECT_NE(actions.find("certificate.revoke "), std::string::npos) << actions;
  EXPECT_NE(actions.find("certificate.suspend "), std::string::npos) << actions;
  auto csv = AsToken(admin, "GET", "/api/v1/admin/audit.csv?action=proposal.");
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->body.rfind("seq,at,actor,action,subject,before,after\r\n", 0), 0u);
  EXPECT_NE(csv->body.find("proposal.approve"), std::string::npos);
}

TEST_F(AdminTest, NoPasswordOrTokenAppearsInPagesLogsOrTheDatabase) {
  std::string session = Session("ada");
  auto created =
      AsSession(session, "POST", "/admin/tokens", "name=export&role=viewer&expiresOn=2099-01-01");
  ASSERT_TRUE(created);
  // The expiry is more than a year ahead: refused, and the refusal shows no secret.
  EXPECT_EQ(created->status, 400);
  std::string next_year = FormatDateTimeStamp(writer_->Now() + 200 * 86400).substr(0, 10);
  created =
      AsSession(session, "POST", "/admin/tokens", "name=export&role=viewer&expiresOn=" + next_year);
  ASSERT_EQ(created->status, 200) << created->body;
  size_t at = created->body.find("sgl_");
  ASSERT_NE(at, std::string::npos) << "the new token is shown once";
  std::string token = created->body.substr(at, 47);
  EXPECT_EQ(AsToken(token, "GET", "/api/v1/admin/me")->status, 200);
  auto listed = AsSession(session, "GET", "/admin/tokens");
  EXPECT_EQ(listed->body.find(token), std::string::npos) << "and never again";

  auto user = AsSession(session, "POST", "/admin/users",
                        "username=neu&displayName=Neu&role=viewer&password=another+secret+77");
  ASSERT_EQ(user->status, 303) << user->body;
  EXPECT_EQ(client_
                ->Post("/admin/sign-in", "username=neu&password=another+secret+77",
                       "application/x-www-form-urlencoded")
                ->status,
            303);

  std::string log = ReadAll(dir_.path() / "access.log");
  ASSERT_FALSE(log.empty());
  std::string database = ReadAll(dir_.path() / "data" / "registry.db") +
                         ReadAll(dir_.path() / "data" / "registry.db-wal");
  std::string pages = AsSession(session, "GET", "/admin/audit")->body +
                      AsSession(session, "GET", "/admin/users")->body;
  for (const std::string& secret : {std::string(kPassword), std::string("another secret 77"),
                                    std::string("another+secret+77"), token, session}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << "log holds " << secret;
    EXPECT_EQ(database.find(secret), std::string::npos) << "database holds " << secret;
    EXPECT_EQ(pages.find(secret), std::string::npos) << "pages show " << secret;
  }
}

TEST_F(AdminTest, StaffPagesWalkThroughTheWorkflowWithForms) {
  std::string ed = Session("ed"), anna = Session("anna"), ben = Session("ben");
  auto created = AsSession(ed, "POST", "/admin/initiatives",
                           "slug=form-bw&name=Form+BW&technologyFields=Textiles");
  ASSERT_EQ(created->status, 303) << created->body;
  EXPECT_EQ(created->get_header_value("Location"), "/admin/initiatives/form-bw?notice=created");
  auto page = AsSession(ed, "GET", "/admin/initiatives/form-bw?notice=created");
  ASSERT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("The initiative was created."), std::string::npos);
  EXPECT_NE(page->body.find("value=\"Textiles\" checked"), std::string::npos);
  auto assessed = AsSession(ed, "POST", "/admin/initiatives/form-bw/assessments",
                            "assessor=ESCA&assessedFrom=2026-01-05&assessedOn=2026-01-09");
  ASSERT_EQ(assessed->status, 303) << assessed->body;
  auto bad = AsSession(ed, "POST", "/admin/initiatives/form-bw/assessments",
                       "assessor=ESCA&assessedFrom=2026-01-09&assessedOn=2026-01-05");
  EXPECT_EQ(bad->status, 422);
  EXPECT_NE(bad->body.find("id=\"err-assessedOn\">The assessment cannot end before it starts: "
                           "the last day lies before the first.</p>"),
            std::string::npos)
      << bad->body;
  EXPECT_EQ(writer_->workflow().ListAssessments("form-bw")->size(), 1u) << "nothing recorded";
  int64_t assessment = writer_->workflow().ListAssessments("form-bw")->front().id;
  auto proposed = AsSession(
      anna, "POST", "/admin/proposals",
      "assessment=" + std::to_string(assessment) + "&validFrom=2026-02-01&validUntil=2028-02-01");
  ASSERT_EQ(proposed->status, 303) << proposed->body;
  int64_t proposal = writer_->workflow().ListProposals(true)->front().id;
  auto own_view = AsSession(anna, "GET", "/admin/proposals");
  EXPECT_NE(own_view->body.find("Waiting for another issuer"), std::string::npos);
  // The list names the initiative and the assessment in words.
  EXPECT_NE(own_view->body.find(">Form BW</a> (ce-bw)<br>Assessment: ESCA, 2026-01-09"),
            std::string::npos)
      << own_view->body;
  auto other_view = AsSession(ben, "GET", "/admin");
  EXPECT_NE(other_view->body.find("/admin/proposals/" + std::to_string(proposal) + "/approve"),
            std::string::npos);
  // The first click shows what will be signed and signs nothing; the confirmation signs.
  std::string approve = "/admin/proposals/" + std::to_string(proposal) + "/approve";
  auto preview = AsSession(ben, "POST", approve);
  ASSERT_EQ(preview->status, 200) << preview->body;
  EXPECT_NE(preview->body.find("<h1>Sign proposal " + std::to_string(proposal) + "?</h1>"),
            std::string::npos)
      << preview->body;
  EXPECT_NE(preview->body.find("<dt>Holder</dt><dd>Form BW</dd>"), std::string::npos);
  EXPECT_NE(preview->body.find("<dt>Valid</dt><dd>2026-02-01 – 2028-02-01</dd>"),
            std::string::npos);
  EXPECT_NE(preview->body.find("<dt>Assessment</dt><dd>ESCA, 2026-01-05 – 2026-01-09</dd>"),
            std::string::npos);
  EXPECT_NE(preview->body.find("name=\"confirmed\" value=\"yes\""), std::string::npos);
  EXPECT_TRUE(writer_->workflow().GetProposal(proposal)->decision.empty()) << "nothing signed";
  auto approved = AsSession(ben, "POST", approve, "confirmed=yes");
  ASSERT_EQ(approved->status, 303) << approved->body;
  std::string location = approved->get_header_value("Location");
  std::string id = location.substr(std::string("/admin/certificates/").size(),
                                   location.find('?') - std::string("/admin/certificates/").size());
  EXPECT_EQ(GetJson("/api/v1/certificates/" + id + "/status")["status"], "valid");
  auto suspended =
      AsSession(ben, "POST", "/admin/certificates/" + id + "/suspend", "reason=Bericht+fehlt");
  ASSERT_EQ(suspended->status, 303);
  EXPECT_NE(client_->Get(("/verify/" + id).c_str())->body.find("Bericht fehlt"), std::string::npos);

  // Revoking: the first click shows the public reason and revokes nothing; a reason the rules
  // refuse is refused at the first click already; the confirmation revokes.
  std::string ada = Session("ada");
  std::string revoke = "/admin/certificates/" + id + "/revoke";
  auto no_note = AsSession(ada, "POST", revoke, "reasonCode=other");
  // The form comes back with the reason still chosen and the sentence beside the note.
  EXPECT_EQ(no_note->status, 422);
  EXPECT_NE(no_note->body.find("<option value=\"other\" selected>"), std::string::npos);
  EXPECT_NE(no_note->body.find("name=\"note\" value=\"\" aria-invalid=\"true\" "
                               "aria-describedby=\"err-revoke-note\"></label>\n  <p "
                               "class=\"field-error\" id=\"err-revoke-note\">For another reason, "
                               "please say which in the note.</p>"),
            std::string::npos)
      << no_note->body;
  auto ask = AsSession(ada, "POST", revoke, "reasonCode=issued_in_error&note=falsches+Programm");
  ASSERT_EQ(ask->status, 200) << ask->body;
  EXPECT_NE(ask->body.find("<h1>Revoke " + id + " for good?</h1>"), std::string::npos);
  EXPECT_NE(ask->body.find("<dt>Public reason</dt><dd>issued in error: falsches Programm</dd>"),
            std::string::npos)
      << ask->body;
  EXPECT_EQ(GetJson("/api/v1/certificates/" + id + "/status")["status"], "suspended")
      << "nothing revoked before the confirmation";
  auto revoked = AsSession(ada, "POST", revoke,
                           "reasonCode=issued_in_error&note=falsches+Programm&confirmed=yes");
  ASSERT_EQ(revoked->status, 303) << revoked->body;
  EXPECT_EQ(GetJson("/api/v1/certificates/" + id + "/status")["status"], "revoked");
}

}  // namespace
}  // namespace siegel::testing

namespace siegel::testing {
namespace {

// The overview tells each person what to do next: the proposals they may decide apart from
// those waiting for someone else, and one list of certificates ending within 180 days, the
// soonest first, with days left and the state of the renewal.
TEST_F(AdminTest, TheOverviewSaysWhatToDoNextForWhom) {
  AddInitiative("ending-soon", "Ending Soon BW", "Regierungsbezirk Stuttgart", "Logistics");
  std::string editor = Token("ed", Role::kEditor), anna_token = Token("anna", Role::kIssuer);
  auto assess = [&] {
    auto made = AsToken(editor, "POST", "/api/v1/admin/assessments",
                        {{"initiative", "ending-soon"},
                         {"assessor", "VDI/VDE-IT"},
                         {"assessedFrom", "2026-01-05"},
                         {"assessedOn", "2026-01-09"}});
    EXPECT_EQ(made->status, 201) << made->body;
    return Json::parse(made->body)["id"].get<int64_t>();
  };
  // A certificate that ends in 100 days, signed by two people.
  UnixSeconds now = writer_->Now();
  auto first = AsToken(anna_token, "POST", "/api/v1/admin/proposals",
                       {{"assessment", assess()},
                        {"validFrom", FormatDate(now - 400 * 86400)},
                        {"validUntil", FormatDate(now + 100 * 86400)},
                        {"note", "ends soon, for this test"}});
  ASSERT_EQ(first->status, 201) << first->body;
  auto signed_first =
      AsToken(Token("ben", Role::kIssuer), "POST",
              "/api/v1/admin/proposals/" +
                  std::to_string(Json::parse(first->body)["id"].get<int64_t>()) + "/approve");
  ASSERT_EQ(signed_first->status, 200) << signed_first->body;
  std::string ending = Json::parse(signed_first->body)["certificate"];
  // Its renewal, proposed by anna.
  auto proposal = AsToken(anna_token, "POST", "/api/v1/admin/proposals",
                          {{"assessment", assess()},
                           {"renews", ending},
                           {"validFrom", FormatDate(now + 100 * 86400)},
                           {"validUntil", FormatDate(AddMonths(now + 100 * 86400, 24))}});
  ASSERT_EQ(proposal->status, 201) << proposal->body;
  int64_t number = Json::parse(proposal->body)["id"];

  std::string ben = AsSession(Session("ben"), "GET", "/admin")->body;
  size_t yours = ben.find("<h2>Proposals waiting for you</h2>");
  size_t approve = ben.find("Approve and sign");
  size_t ending_list = ben.find("<h2>Certificates ending within 180 days</h2>");
  ASSERT_NE(yours, std::string::npos) << ben;
  EXPECT_LT(yours, approve);
  EXPECT_LT(approve, ending_list);
  EXPECT_EQ(ben.find("Proposals waiting for someone else"), std::string::npos);
  EXPECT_NE(ben.find("<tr><td>100</td><td><a href=\"/admin/certificates/" + ending + "\">" +
                     ending + "</a></td>"),
            std::string::npos)
      << ben;
  EXPECT_NE(ben.find("Proposed (no. " + std::to_string(number) + "): waiting for approval"),
            std::string::npos);
  EXPECT_EQ(ben.find("<td><a href=\"/admin/certificates/" + id_), std::string::npos)
      << "two years left: not in the list";

  std::string anna = AsSession(Session("anna"), "GET", "/admin")->body;
  EXPECT_NE(anna.find("No proposal waits for your decision."), std::string::npos) << anna;
  size_t others = anna.find("<h2>Proposals waiting for someone else</h2>");
  ASSERT_NE(others, std::string::npos);
  EXPECT_NE(anna.find("Waiting for another issuer (four-eyes principle).", others),
            std::string::npos);

  Json overview =
      Json::parse(AsToken(Token("vera", Role::kViewer), "GET", "/api/v1/admin/overview")->body);
  ASSERT_EQ(overview["renewalsDue"].size(), 1u) << overview.dump();
  EXPECT_EQ(overview["renewalsDue"][0]["id"], ending);
  EXPECT_EQ(overview["renewalsDue"][0]["daysLeft"], 100);
  EXPECT_EQ(overview["renewalsDue"][0]["renewal"], "proposed");
  EXPECT_EQ(overview["renewalsDue"][0]["proposal"], number);
}

// The proposal form starts from the programme's rule (from today, for 24 months), and the
// approver sees at once when a proposal departs from it, beside the proposer's reason.
TEST_F(AdminTest, TheProposalFormKeepsToTheRuleAndTheApproverSeesADeparture) {
  auto assessment = AsToken(Token("ed", Role::kEditor), "POST", "/api/v1/admin/assessments",
                            {{"initiative", "microtec-suedwest"},
                             {"assessor", "VDI/VDE-IT"},
                             {"assessedFrom", "2026-01-05"},
                             {"assessedOn", "2026-01-09"}});
  ASSERT_EQ(assessment->status, 201) << assessment->body;
  UnixSeconds today = writer_->Now() - writer_->Now() % 86400;
  std::string page =
      AsSession(Session("anna"), "GET", "/admin/initiatives/microtec-suedwest")->body;
  EXPECT_NE(page.find("name=\"validFrom\" value=\"" + FormatDate(today) + "\""), std::string::npos)
      << page;
  EXPECT_NE(page.find("name=\"validUntil\" value=\"" + FormatDate(AddMonths(today, 24)) + "\""),
            std::string::npos);
  EXPECT_NE(page.find("Note (needed when the validity is not 24 months)"), std::string::npos);

  std::string from = writer_->certificates().GetCertificate(id_)->valid_until.substr(0, 10);
  std::string until = FormatDate(AddMonths(*ParseDateOrDateTime(from), 60));
  auto proposal = AsToken(Token("anna", Role::kIssuer), "POST", "/api/v1/admin/proposals",
                          {{"assessment", Json::parse(assessment->body)["id"]},
                           {"renews", id_},
                           {"validFrom", from},
                           {"validUntil", until},
                           {"note", "Beirat: fünf Jahre"}});
  ASSERT_EQ(proposal->status, 201) << proposal->body;
  std::string proposals = AsSession(Session("ben"), "GET", "/admin/proposals")->body;
  EXPECT_NE(proposals.find("<strong class=\"warning\">⚠ 60 months instead of the programme&#39;s "
                           "24 months: ends on " +
                           until + ", not " +
                           FormatDate(AddMonths(*ParseDateOrDateTime(from), 24)) + "</strong>"),
            std::string::npos)
      << proposals;
  EXPECT_NE(proposals.find("Beirat: fünf Jahre"), std::string::npos);
}

}  // namespace
}  // namespace siegel::testing
