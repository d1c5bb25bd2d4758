// The public pages: every page type in both languages, escaping of hostile names, security
// headers, the live badge and the upload form.
#include "registry/technology_fields.h"
#include "registry/workflow.h"
#include "server/web/i18n.h"
#include "tests/server/server_fixture.h"

namespace siegel {
namespace {

class WebTest : public testing::ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    AddInitiative("hostile", kHostile, "<b>Region</b>", "<i>Field</i>");
    IssueRequest request;
    request.initiative_slug = "hostile";
    request.assessor = kHostile;
    auto c = writer_->lifecycle().Issue(request, {"test"});
    ASSERT_TRUE(c.ok()) << c.message();
    hostile_id_ = c->id;
  }
  httplib::Result Get(const std::string& path, const httplib::Headers& headers = {}) {
    return client_->Get(path.c_str(), headers);
  }
  std::vector<std::string> PagePaths() {
    return {"/",
            "/?q=script",
            "/initiatives/hostile",
            "/certificates/" + hostile_id_,
            "/verify/" + hostile_id_,
            "/verify",
            "/about",
            "/imprint"};
  }

  static constexpr const char* kHostile = "<script>alert(1)</script> \"Grüne\" & 'Zukunft'";
  std::string hostile_id_;
};

TEST_F(WebTest, EveryPageTypeRendersInBothLanguagesWithStrictHeaders) {
  for (const std::string& path : PagePaths()) {
    for (const char* lang : {"de", "en"}) {
      std::string url = path + (path.find('?') == std::string::npos ? "?" : "&") + "lang=" + lang;
      auto res = Get(url);
      ASSERT_TRUE(res) << url;
      EXPECT_EQ(res->status, 200) << url;
      EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8") << url;
      EXPECT_NE(res->body.find(std::string("<html lang=\"") + lang + "\">"), std::string::npos)
          << url;
      EXPECT_EQ(res->get_header_value("Content-Language"), lang);
      std::string csp = res->get_header_value("Content-Security-Policy");
      EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << url;
      EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << url;
      EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << url;
      EXPECT_EQ(res->body.find("<script"), std::string::npos)
          << url << ": a page must carry no script";
      EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
    }
  }
}

TEST_F(WebTest, HostileNamesAppearAsTextOnEveryPage) {
  const std::string escaped = "&lt;script&gt;alert(1)&lt;&#x2F;script&gt;";
  for (const std::string& path : PagePaths()) {
    auto res = Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->body.find("<script>alert(1)</script>"), std::string::npos) << path;
    EXPECT_EQ(res->body.find("<b>Region</b>"), std::string::npos) << path;
    if (path == "/verify" || path == "/about" || path == "/imprint")
      continue;  // the name is not shown there
    EXPECT_NE(res->body.find(escaped), std::string::npos) << path;
  }
  auto badge = Get("/badge/" + hostile_id_ + ".svg");
  EXPECT_EQ(badge->body.find("<script"), std::string::npos);
}

TEST_F(WebTest, LanguageFromTheParameterThenAcceptLanguage) {
  EXPECT_NE(Get("/verify/" + id_)->body.find("Gültig"), std::string::npos) << "German by default";
  auto english = Get("/verify/" + id_, {{"Accept-Language", "en-GB,en;q=0.9,de;q=0.5"}});
  EXPECT_NE(english->body.find(">✔</span> Valid"), std::string::npos);
  EXPECT_EQ(english->get_header_value("Vary"), "Accept-Language");
  auto forced = Get("/verify/" + id_ + "?lang=de", {{"Accept-Language", "en"}});
  EXPECT_NE(forced->body.find("Gültig"), std::string::npos);
  EXPECT_NE(forced->body.find("href=\"?lang=en\""), std::string::npos)
      << "a visible switch to English";
}

