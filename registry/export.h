// The public registry as open data (CSV and JSON), and the recent status events for the
// feed. Only public facts: no actors, no contact persons.
#pragma once

#include <string>
#include <vector>

#include "registry/credential/json_strict.h"
#include "registry/registry.h"

namespace siegel {

// Every certificate with its holder and current status, ordered by issue time.
Result<Json> ExportJson(const Registry& registry);

// The same as CSV (RFC 4180, UTF-8, header row). Cells that a spreadsheet would read as a
// formula (starting with = + - @) get a leading apostrophe.
Result<std::string> ExportCsv(const Registry& registry);

// One CSV cell: quoted when needed, and defused when a spreadsheet would run it as a formula.
std::string CsvCell(std::string value);

struct PublicEvent {
  int64_t seq = 0;
  std::string certificate_id;
  std::string event;  // issued | renewed | suspended | reinstated | revoked
  std::string at;
  std::string reason;
  std::string initiative_slug;
  std::string initiative_name;
};

// The newest `limit` status events, newest first.
Result<std::vector<PublicEvent>> RecentEvents(const Registry& registry, int limit);

}  // namespace siegel
