// The command line obeys four eyes like the web: `siegel issue` and `siegel renew` record a
// proposal unless the programme lets one person sign and the operator says so; high roles wait
// for a second administrator once the registry is set up; a token the operator makes for a user
// is no second pair of eyes.
#include "registry/registry.h"
#include "tests/process_support.h"

namespace siegel {
namespace {

using testing::RunProcess;

class CliFourEyesTest : public ::testing::Test {
 protected:
  void Init(bool four_eyes) {
    data_ = (dir_.path() / "data").string();
    std::vector<std::string> init = {"init", "--base-url", "https://labels.example.org"};
    if (!four_eyes) init.push_back("--without-four-eyes");
    auto created = Siegel(init);
    ASSERT_EQ(created.exit_code, 0) << created.err;
    EXPECT_NE(created.out.find(four_eyes ? "four eyes: one issuer proposes" : "four eyes OFF"),
              std::string::npos)
        << created.out;
    ASSERT_EQ(Siegel({"initiative", "add", "--slug", "microtec-suedwest", "--name",
                      "microTEC Südwest", "--sector", "Microsystems technology"})
                  .exit_code,
              0);
  }
  testing::ProcessResult Siegel(std::vector<std::string> args, const std::string& input = "") {
    args.insert(args.begin(), SIEGEL_BINARY);
    args.push_back("--data");
    args.push_back(data_);
    return RunProcess(args, {}, input);
  }
  std::unique_ptr<Registry> Open() { return Registry::Open(data_).value(); }
  int64_t CertificateCount() { return Open()->certificates().SearchCertificates({})->total; }
  std::vector<std::string> AuditActions() {
    std::vector<std::string> actions;
    std::vector<AuditRecord> trail = Open()->workflow().AuditLog({}).value();
    for (const AuditRecord& r : trail) actions.push_back(r.action);
    return actions;
  }
  bool Audited(const std::string& action) {
    std::vector<std::string> all = AuditActions();
    return std::find(all.begin(), all.end(), action) != all.end();
  }

