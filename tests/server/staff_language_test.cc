// The staff pages in German for a new account, English when the account chooses it; refused
// forms coming back with the sentence beside the input and what was typed kept; each person's
// own account page (language, e-mail address, password) and an administrator's reset and
// re-enabling. The German sentences are typed out here, not read from the catalogue.
#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <regex>

#include "base/timestamp.h"
#include "tests/server/staff_language_fixture.h"

namespace siegel::testing {
namespace {

TEST_F(StaffLanguageTest, ANewAccountsPagesAreGermanWithoutThePublicLanguageSwitch) {
  std::string gerda = Session("gerda");
  auto home = AsSession(gerda, "GET", "/admin");
  ASSERT_EQ(home->status, 200);
  EXPECT_TRUE(Has(home, "<html lang=\"de\">"));
  EXPECT_TRUE(Has(home, "<h1>Übersicht für die Verwaltung</h1>")) << home->body;
  EXPECT_TRUE(Has(home, "<h2>Urkunden, die in den nächsten 180 Tagen enden</h2>"));
  EXPECT_TRUE(Has(home, ">Abmelden</button>"));
  EXPECT_FALSE(Has(home, "Staff overview"));
  // The staff pages follow the account, not the public pages' switch.
  EXPECT_FALSE(Has(home, "hreflang=\"en\""));
  auto initiative = AsSession(gerda, "GET", "/admin/initiatives/microtec-suedwest");
  EXPECT_TRUE(Has(initiative, "<h2 id=\"assessment\">Begutachtung erfassen</h2>"));
  EXPECT_TRUE(Has(initiative, "Letzter Tag der Begutachtung"));
  EXPECT_TRUE(Has(initiative, "> Wasserstoff</label>")) << "technology fields in German";
  auto certificate = AsSession(gerda, "GET", "/admin/certificates/" + id_);
  EXPECT_TRUE(Has(certificate, "<dt>Status jetzt</dt><dd>Gültig</dd>")) << certificate->body;
  EXPECT_TRUE(Has(certificate, ">Endgültig widerrufen</button>"));
  EXPECT_TRUE(
      Has(certificate, "<option value=\"issued_in_error\">Irrtümlich ausgestellt</option>"));
  // The English account next to it reads the same page in English.
  auto english = AsSession(Session("ada"), "GET", "/admin/certificates/" + id_);
  EXPECT_TRUE(Has(english, "<dt>Status now</dt><dd>Valid</dd>"));
}

TEST_F(StaffLanguageTest, TheAccountPageSwitchesTheLanguageAndRefusesABadAddressKeepingIt) {
  std::string emil = Session("emil");
  auto bad = AsSession(emil, "POST", "/admin/account", "language=en&email=emil%40beispiel");
  EXPECT_EQ(bad->status, 422);
  EXPECT_TRUE(Has(bad,
                  "<p class=\"field-error\" id=\"err-email\">„emil@beispiel“ ist keine "
                  "E-Mail-Adresse. Bitte geben Sie sie wie name@beispiel.de an.</p>"))
      << bad->body;
  EXPECT_TRUE(Has(bad, "name=\"email\" value=\"emil@beispiel\""));
  EXPECT_EQ(writer_->accounts().GetUser("emil")->language, "de") << "nothing saved";

  auto saved = AsSession(emil, "POST", "/admin/account", "language=en&email=emil%40wm.bwl.example");
  ASSERT_EQ(saved->status, 303) << saved->body;
  EXPECT_EQ(saved->get_header_value("Location"), "/admin/account?notice=preferences_saved");
  auto user = writer_->accounts().GetUser("emil");
  EXPECT_EQ(user->language, "en");
  EXPECT_EQ(user->email, "emil@wm.bwl.example");
  auto home = AsSession(emil, "GET", "/admin?notice=preferences_saved");
  EXPECT_TRUE(Has(home, "<h1>Staff overview</h1>"));
  EXPECT_TRUE(Has(home, "Your settings were saved."));
  AuditFilter filter;
  filter.action = "user.preferences";
  auto audit = writer_->workflow().AuditLog(filter);
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ(audit->front().subject, "emil");
  EXPECT_NE(audit->front().after_json.find("\"language\":\"en\""), std::string::npos);
}

TEST_F(StaffLanguageTest, ChangingOnesOwnPasswordNeedsTheCurrentOneAndSignsOutEverywhere) {
  std::string ida = Session("ida");
  auto wrong = AsSession(ida, "POST", "/admin/account/password",
                         "current=not+the+one+12&password=Neues+Passwort+2027&"
                         "repeat=Neues+Passwort+2027");
  EXPECT_EQ(wrong->status, 409);
  EXPECT_TRUE(Has(wrong,
                  "<p class=\"field-error\" id=\"err-current\">Das aktuelle Passwort "
                  "stimmt nicht; das Passwort wurde nicht geändert.</p>"))
      << wrong->body;
  EXPECT_FALSE(Has(wrong, "Neues Passwort 2027")) << "passwords are never sent back";
  auto differ = AsSession(ida, "POST", "/admin/account/password",
                          "current=correct+horse+42&password=Neues+Passwort+2027&"
                          "repeat=Neues+Passwort+2028");
  EXPECT_EQ(differ->status, 422);
  EXPECT_TRUE(Has(differ,
                  "id=\"err-repeat\">Die beiden neuen Passwörter stimmen nicht "
                  "überein.</p>"));
  auto weak = AsSession(ida, "POST", "/admin/account/password",
                        "current=correct+horse+42&password=kurz&repeat=kurz");
  EXPECT_TRUE(Has(weak, "id=\"err-password\">Das Passwort muss mindestens 12 Zeichen haben.</p>"));
  // Nothing changed so far: the old password still signs in.
  EXPECT_EQ(SignIn("ida", kPassword)->status, 303);

  auto changed = AsSession(ida, "POST", "/admin/account/password",
                           "current=correct+horse+42&password=Neues+Passwort+2027&"
                           "repeat=Neues+Passwort+2027");
  ASSERT_EQ(changed->status, 303) << changed->body;
  EXPECT_EQ(changed->get_header_value("Location"), "/admin/sign-in?notice=password_changed");
  EXPECT_EQ(AsSession(ida, "GET", "/admin")->status, 303) << "the session ended";
  EXPECT_TRUE(Has(client_->Get("/admin/sign-in?notice=password_changed"),
                  "Ihr Passwort ist geändert. Bitte melden Sie sich mit dem neuen Passwort an."));
  EXPECT_EQ(SignIn("ida", kPassword)->status, 401);
  EXPECT_EQ(SignIn("ida", "Neues Passwort 2027")->status, 303);
}

TEST_F(StaffLanguageTest, ARefusedAssessmentComesBackWithTheSentenceBesideTheDayAndTheInputKept) {
  std::string emil = Session("emil");
  auto refused = AsSession(emil, "POST", "/admin/initiatives/microtec-suedwest/assessments",
                           "assessor=VDI%2FVDE-IT&assessedFrom=2026-01-09&assessedOn=2026-01-05&"
                           "boardDecisionRef=Beirat+2026%2F1");
  EXPECT_EQ(refused->status, 422);
  EXPECT_TRUE(Has(refused,
                  "<p class=\"field-error\" id=\"err-assessedOn\">Die Begutachtung kann "
                  "nicht enden, bevor sie beginnt: Der letzte Tag liegt vor dem "
                  "ersten.</p>"))
      << refused->body;
  EXPECT_TRUE(Has(refused,
                  "name=\"assessedOn\" value=\"2026-01-05\" required "
                  "aria-invalid=\"true\""));
  EXPECT_TRUE(Has(refused, "name=\"assessor\" value=\"VDI&#x2F;VDE-IT\""));
  EXPECT_TRUE(Has(refused, "name=\"boardDecisionRef\" value=\"Beirat 2026&#x2F;1\""));
  EXPECT_TRUE(writer_->workflow().ListAssessments("microtec-suedwest")->empty())
      << "nothing recorded";

  auto missing = AsSession(emil, "POST", "/admin/initiatives/microtec-suedwest/assessments",
                           "assessor=&assessedFrom=2026-01-05&assessedOn=2026-01-09");
  EXPECT_TRUE(Has(missing, "id=\"err-assessor\">Bitte füllen Sie „Gutachter“ aus.</p>"));
}

TEST_F(StaffLanguageTest, ARefusedInitiativeKeepsWhatWasTypedAndCreatesNothing) {
  std::string emil = Session("emil");
  auto bad_site = AsSession(emil, "POST", "/admin/initiatives",
                            "slug=neu-bw&name=Neues+Netzwerk+BW&website=neu-bw.de&"
                            "technologyFields=Hydrogen&region=Regierungsbezirk+Stuttgart");
  EXPECT_EQ(bad_site->status, 422);
  EXPECT_TRUE(Has(bad_site,
                  "<p class=\"field-error\" id=\"err-website\">„neu-bw.de“ ist keine "
                  "Web-Adresse. Bitte geben Sie sie mit http:&#x2F;&#x2F; oder "
                  "https:&#x2F;&#x2F; an.</p>"))
      << bad_site->body;
  EXPECT_TRUE(Has(bad_site, "name=\"name\" value=\"Neues Netzwerk BW\""));
  EXPECT_TRUE(Has(bad_site, "<option value=\"Regierungsbezirk Stuttgart\" selected>"));
  EXPECT_TRUE(Has(bad_site, "value=\"Hydrogen\" checked> Wasserstoff"));
  EXPECT_FALSE(writer_->certificates().GetInitiative("neu-bw").ok());

  auto taken = AsSession(emil, "POST", "/admin/initiatives", "slug=microtec-suedwest&name=Doppelt");
  EXPECT_EQ(taken->status, 409);
  EXPECT_TRUE(Has(taken,
                  "id=\"err-slug\">Es gibt schon eine Initiative mit dem Kurznamen "
                  "„microtec-suedwest“. Bitte wählen Sie einen anderen.</p>"));
  EXPECT_EQ(writer_->certificates().GetInitiative("microtec-suedwest")->name, "microTEC Südwest");

  // Regions come from the list: free text (a form tampered with, an old script) is refused.
  auto free_text =
      AsSession(emil, "POST", "/admin/initiatives", "slug=frei-bw&name=Frei&region=Karlsruhe");
  EXPECT_EQ(free_text->status, 422);
  EXPECT_TRUE(Has(free_text,
                  "id=\"err-region\">„Karlsruhe“ ist keine der Regionen der Liste. "
                  "Bitte wählen Sie eine aus.</p>"))
      << free_text->body;
  EXPECT_FALSE(writer_->certificates().GetInitiative("frei-bw").ok());
}

TEST_F(StaffLanguageTest, AProposalDepartingFromTheRuleWithoutANoteComesBackToItsForm) {
  Initiative fresh;
  fresh.slug = "neu-bw";
  fresh.name = "Neues Netzwerk BW";
  ASSERT_TRUE(writer_->records().AddInitiative(fresh, kOperator).ok());
  auto assessment = AsToken(Token("ed", Role::kEditor), "POST", "/api/v1/admin/assessments",
                            {{"initiative", "neu-bw"},
                             {"assessor", "VDI/VDE-IT"},
                             {"assessedFrom", "2026-01-05"},
                             {"assessedOn", "2026-01-09"}});
  ASSERT_EQ(assessment->status, 201) << assessment->body;
  std::string number = std::to_string(Json::parse(assessment->body)["id"].get<int64_t>());
  UnixSeconds today = writer_->Now() - writer_->Now() % 86400;
  std::string from = FormatDate(today), until = FormatDate(AddMonths(today, 60));
  auto refused = AsSession(Session("ida"), "POST", "/admin/proposals",
                           "assessment=" + number + "&validFrom=" + from + "&validUntil=" + until);
  EXPECT_EQ(refused->status, 422);
  EXPECT_TRUE(Has(refused, "<h1>Neues Netzwerk BW</h1>")) << "the initiative's page";
  EXPECT_TRUE(Has(refused, "id=\"err-note-" + number +
                               "\">Die Gültigkeit weicht von der Regel des Programms ab (60 statt "
                               "24 Monate: Ende am " +
                               until + " statt am " + FormatDate(AddMonths(today, 24)) +
                               "). Bitte begründen Sie das im Vermerk.</span>"))
      << refused->body;
  EXPECT_TRUE(Has(refused, "name=\"validUntil\" value=\"" + until + "\""));
  EXPECT_TRUE(writer_->workflow().ListProposals(true)->empty()) << "nothing proposed";

  // A renewal goes back to the certificate's page, to its renewal form.
  auto renewal = AsToken(Token("ed", Role::kEditor), "POST", "/api/v1/admin/assessments",
                         {{"initiative", "microtec-suedwest"},
                          {"assessor", "VDI/VDE-IT"},
                          {"assessedFrom", "2026-01-05"},
                          {"assessedOn", "2026-01-09"}});
  ASSERT_EQ(renewal->status, 201) << renewal->body;
  std::string renewal_number = std::to_string(Json::parse(renewal->body)["id"].get<int64_t>());
  std::string end = writer_->certificates().GetCertificate(id_)->valid_until.substr(0, 10);
  std::string long_end = FormatDate(AddMonths(*ParseDateOrDateTime(end), 36));
  auto back = AsSession(Session("ida"), "POST", "/admin/proposals",
                        "assessment=" + renewal_number + "&renews=" + id_ + "&validFrom=" + end +
                            "&validUntil=" + long_end + "&note=");
  EXPECT_EQ(back->status, 422);
  EXPECT_TRUE(Has(back, "<h1>Urkunde " + id_ + "</h1>")) << back->body;
  EXPECT_TRUE(Has(back,
                  "id=\"err-renew-note\">Die Gültigkeit weicht von der Regel des "
                  "Programms ab (36 statt 24 Monate"));
  EXPECT_TRUE(Has(back, "<option value=\"" + renewal_number + "\" selected>"));
  EXPECT_TRUE(Has(back, "name=\"validUntil\" value=\"" + long_end + "\""));
  EXPECT_TRUE(writer_->workflow().ListProposals(true)->empty()) << "nothing proposed";
}

TEST_F(StaffLanguageTest, AnAdministratorResetsAPasswordAndEnablesAnAccountUnderFourEyes) {
  std::string gerda = Session("gerda");
  auto reset =
      AsSession(gerda, "POST", "/admin/users/vera/password", "password=Vorlaeufig+2026+xy");
  ASSERT_EQ(reset->status, 303) << reset->body;
  EXPECT_EQ(SignIn("vera", kPassword)->status, 401);
  EXPECT_EQ(SignIn("vera", "Vorlaeufig 2026 xy")->status, 303);
  auto own = AsSession(gerda, "POST", "/admin/users/gerda/password", "password=Selbst+2026+xyz");
  EXPECT_EQ(own->status, 409) << "one's own password is changed with the current one";

  // A viewer comes back as a viewer; an issuer, while four eyes holds, only as a viewer.
  ASSERT_EQ(AsSession(gerda, "POST", "/admin/users/vera/disable")->status, 303);
  auto vera = AsSession(gerda, "POST", "/admin/users/vera/enable");
  ASSERT_EQ(vera->status, 303);
  EXPECT_EQ(vera->get_header_value("Location"), "/admin/users?notice=user_enabled");
  EXPECT_TRUE(writer_->accounts().GetUser("vera")->disabled_at.empty());
  ASSERT_EQ(AsSession(gerda, "POST", "/admin/users/anna/disable")->status, 303);
  auto anna = AsSession(gerda, "POST", "/admin/users/anna/enable");
  ASSERT_EQ(anna->status, 303);
  EXPECT_EQ(anna->get_header_value("Location"), "/admin/users?notice=user_enabled_viewer");
  EXPECT_EQ(writer_->accounts().GetUser("anna")->role, Role::kViewer);
  auto page = AsSession(gerda, "GET", "/admin/users?notice=user_enabled_viewer");
  EXPECT_TRUE(Has(page, "Das Konto ist wieder freigeschaltet, vorerst als viewer"));
  EXPECT_EQ(AsSession(gerda, "POST", "/admin/users/anna/enable")->status, 409)
      << "an active account is not enabled twice";
}

}  // namespace
}  // namespace siegel::testing
