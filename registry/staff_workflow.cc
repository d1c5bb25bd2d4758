// The staff workflow's four-eyes issuance: one issuer proposes, another approves, and only the
// approval signs. Each step is one transaction with its audit record. Assessments are in
// staff_assessments.cc, the audit trail's reading in staff_audit_log.cc.
#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>

#include "registry/audit.h"
#include "registry/registry.h"
#include "registry/sql_guard.h"
#include "registry/validation.h"

namespace siegel {
namespace {

#define SIEGEL_PROPOSAL_COLUMNS                                                          \
  "p.id, p.assessment_id, a.initiative_slug, a.programme_code, COALESCE(p.renews, ''), " \
  "p.valid_from, p.valid_until, p.note, p.proposed_by, p.proposed_at, "                  \
  "COALESCE(p.decision, ''), COALESCE(p.decided_by, ''), COALESCE(p.decided_at, ''), "   \
  "p.decision_note, COALESCE(p.certificate_id, ''), COALESCE(p.replaces, '') "           \
  "FROM proposals p JOIN assessments a ON "                                              \
  "a.id = p.assessment_id"

Proposal ReadProposal(SQLite::Statement& q) {
  Proposal p;
  int i = 0;
  p.id = q.getColumn(i++).getInt64();
  p.assessment_id = q.getColumn(i++).getInt64();
  p.initiative_slug = q.getColumn(i++).getString();
  p.programme_code = q.getColumn(i++).getString();
  p.renews = q.getColumn(i++).getString();
  p.valid_from = q.getColumn(i++).getString();
  p.valid_until = q.getColumn(i++).getString();
  p.note = q.getColumn(i++).getString();
  p.proposed_by = q.getColumn(i++).getString();
  p.proposed_at = q.getColumn(i++).getString();
  p.decision = q.getColumn(i++).getString();
  p.decided_by = q.getColumn(i++).getString();
  p.decided_at = q.getColumn(i++).getString();
  p.decision_note = q.getColumn(i++).getString();
  p.certificate_id = q.getColumn(i++).getString();
  p.replaces = q.getColumn(i++).getString();
  return p;
}

// Validity bounds of a proposal, as instants; an empty bound is left to the issuance defaults.
Result<ValidityPeriod> ProposalPeriod(const Proposal& p) {
  ValidityPeriod period;
  if (!p.valid_from.empty()) {
    auto from = ParseDateOrDateTime(p.valid_from);
    if (!from.ok()) return Error::InvalidInput("valid from: " + from.message());
    if (Status s = ValidatePlausibleTime("valid from", *from); !s.ok()) return s.error();
    period.from = *from;
  }
  if (!p.valid_until.empty()) {
    auto until = ParseDateOrDateTime(p.valid_until);
    if (!until.ok()) return Error::InvalidInput("valid until: " + until.message());
    if (Status s = ValidatePlausibleTime("valid until", *until); !s.ok()) return s.error();
    period.until = *until;
  }
  if (period.from && period.until && *period.until <= *period.from) {
    return Error::InvalidInput("the validity must end after it starts")
        .About("valid until", "validity_order");
  }
  return period;
}

IssueRequest IssueRequestFor(const Proposal& p, const Assessment& assessment,
                             const ValidityPeriod& period) {
  IssueRequest request;
  request.initiative_slug = p.initiative_slug;
  request.programme_code = p.programme_code;
  request.valid_from = period.from;
  request.valid_until = period.until;
  request.level = assessment.level;
  request.assessed_on = assessment.assessed_on;
  request.assessor = assessment.assessor;
  request.board_decision_date = assessment.board_decision_date;
  request.board_decision_ref = assessment.board_decision_ref;
  return request;
}

// Whether `old` may be replaced as proposal `p` says: when it is proposed and again when it is
// approved (it may have been revoked, suspended or renewed meanwhile).
Status CheckReplaceable(const Certificate& old, const Proposal& p) {
  if (old.initiative_slug != p.initiative_slug || old.programme_code != p.programme_code) {
    return Error::InvalidInput("certificate " + old.id +
                               " belongs to another initiative or programme than the assessment");
  }
  if (!old.revoked_at.empty()) {
    return Error::Refused("certificate " + old.id +
                          " is revoked; a revoked certificate is not replaced, a new label needs "
                          "a new proposal")
        .About("", "replace_revoked", {old.id});
  }
  if (!old.suspended_at.empty()) {
    return Error::Refused("certificate " + old.id +
                          " is suspended; reinstate it before replacing it, or revoke it")
        .About("", "replace_suspended", {old.id});
  }
  if (!old.superseded_by.empty()) {
    return Error::Refused("certificate " + old.id + " was already renewed or replaced by " +
                          old.superseded_by + "; correct " + old.superseded_by + " instead")
        .About("", "replace_superseded", {old.id, old.superseded_by, old.superseded_by});
  }
  return Status::Ok();
}

}  // namespace

Result<Certificate> StaffWorkflow::SignProposalInTransaction(const Proposal& p,
                                                             const Assessment& assessment,
                                                             const ValidityPeriod& period,
                                                             const Actor& actor) {
  if (!p.replaces.empty()) {
    // One step: the corrected certificate, naming the old one, and the old one revoked as
    // superseded by it. Both commit or neither.
    auto old = queries_.GetCertificate(p.replaces);
    if (!old.ok()) return old.error();
    if (Status s = CheckReplaceable(*old, p); !s.ok()) return s.error();
    auto issued =
        lifecycle_.IssueInTransaction(IssueRequestFor(p, assessment, period), p.replaces, actor,
                                      CertificateLifecycle::Succession::kReplacement);
    if (!issued.ok()) return issued;
    auto revoked = lifecycle_.ChangeStatusInTransaction(
        p.replaces, StatusEventKind::kRevoked,
        RevocationReasonText(RevocationReason::kSuperseded) + ": " + issued->id, actor);
    if (!revoked.ok()) return revoked.error();
    return issued;
  }
  if (p.renews.empty()) {
    return lifecycle_.IssueInTransaction(IssueRequestFor(p, assessment, period), "", actor);
  }
  RenewRequest request;
  request.valid_from = period.from;
  request.valid_until = period.until;
  request.level = assessment.level;
  request.assessed_on = assessment.assessed_on;
  request.assessor = assessment.assessor;
  request.board_decision_date = assessment.board_decision_date;
  request.board_decision_ref = assessment.board_decision_ref;
  return lifecycle_.RenewInTransaction(p.renews, request, actor);
}

Result<Proposal> StaffWorkflow::Propose(const Proposal& input, const Actor& actor) {
  Result<Proposal> proposed = Error::Internal("the proposal was not recorded");
  Status status = store_.Write(
      [&]() -> Status {
        proposed = ProposeInTransaction(input, actor);
        return proposed.status();
      },
      /*public_change=*/false);
  if (!status.ok()) return status.error();
  return proposed;
}

Result<std::vector<Result<Proposal>>> StaffWorkflow::ProposeAwards(
    const std::vector<AwardToPropose>& awards, const Actor& actor, bool dry_run) {
  std::vector<Result<Proposal>> answers;
  Status status = store_.Write(
      [&]() -> Status {
        answers.clear();
        bool refused = false;
        store_.db().exec("SAVEPOINT awards");
        for (const AwardToPropose& award : awards) {
          // Each row on its own: a refused one leaves nothing behind, and the next is tried.
          store_.db().exec("SAVEPOINT award");
          auto assessment = RecordAssessmentInTransaction(award.assessment, actor);
          Result<Proposal> proposal = Error::Internal("not tried");
          if (assessment.ok()) {
            Proposal p = award.proposal;
            p.assessment_id = assessment->id;
            proposal = ProposeInTransaction(p, actor);
          } else {
            proposal = assessment.error();
          }
          if (!proposal.ok()) {
            store_.db().exec("ROLLBACK TO award");
            refused = true;
          }
          store_.db().exec("RELEASE award");
          answers.push_back(std::move(proposal));
        }
        // All or nothing: a dry run keeps nothing, and neither does a run with a refused row.
        if (dry_run || refused) store_.db().exec("ROLLBACK TO awards");
        store_.db().exec("RELEASE awards");
        return Status::Ok();
      },
      /*public_change=*/false);
  if (!status.ok()) return status.error();
  return answers;
}

Result<Proposal> StaffWorkflow::ProposeInTransaction(const Proposal& input, const Actor& actor) {
  Proposal p = input;
  if (!p.replaces.empty() && !p.renews.empty()) {
    return Error::InvalidInput("a proposal renews a certificate or replaces one, not both");
  }
  if (!p.replaces.empty() && p.note.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Error::InvalidInput(
               "a replacement needs a note saying what was wrong with certificate " + p.replaces)
        .About("note", "replacement_note", {p.replaces});
  }
  auto period = ProposalPeriod(p);
  if (!period.ok()) return period.error();
  if (Status s = ValidateMultilineText("note", p.note, 2000); !s.ok()) return s.error();
  std::string now = FormatDateTimeStamp(store_.Now());
  // Inside the caller's write (Propose, ProposeAwards).
  Status status = [&]() -> Status {
    auto assessment = GetAssessment(p.assessment_id);
    if (!assessment.ok()) return assessment.error();
    p.initiative_slug = assessment->initiative_slug;
    p.programme_code = assessment->programme_code;
    SQLite::Statement open(store_.db(),
                           "SELECT id FROM proposals WHERE assessment_id = ? AND decision IS NULL");
    open.bind(1, p.assessment_id);
    if (open.executeStep()) {
      return Error::Conflict("proposal " + open.getColumn(0).getString() +
                             " for this assessment is still open; decide it first")
          .About("", "proposal_open", {open.getColumn(0).getString()});
    }
    if (!p.renews.empty()) {
      auto old = queries_.GetCertificate(p.renews);
      if (!old.ok()) return old.error();
      if (old->initiative_slug != p.initiative_slug || old->programme_code != p.programme_code) {
        return Error::InvalidInput("certificate " + p.renews +
                                   " belongs to another initiative or programme than the "
                                   "assessment");
      }
    }
    if (!p.replaces.empty()) {
      auto old = queries_.GetCertificate(p.replaces);
      if (!old.ok()) return old.error();
      if (Status s = CheckReplaceable(*old, p); !s.ok()) return s;
      SQLite::Statement other(store_.db(),
                              "SELECT id FROM proposals WHERE replaces = ? AND decision IS NULL");
      other.bind(1, p.replaces);
      if (other.executeStep()) {
        return Error::Conflict("proposal " + other.getColumn(0).getString() +
                               " to replace certificate " + p.replaces +
                               " is still open; decide it first")
            .About("", "replacement_open", {other.getColumn(0).getString(), p.replaces});
      }
      // The corrected certificate keeps the old one's period unless the proposal says
      // otherwise (the period may be the detail that was wrong).
      if (p.valid_from.empty()) p.valid_from = old->valid_from;
      if (p.valid_until.empty()) p.valid_until = old->valid_until;
      auto corrected = ProposalPeriod(p);
      if (!corrected.ok()) return corrected.error();
      *period = *corrected;
    }
    // Everything issuance checks is checked now, by issuing in a savepoint that is rolled
    // back: an approver is never surprised by a proposal that cannot be signed.
    store_.db().exec("SAVEPOINT dry_run");
    Result<Certificate> trial = Error::Internal("not tried");
    trial = SignProposalInTransaction(p, *assessment, *period, actor);
    store_.db().exec("ROLLBACK TO dry_run");
    store_.db().exec("RELEASE dry_run");
    if (!trial.ok()) return trial.error();
    // The period the approval will sign: the defaults, where the proposal left them open.
    p.valid_from = trial->valid_from;
    p.valid_until = trial->valid_until;
    // A validity other than the programme's rule (a 5-year label by a slip of the pen)
    // needs the proposer's reason, which the approver then reads beside the warning.
    auto programme = queries_.GetProgramme(p.programme_code);
    if (!programme.ok()) return programme.error();
    std::string departure =
        ValidityDeparture(p.valid_from, p.valid_until, programme->validity_months);
    if (!departure.empty() && p.note.find_first_not_of(" \t\r\n") == std::string::npos) {
      auto facts =
          MeasureValidityDeparture(p.valid_from, p.valid_until, programme->validity_months);
      return Error::InvalidInput("the validity departs from the programme's rule (" + departure +
                                 "); say why in the note")
          .About("note", "validity_departure",
                 {std::to_string(facts->months), std::to_string(facts->rule_months), facts->end,
                  facts->rule_end});
    }
    p.proposed_at = now;
    SQLite::Statement insert(store_.db(),
                             "INSERT INTO proposals (assessment_id, renews, valid_from, "
                             "valid_until, note, proposed_by, proposed_at, replaces) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, p.assessment_id);
    if (p.renews.empty()) {
      insert.bind(2);
    } else {
      insert.bind(2, p.renews);
    }
    insert.bind(3, p.valid_from);
    insert.bind(4, p.valid_until);
    insert.bind(5, p.note);
    insert.bind(6, p.proposed_by);
    insert.bind(7, p.proposed_at);
    if (p.replaces.empty()) {
      insert.bind(8);
    } else {
      insert.bind(8, p.replaces);
    }
    insert.exec();
    p.id = store_.db().getLastInsertRowid();
    AppendAudit(store_.db(), now, actor, "proposal.create", "proposal:" + std::to_string(p.id),
                Json(), ProposalAuditView(p));
    return Status::Ok();
  }();
  if (!status.ok()) return status.error();
  return p;
}

Result<Proposal> StaffWorkflow::GetProposal(int64_t id) const {
  return Guard("a proposal", [&]() -> Result<Proposal> {
    SQLite::Statement q(store_.db(), "SELECT " SIEGEL_PROPOSAL_COLUMNS " WHERE p.id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return Error::NotFound("there is no proposal " + std::to_string(id));
    return ReadProposal(q);
  });
}

Result<std::vector<Proposal>> StaffWorkflow::ListProposals(bool open_only) const {
  return Guard("proposals", [&]() -> Result<std::vector<Proposal>> {
    SQLite::Statement q(store_.db(), "SELECT " SIEGEL_PROPOSAL_COLUMNS
                                     " WHERE (?1 = 0 OR p.decision IS NULL) ORDER BY p.id DESC");
    q.bind(1, open_only ? 1 : 0);
    std::vector<Proposal> out;
    while (q.executeStep()) out.push_back(ReadProposal(q));
    return out;
  });
}

Status StaffWorkflow::CheckApprover(const Proposal& p, const std::string& approver,
                                    const Actor& actor) const {
  if (!p.decision.empty()) {
    return Error::Refused("proposal " + std::to_string(p.id) + " was already " + p.decision +
                          " by " + p.decided_by)
        .About("", "proposal_decided", {std::to_string(p.id), p.decided_by});
  }
  auto four_eyes = queries_.FourEyesRequired(p.programme_code);
  if (!four_eyes.ok()) return four_eyes.error();
  if (*four_eyes && p.proposed_by == approver) {
    return Error::Refused(
               "four-eyes principle: " + approver +
               " proposed this certificate and cannot also approve it; another issuer must")
        .About("", "four_eyes_own", {approver});
  }
  if (*four_eyes) {
    Actor person = actor;
    if (person.person.empty()) person.person = approver;
    if (Status s = accounts_.CheckSecondPerson(p.proposed_by, person, Role::kIssuer); !s.ok())
      return s;
  }
  return Status::Ok();
}

Status StaffWorkflow::MayApprove(int64_t id, const std::string& approver,
                                 const Actor& actor) const {
  auto p = GetProposal(id);
  if (!p.ok()) return p.error();
  return CheckApprover(*p, approver, actor);
}

Result<Certificate> StaffWorkflow::ApproveProposal(int64_t id, const std::string& approver,
                                                   const Actor& actor) {
  Result<Certificate> result = Error::Internal("the approval did not run");
  Status status = store_.Write([&]() -> Status {
    auto p = GetProposal(id);
    if (!p.ok()) return p.error();
    if (Status may = CheckApprover(*p, approver, actor); !may.ok()) return may;
    auto assessment = GetAssessment(p->assessment_id);
    if (!assessment.ok()) return assessment.error();
    auto period = ProposalPeriod(*p);
    if (!period.ok()) return period.error();
    result = SignProposalInTransaction(*p, *assessment, *period, actor);
    if (!result.ok()) return result.status();
    std::string now = FormatDateTimeStamp(store_.Now());
    SQLite::Statement update(store_.db(),
                             "UPDATE proposals SET decision = 'approved', decided_by = ?, "
                             "decided_at = ?, certificate_id = ? WHERE id = ?");
    update.bind(1, approver);
    update.bind(2, now);
    update.bind(3, result->id);
    update.bind(4, id);
    update.exec();
    Proposal after = *p;
    after.decision = "approved";
    after.decided_by = approver;
    after.certificate_id = result->id;
    AppendAudit(store_.db(), now, actor, "proposal.approve", "proposal:" + std::to_string(id),
                ProposalAuditView(*p), ProposalAuditView(after));
    return Status::Ok();
  });
  if (!status.ok()) return status.error();
  return result;
}

Result<Certificate> StaffWorkflow::PreviewProposal(int64_t id, const Actor& actor) {
  Result<Certificate> trial = Error::Internal("the preview did not run");
  Status status = store_.Write(
      [&]() -> Status {
        auto p = GetProposal(id);
        if (!p.ok()) return p.error();
        auto assessment = GetAssessment(p->assessment_id);
        if (!assessment.ok()) return assessment.error();
        auto period = ProposalPeriod(*p);
        if (!period.ok()) return period.error();
        store_.db().exec("SAVEPOINT preview");
        trial = SignProposalInTransaction(*p, *assessment, *period, actor);
        store_.db().exec("ROLLBACK TO preview");
        store_.db().exec("RELEASE preview");
        return trial.ok() ? Status::Ok() : trial.status();
      },
      /*public_change=*/false);
  if (!status.ok()) return status.error();
  return trial;
}

Status StaffWorkflow::RejectProposal(int64_t id, const std::string& decider,
                                     const std::string& note, const Actor& actor) {
  if (Status s = ValidateMultilineText("note", note, 2000); !s.ok()) return s;
  if (note.empty()) {
    return Error::InvalidInput("say why the proposal is rejected (note)")
        .About("note", "reject_note");
  }
  return store_.Write(
      [&]() -> Status {
        auto p = GetProposal(id);
        if (!p.ok()) return p.error();
        if (!p->decision.empty()) {
          return Error::Refused("proposal " + std::to_string(id) + " was already " + p->decision +
                                " by " + p->decided_by);
        }
        std::string now = FormatDateTimeStamp(store_.Now());
        SQLite::Statement update(store_.db(),
                                 "UPDATE proposals SET decision = 'rejected', decided_by = ?, "
                                 "decided_at = ?, decision_note = ? WHERE id = ?");
        update.bind(1, decider);
        update.bind(2, now);
        update.bind(3, note);
        update.bind(4, id);
        update.exec();
        Proposal after = *p;
        after.decision = "rejected";
        after.decided_by = decider;
        AppendAudit(store_.db(), now, actor, "proposal.reject", "proposal:" + std::to_string(id),
                    ProposalAuditView(*p), ProposalAuditView(after));
        return Status::Ok();
      },
      false);
}

}  // namespace siegel