  testing::TempDir dir_;
  std::string data_;
};

TEST_F(CliFourEyesTest, IssueRecordsAProposalAndNeverSignsAloneWhileFourEyesIsOn) {
  Init(/*four_eyes=*/true);
  auto alone = Siegel({"issue", "--initiative", "microtec-suedwest", "--without-four-eyes"});
  EXPECT_EQ(alone.exit_code, 1);
  EXPECT_EQ(alone.out, "");
  EXPECT_NE(alone.err.find("four-eyes principle: programme ce-bw needs one issuer to propose"),
            std::string::npos)
      << alone.err;
  EXPECT_EQ(CertificateCount(), 0);

  auto undated = Siegel({"issue", "--initiative", "microtec-suedwest"});
  EXPECT_EQ(undated.exit_code, 2);
  EXPECT_EQ(undated.err,
            "siegel: a proposal needs the date of the assessment (--assessed-on YYYY-MM-DD)\n");

  auto proposed = Siegel({"issue", "--initiative", "microtec-suedwest", "--assessed-on",
                          "2026-01-15", "--board-decision-ref", "Beirat 1/2026"});
  EXPECT_EQ(proposed.exit_code, 3) << proposed.err;
  EXPECT_EQ(proposed.out, "") << "stdout holds a certificate id only when one was signed";
  EXPECT_NE(proposed.err.find("siegel: proposal 1 recorded for microtec-suedwest"),
            std::string::npos)
      << proposed.err;
  EXPECT_NE(proposed.err.find("https://labels.example.org/admin/proposals"), std::string::npos);
  EXPECT_EQ(CertificateCount(), 0) << "nothing is signed until a second person approves";
  Proposal proposal = Open()->workflow().GetProposal(1).value();
  EXPECT_EQ(proposal.initiative_slug, "microtec-suedwest");
  EXPECT_EQ(proposal.proposed_by.rfind("cli:", 0), 0u) << proposal.proposed_by;
  EXPECT_FALSE(proposal.valid_from.empty());
  EXPECT_EQ(Open()->workflow().GetAssessment(proposal.assessment_id)->board_decision_ref,
            "Beirat 1/2026");
  EXPECT_FALSE(Audited("certificate.signed_alone"));
}

// A proposal from the shell keeps to the programme's rule like one from the web: five years
// are refused without --note (nothing but the assessment recorded), and accepted with it.
TEST_F(CliFourEyesTest, AValidityOtherThanTheProgrammesNeedsANote) {
  Init(/*four_eyes=*/true);
  std::vector<std::string> five_years = {"issue",         "--initiative",  "microtec-suedwest",
                                         "--assessed-on", "2026-01-15",    "--valid-from",
                                         "2026-02-01",    "--valid-until", "2031-02-01"};
  auto refused = Siegel(five_years);
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_EQ(refused.err,
            "siegel: the validity departs from the programme's rule (60 months instead of the "
            "programme's 24 months: ends on 2031-02-01, not 2028-02-01); say why in the note "
            "(assessment 1 stays recorded)\n");
  EXPECT_TRUE(Open()->workflow().ListProposals(false)->empty());
  five_years.insert(five_years.end(), {"--note", "Beirat: fünf Jahre"});
  auto proposed = Siegel(five_years);
  EXPECT_EQ(proposed.exit_code, 3) << proposed.err;
  EXPECT_EQ(Open()->workflow().GetProposal(1)->note, "Beirat: fünf Jahre");
}

TEST_F(CliFourEyesTest, ATokenTheOperatorMadeIsNoSecondPairOfEyes) {
  Init(/*four_eyes=*/true);
  ASSERT_EQ(Siegel({"user", "add", "--username", "ben", "--name", "Ben", "--role", "issuer"},
                   "ben password 123\n")
                .exit_code,
            0);
  ASSERT_EQ(Siegel({"issue", "--initiative", "microtec-suedwest", "--assessed-on", "2026-01-15"})
                .exit_code,
            3);
  auto made = Siegel({"user", "token", "ben", "--name", "approve for me", "--expires",
                      FormatDateTimeStamp(NowUnixSeconds() + 86400).substr(0, 10)});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  auto registry = Open();
  Principal token =
      registry->sessions().TokenPrincipal(made.out.substr(0, made.out.size() - 1)).value();
  EXPECT_EQ(token.username, "ben");
  auto approved = registry->workflow().ApproveProposal(1, token.username, token.actor());
  ASSERT_FALSE(approved.ok()) << "the operator approved its own proposal with ben's token";
  EXPECT_NE(approved.message().find("cannot also approve"), std::string::npos)
      << approved.message();
  EXPECT_EQ(registry->certificates().SearchCertificates({})->total, 0);
  // ben himself, signed in, is refused too: the operator made his account and password.
  Principal ben =
      registry->sessions().SessionPrincipal(*registry->sessions().StartSession("ben", 600)).value();
  auto by_ben = registry->workflow().ApproveProposal(1, "ben", ben.actor());
  ASSERT_FALSE(by_ben.ok());
  EXPECT_NE(by_ben.message().find("created the account ben"), std::string::npos)
      << by_ben.message();
}

TEST_F(CliFourEyesTest, HighRolesWaitForASecondAdministratorOnceTwoAreThere) {
  Init(/*four_eyes=*/true);
  for (const char* name : {"ada", "eve"}) {
    auto added = Siegel({"user", "add", "--username", name, "--name", name, "--role", "admin"},
                        "admin password 12\n");
    ASSERT_EQ(added.exit_code, 0) << "setting up: " << added.err;
  }
  auto third = Siegel({"user", "add", "--username", "otto", "--name", "Otto", "--role", "issuer"},
                      "otto password 123\n");
  EXPECT_EQ(third.exit_code, 3) << third.err;
  EXPECT_EQ(third.out, "");
  EXPECT_NE(third.err.find("siegel: staff change 1 recorded: the account otto with the role "
                           "issuer exists once another administrator approves it"),
            std::string::npos)
      << third.err;
  EXPECT_FALSE(Open()->accounts().GetUser("otto").ok());
  auto editor = Siegel({"user", "add", "--username", "ed", "--name", "Ed", "--role", "editor"},
                       "editor password 1\n");
  EXPECT_EQ(editor.exit_code, 0) << editor.err;

  // The operator made ada and chose her first password: she is no second person for the
  // operator's own proposal. An administrator the operator did not make is.
  auto registry = Open();
  Principal ada =
      registry->sessions().SessionPrincipal(*registry->sessions().StartSession("ada", 600)).value();
  auto by_ada = registry->accounts().ApproveStaffChange(1, ada.actor());
  ASSERT_FALSE(by_ada.ok());
  EXPECT_NE(by_ada.message().find("created the account ada"), std::string::npos)
      << by_ada.message();
  StaffChange carol;
  carol.kind = "user.add";
  carol.subject = "carol";
  carol.display_name = "Carol";
  carol.role = Role::kAdmin;
  auto proposed = registry->accounts().ProposeStaffChange(carol, "carol password 1", ada.actor());
  ASSERT_TRUE(proposed.ok()) << proposed.message();
  Principal eve =
      registry->sessions().SessionPrincipal(*registry->sessions().StartSession("eve", 600)).value();
  ASSERT_TRUE(registry->accounts().ApproveStaffChange(proposed->id, eve.actor()).ok());
  Principal by_carol = registry->sessions()
                           .SessionPrincipal(*registry->sessions().StartSession("carol", 600))
                           .value();
  auto approved = registry->accounts().ApproveStaffChange(1, by_carol.actor());
  ASSERT_TRUE(approved.ok()) << approved.message();
  StaffUser otto = registry->accounts().GetUser("otto").value();
  EXPECT_EQ(otto.role, Role::kIssuer);
  EXPECT_EQ(otto.created_by.rfind("cli:", 0), 0u) << otto.created_by;
  EXPECT_TRUE(registry->sessions().CheckPassword("otto", "otto password 123").ok());
}

TEST_F(CliFourEyesTest, WhereTheProgrammeAllowsItTheOperatorSignsAloneOnlyWhenSayingSo) {
  Init(/*four_eyes=*/false);
  auto proposed =
      Siegel({"issue", "--initiative", "microtec-suedwest", "--assessed-on", "2026-01-15"});
  EXPECT_EQ(proposed.exit_code, 3) << "without the flag, a proposal even here";
  EXPECT_EQ(CertificateCount(), 0);
  auto alone = Siegel({"issue", "--initiative", "microtec-suedwest", "--assessed-on", "2026-01-15",
                       "--without-four-eyes"});
  ASSERT_EQ(alone.exit_code, 0) << alone.err;
  std::string id = alone.out.substr(0, alone.out.size() - 1);
  EXPECT_EQ(CertificateCount(), 1);
  AuditFilter filter;
  filter.subject = id;
  std::vector<AuditRecord> trail = Open()->workflow().AuditLog(filter).value();
  ASSERT_GE(trail.size(), 2u);
  bool signed_alone = false;
  for (const AuditRecord& r : trail) {
    if (r.action != "certificate.signed_alone") continue;
    signed_alone = true;
    EXPECT_EQ(r.actor.rfind("cli:", 0), 0u) << r.actor;
  }
  EXPECT_TRUE(signed_alone) << "the audit trail says one person signed";

  auto renewed = Siegel({"renew", id, "--assessed-on", "2026-01-20"});
  EXPECT_EQ(renewed.exit_code, 3) << renewed.err;
  EXPECT_EQ(Open()->workflow().GetProposal(2)->renews, id);
}

}  // namespace
}  // namespace siegel
