// Open data: one row per certificate, in issue order, built from paged searches.
#include "registry/export.h"

#include <map>

namespace siegel {
namespace {

Result<std::vector<std::pair<CertificateSummary, const Initiative*>>> AllCertificates(
    const Registry& registry, const std::vector<Initiative>& initiatives) {
  std::map<std::string, const Initiative*> by_slug;
  for (const Initiative& i : initiatives) by_slug[i.slug] = &i;
  std::vector<std::pair<CertificateSummary, const Initiative*>> rows;
  CertificateQuery query;
  query.per_page = 500;
  for (query.page = 1;; ++query.page) {
    auto page = registry.SearchCertificates(query);
    if (!page.ok()) return page.error();
    for (CertificateSummary& s : page->items) {
      const Initiative* initiative = by_slug[s.certificate.initiative_slug];
      rows.emplace_back(std::move(s), initiative);
    }
    if (query.page * query.per_page >= page->total) break;
  }
  return rows;
}

}  // namespace

std::string CsvCell(std::string value) {
  if (!value.empty() &&
      (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@')) {
    value = "'" + value;  // not a formula in a spreadsheet
  }
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

Result<Json> ExportJson(const Registry& registry) {
  auto initiatives = registry.ListInitiatives();
  if (!initiatives.ok()) return initiatives.error();
  auto rows = AllCertificates(registry, *initiatives);
  if (!rows.ok()) return rows.error();
  Json certificates = Json::array();
  for (const auto& [s, initiative] : *rows) {
    const Certificate& c = s.certificate;
    Json row = {
        {"id", c.id},
        {"status", StatusName(s.status)},
        {"programme", c.programme_code},
        {"level", c.level},
        {"validFrom", c.valid_from},
        {"validUntil", c.valid_until},
        {"issuedAt", c.issued_at},
        {"supersedes", c.supersedes},
        {"supersededBy", c.superseded_by},
        {"initiative",
         {{"slug", c.initiative_slug},
          {"name", s.initiative_name},
          {"legalEntity", initiative ? initiative->legal_entity : ""},
          {"region", initiative ? initiative->region : ""},
          {"technologyFields", initiative ? Json(initiative->technology_fields) : Json::array()}}},
        {"credential", registry.settings().base_url + "/api/v1/certificates/" + c.id}};
    certificates.push_back(std::move(row));
  }
  return Json{
      {"issuer", {{"id", registry.settings().did}, {"name", registry.settings().issuer_name}}},
      {"generatedAt", FormatDateTimeStamp(registry.Now())},
      {"certificates", std::move(certificates)}};
}

Result<std::string> ExportCsv(const Registry& registry) {
  auto initiatives = registry.ListInitiatives();
  if (!initiatives.ok()) return initiatives.error();
  auto rows = AllCertificates(registry, *initiatives);
  if (!rows.ok()) return rows.error();
  std::string out =
      "id,status,programme,level,valid_from,valid_until,issued_at,supersedes,superseded_by,"
      "initiative,"
      "initiative_name,legal_entity,region,technology_fields\r\n";
  for (const auto& [s, initiative] : *rows) {
    const Certificate& c = s.certificate;
    std::string fields;
    if (initiative) {
      for (const std::string& f : initiative->technology_fields)
        fields += (fields.empty() ? "" : "; ") + f;
    }
    for (const std::string& cell :
         {c.id, StatusName(s.status), c.programme_code, c.level, c.valid_from, c.valid_until,
          c.issued_at, c.supersedes, c.superseded_by, c.initiative_slug, s.initiative_name,
          initiative ? initiative->legal_entity : "", initiative ? initiative->region : "",
          fields}) {
      out += CsvCell(cell);
      out += ',';
    }
    out.back() = '\r';
    out += '\n';
  }
  return out;
}

Result<std::vector<PublicEvent>> RecentEvents(const Registry& registry, int limit) {
  auto rows = registry.LatestEvents(limit);
  if (!rows.ok()) return rows.error();
  std::vector<PublicEvent> events;
  for (const auto& row : *rows) {
    std::string kind =
        row.event.event == "issued" && !row.supersedes.empty() ? "renewed" : row.event.event;
    events.push_back({row.seq, row.event.certificate_id, kind, row.event.at, row.event.reason,
                      row.initiative_slug, row.initiative_name});
  }
  return events;
}

}  // namespace siegel
