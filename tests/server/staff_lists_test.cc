// The staff side's lists in German: the audit log in words, the initiatives and certificates
// lists with search, status and end, and the staff-only notes on an initiative.
#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <regex>

#include "base/timestamp.h"
#include "tests/server/staff_language_fixture.h"

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
