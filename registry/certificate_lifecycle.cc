// The certificate lifecycle: issue, renew, suspend, reinstate, revoke. Each runs in one
// transaction that signs what changed, records the status history and the audit trail.
#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <cstdio>

#include "registry/audit.h"
#include "registry/certificate_status.h"
#include "registry/open_badge.h"
#include "registry/registry.h"
#include "registry/sql_guard.h"
#include "registry/status_publisher.h"
#include "registry/validation.h"

namespace siegel {
namespace {

constexpr int kMaxValidityMonths = 120;

std::string FormatCertificateId(const std::string& prefix, int year, int64_t sequence) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%s-%04d-%04lld", prefix.c_str(), year,
                static_cast<long long>(sequence));
  return buffer;
}

UnixSeconds StartOfDay(UnixSeconds t) { return t - ((t % 86400) + 86400) % 86400; }

Status ValidateIssueFields(const std::string& level, const std::string& assessed_on,
                           const std::string& assessor, const std::string& decision_date,
                           const std::string& decision_ref, const Programme& programme) {
  if (Status s = ValidateDate("assessment date", assessed_on); !s.ok()) return s;
  if (Status s = ValidateDate("board decision date", decision_date); !s.ok()) return s;
  if (Status s = ValidateText("assessor", assessor, 300, false); !s.ok()) return s;
  if (Status s = ValidateText("board decision reference", decision_ref, 200, false); !s.ok())
    return s;
  if (!level.empty()) {
    if (programme.levels.empty()) {
      return Error::InvalidInput("programme " + programme.code +
                                 " has no levels; leave --level out");
    }
    if (std::find(programme.levels.begin(), programme.levels.end(), level) ==
        programme.levels.end()) {
      std::string known;
      for (const auto& l : programme.levels) known += (known.empty() ? "" : ", ") + l;
      return Error::InvalidInput("level \"" + level + "\" is not one of programme " +
                                 programme.code + "'s levels: " + known);
    }
  }
  return Status::Ok();
}

}  // namespace

Status CertificateLifecycle::CheckOnePersonMaySign(const std::string& programme_code,
                                                   const std::string& what) const {
  auto four_eyes = queries_.FourEyesRequired(programme_code);
  if (!four_eyes.ok()) return four_eyes.error();
  if (*four_eyes) {
    return Error::Refused("four-eyes principle: programme " + programme_code +
                          " needs one issuer to propose " + what +
                          " and another to approve it; record a proposal instead");
  }
  return Status::Ok();
}

// The audit trail says in so many words that no second person looked at this certificate.
void CertificateLifecycle::RecordSignedAlone(const Certificate& c, const Actor& actor) {
  AppendAudit(store_.db(), FormatDateTimeStamp(store_.Now()), actor, "certificate.signed_alone",
              c.id, Json(), Json{{"programme", c.programme_code}, {"fourEyes", false}});
}

Result<Certificate> CertificateLifecycle::Issue(const IssueRequest& request, const Actor& actor) {
  Result<Certificate> result = Error::Internal("issue did not run");
  Status status = store_.Write([&]() -> Status {
    if (Status s = CheckOnePersonMaySign(request.programme_code, "a certificate"); !s.ok())
      return s;
    result = IssueInTransaction(request, "", actor);
    if (result.ok()) RecordSignedAlone(*result, actor);
    return result.status();
  });
  if (!status.ok()) return status.error();
  return result;
}