TEST_F(WebTest, VerifyPageSaysWhatTheStatusIsInWordsAndSymbols) {
  auto valid = Get("/verify/" + id_ + "?lang=en");
  EXPECT_NE(valid->body.find("class=\"verdict valid\""), std::string::npos);
  EXPECT_NE(valid->body.find("microTEC Südwest"), std::string::npos);
  ASSERT_TRUE(writer_->lifecycle().Revoke(id_, "board decision", {"test"}).ok());
  auto revoked = Get("/verify/" + id_ + "?lang=en");
  EXPECT_NE(revoked->body.find("✖</span> Revoked"), std::string::npos);
  EXPECT_NE(revoked->body.find("board decision"), std::string::npos);
  auto unknown = Get("/verify/CEBW-1999-0001?lang=en");
  EXPECT_EQ(unknown->status, 404);
  EXPECT_NE(unknown->body.find("Unknown certificate"), std::string::npos);
}

TEST_F(WebTest, BadgeNeverClaimsValidForACertificateThatIsNot) {
  auto valid = Get("/badge/" + id_ + ".svg?lang=en");
  EXPECT_EQ(valid->get_header_value("Content-Type"), "image/svg+xml");
  EXPECT_EQ(valid->get_header_value("Cache-Control"), "public, max-age=300");
  EXPECT_NE(valid->body.find("<title>Cluster Excellence BW: ✔ Valid</title>"), std::string::npos)
      << valid->body;
  EXPECT_NE(valid->body.find("role=\"img\""), std::string::npos);
  ASSERT_TRUE(writer_->lifecycle().Suspend(id_, "review", {"test"}).ok());
  auto suspended = Get("/badge/" + id_ + ".svg?lang=en");
  EXPECT_EQ(suspended->body.find("Valid<"), std::string::npos);
  EXPECT_NE(suspended->body.find("Suspended"), std::string::npos);
  auto missing = Get("/badge/NOPE-1.svg?lang=en");
  EXPECT_EQ(missing->status, 404);
  EXPECT_NE(missing->body.find("Status unknown"), std::string::npos);
  EXPECT_EQ(missing->body.find("Valid<"), std::string::npos);
}

TEST_F(WebTest, CertificatePageHasAQrCodeAndTheEmbedSnippets) {
  auto page = Get("/certificates/" + id_ + "?lang=en");
  EXPECT_NE(page->body.find("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox="),
            std::string::npos);
  // mstch escapes '/' too; browsers read &#x2F; in an href as '/'.
  EXPECT_NE(
      page->body.find("href=\"http:&#x2F;&#x2F;127.0.0.1:8080&#x2F;verify&#x2F;" + id_ + "\""),
      std::string::npos);
  EXPECT_NE(
      page->body.find("&lt;a href=&quot;http:&#x2F;&#x2F;127.0.0.1:8080&#x2F;verify&#x2F;" + id_),
      std::string::npos)
      << "the HTML snippet is shown as text";
  EXPECT_NE(page->body.find("[![Cluster Excellence Baden-Württemberg: microTEC Südwest]"),
            std::string::npos);
  EXPECT_NE(Get("/static/print.css")->body.find("size: A4"), std::string::npos);
}

TEST_F(WebTest, UploadedCredentialIsCheckedWithoutJavaScript) {
  std::string credential = writer_->certificates().GetCertificate(id_)->credential_json;
  httplib::MultipartFormDataItems form = {{"file", credential, "label.json", "application/json"},
                                          {"credential", "", "", ""}};
  auto valid = client_->Post("/verify?lang=en", form);
  ASSERT_TRUE(valid);
  EXPECT_EQ(valid->status, 200);
  EXPECT_NE(valid->body.find("class=\"verdict valid\""), std::string::npos);
  EXPECT_NE(valid->body.find("/verify/" + id_), std::string::npos);
  std::string forged = credential;
  forged.replace(forged.find("microTEC"), 8, "macroTEC");
  httplib::MultipartFormDataItems pasted = {{"credential", forged, "", ""}};
  auto invalid = client_->Post("/verify?lang=en", pasted);
  EXPECT_NE(invalid->body.find("class=\"verdict invalid\""), std::string::npos);
  EXPECT_NE(invalid->body.find("the signature does not match the document"), std::string::npos);
  httplib::MultipartFormDataItems empty = {{"credential", "", "", ""}};
  EXPECT_LT(client_->Post("/verify", empty)->status, 500);
}

