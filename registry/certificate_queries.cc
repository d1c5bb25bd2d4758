// Read paths: row mapping for programmes, initiatives, certificates and status history.
#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include "registry/certificate_status.h"
#include "registry/registry.h"
#include "registry/sql_guard.h"

namespace siegel {
namespace {

// Column lists as macros so each query stays one literal (no SQL assembled at run time).
#define SIEGEL_PROGRAMME_COLUMNS                                                        \
  "code, name_de, name_en, description, validity_months, criteria_text, criteria_url, " \
  "assessor_default, "                                                                  \
  "id_prefix, levels"
#define SIEGEL_INITIATIVE_COLUMNS                                                        \
  "slug, name, legal_entity, kind, region, technology_fields, website, management_org, " \
  "description, "                                                                        \
  "created_at, updated_at, contact_email"

// The record's columns, in the order ReadCertificate reads them; the credential bodies follow.
#define SIEGEL_RECORD_COLUMNS                                                               \
  "c.id, c.initiative_slug, c.programme_code, c.level, c.assessed_on, c.assessor, "         \
  "c.board_decision_date, c.board_decision_ref, c.valid_from, c.valid_until, c.issued_at, " \
  "c.issued_by, COALESCE(c.supersedes, ''), "                                               \
  "COALESCE((SELECT n.id FROM certificates n WHERE n.supersedes = c.id), ''), "             \
  "c.revocation_index, c.suspension_index, COALESCE(c.revoked_at, ''), "                    \
  "COALESCE(c.revocation_reason, ''), COALESCE(c.suspended_at, ''), "                       \
  "COALESCE(c.suspension_reason, ''), c.key_id"
#define SIEGEL_CERTIFICATE_COLUMNS SIEGEL_RECORD_COLUMNS ", c.credential_json, c.credential_jws"

// A certificate's status now (?1 = now as dateTimeStamp text, which sorts in time order).
#define SIEGEL_STATUS_NOW                                                                     \
  "CASE WHEN c.revoked_at IS NOT NULL THEN 'revoked' WHEN c.suspended_at IS NOT NULL THEN "   \
  "'suspended' "                                                                              \
  "WHEN c.valid_from > ?1 THEN 'not_yet_valid' WHEN c.valid_until <= ?1 THEN 'expired' ELSE " \
  "'valid' END"

// The same rule at a past moment ?1, from the status history (StatusAt in
// certificate_status.cc): not yet issued, then revoked by then, then suspended by the last
// suspension or reinstatement by then, then the dates. The searches for a moment are the
// searches for now with this in its place (ForAMoment).
#define SIEGEL_STATUS_AT                                                                      \
  "CASE WHEN c.issued_at > ?1 THEN 'not_yet_issued' "                                         \
  "WHEN EXISTS (SELECT 1 FROM status_events e WHERE e.certificate_id = c.id AND "             \
  "e.event = 'revoked' AND e.at <= ?1) THEN 'revoked' "                                       \
  "WHEN (SELECT e.event FROM status_events e WHERE e.certificate_id = c.id AND e.event IN "   \
  "('suspended', 'reinstated') AND e.at <= ?1 ORDER BY e.seq DESC LIMIT 1) = 'suspended' "    \
  "THEN 'suspended' "                                                                         \
  "WHEN c.valid_from > ?1 THEN 'not_yet_valid' WHEN c.valid_until <= ?1 THEN 'expired' ELSE " \
  "'valid' END"

// Search hits: the record without the credential bodies, the holder's name, the status now.
#define SIEGEL_SUMMARY_COLUMNS SIEGEL_RECORD_COLUMNS ", '', '', i.name, " SIEGEL_STATUS_NOW

// The search's filters; ?1 now, ?2 status, ?3 programme, ?4 initiative, ?5 region, ?6 sector,
// ?7 text. Region and sector match any part of the stored text, ASCII letter case aside: people
// type "Freiburg" for "Regierungsbezirk Freiburg" and "photonik" for "Photonik".
#define SIEGEL_SEARCH_FILTERS                                               \
  " (?2 = '' OR (" SIEGEL_STATUS_NOW                                        \
  ") = ?2) AND (?3 = '' OR c.programme_code = ?3)"                          \
  " AND (?4 = '' OR c.initiative_slug = ?4)"                                \
  " AND (?5 = '' OR instr(lower(i.region), lower(?5)) > 0)"                 \
  " AND (?6 = '' OR EXISTS (SELECT 1 FROM json_each(i.technology_fields) f" \
  " WHERE instr(lower(f.value), lower(?6)) > 0))"

// Text of three characters or more is looked up in the trigram index (migration 8), which
// finds the same substrings as the scan below, without reading every certificate; the text
// is one quoted FTS5 phrase, so nothing in it is query syntax.
#define SIEGEL_SEARCH_INDEXED_WHERE                                            \
  " FROM certificate_search s JOIN certificates c ON c.id = s.id"              \
  " JOIN initiatives i ON i.slug = c.initiative_slug"                          \
  " WHERE certificate_search MATCH '\"' || replace(?7, '\"', '\"\"') || '\"' " \
  "AND" SIEGEL_SEARCH_FILTERS

// No text, or text too short for a trigram: every certificate is looked at.
#define SIEGEL_SEARCH_SCAN_WHERE                                                              \
  " FROM certificates c JOIN initiatives i ON i.slug = c.initiative_slug"                     \
  " WHERE" SIEGEL_SEARCH_FILTERS                                                              \
  " AND (?7 = '' OR instr(lower(c.id), lower(?7)) > 0 OR instr(lower(i.name), lower(?7)) > 0" \
  "      OR instr(lower(i.legal_entity), lower(?7)) > 0)"

// One initiative's certificates (its page, its API document): the equality on its own lets
// SQLite use certificates_by_initiative; behind the OR of the shared filters it read every
// certificate (50 ms a page at 100,000).
#define SIEGEL_SEARCH_OF_INITIATIVE_WHERE                                                     \
  " FROM certificates c JOIN initiatives i ON i.slug = c.initiative_slug"                     \
  " WHERE c.initiative_slug = ?4 AND" SIEGEL_SEARCH_FILTERS                                   \
  " AND (?7 = '' OR instr(lower(c.id), lower(?7)) > 0 OR instr(lower(i.name), lower(?7)) > 0" \
  "      OR instr(lower(i.legal_entity), lower(?7)) > 0)"

// Whether `text` is long enough for the trigram index: three characters (code points) or more.
bool UsesTextIndex(const std::string& text) {
  size_t characters = 0;
  for (unsigned char byte : text) {
    if ((byte & 0xC0) != 0x80) ++characters;  // not a UTF-8 continuation byte
  }
  return characters >= 3;
}

std::vector<std::string> JsonStringList(const std::string& text) {
  std::vector<std::string> out;
  auto parsed = ParseStrictJson(text);
  if (parsed.ok() && parsed->is_array()) {
    for (const Json& item : *parsed) {
      if (item.is_string()) out.push_back(item.get<std::string>());
    }
  }
  return out;
}

Programme ReadProgramme(SQLite::Statement& q) {
  Programme p;
  p.code = q.getColumn(0).getString();
  p.name_de = q.getColumn(1).getString();
  p.name_en = q.getColumn(2).getString();
  p.description = q.getColumn(3).getString();
  p.validity_months = q.getColumn(4).getInt();
  p.criteria_text = q.getColumn(5).getString();
  p.criteria_url = q.getColumn(6).getString();
  p.assessor_default = q.getColumn(7).getString();
  p.id_prefix = q.getColumn(8).getString();
  p.levels = JsonStringList(q.getColumn(9).getString());
  return p;
}

Initiative ReadInitiative(SQLite::Statement& q) {
  Initiative i;
  i.slug = q.getColumn(0).getString();
  i.name = q.getColumn(1).getString();
  i.legal_entity = q.getColumn(2).getString();
  i.kind = q.getColumn(3).getString() == "state_network" ? InitiativeKind::kStateNetwork
                                                         : InitiativeKind::kClusterInitiative;
  i.region = q.getColumn(4).getString();
  i.technology_fields = JsonStringList(q.getColumn(5).getString());
  i.website = q.getColumn(6).getString();
  i.management_organisation = q.getColumn(7).getString();
  i.description = q.getColumn(8).getString();
  i.created_at = q.getColumn(9).getString();
  i.updated_at = q.getColumn(10).getString();
  i.contact_email = q.getColumn(11).getString();
  return i;
}

Certificate ReadCertificate(SQLite::Statement& q) {
  Certificate c;
  int i = 0;
  c.id = q.getColumn(i++).getString();
  c.initiative_slug = q.getColumn(i++).getString();
  c.programme_code = q.getColumn(i++).getString();
  c.level = q.getColumn(i++).getString();
  c.assessed_on = q.getColumn(i++).getString();
  c.assessor = q.getColumn(i++).getString();
  c.board_decision_date = q.getColumn(i++).getString();
  c.board_decision_ref = q.getColumn(i++).getString();
  c.valid_from = q.getColumn(i++).getString();
  c.valid_until = q.getColumn(i++).getString();
  c.issued_at = q.getColumn(i++).getString();
  c.issued_by = q.getColumn(i++).getString();
  c.supersedes = q.getColumn(i++).getString();
  c.superseded_by = q.getColumn(i++).getString();
  c.revocation_index = static_cast<uint64_t>(q.getColumn(i++).getInt64());
  c.suspension_index = static_cast<uint64_t>(q.getColumn(i++).getInt64());
  c.revoked_at = q.getColumn(i++).getString();
  c.revocation_reason = q.getColumn(i++).getString();
  c.suspended_at = q.getColumn(i++).getString();
  c.suspension_reason = q.getColumn(i++).getString();
  c.key_id = q.getColumn(i++).getString();
  c.credential_json = q.getColumn(i++).getString();
  c.credential_jws = q.getColumn(i++).getString();
  return c;
}

// A search statement for now, judging the status at a past moment instead.
std::string ForAMoment(std::string sql) {
  const std::string now = SIEGEL_STATUS_NOW;
  for (size_t at = sql.find(now); at != std::string::npos; at = sql.find(now, at)) {
    sql.replace(at, now.size(), SIEGEL_STATUS_AT);
    at += sizeof(SIEGEL_STATUS_AT) - 1;
  }
  return sql;
}

// A status the SQL rules name (for a past moment also "not_yet_issued"). Anything else is a
// fault of the rules, never read as some status.
Result<CertificateStatus> StatusFromSql(const std::string& name) {
  if (name == StatusName(CertificateStatus::kNotYetIssued)) return CertificateStatus::kNotYetIssued;
  std::optional<CertificateStatus> status = ParseStatusName(name);
  if (!status) return Error::Internal("the search's status rule named no status: " + name);
  return *status;
}

// A row of SIEGEL_SUMMARY_COLUMNS.
Result<CertificateSummary> ReadSummary(SQLite::Statement& q) {
  CertificateSummary summary;
  summary.certificate = ReadCertificate(q);
  summary.initiative_name = q.getColumn(23).getString();
  auto status = StatusFromSql(q.getColumn(24).getString());
  if (!status.ok()) return status.error();
  summary.status = *status;
  return summary;
}

// Binds a search's filters to ?1-?7 of SIEGEL_SEARCH_*_WHERE: the time "now" is judged at, the
// status asked for ("" for any), programme, initiative, region, sector and text.
void BindSearch(SQLite::Statement& q, const CertificateQuery& query, const std::string& now,
                const std::string& status) {
  q.bind(1, now);
  q.bind(2, status);
  q.bind(3, query.programme);
  q.bind(4, query.initiative);
  q.bind(5, query.region);
  q.bind(6, query.sector);
  q.bind(7, query.text);
}

}  // namespace

Result<std::vector<Programme>> CertificateQueries::ListProgrammes() const {
  return Guard("programmes", [&]() -> Result<std::vector<Programme>> {
    std::vector<Programme> out;
    SQLite::Statement q(store_.db(),
                        "SELECT " SIEGEL_PROGRAMME_COLUMNS " FROM programmes ORDER BY code");
    while (q.executeStep()) out.push_back(ReadProgramme(q));
    return out;
  });
}

Result<Programme> CertificateQueries::GetProgramme(const std::string& code) const {
  return Guard("a programme", [&]() -> Result<Programme> {
    SQLite::Statement q(store_.db(),
                        "SELECT " SIEGEL_PROGRAMME_COLUMNS " FROM programmes WHERE code = ?");
    q.bind(1, code);
    if (!q.executeStep()) return Error::NotFound("there is no programme \"" + code + "\"");
    return ReadProgramme(q);
  });
}

Result<std::vector<Initiative>> CertificateQueries::ListInitiatives() const {
  return Guard("initiatives", [&]() -> Result<std::vector<Initiative>> {
    std::vector<Initiative> out;
    SQLite::Statement q(store_.db(), "SELECT " SIEGEL_INITIATIVE_COLUMNS
                                     " FROM initiatives ORDER BY name COLLATE NOCASE");
    while (q.executeStep()) out.push_back(ReadInitiative(q));
    return out;
  });
}

Result<Initiative> CertificateQueries::GetInitiative(const std::string& slug) const {
  return Guard("an initiative", [&]() -> Result<Initiative> {
    SQLite::Statement q(store_.db(),
                        "SELECT " SIEGEL_INITIATIVE_COLUMNS " FROM initiatives WHERE slug = ?");
    q.bind(1, slug);
    if (!q.executeStep()) return Error::NotFound("there is no initiative \"" + slug + "\"");
    return ReadInitiative(q);
  });
}

Result<Certificate> CertificateQueries::GetCertificate(const std::string& id) const {
  return Guard("a certificate", [&]() -> Result<Certificate> {
    SQLite::Statement q(store_.db(),
                        "SELECT " SIEGEL_CERTIFICATE_COLUMNS " FROM certificates c WHERE c.id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return Error::NotFound("there is no certificate " + id);
    return ReadCertificate(q);
  });
}

Result<std::vector<Certificate>> CertificateQueries::CertificatesOf(
    const std::string& slug, const std::string& programme) const {
  return Guard("an initiative's certificates", [&]() -> Result<std::vector<Certificate>> {
    // The record columns only: the signed credentials (kilobytes each) are not needed here.
    SQLite::Statement q(store_.db(), "SELECT " SIEGEL_RECORD_COLUMNS
                                     ", '', '' FROM certificates c WHERE c.initiative_slug = ? "
                                     "AND c.programme_code = ? ORDER BY c.valid_from, c.id");
    q.bind(1, slug);
    q.bind(2, programme);
    std::vector<Certificate> certificates;
    while (q.executeStep()) certificates.push_back(ReadCertificate(q));
    return certificates;
  });
}

Result<CertificatePage> CertificateQueries::SearchCertificates(
    const CertificateQuery& query) const {
  if (!query.status.empty() && !ParseStatusName(query.status)) {
    return Error::InvalidInput(
        "status must be one of valid, expired, not_yet_valid, suspended, revoked");
  }
  if (query.page < 1) return Error::InvalidInput("page must be 1 or more");
  if (query.per_page < 1 || query.per_page > 500)
    return Error::InvalidInput("per_page must be between 1 and 500");
  // Far past any page there is, and the offset (page - 1) * per_page must not overflow.
  if (query.page < 1 || query.page > kMaxPage) {
    return Error::InvalidInput("page must be between 1 and " + std::to_string(kMaxPage));
  }
  return Guard("certificates", [&]() -> Result<CertificatePage> {
    // For a past moment the statuses come from the history (SIEGEL_STATUS_AT).
    std::string now = FormatDateTimeStamp(query.at != 0 ? query.at : store_.Now());
    auto sql = [&](const char* for_now) {
      return query.at != 0 ? ForAMoment(for_now) : std::string(for_now);
    };
    auto bind = [&](SQLite::Statement& q) { BindSearch(q, query, now, query.status); };
    CertificatePage page;
    const bool indexed = UsesTextIndex(query.text);
    const bool one_initiative = !indexed && !query.initiative.empty();
    SQLite::Statement count(
        store_.db(), sql(indexed          ? "SELECT COUNT(*)" SIEGEL_SEARCH_INDEXED_WHERE
                         : one_initiative ? "SELECT COUNT(*)" SIEGEL_SEARCH_OF_INITIATIVE_WHERE
                                          : "SELECT COUNT(*)" SIEGEL_SEARCH_SCAN_WHERE));
    bind(count);
    count.executeStep();
    page.total = count.getColumn(0).getInt64();
    SQLite::Statement q(
        store_.db(),
        sql(indexed ? "SELECT " SIEGEL_SUMMARY_COLUMNS SIEGEL_SEARCH_INDEXED_WHERE
                      " ORDER BY c.issued_at, c.id LIMIT ?8 OFFSET ?9"
            : one_initiative ? "SELECT " SIEGEL_SUMMARY_COLUMNS SIEGEL_SEARCH_OF_INITIATIVE_WHERE
                               " ORDER BY c.issued_at, c.id LIMIT ?8 OFFSET ?9"
                             : "SELECT " SIEGEL_SUMMARY_COLUMNS SIEGEL_SEARCH_SCAN_WHERE
                               " ORDER BY c.issued_at, c.id LIMIT ?8 OFFSET ?9"));
    bind(q);
    q.bind(8, query.per_page);
    q.bind(9, (query.page - 1) * query.per_page);
    while (q.executeStep()) {
      auto summary = ReadSummary(q);
      if (!summary.ok()) return summary.error();
      page.items.push_back(std::move(summary).value());
    }
    return page;
  });
}

Status CertificateQueries::ForEachPublicRecord(
    const std::function<Status(const PublicRecord&)>& visit) const {
  return Guard("certificates", [&]() -> Status {
    SQLite::Statement q(store_.db(),
                        "SELECT " SIEGEL_SUMMARY_COLUMNS
                        ", i.legal_entity, i.region, i.technology_fields"
                        " FROM certificates c JOIN initiatives i ON i.slug = c.initiative_slug"
                        " ORDER BY c.issued_at, c.id");
    q.bind(1, FormatDateTimeStamp(store_.Now()));
    PublicRecord record;
    while (q.executeStep()) {
      auto summary = ReadSummary(q);
      if (!summary.ok()) return summary.error();
      record.summary = std::move(summary).value();
      record.legal_entity = q.getColumn(25).getString();
      record.region = q.getColumn(26).getString();
      record.technology_fields = JsonStringList(q.getColumn(27).getString());
      if (Status visited = visit(record); !visited.ok()) return visited;
    }
    return Status::Ok();
  });
}

Result<std::vector<CertificateSummary>> CertificateQueries::ExpiringCertificates(int days) const {
  if (days < 1 || days > 3660) return Error::InvalidInput("days must be between 1 and 3660");
  return Guard("expiring certificates", [&]() -> Result<std::vector<CertificateSummary>> {
    UnixSeconds now = store_.Now();
    SQLite::Statement q(store_.db(),
                        "SELECT " SIEGEL_SUMMARY_COLUMNS
                        " FROM certificates c JOIN initiatives i ON i.slug = c.initiative_slug"
                        " WHERE (" SIEGEL_STATUS_NOW
                        ") = 'valid' AND c.valid_until <= ?2"
                        " ORDER BY c.valid_until, c.id");
    q.bind(1, FormatDateTimeStamp(now));
    q.bind(2, FormatDateTimeStamp(now + static_cast<int64_t>(days) * 86400));
    std::vector<CertificateSummary> out;
    while (q.executeStep()) {
      auto summary = ReadSummary(q);
      if (!summary.ok()) return summary.error();
      out.push_back(std::move(summary).value());
    }
    return out;
  });
}

Result<std::map<std::string, int64_t>> CertificateQueries::CountByStatus() const {
  return Guard("certificate counts", [&]() -> Result<std::map<std::string, int64_t>> {
    std::map<std::string, int64_t> counts = {
        {"valid", 0}, {"expired", 0}, {"not_yet_valid", 0}, {"suspended", 0}, {"revoked", 0}};
    SQLite::Statement q(store_.db(),
                        "SELECT " SIEGEL_STATUS_NOW ", COUNT(*) FROM certificates c GROUP BY 1");
    q.bind(1, FormatDateTimeStamp(store_.Now()));
    while (q.executeStep()) counts[q.getColumn(0).getString()] = q.getColumn(1).getInt64();
    return counts;
  });
}

Result<int64_t> CertificateQueries::CountInitiativesWithValidLabel() const {
  return Guard("certificate counts", [&]() -> Result<int64_t> {
    SQLite::Statement q(
        store_.db(),
        "SELECT COUNT(DISTINCT c.initiative_slug) FROM certificates c WHERE (" SIEGEL_STATUS_NOW
        ") = 'valid'");
    q.bind(1, FormatDateTimeStamp(store_.Now()));
    q.executeStep();
    return q.getColumn(0).getInt64();
  });
}

Result<UnixSeconds> CertificateQueries::NextStatusChange(UnixSeconds after) const {
  return Guard("certificate validity", [&]() -> Result<UnixSeconds> {
    // A revoked certificate stays revoked; a suspension ends only by a write.
    SQLite::Statement q(store_.db(),
                        "SELECT MIN(CASE WHEN valid_from > ?1 THEN valid_from ELSE valid_until END)"
                        " FROM certificates WHERE revoked_at IS NULL AND valid_until > ?1");
    q.bind(1, FormatDateTimeStamp(after));
    q.executeStep();
    if (q.getColumn(0).isNull()) return INT64_MAX;
    auto next = ParseDateTimeStamp(q.getColumn(0).getString());
    if (!next.ok())
      return Error::Damaged("a stored validity date does not read: " + next.message());
    return *next;
  });
}

Result<std::vector<StatusEvent>> CertificateQueries::StatusHistory(const std::string& id) const {
  return Guard("status history", [&]() -> Result<std::vector<StatusEvent>> {
    std::vector<StatusEvent> out;
    SQLite::Statement q(store_.db(),
                        "SELECT certificate_id, event, at, reason, actor FROM status_events "
                        "WHERE certificate_id = ? ORDER BY seq");
    q.bind(1, id);
    while (q.executeStep()) {
      out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                     q.getColumn(2).getString(), q.getColumn(3).getString(),
                     q.getColumn(4).getString()});
    }
    return out;
  });
}

