// A registry with four staff accounts made by the operator at the command line: issuers anna
// and ben, viewer vera, administrator ada. Four eyes is on, as in a new registry.
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "registry/registry.h"
#include "tests/test_support.h"

namespace siegel {

inline const Actor kCli{"cli:test", "cli:test", /*shell=*/true};  // the operator setting up
inline constexpr char kPassword[] = "correct horse 42";

inline StaffUser User(const std::string& username, const std::string& display_name, Role role) {
  StaffUser user;
  user.username = username;
  user.display_name = display_name;
  user.role = role;
  return user;
}

class StaffTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitOptions options;
    options.base_url = "https://labels.example.org";
    // From its creation on, so that its first status lists are dated in the test's time too.
    options.clock_for_testing = [this] { return now_; };
    auto created = Registry::Create(dir_.path() / "data", options);
    ASSERT_TRUE(created.ok()) << created.message();
    registry_ = std::move(created).value();
    registry_->SetClockForTesting([this] { return now_; });
    Initiative initiative;
    initiative.slug = "microtec-suedwest";
    initiative.name = "microTEC Südwest";
    ASSERT_TRUE(registry_->records().AddInitiative(initiative, kCli).ok());
    for (const auto& [name, role] : {std::pair{"anna", Role::kIssuer},
                                     {"ben", Role::kIssuer},
                                     {"vera", Role::kViewer},
                                     {"ada", Role::kAdmin}}) {
      Status s = registry_->accounts().AddUser(User(name, std::string(name) + " Example", role),
                                               kPassword, kCli);
      ASSERT_TRUE(s.ok()) << s.message();
    }
  }

  Principal SignIn(const std::string& username) {
    auto session = registry_->sessions().StartSession(username, 3600);
    EXPECT_TRUE(session.ok()) << session.message();
    auto principal = registry_->sessions().SessionPrincipal(*session);
    EXPECT_TRUE(principal.ok()) << principal.message();
    return *principal;
  }

  Assessment RecordAssessment() {
    Assessment a;
    a.initiative_slug = "microtec-suedwest";
    a.assessor = "VDI/VDE-IT";
    a.assessed_from = "2026-02-01";
    a.assessed_on = "2026-02-10";
    a.board_decision_date = "2026-02-20";
    a.board_decision_ref = "Beirat 2026/3";
    auto recorded = registry_->workflow().RecordAssessment(a, kCli);
    EXPECT_TRUE(recorded.ok()) << recorded.message();
    return *recorded;
  }

  Proposal ProposeBy(const std::string& username, int64_t assessment_id) {
    Proposal p;
    p.assessment_id = assessment_id;
    p.valid_from = "2026-03-01";
    p.valid_until = "2028-03-01";
    p.proposed_by = username;
    auto proposed = registry_->workflow().Propose(p, Actor{"admin:" + username});
    EXPECT_TRUE(proposed.ok()) << proposed.message();
    return *proposed;
  }

  std::string DatabaseText() {
    SQLite::Database db((dir_.path() / "data" / "registry.db").string());
    std::string all;
    for (const char* sql :
         {"SELECT username || password_hash FROM users", "SELECT token_hash FROM sessions",
          "SELECT token_hash FROM api_tokens",
          "SELECT COALESCE(before_json, '') || COALESCE(after_json, '') FROM audit_events"}) {
      SQLite::Statement q(db, sql);
      while (q.executeStep()) all += q.getColumn(0).getString() + "\n";
    }
    return all;
  }

  // The rule is switched off as it must be: one administrator proposes, another approves.
  void SwitchFourEyesOff() {
    if (!registry_->accounts().GetUser("eve").ok()) {
      ASSERT_TRUE(registry_->accounts()
                      .AddUser(User("eve", "Eve Example", Role::kAdmin), kPassword, kCli)
                      .ok());
    }
    StaffChange off;
    off.kind = "programme.four_eyes_off";
    off.subject = "ce-bw";
    auto proposed = registry_->accounts().ProposeStaffChange(off, "", SignIn("ada").actor());
    ASSERT_TRUE(proposed.ok()) << proposed.message();
    auto approved = registry_->accounts().ApproveStaffChange(proposed->id, SignIn("eve").actor());
    ASSERT_TRUE(approved.ok()) << approved.message();
    ASSERT_FALSE(registry_->certificates().FourEyesRequired("ce-bw").value());
  }

  testing::TempDir dir_;
  std::unique_ptr<Registry> registry_;
  UnixSeconds now_ = *ParseDateTimeStamp("2026-03-01T10:00:00Z");
};

// Four eyes with a second administrator, eve, made by the operator, and ada's certificate
// proposal waiting.
class FourEyesTest : public StaffTest {
 protected:
  void SetUp() override {
    StaffTest::SetUp();
    // The operator sets the registry up with a second administrator.
    ASSERT_TRUE(registry_->accounts()
                    .AddUser(User("eve", "Eve Example", Role::kAdmin), kPassword, kCli)
                    .ok());
    proposal_ = ProposeBy("ada", RecordAssessment().id);
  }

  // A staff change proposed by `who`, expected to be accepted as a proposal.
  StaffChange ProposeChange(const std::string& kind, const std::string& subject, Role role,
                            const Principal& who, const std::string& password = "") {
    StaffChange change;
    change.kind = kind;
    change.subject = subject;
    change.role = role;
    change.display_name = subject + " Example";
    auto proposed = registry_->accounts().ProposeStaffChange(change, password, who.actor());
    EXPECT_TRUE(proposed.ok()) << proposed.message();
    return proposed.ok() ? *proposed : StaffChange{};
  }

  // ada's certificate proposal, approved by `who`: must be refused with `reason` and sign nothing.
  void ExpectApprovalRefused(const Principal& who, const std::string& reason) {
    auto approved = registry_->workflow().ApproveProposal(proposal_.id, who.username, who.actor());
    ASSERT_FALSE(approved.ok()) << who.username << " approved ada's proposal";
    EXPECT_EQ(approved.error().code, ErrorCode::kRefused);
    EXPECT_NE(approved.message().find(reason), std::string::npos) << approved.message();
    EXPECT_TRUE(registry_->certificates().SearchCertificates({})->total == 0);
    EXPECT_TRUE(registry_->workflow().GetProposal(proposal_.id)->decision.empty());
  }

  Proposal proposal_;
};

}  // namespace siegel