// A photo, a PDF, an empty form or any other file is not a certificate file, and the page
// says so in its language with what does work: never "not genuine", which only a credential
// that was found and failed may be called.
TEST_F(WebTest, AnUploadThatIsNoCertificateFileIsToldSoNeverCalledFake) {
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  const struct {
    const char* name;
    httplib::MultipartFormDataItems form;
    const char* lang;
    std::string meaning;
  } cases[] = {
      {"a photo",
       {{"file", png, "urkunde.png", "image/png"}, {"credential", "", "", ""}},
       "de",
       "Das ist ein Bild, etwa ein Foto oder ein Scan der Urkunde, keine Urkunden-Datei."},
      {"a photo",
       {{"file", png, "urkunde.png", "image/png"}},
       "en",
       "This is an image, such as a photo or a scan of the certificate, not a certificate file."},
      {"a PDF",
       {{"file", "%PDF-1.7\n%\xe2\xe3\n1 0 obj", "urkunde.pdf", "application/pdf"}},
       "de",
       "Diese PDF-Datei enthält keine Urkunden-Datei, die sich hier prüfen lässt."},
      {"an empty form",
       {{"file", "", "", "application/octet-stream"}, {"credential", "", "", ""}},
       "de",
       "Es wurde keine Datei gewählt und kein Inhalt eingefügt."},
      {"an empty form",
       {{"credential", "  ", "", ""}},
       "en",
       "No file was chosen and nothing was pasted."},
      {"a text",
       {{"credential", "CEBW-2026-0001", "", ""}},
       "en",
       "This file is not a certificate file"},
  };
  for (const auto& c : cases) {
    auto page = client_->Post((std::string("/verify?lang=") + c.lang).c_str(), c.form);
    ASSERT_TRUE(page) << c.name;
    EXPECT_EQ(page->status, 422) << c.name;
    EXPECT_NE(page->body.find(std::string(c.lang) == "de" ? "Keine Urkunden-Datei"
                                                          : "Not a certificate file"),
              std::string::npos)
        << c.name << " " << c.lang;
    EXPECT_NE(page->body.find(c.meaning), std::string::npos) << c.name << " " << c.lang;
    EXPECT_EQ(page->body.find("verdict invalid"), std::string::npos) << c.name;
    EXPECT_EQ(page->body.find("Nicht echt"), std::string::npos) << c.name;
    EXPECT_EQ(page->body.find("Not genuine"), std::string::npos) << c.name;
    EXPECT_NE(page->body.find("name=\"id\""), std::string::npos) << "a field for the number";
  }
  // A credential that was found and failed is not genuine, in German too.
  std::string forged = writer_->certificates().GetCertificate(id_)->credential_json;
  forged.replace(forged.find("microTEC"), 8, "macroTEC");
  auto fake = client_->Post(
      "/verify?lang=de",
      httplib::MultipartFormDataItems{{"file", forged, "urkunde.json", "application/json"}});
  ASSERT_TRUE(fake);
  EXPECT_EQ(fake->status, 200);
  EXPECT_NE(fake->body.find("Nicht echt"), std::string::npos);
  // Why, in German; the technical reason only folded with the checks, named in German.
  EXPECT_NE(fake->body.find("Grund: Die Unterschrift passt nicht zum Inhalt: Die Datei wurde "
                            "nach dem Unterschreiben verändert."),
            std::string::npos);
  EXPECT_NE(fake->body.find("<details class=\"checks\">"), std::string::npos);
  EXPECT_NE(fake->body.find("<td>Unterschrift</td>"), std::string::npos);
  EXPECT_EQ(fake->body.find("<td>signature</td>"), std::string::npos);
  EXPECT_EQ(fake->body.find("<dt>Inhaber</dt>"), std::string::npos) << "no claims of a fake";
  // A genuine one says whose label it is, which, and for when, in words.
  std::string genuine = writer_->certificates().GetCertificate(id_)->credential_json;
  auto valid = client_->Post(
      "/verify?lang=de",
      httplib::MultipartFormDataItems{{"file", genuine, "urkunde.json", "application/json"}});
  ASSERT_TRUE(valid);
  EXPECT_NE(valid->body.find("<dt>Inhaber</dt><dd>microTEC Südwest</dd>"), std::string::npos)
      << valid->body;
  EXPECT_NE(valid->body.find("<dt>Siegel</dt><dd>Cluster-Exzellenz Baden-Württemberg</dd>"),
            std::string::npos);
  EXPECT_NE(valid->body.find("<dt>Gültigkeit</dt><dd>"), std::string::npos);
  EXPECT_EQ(valid->body.find("Grund:"), std::string::npos);
}

