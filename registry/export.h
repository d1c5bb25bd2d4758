// The public registry as open data (CSV and JSON), and the recent status events for the
// feed. Only public facts: no actors, no contact persons.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json_strict.h"
#include "registry/public_registry.h"

namespace siegel {

// Where an export's text goes, piece by piece (a file, stdout, a compressor); an error stops it.
using TextSink = std::function<Status(std::string_view)>;

// Every certificate with its holder and current status, ordered by issue time, as one JSON
// document (one certificate a line), written to `sink` as it is read: memory stays flat
// however many certificates there are, and all of it comes from one snapshot. `generatedAt`
// is `generated_at` when given (a static copy names the change it shows, so publishing twice
// writes the same bytes), otherwise the registry's clock.
Status WriteExportJson(const PublicRegistry& registry, const TextSink& sink,
                       const std::string& generated_at = "");

// The same as CSV (RFC 4180, UTF-8, header row). Cells that a spreadsheet would read as a
// formula (starting with = + - @) get a leading apostrophe.
Status WriteExportCsv(const PublicRegistry& registry, const TextSink& sink);

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
Result<std::vector<PublicEvent>> RecentEvents(const PublicRegistry& registry, int limit);

}  // namespace siegel
