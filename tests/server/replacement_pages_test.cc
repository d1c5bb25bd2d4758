// Correcting a mistake on the staff pages, in German: the certificate's page offers the
// replacement, a proposal without a note comes back with the sentence beside the note and the
// input kept, the approval's confirmation says the old certificate will be revoked, and after
// the second person's approval the public verification page of the old certificate names the
// corrected one. The German sentences are typed out here, not read from the catalogue.
#include <gtest/gtest.h>

#include "tests/server/admin_fixture.h"

namespace siegel::testing {
namespace {

class ReplacementPagesTest : public AdminTest {
 protected:
  void SetUp() override {
    AdminTest::SetUp();
    for (const char* name : {"ida", "jan"}) {
      StaffUser user;
      user.username = name;
      user.display_name = std::string(name) + " Beispiel";
      user.role = Role::kIssuer;  // German pages, as a new account has them
      Status s = writer_->accounts().AddUser(user, kPassword, kOperator);
      ASSERT_TRUE(s.ok()) << s.message();
    }
    Assessment a;
    a.initiative_slug = "microtec-suedwest";
    a.assessor = "VDI/VDE-IT";
    a.assessed_from = "2026-01-05";
    a.assessed_on = "2026-01-09";
    a.board_decision_ref = "Beirat 2026/4";  // the corrected reference
    auto recorded = writer_->workflow().RecordAssessment(a, kOperator);
    ASSERT_TRUE(recorded.ok()) << recorded.message();
    assessment_ = std::to_string(recorded->id);
    old_ = *writer_->certificates().GetCertificate(id_);
  }

  std::string ProposalForm(const std::string& note) {
    return "replaces=" + id_ + "&assessment=" + assessment_ +
           "&validFrom=" + old_.valid_from.substr(0, 10) +
           "&validUntil=" + old_.valid_until.substr(0, 10) + "&note=" + note;
  }

  static bool Has(const httplib::Result& res, const std::string& text) {
    return res && res->body.find(text) != std::string::npos;
  }

  std::string assessment_;
  Certificate old_;
};

TEST_F(ReplacementPagesTest, TheCertificatePageOffersTheReplacementWithTheOldPeriod) {
  auto page = AsSession(Session("ida"), "GET", "/admin/certificates/" + id_);
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(Has(page, "<h2 id=\"replace\">Urkunde ersetzen (Fehler berichtigen)</h2>"))
      << page->body;
  EXPECT_TRUE(Has(page, "<input type=\"hidden\" name=\"replaces\" value=\"" + id_ + "\">"));
  EXPECT_TRUE(Has(page, "name=\"validUntil\" value=\"" + old_.valid_until.substr(0, 10) + "\""));
  EXPECT_TRUE(Has(page, "Was war falsch? (Pflicht, nur intern)"));
  // A viewer sees no such form.
  EXPECT_FALSE(
      Has(AsSession(Session("vera"), "GET", "/admin/certificates/" + id_), "name=\"replaces\""));
}

TEST_F(ReplacementPagesTest, WithoutANoteTheFormComesBackWithTheSentenceAndNothingIsProposed) {
  auto refused = AsSession(Session("ida"), "POST", "/admin/proposals", ProposalForm(""));
  EXPECT_EQ(refused->status, 422);
  EXPECT_TRUE(Has(refused,
                  "<p class=\"field-error\" id=\"err-replace-note\">Bitte schreiben Sie "
                  "in den Vermerk, was an der Urkunde " +
                      id_ + " falsch war.</p>"))
      << refused->body;
  EXPECT_TRUE(Has(refused, "<option value=\"" + assessment_ + "\" selected>"));
  EXPECT_TRUE(writer_->workflow().ListProposals(true)->empty());
}

TEST_F(ReplacementPagesTest, TheSecondPersonsApprovalRevokesTheOldAndThePublicSeesTheNewOne) {
  auto proposed = AsSession(Session("ida"), "POST", "/admin/proposals",
                            ProposalForm("Aktenzeichen+des+Beirats+falsch"));
  ASSERT_EQ(proposed->status, 303) << proposed->body;
  auto open = writer_->workflow().ListProposals(true);
  ASSERT_EQ(open->size(), 1u);
  std::string proposal = std::to_string(open->front().id);
  auto list = AsSession(Session("jan"), "GET", "/admin/proposals");
  EXPECT_TRUE(Has(list, "ersetzt <a href=\"/admin/certificates/" + id_ + "\">" + id_ + "</a>"))
      << list->body;
  // The confirmation says what the approval does to the old certificate; nothing yet happened.
  std::string jan = Session("jan");
  auto confirm = AsSession(jan, "POST", "/admin/proposals/" + proposal + "/approve");
  EXPECT_EQ(confirm->status, 200);
  EXPECT_TRUE(
      Has(confirm, "Urkunde " + id_ + ": wird mit der Freigabe widerrufen (Grund: ersetzt)"))
      << confirm->body;
  EXPECT_EQ(GetJson("/api/v1/certificates/" + id_ + "/status")["status"], "valid");

  auto approved =
      AsSession(jan, "POST", "/admin/proposals/" + proposal + "/approve", "confirmed=yes");
  ASSERT_EQ(approved->status, 303) << approved->body;
  std::string corrected = writer_->workflow().GetProposal(open->front().id)->certificate_id;
  ASSERT_FALSE(corrected.empty());
  EXPECT_EQ(GetJson("/api/v1/certificates/" + id_ + "/status")["status"], "revoked");
  EXPECT_EQ(GetJson("/api/v1/certificates/" + corrected + "/status")["status"], "valid");
  auto verify = client_->Get(("/verify/" + id_ + "?lang=de").c_str());
  EXPECT_TRUE(Has(verify, "<dt>Ersetzt durch die berichtigte Urkunde</dt><dd><a href=\"/verify/" +
                              corrected + "?lang=de\">" + corrected + "</a></dd>"))
      << verify->body;
  EXPECT_TRUE(Has(verify, "ersetzt durch: " + corrected)) << verify->body;
  auto staff = AsSession(jan, "GET", "/admin/certificates/" + id_);
  EXPECT_TRUE(Has(staff, "<dt>Ersetzt durch</dt>")) << staff->body;
  EXPECT_FALSE(Has(staff, "name=\"replaces\"")) << "a revoked certificate is not replaced again";
}

}  // namespace
}  // namespace siegel::testing