// The number typed into the field leads to that certificate's verification page.
TEST_F(WebTest, ATypedCertificateNumberLeadsToItsVerificationPage) {
  auto typed = Get("/verify?id=%20" + id_ + "%20&lang=en");
  ASSERT_TRUE(typed);
  EXPECT_EQ(typed->status, 303);
  EXPECT_EQ(typed->get_header_value("Location"), "/verify/" + id_ + "?lang=en");
  std::string lower = id_;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  EXPECT_EQ(Get("/verify?id=" + lower)->get_header_value("Location"),
            "/verify/" + id_ + "?lang=de");
  EXPECT_EQ(Get("/verify?id=%3Cscript%3E")->status, 400);
  EXPECT_NE(Get("/verify?lang=en")->body.find("Certificate number"), std::string::npos);
}

// "Was it valid on …?" on the verification page: the same answer as the status API at that
// moment, before and after a revocation, before the issuance, and a refusal of a non-date.
TEST_F(WebTest, TheDateFieldAnswersForThatDayAsTheApiDoes) {
  UnixSeconds now = *ParseDateTimeStamp("2026-01-10T10:00:00Z");
  writer_->SetClockForTesting([&now] { return now; });
  AddInitiative("dated", "Dated BW", "Regierungsbezirk Tübingen", "Textiles");
  IssueRequest request;
  request.initiative_slug = "dated";
  request.valid_from = *ParseDateTimeStamp("2026-01-01T00:00:00Z");
  auto issued = writer_->lifecycle().Issue(request, {"test"});
  ASSERT_TRUE(issued.ok()) << issued.message();
  now = *ParseDateTimeStamp("2026-03-01T12:00:00Z");
  ASSERT_TRUE(writer_->lifecycle().Revoke(issued->id, "withdrawn by the board", {"test"}).ok());
  const std::string page = "/verify/" + issued->id;
  const struct {
    const char* at;
    const char* lang;
    const char* state;
    const char* api_status;
    const char* as_of;
  } cases[] = {
      {"2026-02-01", "de", "Gültig", "valid", "Stand am 01.02.2026, 01:00 MEZ"},
      {"2026-02-01", "en", "Valid", "valid", "As on 1 February 2026, 01:00 CET"},
      {"2026-03-02", "de", "Widerrufen", "revoked", "Stand am 02.03.2026, 01:00 MEZ"},
      {"2026-01-05", "en", "Not yet issued", "not_yet_issued", "As on 5 January 2026, 01:00 CET"},
  };
  for (const auto& c : cases) {
    auto answer = Get(page + "?lang=" + c.lang + "&at=" + c.at);
    ASSERT_TRUE(answer) << c.at;
    EXPECT_EQ(answer->status, 200) << c.at;
    EXPECT_NE(answer->body.find(std::string("</span> ") + c.state + "</p>"), std::string::npos)
        << c.at << " " << c.lang;
    EXPECT_NE(answer->body.find(c.as_of), std::string::npos) << c.at << " " << c.lang;
    EXPECT_NE(answer->body.find(std::string("value=\"") + c.at + "\""), std::string::npos)
        << "the field keeps the date";
    auto api = Get("/api/v1/certificates/" + issued->id + "/status?at=" + c.at);
    EXPECT_EQ(Json::parse(api->body)["status"], c.api_status) << c.at;
  }
  // Without a date: today, revoked, with the reason.
  std::string today = Get(page + "?lang=en")->body;
  EXPECT_NE(today.find("</span> Revoked</p>"), std::string::npos);
  EXPECT_NE(today.find("withdrawn by the board"), std::string::npos);
  EXPECT_EQ(today.find("As on"), std::string::npos);
  auto nonsense = Get(page + "?lang=en&at=next%20week");
  EXPECT_EQ(nonsense->status, 400);
  EXPECT_NE(nonsense->body.find("That is not a date (such as 2026-03-15)."), std::string::npos);
}

