// The staff pages in German for a new account, English when the account chooses it; refused
// forms coming back with the sentence beside the input and what was typed kept; each person's
// own account page (language, e-mail address, password) and an administrator's reset and
// re-enabling. The German sentences are typed out here, not read from the catalogue.
#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <regex>

#include "base/timestamp.h"
#include "tests/server/admin_fixture.h"

namespace siegel::testing {
namespace {

class StaffLanguageTest : public AdminTest {
 protected:
  void SetUp() override {
    AdminTest::SetUp();
    // Accounts made without a language, as `siegel user add` and the form make them (the
    // second administrator last: from then on the operator no longer gives roles alone).
    for (const auto& [name, role] :
         {std::pair{"ida", Role::kIssuer}, {"emil", Role::kEditor}, {"gerda", Role::kAdmin}}) {
      StaffUser user;
      user.username = name;
      user.display_name = std::string(name) + " Beispiel";
      user.role = role;
      Status s = writer_->accounts().AddUser(user, kPassword, kOperator);
      ASSERT_TRUE(s.ok()) << s.message();
    }
  }

  static bool Has(const httplib::Result& res, const std::string& text) {
    return res && res->body.find(text) != std::string::npos;
  }

  httplib::Result SignIn(const std::string& username, const std::string& password) {
    return client_->Post("/admin/sign-in",
                         "username=" + username + "&password=" + UrlEncodeForTest(password),
                         "application/x-www-form-urlencoded");
  }