Result<Certificate> CertificateLifecycle::IssueInTransaction(const IssueRequest& request,
                                                             const std::string& supersedes,
                                                             const Actor& actor,
                                                             Succession succession) {
  auto initiative = queries_.GetInitiative(request.initiative_slug);
  if (!initiative.ok()) return initiative.error();
  auto programme = queries_.GetProgramme(request.programme_code);
  if (!programme.ok()) return programme.error();
  std::string assessor = request.assessor.empty() ? programme->assessor_default : request.assessor;
  if (Status s =
          ValidateIssueFields(request.level, request.assessed_on, assessor,
                              request.board_decision_date, request.board_decision_ref, *programme);
      !s.ok()) {
    return s.error();
  }
  UnixSeconds now = store_.Now();
  UnixSeconds from = request.valid_from.value_or(StartOfDay(now));
  if (Status s = ValidatePlausibleTime("the start of validity", from); !s.ok()) return s.error();
  UnixSeconds until = request.valid_until.value_or(AddMonths(from, programme->validity_months));
  if (Status s = ValidatePlausibleTime("the end of validity", until); !s.ok()) return s.error();
  if (until <= from) return Error::InvalidInput("the validity must end after it starts");
  if (until > AddMonths(from, kMaxValidityMonths)) {
    return Error::InvalidInput("a validity of more than " +
                               std::to_string(kMaxValidityMonths / 12) +
                               " years is not plausible; check --valid-until");
  }
  if (!request.assessed_on.empty() && *ParseDateOrDateTime(request.assessed_on) > now) {
    return Error::InvalidInput("the assessment date " + request.assessed_on + " is in the future");
  }
  auto key = store_.SigningKey();
  if (!key.ok()) return key.error();

  // One certificate per initiative and programme at a time: a second one is a renewal.
  SQLite::Statement overlap(
      store_.db(),
      "SELECT id, valid_until FROM certificates WHERE initiative_slug = ? AND programme_code = ? "
      "AND revoked_at IS NULL AND valid_until > ? AND valid_from < ? AND id != ?");
  overlap.bind(1, initiative->slug);
  overlap.bind(2, programme->code);
  overlap.bind(3, FormatDateTimeStamp(from));
  overlap.bind(4, FormatDateTimeStamp(until));
  overlap.bind(5, supersedes);
  if (overlap.executeStep()) {
    std::string other = overlap.getColumn(0).getString();
    return Error::Refused(initiative->slug + " already holds certificate " + other +
                          " of programme " + programme->code + ", valid until " +
                          overlap.getColumn(1).getString().substr(0, 10) +
                          ", which overlaps; renew it instead (siegel renew " + other + ")")
        .About("", "overlaps", {other, overlap.getColumn(1).getString().substr(0, 10)});
  }

  std::string issued_at = FormatDateTimeStamp(now);
  int year = std::stoi(issued_at.substr(0, 4));
  SQLite::Statement next(store_.db(),
                         "SELECT COALESCE(MAX(sequence), 0) + 1 FROM certificates WHERE "
                         "programme_code = ? AND award_year = ?");
  next.bind(1, programme->code);
  next.bind(2, year);
  next.executeStep();
  int64_t sequence = next.getColumn(0).getInt64();

  Certificate c;
  c.id = FormatCertificateId(programme->id_prefix, year, sequence);
  c.initiative_slug = initiative->slug;
  c.programme_code = programme->code;
  c.level = request.level;
  c.assessed_on = request.assessed_on;
  c.assessor = assessor;
  c.board_decision_date = request.board_decision_date;
  c.board_decision_ref = request.board_decision_ref;
  c.valid_from = FormatDateTimeStamp(from);
  c.valid_until = FormatDateTimeStamp(until);
  c.issued_at = issued_at;
  c.issued_by = actor.name;
  c.supersedes = supersedes;
  c.key_id = store_.settings().active_key_id;
  auto revocation_index =
      AllocateStatusIndex(store_.db(), programme->code, StatusPurpose::kRevocation);
  if (!revocation_index.ok()) return revocation_index.error();
  auto suspension_index =
      AllocateStatusIndex(store_.db(), programme->code, StatusPurpose::kSuspension);
  if (!suspension_index.ok()) return suspension_index.error();
  c.revocation_index = revocation_index->index;
  c.suspension_index = suspension_index->index;
  for (const auto& [purpose, allocated] : {std::pair{StatusPurpose::kRevocation, *revocation_index},
                                           {StatusPurpose::kSuspension, *suspension_index}}) {
    if (!allocated.list_grew) continue;
    Status s = RepublishStatusList(store_.db(), store_.settings(), store_.settings().active_key_id,
                                   *key, programme->code, purpose, issued_at);
    if (!s.ok()) return s.error();
  }

  auto signed_credential = SignCredential(
      BuildLabelCredential(store_.settings(), *programme, *initiative, c), store_.settings(),
      c.key_id, *key, issued_at, /*with_jws=*/true, /*with_digest=*/store_.log_enabled());
  if (!signed_credential.ok()) return signed_credential.error();
  c.credential_json = signed_credential->json;
  c.credential_jws = signed_credential->jws;

  SQLite::Statement insert(
      store_.db(),
      "INSERT INTO certificates (id, initiative_slug, programme_code, award_year, sequence, level, "
      "assessed_on, assessor, board_decision_date, board_decision_ref, valid_from, valid_until, "
      "issued_at, issued_by, supersedes, revocation_index, suspension_index, key_id, "
      "credential_json, credential_jws, credential_sha256, jws_sha256) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  int i = 1;
  insert.bind(i++, c.id);
  insert.bind(i++, c.initiative_slug);
  insert.bind(i++, c.programme_code);
  insert.bind(i++, year);
  insert.bind(i++, sequence);
  insert.bind(i++, c.level);
  insert.bind(i++, c.assessed_on);
  insert.bind(i++, c.assessor);
  insert.bind(i++, c.board_decision_date);
  insert.bind(i++, c.board_decision_ref);
  insert.bind(i++, c.valid_from);
  insert.bind(i++, c.valid_until);
  insert.bind(i++, c.issued_at);
  insert.bind(i++, c.issued_by);
  if (supersedes.empty()) {
    insert.bind(i++);
  } else {
    insert.bind(i++, supersedes);
  }
  insert.bind(i++, static_cast<int64_t>(c.revocation_index));
  insert.bind(i++, static_cast<int64_t>(c.suspension_index));
  insert.bind(i++, c.key_id);
  insert.bind(i++, c.credential_json);
  insert.bind(i++, c.credential_jws);
  for (const std::string* digest : {&signed_credential->sha256, &signed_credential->jws_sha256}) {
    if (digest->empty()) {
      insert.bind(i++);
    } else {
      insert.bind(i++, *digest);
    }
  }
  insert.exec();
  std::string why, action = "certificate.issue";
  if (!supersedes.empty()) {
    switch (succession) {
      case Succession::kRenewal:
        why = "renews " + supersedes;
        action = "certificate.renew";
        break;
      case Succession::kReissue:
        why = "reissues " + supersedes + " with key " + c.key_id;
        action = "certificate.reissue";
        break;
      case Succession::kReplacement:
        why = "replaces " + supersedes;
        action = "certificate.replace";
        break;
    }
  }
  AppendStatusEvent(store_.db(),
                    {c.id, EventName(StatusEventKind::kIssued), issued_at, why, actor.name});
  AppendAudit(store_.db(), issued_at, actor, action, c.id, Json(), AuditView(c));
  return c;
}

Result<Certificate> CertificateLifecycle::Renew(const std::string& id, const RenewRequest& request,
                                                const Actor& actor) {
  Result<Certificate> result = Error::Internal("renew did not run");
  Status status = store_.Write([&]() -> Status {
    auto old = queries_.GetCertificate(id);
    if (!old.ok()) return old.error();
    if (Status s = CheckOnePersonMaySign(old->programme_code, "a renewal"); !s.ok()) return s;
    result = RenewInTransaction(id, request, actor);
    if (result.ok()) RecordSignedAlone(*result, actor);
    return result.status();
  });
  if (!status.ok()) return status.error();
  return result;
}

Result<Certificate> CertificateLifecycle::RenewInTransaction(const std::string& id,
                                                             const RenewRequest& request,
                                                             const Actor& actor) {
  {
    auto old = queries_.GetCertificate(id);
    if (!old.ok()) return old.error();
    if (!old->revoked_at.empty()) {
      return Error::Refused("certificate " + id +
                            " is revoked and cannot be renewed; a new label needs a new "
                            "assessment and siegel issue");
    }
    if (!old->suspended_at.empty()) {
      return Error::Refused("certificate " + id +
                            " is suspended; reinstate or revoke it before renewing");
    }
    if (!old->superseded_by.empty()) {
      return Error::Refused("certificate " + id + " was already renewed by " + old->superseded_by);
    }
    UnixSeconds old_until = *ParseDateTimeStamp(old->valid_until);
    UnixSeconds now = store_.Now();
    // Renewal within a year after expiry continues seamlessly (as ECEI labels do); later
    // renewals start today.
    UnixSeconds default_from = now < AddMonths(old_until, 12) ? old_until : StartOfDay(now);
    IssueRequest issue;
    issue.initiative_slug = old->initiative_slug;
    issue.programme_code = old->programme_code;
    issue.valid_from = request.valid_from.value_or(default_from);
    issue.valid_until = request.valid_until;
    issue.level = request.level.value_or(old->level);
    issue.assessed_on = request.assessed_on;
    issue.assessor = request.assessor;
    issue.board_decision_date = request.board_decision_date;
    issue.board_decision_ref = request.board_decision_ref;
    if (*issue.valid_from < *ParseDateTimeStamp(old->valid_from)) {
      return Error::InvalidInput("a renewal cannot start before the certificate it renews");
    }
    return IssueInTransaction(issue, id, actor);
  }
}

Result<Certificate> CertificateLifecycle::Suspend(const std::string& id, const std::string& reason,
                                                  const Actor& actor) {
  return ChangeStatus(id, StatusEventKind::kSuspended, reason, actor);
}

Result<Certificate> CertificateLifecycle::Reinstate(const std::string& id, const Actor& actor,
                                                    const std::string& reason) {
  return ChangeStatus(id, StatusEventKind::kReinstated, reason, actor);
}

Result<Certificate> CertificateLifecycle::Revoke(const std::string& id, const std::string& reason,
                                                 const Actor& actor) {
  return ChangeStatus(id, StatusEventKind::kRevoked, reason, actor);
}

Result<Certificate> CertificateLifecycle::ChangeStatus(const std::string& id, StatusEventKind event,
                                                       const std::string& reason,
                                                       const Actor& actor) {
  if (Status s = ValidateText("reason", reason, 1000, event != StatusEventKind::kReinstated);
      !s.ok())
    return s.error();
  Result<Certificate> result = Error::Internal("the status change did not run");
  Status status = store_.Write([&]() -> Status {
    result = ChangeStatusInTransaction(id, event, reason, actor);
    return result.status();
  });
  if (!status.ok()) return status.error();
  return result;
}

Result<Certificate> CertificateLifecycle::ChangeStatusInTransaction(const std::string& id,
                                                                    StatusEventKind event,
                                                                    const std::string& reason,
                                                                    const Actor& actor) {
  {
    // Inside the transaction: another process may have rotated the key a moment ago.
    auto key = store_.SigningKey();
    if (!key.ok()) return key.error();
    auto before = queries_.GetCertificate(id);
    if (!before.ok()) return before.error();
    const Certificate& c = *before;
    UnixSeconds now = store_.Now();
    std::string now_text = FormatDateTimeStamp(now);
    if (!c.revoked_at.empty()) {
      return Error::Refused("certificate " + id + " was already revoked on " +
                            c.revoked_at.substr(0, 10) + " (" + c.revocation_reason +
                            "); revocation is final");
    }
    const char* sql = nullptr;
    StatusPurpose purpose = StatusPurpose::kRevocation;
    if (event == StatusEventKind::kIssued) {
      return Error::Internal("issuance is not a change of status");
    } else if (event == StatusEventKind::kSuspended) {
      if (!c.suspended_at.empty()) {
        return Error::Refused("certificate " + id + " is already suspended since " +
                              c.suspended_at.substr(0, 10));
      }
      if (CurrentStatus(c, now) == CertificateStatus::kExpired) {
        return Error::Refused("certificate " + id + " expired on " + c.valid_until.substr(0, 10) +
                              "; an expired certificate cannot be suspended");
      }
      sql = "UPDATE certificates SET suspended_at = ?, suspension_reason = ? WHERE id = ?";
      purpose = StatusPurpose::kSuspension;
    } else if (event == StatusEventKind::kReinstated) {
      if (c.suspended_at.empty()) return Error::Refused("certificate " + id + " is not suspended");
      sql = "UPDATE certificates SET suspended_at = NULL, suspension_reason = NULL WHERE id = ?";
      purpose = StatusPurpose::kSuspension;
    } else {
      sql = "UPDATE certificates SET revoked_at = ?, revocation_reason = ? WHERE id = ?";
    }
    SQLite::Statement update(store_.db(), sql);
    if (event == StatusEventKind::kReinstated) {
      update.bind(1, id);
    } else {
      update.bind(1, now_text);
      update.bind(2, reason);
      update.bind(3, id);
    }
    update.exec();
    // A revocation sets the certificate's bit in both lists (see SetBitsQuery).
    for (StatusPurpose changed :
         event == StatusEventKind::kRevoked
             ? std::vector<StatusPurpose>{StatusPurpose::kRevocation, StatusPurpose::kSuspension}
             : std::vector<StatusPurpose>{purpose}) {
      if (Status s =
              RepublishStatusList(store_.db(), store_.settings(), store_.settings().active_key_id,
                                  *key, c.programme_code, changed, now_text);
          !s.ok()) {
        return s.error();
      }
    }
    AppendStatusEvent(store_.db(), {id, EventName(event), now_text, reason, actor.name});
    auto after = queries_.GetCertificate(id);
    if (!after.ok()) return after.error();
    std::string action = event == StatusEventKind::kSuspended    ? "certificate.suspend"
                         : event == StatusEventKind::kReinstated ? "certificate.reinstate"
                                                                 : "certificate.revoke";
    AppendAudit(store_.db(), now_text, actor, action, id, AuditView(c), AuditView(*after));
    return after;
  }
}

}  // namespace siegel

namespace siegel {}  // namespace siegel