// Errors by Accept: a browser gets a page in its language (the status kept, the problem's
// detail folded); an API client gets problem+json, and both answers say they vary by Accept.
TEST_F(WebTest, ErrorsAreAPageForBrowsersAndProblemJsonForClients) {
  const httplib::Headers browser = {{"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"}};
  const struct {
    std::string path;
    int status;
    const char* heading;
    const char* lang;
  } cases[] = {
      {"/no/such/page?lang=de", 404, "Seite nicht gefunden", "de"},
      {"/no/such/page?lang=en", 404, "Page not found", "en"},
      {"/api/v1/certificates/" + id_ + "/status?at=never&lang=de", 400, "Anfrage nicht verstanden",
       "de"},
      {"/api/v1/certificates/NOPE-0000-0000?lang=en", 404, "Page not found", "en"},
  };
  for (const auto& c : cases) {
    auto page = Get(c.path, browser);
    ASSERT_TRUE(page) << c.path;
    EXPECT_EQ(page->status, c.status) << c.path;
    EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8") << c.path;
    EXPECT_NE(page->body.find(std::string("<h1>") + c.heading + "</h1>"), std::string::npos)
        << c.path;
    EXPECT_NE(page->body.find(std::string("<html lang=\"") + c.lang + "\">"), std::string::npos);
    EXPECT_EQ(page->get_header_value("Vary"), "Accept, Accept-Language") << c.path;
    auto problem = Get(c.path);
    ASSERT_TRUE(problem) << c.path;
    EXPECT_EQ(problem->status, c.status) << c.path;
    EXPECT_EQ(problem->get_header_value("Content-Type"), "application/problem+json") << c.path;
    EXPECT_EQ(Json::parse(problem->body)["status"], c.status) << c.path;
    EXPECT_EQ(problem->get_header_value("Vary"), "Accept") << c.path;
  }
  // The detail of the problem, folded, for whoever needs it; the pages' own 404s unchanged.
  auto bad = Get("/api/v1/certificates/" + id_ + "/status?at=never&lang=en", browser);
  EXPECT_NE(bad->body.find("<summary>Technical details (400)</summary>"), std::string::npos);
  EXPECT_NE(bad->body.find("parameter at:"), std::string::npos);
  auto unknown = Get("/certificates/CEBW-2099-0001?lang=en", browser);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_NE(unknown->body.find("Unknown certificate"), std::string::npos);
}