Result<std::vector<EventRow>> CertificateQueries::LatestEvents(int limit) const {
  return Guard("status events", [&]() -> Result<std::vector<EventRow>> {
    std::vector<EventRow> out;
    SQLite::Statement q(
        store_.db(),
        "SELECT e.seq, e.certificate_id, e.event, e.at, e.reason, COALESCE(c.supersedes, ''), "
        "i.slug, i.name FROM status_events e JOIN certificates c ON c.id = e.certificate_id "
        "JOIN initiatives i ON i.slug = c.initiative_slug ORDER BY e.seq DESC LIMIT ?");
    q.bind(1, limit);
    while (q.executeStep()) {
      EventRow row;
      row.seq = q.getColumn(0).getInt64();
      row.event = {q.getColumn(1).getString(), q.getColumn(2).getString(),
                   q.getColumn(3).getString(), q.getColumn(4).getString(), ""};
      row.supersedes = q.getColumn(5).getString();
      row.initiative_slug = q.getColumn(6).getString();
      row.initiative_name = q.getColumn(7).getString();
      out.push_back(std::move(row));
    }
    return out;
  });
}

Result<CertificateStatus> CertificateQueries::StatusOf(const std::string& id,
                                                       UnixSeconds at) const {
  auto certificate = GetCertificate(id);
  if (!certificate.ok()) return certificate.error();
  auto history = StatusHistory(id);
  if (!history.ok()) return history.error();
  return StatusAt(*certificate, *history, at);
}

Result<bool> CertificateQueries::FourEyesRequired(const std::string& programme_code) const {
  return Guard("a programme", [&]() -> Result<bool> {
    SQLite::Statement q(store_.db(), "SELECT four_eyes FROM programmes WHERE code = ?");
    q.bind(1, programme_code);
    if (!q.executeStep()) return Error::NotFound("there is no programme " + programme_code);
    return q.getColumn(0).getInt() != 0;
  });
}

}  // namespace siegel
