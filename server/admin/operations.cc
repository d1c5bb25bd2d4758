// Staff operations shared by forms and API: field parsing here, every rule in the registry.
#include "server/admin/operations.h"

#include <sstream>

#include "registry/audit.h"
#include "registry/export.h"
#include "registry/regions.h"
#include "registry/technology_fields.h"
#include "server/views.h"

namespace siegel::admin {
Result<Initiative> InitiativeFromFields(const Fields& in, Initiative i) {
  const std::string current_region = i.region;
  i.name = in.Get("name");
  i.legal_entity = in.Get("legalEntity");
  std::string kind = in.Get("kind");
  if (kind.empty() || kind == "cluster_initiative") {
    i.kind = InitiativeKind::kClusterInitiative;
  } else if (kind == "state_network") {
    i.kind = InitiativeKind::kStateNetwork;
  } else {
    return Error::InvalidInput("kind must be cluster_initiative or state_network");
  }
  i.region = in.Get("region");
  // Staff pick the region from the list (the public filters rely on it); a record from before
  // the list may keep its own until someone picks one.
  if (!i.region.empty() && !IsKnownRegion(i.region) && i.region != current_region) {
    std::string known;
    for (const std::string& region : Regions()) known += (known.empty() ? "" : ", ") + region;
    return Error::InvalidInput("region \"" + i.region + "\" is not one of " + known)
        .About("region", "unknown_region", {i.region});
  }
  i.technology_fields = in.List("technologyFields");
  for (const std::string& field : i.technology_fields) {
    if (!IsKnownTechnologyField(field)) {
      return Error::InvalidInput("\"" + field +
                                 "\" is not in the list of technology fields; pick one of "
                                 "the listed fields")
          .About("technology field", "unknown_field", {field});
    }
  }
  i.website = in.Get("website");
  i.management_organisation = in.Get("managementOrganisation");
  i.description = in.Get("description");
  i.contact_email = in.Get("contactEmail");
  return i;
}

Result<int64_t> ParseId(const std::string& text, const std::string& what) {
  if (text.empty() || text.size() > 15 || text.find_first_not_of("0123456789") != std::string::npos)
    return Error::InvalidInput(what + " must be a whole number");
  int64_t id = std::stoll(text);
  if (id < 1) return Error::InvalidInput(what + " must be 1 or more");
  return id;
}

Json UserJson(const StaffUser& u) {
  return Json{{"username", u.username},
              {"displayName", u.display_name},
              {"role", RoleName(u.role)},
              {"createdAt", u.created_at},
              {"disabledAt", u.disabled_at}};
}

Json AssessmentJson(const Assessment& a) { return AssessmentAuditView(a); }

Json ProposalJson(const Proposal& p) { return ProposalAuditView(p); }

Json TokenJson(const ApiTokenRecord& t) {
  return Json{{"id", t.id},
              {"name", t.name},
              {"role", RoleName(t.role)},
              {"createdBy", t.created_by},
              {"createdAt", t.created_at},
              {"expiresAt", t.expires_at},
              {"revokedAt", t.revoked_at}};
}

Json AuditJson(const AuditRecord& r) {
  auto parse = [](const std::string& text) {
    if (text.empty()) return Json();
    auto json = ParseStrictJson(text);
    return json.ok() ? *json : Json(text);
  };
  return Json{{"seq", r.seq},
              {"at", r.at},
              {"actor", r.actor},
              {"action", r.action},
              {"subject", r.subject},
              {"before", parse(r.before_json)},
              {"after", parse(r.after_json)}};
}

Result<Json> CreateInitiative(Registry& registry, const Principal& who, const Fields& in) {
  Initiative i;
  i.slug = in.Get("slug");
  auto filled = InitiativeFromFields(in, i);
  if (!filled.ok()) return filled.error();
  if (Status s = registry.records().AddInitiative(*filled, who.actor()); !s.ok()) return s.error();
  auto stored = registry.certificates().GetInitiative(i.slug);
  if (!stored.ok()) return stored.error();
  return views::InitiativeJson(*stored);
}

Result<Json> EditInitiative(Registry& registry, const Principal& who, const std::string& slug,
                            const Fields& in) {
  auto current = registry.certificates().GetInitiative(slug);
  if (!current.ok()) return current.error();
  auto changed = InitiativeFromFields(in, *current);
  if (!changed.ok()) return changed.error();
  if (Status s = registry.records().UpdateInitiative(*changed, who.actor()); !s.ok())
    return s.error();
  auto stored = registry.certificates().GetInitiative(slug);
  if (!stored.ok()) return stored.error();
  return views::InitiativeJson(*stored);
}

Result<Json> RecordAssessment(Registry& registry, const Principal& who, const std::string& slug,
                              const Fields& in) {
  Assessment a;
  a.initiative_slug = slug.empty() ? in.Get("initiative") : slug;
  if (!in.Get("programme").empty()) a.programme_code = in.Get("programme");
  a.assessor = in.Get("assessor");
  a.assessed_from = in.Get("assessedFrom");
  a.assessed_on = in.Get("assessedOn");
  a.level = in.Get("level");
  a.score = in.Get("score");
  a.score_public = in.Flag("scorePublic");
  a.board_decision_date = in.Get("boardDecisionDate");
  a.board_decision_ref = in.Get("boardDecisionRef");
  auto recorded = registry.workflow().RecordAssessment(a, who.actor());
  if (!recorded.ok()) return recorded.error();
  return AssessmentJson(*recorded);
}

Result<Json> ProposeCertificate(Registry& registry, const Principal& who, const Fields& in) {
  auto assessment = ParseId(in.Get("assessment"), "assessment");
  if (!assessment.ok()) return assessment.error();
  Proposal p;
  p.assessment_id = *assessment;
  p.renews = in.Get("renews");
  p.replaces = in.Get("replaces");
  p.valid_from = in.Get("validFrom");
  p.valid_until = in.Get("validUntil");
  p.note = in.Get("note");
  p.proposed_by = who.username;
  if (p.valid_from.empty() || p.valid_until.empty()) {
    return Error::InvalidInput("give the validity explicitly: validFrom and validUntil");
  }
  auto proposed = registry.workflow().Propose(p, who.actor());
  if (!proposed.ok()) return proposed.error();
  return ProposalJson(*proposed);
}

Result<Json> ApproveProposal(Registry& registry, const Principal& who, int64_t id) {
  auto certificate = registry.workflow().ApproveProposal(id, who.username, who.actor());
  if (!certificate.ok()) return certificate.error();
  auto proposal = registry.workflow().GetProposal(id);
  if (!proposal.ok()) return proposal.error();
  Json out = ProposalJson(*proposal);
  out["certificate"] = certificate->id;
  return out;
}

Result<Json> RejectProposal(Registry& registry, const Principal& who, int64_t id,
                            const Fields& in) {
  if (Status s = registry.workflow().RejectProposal(id, who.username, in.Get("note"), who.actor());
      !s.ok())
    return s.error();
  auto proposal = registry.workflow().GetProposal(id);
  if (!proposal.ok()) return proposal.error();
  return ProposalJson(*proposal);
}

namespace {
Result<Json> CertificateAnswer(Registry& registry, const Result<Certificate>& changed) {
  if (!changed.ok()) return changed.error();
  auto status = registry.certificates().StatusOf(changed->id, registry.Now());
  if (!status.ok()) return status.error();
  return Json{{"id", changed->id},
              {"status", StatusName(*status)},
              {"suspendedAt", changed->suspended_at},
              {"suspensionReason", changed->suspension_reason},
              {"revokedAt", changed->revoked_at},
              {"revocationReason", changed->revocation_reason}};
}
}  // namespace

Result<Json> SuspendCertificate(Registry& registry, const Principal& who, const std::string& id,
                                const Fields& in) {
  return CertificateAnswer(registry,
                           registry.lifecycle().Suspend(id, in.Get("reason"), who.actor()));
}

Result<Json> ReinstateCertificate(Registry& registry, const Principal& who, const std::string& id,
                                  const Fields& in) {
  if (in.Get("reason").empty()) {
    return Error::InvalidInput("say why the suspension ends (reason); it is shown publicly");
  }
  return CertificateAnswer(registry,
                           registry.lifecycle().Reinstate(id, who.actor(), in.Get("reason")));
}

Result<Json> RevokeCertificate(Registry& registry, const Principal& who, const std::string& id,
                               const Fields& in) {
  auto statement = RevocationStatement(in.Get("reasonCode"), in.Get("note"));
  if (!statement.ok()) return statement.error();
  return CertificateAnswer(registry, registry.lifecycle().Revoke(id, *statement, who.actor()));
}

Result<Json> CreateToken(Registry& registry, const Principal& who, const Fields& in) {
  auto role = ParseRole(in.Get("role"));
  if (!role) return Error::InvalidInput("role must be viewer, editor, issuer or admin");
  std::string expires = in.Get("expiresOn");
  if (expires.empty()) return Error::InvalidInput("give the token an expiry date (expiresOn)");
  auto expires_at = ParseDateOrDateTime(expires);
  if (!expires_at.ok()) return Error::InvalidInput("expiresOn: " + expires_at.message());
  auto created = registry.sessions().CreateApiToken(in.Get("name"), *role, *expires_at, who);
  if (!created.ok()) return created.error();
  Json out = TokenJson(created->record);
  out["token"] = created->token;
  return out;
}

Result<Json> RevokeToken(Registry& registry, const Principal& who, int64_t id) {
  if (Status s = registry.sessions().RevokeApiToken(id, who.actor()); !s.ok()) return s.error();
  return Json{{"id", id}, {"revoked", true}};
}

Result<Json> KeysOverview(Registry& registry) {
  auto keys = registry.keys().ListKeys();
  if (!keys.ok()) return keys.error();
  Json items = Json::array();
  for (const IssuerKeyRecord& k : *keys) {
    Json affected = Json::array();
    if (!k.compromised_at.empty()) {
      auto ids = registry.keys().CertificatesSignedWith(k.key_id, k.compromised_at);
      if (!ids.ok()) return ids.error();
      for (const auto& id : *ids) affected.push_back(id);
    }
    items.push_back({{"keyId", k.key_id},
                     {"publicKeyMultibase", k.public_key_multibase},
                     {"createdAt", k.created_at},
                     {"retiredAt", k.retired_at},
                     {"compromisedAt", k.compromised_at},
                     {"active", k.key_id == registry.settings().active_key_id},
                     {"affectedCertificates", affected}});
  }
  return Json{{"items", items}};
}

Result<Json> RotateKey(Registry& registry, const Principal& who) {
  auto key = registry.keys().RotateKey(who.actor());
  if (!key.ok()) return key.error();
  return Json{{"keyId", key->key_id},
              {"publicKeyMultibase", key->public_key_multibase},
              {"createdAt", key->created_at}};
}

Result<Json> CompromiseKey(Registry& registry, const Principal& who, const std::string& key_id,
                           const Fields& in) {
  std::string since = in.Get("since");
  if (since.empty()) return Error::InvalidInput("say since when the key is compromised (since)");
  auto when = ParseDateOrDateTime(since);
  if (!when.ok()) return Error::InvalidInput("since: " + when.message());
  auto affected = registry.keys().MarkKeyCompromised(key_id, *when, who.actor());
  if (!affected.ok()) return affected.error();
  Json ids = Json::array();
  for (const auto& id : *affected) ids.push_back(id);
  return Json{{"keyId", key_id}, {"affectedCertificates", ids}};
}

Result<Json> ReissueCertificate(Registry& registry, const Principal& who, const std::string& id) {
  auto reissued = registry.keys().ReissueCertificate(id, who.actor());
  if (!reissued.ok()) return reissued.error();
  return Json{{"id", reissued->id}, {"supersedes", id}, {"keyId", reissued->key_id}};
}

Result<Json> Overview(Registry& registry) {
  Json expiring = Json::object();
  for (int days : {30, 90, 180}) {
    auto list = registry.certificates().ExpiringCertificates(days);
    if (!list.ok()) return list.error();
    Json items = Json::array();
    for (const auto& s : *list) {
      items.push_back({{"id", s.certificate.id},
                       {"initiative", s.certificate.initiative_slug},
                       {"initiativeName", s.initiative_name},
                       {"validUntil", s.certificate.valid_until}});
    }
    expiring[std::to_string(days)] = items;
  }
  // The same certificates once each, the soonest end first, with their renewal's state.
  auto due = registry.workflow().RenewalsDue(180);
  if (!due.ok()) return due.error();
  Json renewals = Json::array();
  for (const RenewalDue& d : *due) {
    Json item{{"id", d.certificate.certificate.id},
              {"initiative", d.certificate.certificate.initiative_slug},
              {"initiativeName", d.certificate.initiative_name},
              {"validUntil", d.certificate.certificate.valid_until},
              {"daysLeft", d.days_left},
              {"renewal", RenewalStateName(d.state)}};
    if (d.proposal_id != 0) item["proposal"] = d.proposal_id;
    if (!d.renewal_id.empty()) item["renewalId"] = d.renewal_id;
    renewals.push_back(std::move(item));
  }
  auto proposals = registry.workflow().ListProposals(true);
  if (!proposals.ok()) return proposals.error();
  Json open = Json::array();
  for (const auto& p : *proposals) open.push_back(ProposalJson(p));
  return Json{{"expiring", expiring}, {"renewalsDue", renewals}, {"openProposals", open}};
}

Result<AuditFilter> AuditFilterFrom(const Fields& in) {
  AuditFilter f;
  f.actor = in.Get("actor");
  f.action = in.Get("action");
  f.subject = in.Get("subject");
  f.from = in.Get("from");
  f.to = in.Get("to");
  if (!in.Get("limit").empty()) {
    auto limit = ParseId(in.Get("limit"), "limit");
    if (!limit.ok()) return limit.error();
    f.limit = *limit;
  }
  if (!in.Get("page").empty()) {
    auto page = ParseId(in.Get("page"), "page");
    if (!page.ok()) return page.error();
    if (*page > kMaxPage) {
      return Error::InvalidInput("page must be between 1 and " + std::to_string(kMaxPage));
    }
    f.offset = (*page - 1) * f.limit;  // at most 10^6 * 10^5: no overflow
  }
  return f;
}

std::string AuditCsv(const std::vector<AuditRecord>& records) {
  std::ostringstream out;
  out << "seq,at,actor,action,subject,before,after\r\n";
  for (const AuditRecord& r : records) {
    out << r.seq << "," << CsvCell(r.at) << "," << CsvCell(r.actor) << "," << CsvCell(r.action)
        << "," << CsvCell(r.subject) << "," << CsvCell(r.before_json) << ","
        << CsvCell(r.after_json) << "\r\n";
  }
  return out.str();
}

}  // namespace siegel::admin