TEST_F(WebTest, InitiativeTimelineShowsRenewalsAndExpiry) {
  UnixSeconds now = *ParseDateTimeStamp("2026-01-10T10:00:00Z");
  writer_->SetClockForTesting([&now] { return now; });
  AddInitiative("timeline", "Timeline BW", "Regierungsbezirk Tübingen", "Textiles");
  IssueRequest request;
  request.initiative_slug = "timeline";
  request.valid_from = *ParseDateTimeStamp("2023-01-01T00:00:00Z");
  auto first = writer_->lifecycle().Issue(request, {"test"});
  ASSERT_TRUE(first.ok()) << first.message();
  auto second = writer_->lifecycle().Renew(first->id, {}, {"test"});
  ASSERT_TRUE(second.ok()) << second.message();
  std::string page = Get("/initiatives/timeline?lang=en")->body;
  EXPECT_NE(page.find("renewed (re-certification)"), std::string::npos) << page;
  EXPECT_NE(page.find(">expired<"), std::string::npos);
  EXPECT_NE(page.find(">issued<"), std::string::npos);
  std::string feed = Get("/feed.atom?lang=en")->body;
  EXPECT_NE(feed.find(second->id + " renewed (re-certification): Timeline BW"), std::string::npos)
      << feed;
  // One row per certificate by validity, the newest first, each with its status now.
  size_t renewal_row =
      page.find("<tr><td>10 January 2026 – 10 January 2028</td><td><a href=\"/verify/" +
                second->id + "?lang=en\">");
  size_t first_row =
      page.find("<tr><td>1 January 2023 – 1 January 2025</td><td><a href=\"/verify/" + first->id +
                "?lang=en\">");
  ASSERT_NE(renewal_row, std::string::npos) << page;
  ASSERT_NE(first_row, std::string::npos) << page;
  EXPECT_LT(renewal_row, first_row);
  EXPECT_NE(page.find("<td class=\"expired\"><span aria-hidden=\"true\">◷</span> Expired</td>"),
            std::string::npos);
  EXPECT_NE(page.find("<li>1 January 2025: <span>expired</span></li>"), std::string::npos);
  // The renewal names the certificate it continues, and the field is named, in each language.
  EXPECT_NE(page.find("<span>renewed (re-certification)</span>: renews " + first->id),
            std::string::npos);
  EXPECT_NE(page.find("<dd>Textiles</dd>"), std::string::npos);
  std::string german = Get("/initiatives/timeline?lang=de")->body;
  EXPECT_NE(
      german.find("<span>verlängert (Re-Zertifizierung)</span>: Nachfolgerin von " + first->id),
      std::string::npos)
      << german;
  EXPECT_EQ(german.find("renews"), std::string::npos);
  EXPECT_NE(german.find("<dd>Textil</dd>"), std::string::npos);
  // The current status on top: the renewal, valid until its end, linked to its check page.
  EXPECT_NE(
      german.find("Aktueller Status: <a href=\"/verify/" + second->id + "?lang=de\">✔ Gültig bis " +
                  web::FormatDate(web::Language::kGerman, second->valid_until) + "</a>"),
      std::string::npos)
      << german;
}

// A revocation's standard reason is recorded in English; every page and the feed say it in the
// reader's language, with the clerk's note after it as written.
TEST(ReasonInWords, TheStandardReasonsInEachLanguageAndTheNoteAsWritten) {
  const struct {
    const char* recorded;
    const char* de;
    const char* en;
  } cases[] = {
      {"issued in error: falsches Programm", "irrtümlich ausgestellt: falsches Programm",
       "issued in error: falsches Programm"},
      {"assessment withdrawn", "Begutachtung zurückgezogen", "assessment withdrawn"},
      {"initiative dissolved: Verein aufgelöst", "Initiative aufgelöst: Verein aufgelöst",
       "initiative dissolved: Verein aufgelöst"},
      {"key compromise", "Signaturschlüssel kompromittiert", "key compromise"},
      {"other: Fusion", "anderer Grund: Fusion", "other: Fusion"},
      // Anything else is the clerk's own wording.
      {"otherwise fine", "otherwise fine", "otherwise fine"},
      {"Prüfung einer Beschwerde", "Prüfung einer Beschwerde", "Prüfung einer Beschwerde"},
      {"", "", ""},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(web::ReasonInWords(web::Language::kGerman, c.recorded), c.de) << c.recorded;
    EXPECT_EQ(web::ReasonInWords(web::Language::kEnglish, c.recorded), c.en) << c.recorded;
  }
}

