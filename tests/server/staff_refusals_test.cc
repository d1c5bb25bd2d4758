// What the approver previews, the refusals staff meet most worded in German, and the contact
// address that stays with the staff.
#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <regex>

#include "base/timestamp.h"
#include "tests/server/staff_language_fixture.h"

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
