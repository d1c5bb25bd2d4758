// The upload page for spreadsheets: a preview row by row, then the import with the second click;
// a file with a wrong row imports nothing and says why in the reader's language. Initiatives,
// and the labels awarded before Siegel (each becomes a proposal for a second person).
#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <regex>

#include "base/timestamp.h"
#include "tests/server/staff_language_fixture.h"

namespace siegel::testing {
namespace {

// The upload page: a preview row by row, then the import with the second click; a file with a
// wrong row imports nothing and says why in the reader's language.
class ImportPageTest : public StaffLanguageTest {
 protected:
  httplib::Result Upload(const std::string& session, httplib::MultipartFormDataItems items,
                         const std::string& path = "/admin/import") {
    items.push_back({"csrf", CsrfTokenFor(session), "", ""});
    return client_->Post(path, {{"Cookie", "siegel_session=" + session}}, items);
  }
  // The previewed content the confirming form carries, as the browser would send it back.
  static std::string ContentOf(const std::string& page) {
    size_t at = page.find("name=\"content\" value=\"");
    if (at == std::string::npos) return "";
    at += std::string("name=\"content\" value=\"").size();
    std::string content = page.substr(at, page.find('"', at) - at);
    for (const auto& [entity, text] :
         {std::pair<std::string, std::string>{"&#x2F;", "/"}, {"&#x3D;", "="}}) {
      for (size_t p = content.find(entity); p != std::string::npos; p = content.find(entity, p)) {
        content.replace(p, entity.size(), text);
      }
    }
    return content;
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
  std::string content = ContentOf(preview->body);
  ASSERT_FALSE(content.empty());
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

TEST_F(ImportPageTest, PastAwardsArePreviewedThenProposedForASecondPerson) {
  std::string gerda = Session("gerda");
  const std::string path = "/admin/import/certificates";
  auto wrong = Upload(gerda,
                      {{"file",
                        "Kurzname;Begutachtung bis;Gültig ab;Gültig bis\n"
                        "microtec-suedwest;10.02.2024;01.03.2024;01.03.2026\n"
                        "holz-bw;10.02.2024;01.03.2024;01.03.2026\n",
                        "awards.csv", "text/csv"}},
                      path);
  EXPECT_EQ(wrong->status, 422);
  EXPECT_TRUE(Has(wrong,
                  "<td>Fehler: Es gibt keine Initiative mit dem Kurznamen „holz-bw“. Importieren "
                  "Sie zuerst die Initiativen.</td>"))
      << wrong->body;
  EXPECT_FALSE(Has(wrong, "Jetzt importieren"));

  const std::string csv =
      "Kurzname;Gutachter;Begutachtung bis;Gültig ab;Gültig bis\n"
      "microtec-suedwest;VDI/VDE-IT;10.02.2024;01.03.2024;01.03.2026\n";
  auto preview = Upload(gerda, {{"file", csv, "awards.csv", "text/csv"}}, path);
  ASSERT_EQ(preview->status, 200) << preview->body;
  EXPECT_TRUE(
      Has(preview,
          "<tr><td>2</td><td>microtec-suedwest</td><td>01.03.2024 – 01.03.2026</td><td>wird "
          "vorgeschlagen</td></tr>"))
      << preview->body;
  EXPECT_TRUE(Has(preview, "1 vorzuschlagen, 0 schon vorhanden, 0 mit Fehlern."));
  EXPECT_TRUE(Has(preview, "action=\"&#x2F;admin&#x2F;import&#x2F;certificates\""));
  EXPECT_TRUE(writer_->workflow().ListProposals(true)->empty()) << "a preview only";
  auto imported = Upload(
      gerda, {{"content", ContentOf(preview->body), "", ""}, {"confirmed", "yes", "", ""}}, path);
  ASSERT_EQ(imported->status, 303) << imported->body;
  EXPECT_EQ(imported->get_header_value("Location"), "/admin/proposals?notice=imported_awards");
  auto open = writer_->workflow().ListProposals(true);
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ(open->front().proposed_by, "gerda");
  EXPECT_EQ(open->front().valid_from, "2024-03-01T00:00:00Z");
  // The same file again: already proposed, nothing new to import.
  auto again = Upload(gerda, {{"file", csv, "awards.csv", "text/csv"}}, path);
  EXPECT_TRUE(Has(again, "schon vorgeschlagen: Vorschlag " + std::to_string(open->front().id)))
      << again->body;
  EXPECT_FALSE(Has(again, "Jetzt importieren"));
  EXPECT_EQ(Upload(Session("ida"), {{"file", csv, "awards.csv", "text/csv"}}, path)->status, 403)
      << "administrators only";
}

}  // namespace
}  // namespace siegel::testing