TEST_F(WebTest, ARevocationsReasonReadsInThePagesLanguageEverywhere) {
  auto statement = RevocationStatement("issued_in_error", "falsches Programm");
  ASSERT_TRUE(statement.ok());
  ASSERT_TRUE(writer_->lifecycle().Revoke(id_, *statement, {"test"}).ok());
  for (const std::string& path :
       {"/verify/" + id_ + "?lang=de", std::string("/initiatives/microtec-suedwest?lang=de"),
        std::string("/feed.atom?lang=de")}) {
    std::string body = Get(path)->body;
    EXPECT_NE(body.find("irrtümlich ausgestellt: falsches Programm"), std::string::npos) << path;
    EXPECT_EQ(body.find("issued in error"), std::string::npos) << path;
  }
  EXPECT_NE(Get("/verify/" + id_ + "?lang=en")->body.find("issued in error: falsches Programm"),
            std::string::npos);
}

// The certificate page, which people print: the issuer in the header, the day the status is
// from, and a certificate not in force marked above everything else.
TEST_F(WebTest, TheCertificatePageNamesTheIssuerTheDayAndACertificateNotInForce) {
  std::string valid = Get("/certificates/" + id_ + "?lang=de")->body;
  EXPECT_NE(valid.find("<span class=\"issuer\">Ministerium für Wirtschaft, Arbeit und Tourismus "
                       "Baden-Württemberg</span>"),
            std::string::npos)
      << valid;
  std::string today = web::FormatDate(web::Language::kGerman, FormatDateTimeStamp(writer_->Now()));
  EXPECT_NE(valid.find("<dt>Stand am " + today + "</dt>"), std::string::npos) << valid;
  EXPECT_EQ(valid.find("not-in-force"), std::string::npos);
  ASSERT_TRUE(writer_->lifecycle().Suspend(id_, "Prüfung", {"test"}).ok());
  EXPECT_NE(Get("/certificates/" + id_ + "?lang=de")
                ->body.find("<p class=\"not-in-force\">AUSGESETZT – Diese Urkunde ist nicht in "
                            "Kraft.</p>"),
            std::string::npos);
  ASSERT_TRUE(writer_->lifecycle().Revoke(id_, "withdrawn", {"test"}).ok());
  EXPECT_NE(Get("/certificates/" + id_ + "?lang=en")
                ->body.find("<p class=\"not-in-force\">REVOKED – This certificate is not in "
                            "force.</p>"),
            std::string::npos);
}

// Every field of the vocabulary has its German name (typed out in i18n.cc, so a field added to
// the vocabulary without one fails here); wording outside it stays as recorded.
TEST(TechnologyFieldNames, EveryFieldOfTheVocabularyHasAGermanName) {
  for (const std::string& field : TechnologyFields()) {
    EXPECT_NE(web::TechnologyFieldName(field, web::Language::kGerman), field) << field;
    EXPECT_EQ(web::TechnologyFieldName(field, web::Language::kEnglish), field);
  }
  EXPECT_EQ(web::TechnologyFieldName("Microsystems technology", web::Language::kGerman),
            "Mikrosystemtechnik");
  EXPECT_EQ(web::TechnologyFieldName("Wasserstoff", web::Language::kGerman), "Wasserstoff");
  // Hydrogen is a field of its own (the ministry's clusters include hydrogen networks).
  EXPECT_EQ(web::TechnologyFieldName("Hydrogen", web::Language::kGerman), "Wasserstoff");
  const auto& fields = TechnologyFields();
  EXPECT_NE(std::find(fields.begin(), fields.end(), "Hydrogen"), fields.end());
}

