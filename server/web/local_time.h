// The registry's time zone for what people read: Europe/Berlin. Times are stored and signed in
// UTC; pages, badges and the printed certificate show them as a clock in Stuttgart shows them,
// with the zone named (MEZ/MESZ, CET/CEST), so "revoked at 23:30 UTC" is not read as the wrong
// day.
#pragma once

#include <string>

#include "base/timestamp.h"

namespace siegel::web {

struct LocalTime {
  std::string date_time;  // "2026-12-02T10:15:00", the wall clock in Berlin
  bool summer = false;    // CEST (UTC+2) rather than CET (UTC+1)
};

// The EU rule (since 1996): summer time from the last Sunday of March, 01:00 UTC, to the last
// Sunday of October, 01:00 UTC.
LocalTime BerlinTime(UnixSeconds utc);

// `text` as Berlin's wall clock when it is a date-time ("2026-12-02T23:30:00Z" ->
// "2026-12-03T00:30:00", summer false); a date alone, or anything else, as it was.
LocalTime BerlinTime(const std::string& text);

}  // namespace siegel::web