  static std::string UrlEncodeForTest(const std::string& text) {
    std::string out;
    for (char c : text) out += c == ' ' ? std::string("+") : std::string(1, c);
    return out;
  }
};

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

namespace siegel::testing {
namespace {

// The audit log reads as a list of changes in words, and its filter offers actions in words.
TEST_F(StaffLanguageTest, TheAuditLogSaysWhatChangedInWords) {
  ASSERT_TRUE(writer_->lifecycle().Suspend(id_, "Jahresbericht fehlt", kOperator).ok());
  auto page = AsSession(Session("gerda"), "GET", "/admin/audit?action=certificate.suspend");
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(
      Has(page, "<option value=\"certificate.suspend\" selected>Urkunde ausgesetzt</option>"))
      << page->body;
  EXPECT_TRUE(Has(page, "<span title=\"certificate.suspend\">Urkunde ausgesetzt</span>"));
  EXPECT_TRUE(
      Has(page, "<li><strong>Grund der Aussetzung</strong>: <ins>Jahresbericht fehlt</ins></li>"));
  EXPECT_FALSE(Has(page, "<span title=\"certificate.issue\">")) << "only the chosen action";
  EXPECT_FALSE(Has(page, "{&quot;")) << "no JSON documents";
  // The English reader gets the same list in English.
  auto english = AsSession(Session("ada"), "GET", "/admin/audit?action=certificate.suspend");
  EXPECT_TRUE(
      Has(english,
          "<li><strong>Reason for the suspension</strong>: <ins>Jahresbericht fehlt</ins></li>"));
}

}  // namespace
}  // namespace siegel::testing

namespace siegel::testing {
namespace {

// The initiatives list finds by name, short name, legal entity or region, and shows the
// certificate that stands for each initiative now, its status and end.
TEST_F(StaffLanguageTest, TheInitiativesListSearchesAndShowsStatusAndEnd) {
  Initiative other;
  other.slug = "holz-bw";
  other.name = "Forum Holz BW";
  other.region = "Regierungsbezirk Stuttgart";
  ASSERT_TRUE(writer_->records().AddInitiative(other, kOperator).ok());
  std::string gerda = Session("gerda");
  std::string until = writer_->certificates().GetCertificate(id_)->valid_until.substr(0, 10);
  auto found = AsSession(gerda, "GET", "/admin/initiatives?q=MICRO");
  EXPECT_TRUE(Has(found, "<td><a href=\"/admin/certificates/" + id_ + "\">" + id_ +
                             "</a></td><td class=\"status-valid\">✔ Gültig</td><td>" + until +
                             "</td>"))
      << found->body;
  EXPECT_FALSE(Has(found, "Forum Holz BW"));
  auto by_region = AsSession(gerda, "GET", "/admin/initiatives?q=stuttgart");
  EXPECT_TRUE(
      Has(by_region, ">Forum Holz BW</a></td><td>Regierungsbezirk Stuttgart</td><td></td>"));
  EXPECT_FALSE(Has(by_region, ">microTEC Südwest</a>"));
  EXPECT_TRUE(Has(AsSession(gerda, "GET", "/admin/initiatives?q=zzz"),
                  "Keine Initiative passt zur Suche."));
}

}  // namespace
}  // namespace siegel::testing

namespace siegel::testing {
namespace {

// Staff notes on an initiative: written by editors, read by staff only, kept as written.
TEST_F(StaffLanguageTest, NotesOnAnInitiativeStayWithTheStaffAndAsWritten) {
  std::string emil = Session("emil");
  auto empty = AsSession(emil, "POST", "/admin/initiatives/microtec-suedwest/notes", "note=+");
  EXPECT_EQ(empty->status, 422);
  EXPECT_TRUE(Has(empty, "id=\"err-note\">Bitte füllen Sie „Vermerk“ aus.</p>")) << empty->body;
  auto added = AsSession(emil, "POST", "/admin/initiatives/microtec-suedwest/notes",
                         "note=Beirat+fragt+nach+dem+Finanzierungsplan%0AR%C3%BCckruf+bis+Freitag");
  ASSERT_EQ(added->status, 303) << added->body;
  auto page = AsSession(Session("gerda"), "GET", "/admin/initiatives/microtec-suedwest");
  EXPECT_TRUE(Has(page,
                  "<p class=\"note-text\">Beirat fragt nach dem Finanzierungsplan\n"
                  "Rückruf bis Freitag</p><p class=\"note-by\">admin:emil, "))
      << page->body;
  EXPECT_TRUE(Has(page, "<td>Vermerk zur Initiative</td>")) << "in the change history, in words";
  // Never public: not on the initiative's page, nor in the API, nor in the open data.
  for (const char* path :
       {"/initiatives/microtec-suedwest", "/api/v1/initiatives/microtec-suedwest", "/export.csv",
        "/export.json"}) {
    auto res = client_->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->body.find("Finanzierungsplan"), std::string::npos) << path;
  }
  // A viewer reads notes but does not write them; nobody changes one afterwards.
  EXPECT_EQ(AsSession(Session("vera"), "POST", "/admin/initiatives/microtec-suedwest/notes",
                      "note=Vera+war+hier")
                ->status,
            403);
  SQLite::Database db((dir_.path() / "data/registry.db").string(), SQLite::OPEN_READWRITE);
  EXPECT_THROW(db.exec("UPDATE initiative_notes SET text = 'anders'"), SQLite::Exception);
  EXPECT_THROW(db.exec("DELETE FROM initiative_notes"), SQLite::Exception);
  auto notes = writer_->notes().List("microtec-suedwest");
  ASSERT_EQ(notes->size(), 1u);
  EXPECT_EQ(notes->front().text, "Beirat fragt nach dem Finanzierungsplan\nRückruf bis Freitag");
}

}  // namespace
}  // namespace siegel::testing

namespace siegel::testing {
namespace {

// The upload page: a preview row by row, then the import with the second click; a file with a
// wrong row imports nothing and says why in the reader's language.
class ImportPageTest : public StaffLanguageTest {
 protected:
  httplib::Result Upload(const std::string& session, httplib::MultipartFormDataItems items) {
    items.push_back({"csrf", CsrfTokenFor(session), "", ""});
    return client_->Post("/admin/import", {{"Cookie", "siegel_session=" + session}}, items);
  }
};

TEST_F(ImportPageTest, APreviewFirstThenTheImportOfExactlyThatFile) {
  std::string gerda = Session("gerda");
  EXPECT_TRUE(Has(AsSession(gerda, "GET", "/admin/import"), "name=\"file\""));
  // The second row says what the registry holds already (name and region): left alone.
  const Initiative microtec = *writer_->certificates().GetInitiative("microtec-suedwest");
  ASSERT_TRUE(writer_->records()
                  .UpdateInitiative(
                      [&] {
                        Initiative i = microtec;
                        i.legal_entity = "microTEC Südwest e.V.";
                        return i;
                      }(),
                      kOperator)
                  .ok());
  const std::string csv =
      "Kurzname;Name;Region\nholz-bw;Forum Holz BW;Regierungsbezirk Stuttgart\n"
      "microtec-suedwest;" +
      microtec.name + ";" + microtec.region + "\n";
  auto preview = Upload(gerda, {{"file", csv, "holders.csv", "text/csv"}});
  ASSERT_EQ(preview->status, 200) << preview->body;
  EXPECT_TRUE(Has(preview,
                  "<tr><td>2</td><td>holz-bw</td><td>Forum Holz BW</td><td>wird "
                  "angelegt</td></tr>"))
      << preview->body;
  EXPECT_TRUE(Has(preview, "1 neu, 0 geändert, 1 unverändert, 0 mit Fehlern."));
  EXPECT_FALSE(writer_->certificates().GetInitiative("holz-bw").ok()) << "a preview only";
  size_t at = preview->body.find("name=\"content\" value=\"");
  ASSERT_NE(at, std::string::npos);
  at += std::string("name=\"content\" value=\"").size();
  std::string content = preview->body.substr(at, preview->body.find('"', at) - at);
  // mstch escapes '/' and '=' in attribute values; the form sends them back as the browser
  // reads them.
  for (const auto& [entity, text] :
       {std::pair<std::string, std::string>{"&#x2F;", "/"}, {"&#x3D;", "="}}) {
    for (size_t p = content.find(entity); p != std::string::npos; p = content.find(entity, p)) {
      content.replace(p, entity.size(), text);
    }
  }
  auto imported = Upload(gerda, {{"content", content, "", ""}, {"confirmed", "yes", "", ""}});
  ASSERT_EQ(imported->status, 303) << imported->body;
  EXPECT_EQ(imported->get_header_value("Location"), "/admin/initiatives?notice=imported");
  EXPECT_EQ(writer_->certificates().GetInitiative("holz-bw")->region, "Regierungsbezirk Stuttgart");
  EXPECT_EQ(writer_->certificates().GetInitiative("microtec-suedwest")->legal_entity,
            "microTEC Südwest e.V.")
      << "a column the file lacks stays";
}

TEST_F(ImportPageTest, AWrongRowImportsNothingAndSaysWhy) {
  std::string gerda = Session("gerda");
  auto refused =
      Upload(gerda, {{"file", "slug,name,region\r\ngut-bw,Gut BW,\r\nfrei-bw,Frei BW,Karlsruhe\r\n",
                      "wrong.csv", "text/csv"}});
  EXPECT_EQ(refused->status, 422);
  EXPECT_TRUE(Has(refused,
                  "<td>Fehler: „Karlsruhe“ ist keine der Regionen der Liste. Bitte "
                  "wählen Sie eine aus.</td>"))
      << refused->body;
  EXPECT_FALSE(Has(refused, "Jetzt importieren"));
  auto unknown = Upload(gerda, {{"file", "slug;name;Telefon\n", "x.csv", "text/csv"}});
  EXPECT_EQ(unknown->status, 422);
  EXPECT_TRUE(Has(unknown, "Die Spalte „Telefon“ kennt der Import nicht.")) << unknown->body;
  EXPECT_FALSE(writer_->certificates().GetInitiative("gut-bw").ok());
  EXPECT_EQ(Upload(Session("emil"), {{"file", "slug;name\n", "x.csv", "text/csv"}})->status, 403)
      << "administrators only";
}

}  // namespace
}  // namespace siegel::testing

namespace siegel::testing {
namespace {

// Staff find a certificate by number, holder or legal entity and by its status now.
TEST_F(StaffLanguageTest, TheCertificatesListSearchesByTextAndStatus) {
  std::string gerda = Session("gerda");
  std::string until = writer_->certificates().GetCertificate(id_)->valid_until.substr(0, 10);
  auto found = AsSession(gerda, "GET", "/admin/certificates?q=microtec");
  EXPECT_TRUE(Has(found, "<tr><td><a href=\"/admin/certificates/" + id_ + "\">" + id_ +
                             "</a></td><td><a href=\"/admin/initiatives/microtec-suedwest\">"
                             "microTEC Südwest</a></td><td class=\"status-valid\">✔ Gültig</td>"))
      << found->body;
  EXPECT_TRUE(Has(found, "<td>" + until + "</td></tr>"));
  EXPECT_TRUE(Has(AsSession(gerda, "GET", "/admin/certificates?q=microtec&status=suspended"),
                  "Keine Urkunde passt zur Suche."));
  ASSERT_TRUE(writer_->lifecycle().Suspend(id_, "Bericht fehlt", kOperator).ok());
  auto suspended = AsSession(gerda, "GET", "/admin/certificates?status=suspended");
  EXPECT_TRUE(Has(suspended, ">" + id_ + "</a>")) << suspended->body;
  EXPECT_TRUE(Has(suspended, "<option value=\"suspended\" selected>Ausgesetzt</option>"));
}

}  // namespace
}  // namespace siegel::testing

namespace siegel::testing {
namespace {

// Before signing, the approver sees the certificate as its page will show it (number and
// all); the preview stores nothing, and the approval signs exactly that.
TEST_F(StaffLanguageTest, TheApproverPreviewsTheCertificatePageThatTheApprovalSigns) {
  Initiative fresh;
  fresh.slug = "neu-bw";
  fresh.name = "Neues Netzwerk BW";
  fresh.legal_entity = "Neues Netzwerk BW e.V.";
  ASSERT_TRUE(writer_->records().AddInitiative(fresh, kOperator).ok());
  auto assessment = AsToken(Token("ed", Role::kEditor), "POST", "/api/v1/admin/assessments",
                            {{"initiative", "neu-bw"},
                             {"assessor", "ESCA"},
                             {"assessedFrom", "2026-01-05"},
                             {"assessedOn", "2026-01-09"}});
  ASSERT_EQ(assessment->status, 201) << assessment->body;
  UnixSeconds today = writer_->Now() - writer_->Now() % 86400;
  auto proposal = AsToken(Token("anna", Role::kIssuer), "POST", "/api/v1/admin/proposals",
                          {{"assessment", Json::parse(assessment->body)["id"]},
                           {"validFrom", FormatDate(today)},
                           {"validUntil", FormatDate(AddMonths(today, 24))}});
  ASSERT_EQ(proposal->status, 201) << proposal->body;
  std::string number = std::to_string(Json::parse(proposal->body)["id"].get<int64_t>());

  std::string ida = Session("ida");
  auto confirm = AsSession(ida, "POST", "/admin/proposals/" + number + "/approve");
  ASSERT_EQ(confirm->status, 200) << confirm->body;
  EXPECT_TRUE(Has(confirm,
                  "<h2 id=\"preview-heading\">So wird sie aussehen</h2><article "
                  "class=\"certificate\">"))
      << confirm->body;
  EXPECT_TRUE(Has(confirm,
                  "<p class=\"holder\"><strong>Neues Netzwerk BW</strong><br>Neues "
                  "Netzwerk BW e.V.</p>"));
  std::smatch match;
  ASSERT_TRUE(std::regex_search(confirm->body, match,
                                std::regex("<dt>Urkunde</dt><dd>(CEBW-\\d{4}-\\d{4})</dd>")));
  const std::string previewed = match[1];
  EXPECT_FALSE(writer_->certificates().GetCertificate(previewed).ok()) << "a preview only";
  EXPECT_TRUE(writer_->workflow().GetProposal(std::stoll(number))->decision.empty());

  auto signed_ = AsSession(ida, "POST", "/admin/proposals/" + number + "/approve", "confirmed=yes");
  ASSERT_EQ(signed_->status, 303) << signed_->body;
  EXPECT_EQ(signed_->get_header_value("Location"),
            "/admin/certificates/" + previewed + "?notice=approved");
}

}  // namespace
}  // namespace siegel::testing

namespace siegel::testing {
namespace {

// The registry's refusals the staff meet most read in the person's language too.
TEST_F(StaffLanguageTest, TheCommonRefusalsAreWordedInGerman) {
  auto assessment = AsToken(Token("ed", Role::kEditor), "POST", "/api/v1/admin/assessments",
                            {{"initiative", "microtec-suedwest"},
                             {"assessor", "ESCA"},
                             {"assessedFrom", "2026-01-05"},
                             {"assessedOn", "2026-01-09"}});
  ASSERT_EQ(assessment->status, 201) << assessment->body;
  std::string number = std::to_string(Json::parse(assessment->body)["id"].get<int64_t>());
  UnixSeconds today = writer_->Now() - writer_->Now() % 86400;
  std::string ida = Session("ida");
  // A new certificate beside the valid one: refused, and told to renew instead.
  auto overlap = AsSession(ida, "POST", "/admin/proposals",
                           "assessment=" + number + "&validFrom=" + FormatDate(today) +
                               "&validUntil=" + FormatDate(AddMonths(today, 24)));
  EXPECT_EQ(overlap->status, 409);
  EXPECT_TRUE(Has(overlap, "Die Initiative hat schon die Urkunde " + id_ + ", gültig bis "))
      << overlap->body;
  // One's own proposal: the four-eyes refusal in German.
  std::string end = writer_->certificates().GetCertificate(id_)->valid_until.substr(0, 10);
  auto proposed =
      AsSession(ida, "POST", "/admin/proposals",
                "assessment=" + number + "&renews=" + id_ + "&validFrom=" + end +
                    "&validUntil=" + FormatDate(AddMonths(*ParseDateOrDateTime(end), 24)));
  ASSERT_EQ(proposed->status, 303) << proposed->body;
  int64_t proposal = writer_->workflow().ListProposals(true)->front().id;
  auto own = AsSession(ida, "POST", "/admin/proposals/" + std::to_string(proposal) + "/approve");
  EXPECT_EQ(own->status, 409);
  EXPECT_TRUE(Has(own,
                  "Vier-Augen-Prinzip: ida hat diese Urkunde vorgeschlagen und kann sie "
                  "nicht auch freigeben"))
      << own->body;
}

}  // namespace
}  // namespace siegel::testing

namespace siegel::testing {
namespace {

// An initiative's contact address, for reminders: checked, kept, and never public.
TEST_F(StaffLanguageTest, TheContactAddressIsCheckedKeptAndNeverPublic) {
  std::string emil = Session("emil");
  const Initiative before = *writer_->certificates().GetInitiative("microtec-suedwest");
  std::string form = "name=" + httplib::detail::encode_query_param(before.name) +
                     "&region=" + httplib::detail::encode_query_param(before.region);
  auto bad = AsSession(emil, "POST", "/admin/initiatives/microtec-suedwest",
                       form + "&contactEmail=kontakt%40microtec");
  EXPECT_EQ(bad->status, 422);
  EXPECT_TRUE(Has(bad,
                  "<p class=\"field-error\" id=\"err-contactEmail\">„kontakt@microtec“ ist "
                  "keine E-Mail-Adresse."))
      << bad->body;
  EXPECT_EQ(writer_->certificates().GetInitiative("microtec-suedwest")->contact_email, "");
  auto saved = AsSession(emil, "POST", "/admin/initiatives/microtec-suedwest",
                         form + "&contactEmail=kontakt%40microtec.example");
  ASSERT_EQ(saved->status, 303) << saved->body;
  EXPECT_EQ(writer_->certificates().GetInitiative("microtec-suedwest")->contact_email,
            "kontakt@microtec.example");
  for (const char* path :
       {"/initiatives/microtec-suedwest", "/api/v1/initiatives/microtec-suedwest", "/export.csv",
        "/export.json", "/api/v1/initiatives"}) {
    auto res = client_->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->body.find("kontakt@microtec"), std::string::npos) << path;
  }
}

}  // namespace
}  // namespace siegel::testing