TEST_F(WebTest, FeedListsIssuesRenewalsAndStatusChanges) {
  ASSERT_TRUE(writer_->lifecycle().Revoke(id_, "board decision", {"cli:alice"}).ok());
  auto feed = Get("/feed.atom?lang=en");
  ASSERT_EQ(feed->status, 200);
  EXPECT_EQ(feed->get_header_value("Content-Type"), "application/atom+xml; charset=utf-8");
  EXPECT_EQ(
      feed->body.rfind(
          "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
          0),
      0u);
  size_t revoked = feed->body.find("<title>" + id_ + " revoked: microTEC Südwest</title>");
  size_t issued = feed->body.find("<title>" + id_ + " issued: microTEC Südwest</title>");
  ASSERT_NE(revoked, std::string::npos) << feed->body;
  ASSERT_NE(issued, std::string::npos);
  EXPECT_LT(revoked, issued) << "newest first";
  EXPECT_NE(feed->body.find("revoked – board decision"), std::string::npos);
  EXPECT_EQ(feed->body.find("alice"), std::string::npos) << "who acted is not public";
  EXPECT_EQ(feed->body.find("<script>"), std::string::npos);
}

TEST_F(WebTest, OpenDataExportsInCsvAndJson) {
  auto csv = Get("/export.csv");
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  std::istringstream lines(csv->body);
  std::string header, first, second;
  std::getline(lines, header);
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_EQ(header,
            "id,status,programme,level,valid_from,valid_until,issued_at,supersedes,superseded_by,"
            "initiative,"
            "initiative_name,legal_entity,region,technology_fields\r");
  EXPECT_EQ(first.rfind(id_ + ",valid,ce-bw,", 0), 0u) << first;
  // The hostile name has quotes: it is quoted, its quotes doubled.
  EXPECT_NE(second.find("\"<script>alert(1)</script> \"\"Grüne\"\" & 'Zukunft'\""),
            std::string::npos)
      << second;
  Json json = Json::parse(Get("/export.json")->body);
  ASSERT_EQ(json["certificates"].size(), 2u);
  EXPECT_EQ(json["certificates"][1]["initiative"]["name"], kHostile);
  EXPECT_EQ(json["certificates"][0]["initiative"]["technologyFields"][0],
            "Microsystems technology");
  EXPECT_EQ(json["issuer"]["id"], writer_->settings().did);
}

TEST_F(WebTest, CsvCellsAreNeverFormulas) {
  AddInitiative("formula", "=HYPERLINK(\"http://evil\",\"x\")", "+49 region", "-field");
  IssueRequest request;
  request.initiative_slug = "formula";
  ASSERT_TRUE(writer_->lifecycle().Issue(request, {"test"}).ok());
  std::string csv = Get("/export.csv")->body;
  EXPECT_NE(csv.find(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","), std::string::npos) << csv;
  EXPECT_NE(csv.find(",'+49 region,'-field\r\n"), std::string::npos) << csv;
}

TEST_F(WebTest, HomeSearchesAndPaginates) {
  auto all = Get("/?lang=en");
  EXPECT_NE(all->body.find("Results (2)"), std::string::npos);
  EXPECT_NE(all->body.find("<strong>2</strong> initiatives hold a valid label today."),
            std::string::npos);
  auto found = Get("/?lang=en&q=microTEC");
  EXPECT_NE(found->body.find("Results (1)"), std::string::npos);
  EXPECT_NE(found->body.find("/verify/" + id_), std::string::npos);
  EXPECT_NE(Get("/?lang=en&programme=ce-bw")->body.find("Results (2)"), std::string::npos);
  EXPECT_NE(Get("/?lang=en&programme=other")->body.find("Results (0)"), std::string::npos);
  EXPECT_NE(all->body.find("<option value=\"ce-bw\">Cluster Excellence Baden-Württemberg</option>"),
            std::string::npos);
  auto none = Get("/?lang=en&status=revoked");
  EXPECT_NE(none->body.find("No certificate matches the search."), std::string::npos);
}

}  // namespace
}  // namespace siegel
