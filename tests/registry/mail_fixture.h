// StaffTest with addresses for e-mail: anna (German) proposed and ben (English) approved a
// certificate of microtec-suedwest, whose contact is kontakt@microtec.example; ada
// (administrator) has an address too. The issuance notice waits to be queued.
#pragma once

#include "tests/registry/staff_fixture.h"

namespace siegel {

class MailingStaffTest : public StaffTest {
 protected:
  void SetUp() override {
    StaffTest::SetUp();
    for (const auto& [name, language] : {std::pair{"anna", "de"}, {"ben", "en"}, {"ada", "de"}}) {
      Status s = registry_->accounts().SetPreferences(
          name, language, std::string(name) + "@ministerium.example", kCli);
      ASSERT_TRUE(s.ok()) << s.message();
    }
    auto initiative = registry_->certificates().GetInitiative("microtec-suedwest");
    ASSERT_TRUE(initiative.ok());
    initiative->contact_email = "kontakt@microtec.example";
    ASSERT_TRUE(registry_->records().UpdateInitiative(*initiative, kCli).ok());
    Proposal p = ProposeBy("anna", RecordAssessment().id);
    auto certificate = registry_->workflow().ApproveProposal(p.id, "ben", Actor{"admin:ben"});
    ASSERT_TRUE(certificate.ok()) << certificate.message();
    id_ = certificate->id;
  }

  std::string id_;  // the certificate
};

}  // namespace siegel
