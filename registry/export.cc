// Open data: one row per certificate, in issue order, streamed from one statement.
#include "registry/export.h"

namespace siegel {
namespace {

// A sink that collects small writes into pieces of about 64 KiB.
class BufferedSink {
 public:
  explicit BufferedSink(const TextSink& sink) : sink_(sink) {}
  Status Write(std::string_view text) {
    buffer_ += text;
    return buffer_.size() >= kPiece ? Flush() : Status::Ok();
  }
  Status Flush() {
    if (buffer_.empty()) return Status::Ok();
    Status written = sink_(buffer_);
    buffer_.clear();
    return written;
  }

 private:
  static constexpr size_t kPiece = 64 * 1024;
  const TextSink& sink_;
  std::string buffer_;
};

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

Status WriteExportJson(const PublicRegistry& registry, const TextSink& sink,
                       const std::string& generated_at) {
  BufferedSink out(sink);
  // The members in the order nlohmann::json sorts them, as the whole document once was.
  if (Status s = out.Write("{\"certificates\":["); !s.ok()) return s;
  bool first = true;
  Status visited =
      registry.certificates().ForEachPublicRecord([&](const PublicRecord& record) -> Status {
        const Certificate& c = record.summary.certificate;
        Json row = {{"id", c.id},
                    {"status", StatusName(record.summary.status)},
                    {"programme", c.programme_code},
                    {"level", c.level},
                    {"validFrom", c.valid_from},
                    {"validUntil", c.valid_until},
                    {"issuedAt", c.issued_at},
                    {"supersedes", c.supersedes},
                    {"supersededBy", c.superseded_by},
                    {"initiative",
                     {{"slug", c.initiative_slug},
                      {"name", record.summary.initiative_name},
                      {"legalEntity", record.legal_entity},
                      {"region", record.region},
                      {"technologyFields", record.technology_fields}}},
                    {"credential", registry.settings().base_url + "/api/v1/certificates/" + c.id}};
        std::string line = first ? "\n" : ",\n";
        first = false;
        line += row.dump(-1, ' ', false, Json::error_handler_t::replace);
        return out.Write(line);
      });
  if (!visited.ok()) return visited;
  Json issuer = {{"id", registry.settings().did}, {"name", registry.settings().issuer_name}};
  std::string end =
      "\n],\"generatedAt\":" +
      Json(generated_at.empty() ? FormatDateTimeStamp(registry.Now()) : generated_at).dump() +
      ",\"issuer\":" + issuer.dump(-1, ' ', false, Json::error_handler_t::replace) + "}\n";
  if (Status s = out.Write(end); !s.ok()) return s;
  return out.Flush();
}

Status WriteExportCsv(const PublicRegistry& registry, const TextSink& sink) {
  BufferedSink out(sink);
  Status header = out.Write(
      "id,status,programme,level,valid_from,valid_until,issued_at,supersedes,superseded_by,"
      "initiative,initiative_name,legal_entity,region,technology_fields\r\n");
  if (!header.ok()) return header;
  Status visited =
      registry.certificates().ForEachPublicRecord([&](const PublicRecord& record) -> Status {
        const Certificate& c = record.summary.certificate;
        std::string fields;
        for (const std::string& f : record.technology_fields)
          fields += (fields.empty() ? "" : "; ") + f;
        std::string line;
        for (const std::string& cell :
             {c.id, StatusName(record.summary.status), c.programme_code, c.level, c.valid_from,
              c.valid_until, c.issued_at, c.supersedes, c.superseded_by, c.initiative_slug,
              record.summary.initiative_name, record.legal_entity, record.region, fields}) {
          line += CsvCell(cell);
          line += ',';
        }
        line.back() = '\r';
        line += '\n';
        return out.Write(line);
      });
  if (!visited.ok()) return visited;
  return out.Flush();
}

Result<std::vector<PublicEvent>> RecentEvents(const PublicRegistry& registry, int limit) {
  auto rows = registry.certificates().LatestEvents(limit);
  if (!rows.ok()) return rows.error();
  std::vector<PublicEvent> events;
  for (const auto& row : *rows) {
    std::string kind =
        row.event.event == EventName(StatusEventKind::kIssued) && !row.supersedes.empty()
            ? "renewed"
            : row.event.event;
    events.push_back({row.seq, row.event.certificate_id, kind, row.event.at, row.event.reason,
                      row.initiative_slug, row.initiative_name});
  }
  return events;
}

}  // namespace siegel
