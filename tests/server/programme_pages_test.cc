// A second label on the staff pages, in German: an administrator creates and edits a programme
// (a refused form keeps what was typed), the assessment form then asks which programme, the
// public API lists it, and an initiative holding certificates of both shows both labels with a
// badge each. The German sentences are typed out here, not read from the catalogue.
#include <gtest/gtest.h>

#include <map>

#include "tests/server/staff_language_fixture.h"

namespace siegel::testing {
namespace {

// The form as an administrator fills it in, with some fields typed otherwise.
std::string ProgrammeForm(const std::map<std::string, std::string>& changed = {}) {
  std::map<std::string, std::string> fields = {{"code", "ki-bw"},
                                               {"prefix", "KIBW"},
                                               {"nameDe", "KI-Exzellenz+BW"},
                                               {"nameEn", "AI+Excellence+BW"},
                                               {"description", "Netzwerke+der+KI"},
                                               {"validityMonths", "36"},
                                               {"criteria", "Zw%C3%B6lf+Kriterien"},
                                               {"assessor", "KI-Pr%C3%BCfstelle"},
                                               {"levels", "Bronze%2C+Silber"}};
  for (const auto& [name, value] : changed) fields[name] = value;
  std::string body;
  for (const auto& [name, value] : fields) body += (body.empty() ? "" : "&") + name + "=" + value;
  return body;
}

class ProgrammePagesTest : public StaffLanguageTest {
 protected:
  httplib::Result CreateKibw() {
    return AsSession(Session("gerda"), "POST", "/admin/programmes", ProgrammeForm());
  }
};

TEST_F(ProgrammePagesTest, AnAdministratorCreatesAProgrammeWithItsOwnNumbering) {
  auto created = CreateKibw();
  ASSERT_EQ(created->status, 303) << created->body;
  EXPECT_EQ(created->get_header_value("Location"),
            "/admin/programmes/ki-bw?notice=programme_created");
  Programme stored = *writer_->certificates().GetProgramme("ki-bw");
  EXPECT_EQ(stored.id_prefix, "KIBW");
  EXPECT_EQ(stored.validity_months, 36);
  EXPECT_EQ(stored.levels, (std::vector<std::string>{"Bronze", "Silber"}));
  auto page = AsSession(Session("ida"), "GET", "/admin/programmes/ki-bw");
  EXPECT_TRUE(Has(page, "<h1>KI-Exzellenz BW</h1>")) << page->body;
  EXPECT_TRUE(Has(page, "<dt>Vier-Augen-Prinzip</dt><dd>ja</dd>"));
  EXPECT_FALSE(Has(page, "Programm speichern")) << "only administrators edit";
  auto list = AsSession(Session("ida"), "GET", "/admin/programmes");
  EXPECT_TRUE(Has(list,
                  "<td><a href=\"/admin/programmes/ki-bw\">KI-Exzellenz BW</a></td>"
                  "<td>ki-bw</td><td>KIBW</td><td>36</td><td>ja</td>"))
      << list->body;
  // The public API lists it.
  Json programmes = GetJson("/api/v1/programmes");
  std::vector<std::string> codes;
  for (const Json& p : programmes["items"]) codes.push_back(p["code"]);
  EXPECT_EQ(codes, (std::vector<std::string>{"ce-bw", "ki-bw"})) << programmes.dump();
}

TEST_F(ProgrammePagesTest, ARefusedProgrammeKeepsWhatWasTypedAndCreatesNothing) {
  auto refused =
      AsSession(Session("gerda"), "POST", "/admin/programmes", ProgrammeForm({{"prefix", "ki"}}));
  EXPECT_EQ(refused->status, 422);
  EXPECT_TRUE(Has(refused,
                  "<p class=\"field-error\" id=\"err-prefix\">Das Präfix „ki“ muss aus 1 "
                  "bis 12 Großbuchstaben oder Ziffern bestehen und mit einem Buchstaben "
                  "beginnen.</p>"))
      << refused->body;
  EXPECT_TRUE(Has(refused, "name=\"nameDe\" value=\"KI-Exzellenz BW\"")) << refused->body;
  EXPECT_FALSE(writer_->certificates().GetProgramme("ki-bw").ok());
  auto taken =
      AsSession(Session("gerda"), "POST", "/admin/programmes", ProgrammeForm({{"prefix", "CEBW"}}));
  EXPECT_TRUE(Has(taken,
                  "Es gibt schon ein Programm mit der Kennung „ki-bw“ oder dem Präfix "
                  "„CEBW“."))
      << taken->body;
}

TEST_F(ProgrammePagesTest, EditingChangesTheWordingButNeverTheNumbering) {
  ASSERT_EQ(CreateKibw()->status, 303);
  auto saved = AsSession(
      Session("gerda"), "POST", "/admin/programmes/ki-bw",
      ProgrammeForm({{"nameDe", "KI-Exzellenz+Baden-W%C3%BCrttemberg"}, {"validityMonths", "24"}}));
  ASSERT_EQ(saved->status, 303) << saved->body;
  Programme stored = *writer_->certificates().GetProgramme("ki-bw");
  EXPECT_EQ(stored.name_de, "KI-Exzellenz Baden-Württemberg");
  EXPECT_EQ(stored.validity_months, 24);
  EXPECT_EQ(stored.id_prefix, "KIBW");
  auto bad = AsSession(Session("gerda"), "POST", "/admin/programmes/ki-bw",
                       ProgrammeForm({{"validityMonths", "200"}}));
  EXPECT_TRUE(Has(bad,
                  "id=\"err-validityMonths\">Die Gültigkeit muss zwischen 1 und 120 Monaten "
                  "liegen.</p>"))
      << bad->body;
  EXPECT_EQ(writer_->certificates().GetProgramme("ki-bw")->validity_months, 24);
}

TEST_F(ProgrammePagesTest, AnInitiativeHoldingBothLabelsShowsBothWithABadgeEach) {
  ASSERT_EQ(CreateKibw()->status, 303);
  // The assessment form now asks for the programme; an editor records one for ki-bw.
  std::string emil = Session("emil");
  auto form = AsSession(emil, "GET", "/admin/initiatives/microtec-suedwest");
  EXPECT_TRUE(Has(form, "<option value=\"ki-bw\">KI-Exzellenz BW</option>")) << form->body;
  auto recorded = AsSession(emil, "POST", "/admin/initiatives/microtec-suedwest/assessments",
                            "programme=ki-bw&assessor=KI-Pr%C3%BCfstelle&assessedFrom=2026-01-05"
                            "&assessedOn=2026-01-09");
  ASSERT_EQ(recorded->status, 303) << recorded->body;
  auto assessments = writer_->workflow().ListAssessments("microtec-suedwest");
  ASSERT_EQ(assessments->size(), 1u);
  EXPECT_EQ(assessments->front().programme_code, "ki-bw");
  // ida proposes, anna approves (four eyes, on for the new programme).
  Proposal p;
  p.assessment_id = assessments->front().id;
  p.proposed_by = "ida";
  auto proposed = writer_->workflow().Propose(p, Actor{"admin:ida", "ida"});
  ASSERT_TRUE(proposed.ok()) << proposed.message();
  auto signed_alone = writer_->workflow().ApproveProposal(proposed->id, "ida", {"admin:ida"});
  EXPECT_FALSE(signed_alone.ok());
  auto issued = writer_->workflow().ApproveProposal(proposed->id, "anna", {"admin:anna", "anna"});
  ASSERT_TRUE(issued.ok()) << issued.message();
  EXPECT_EQ(issued->id.substr(0, 10), "KIBW-" + issued->issued_at.substr(0, 4) + "-");

  auto page = client_->Get("/initiatives/microtec-suedwest?lang=de");
  EXPECT_TRUE(Has(page, "Aktueller Status (Cluster-Exzellenz Baden-Württemberg): ")) << page->body;
  EXPECT_TRUE(Has(page, "Aktueller Status (KI-Exzellenz BW): "));
  EXPECT_TRUE(Has(page, "<h2 id=\"embed-heading-ki-bw\">"));
  EXPECT_TRUE(Has(page, "badge&#x2F;ki-bw.svg?lang=de"));
  EXPECT_TRUE(Has(page, "verify?programme=ki-bw&amp;lang=de"));
  auto badge = client_->Get("/initiatives/microtec-suedwest/badge/ki-bw.svg?lang=de");
  ASSERT_EQ(badge->status, 200);
  EXPECT_NE(badge->body.find("KI-Exzellenz BW"), std::string::npos) << badge->body;
}

TEST_F(ProgrammePagesTest, TheStaffApiCreatesAndEditsAProgrammeForAdministratorsOnly) {
  Json body = {{"code", "h2-bw"},
               {"prefix", "HZBW"},
               {"nameDe", "Wasserstoff-Exzellenz BW"},
               {"nameEn", "Hydrogen Excellence BW"},
               {"description", "Wasserstoffnetzwerke"},
               {"validityMonths", 24},
               {"criteria", "Kriterien"},
               {"levels", {"Bronze", "Gold"}}};
  auto refused = AsToken(Token("ed", Role::kEditor), "POST", "/api/v1/admin/programmes", body);
  EXPECT_EQ(refused->status, 403);
  auto created = AsToken(Token("ada", Role::kAdmin), "POST", "/api/v1/admin/programmes", body);
  ASSERT_EQ(created->status, 201) << created->body;
  Json answer = Json::parse(created->body);
  EXPECT_EQ(answer["certificatePrefix"], "HZBW");
  EXPECT_EQ(answer["levels"], Json({"Bronze", "Gold"}));
  body["nameEn"] = "Hydrogen Excellence Baden-Württemberg";
  body["prefix"] = "XX";  // stays HZBW
  auto edited = AsToken(Token("ada", Role::kAdmin), "PUT", "/api/v1/admin/programmes/h2-bw", body);
  ASSERT_EQ(edited->status, 200) << edited->body;
  EXPECT_EQ(Json::parse(edited->body)["certificatePrefix"], "HZBW");
  EXPECT_EQ(writer_->certificates().GetProgramme("h2-bw")->name_en,
            "Hydrogen Excellence Baden-Württemberg");
}

TEST_F(ProgrammePagesTest, FourEyesGoesOffOnlyThroughASecondAdministratorAndTheLogoIsItsOwn) {
  ASSERT_EQ(CreateKibw()->status, 303);
  std::string gerda = Session("gerda");
  auto page = AsSession(gerda, "GET", "/admin/programmes/ki-bw");
  EXPECT_TRUE(Has(page, "Vier-Augen-Prinzip ausschalten (eine zweite Administratorin gibt frei)"));
  EXPECT_TRUE(Has(page, "<dt>Logo auf der Urkunde</dt><dd>das Logo des Registers</dd>"));
  auto off = AsSession(gerda, "POST", "/admin/programmes/ki-bw/four-eyes", "fourEyes=false");
  ASSERT_EQ(off->status, 303) << off->body;
  EXPECT_EQ(off->get_header_value("Location"), "/admin/users?notice=staff_change_proposed");
  EXPECT_TRUE(writer_->certificates().FourEyesRequired("ki-bw").value())
      << "still on until a second administrator approves";
  auto changes = writer_->accounts().ListStaffChanges(true);
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ(changes->front().subject, "ki-bw");

  const std::string png =
      ReadAll(std::string(SIEGEL_SOURCE_DIR) + "/static/images/demo-wappen.png");
  auto upload = [&](const std::string& content) {
    return client_->Post("/admin/programmes/ki-bw/logo", {{"Cookie", "siegel_session=" + gerda}},
                         httplib::MultipartFormDataItems{{"logo", content, "logo.png", "image/png"},
                                                         {"csrf", CsrfTokenFor(gerda), "", ""}});
  };
  EXPECT_NE(upload("not a png")->status, 303);
  EXPECT_TRUE(writer_->designs().Stored("ki-bw")->logo_png.empty());
  ASSERT_EQ(upload(png)->status, 303);
  EXPECT_EQ(writer_->designs().Stored("ki-bw")->logo_png, png);
  EXPECT_TRUE(writer_->designs().Stored("ce-bw")->logo_png.empty()) << "ce-bw keeps its own";
  EXPECT_TRUE(Has(AsSession(gerda, "GET", "/admin/programmes/ki-bw"),
                  "<dt>Logo auf der Urkunde</dt><dd>eigenes Logo</dd>"));
}

}  // namespace
}  // namespace siegel::testing
