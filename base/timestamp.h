// XML Schema dateTimeStamp (RFC 3339 with a required offset) <-> seconds since the Unix epoch.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace siegel {

using UnixSeconds = int64_t;

// Parses "2027-03-15T00:00:00Z" or "…+02:00" (fractional seconds truncated). An offset is
// required, as VC 2.0 demands; the result is compared on the timeline, never as text.
Result<UnixSeconds> ParseDateTimeStamp(std::string_view text);

// Parses what a person types on the command line: a dateTimeStamp, or a date "2027-03-15"
// meaning midnight UTC.
Result<UnixSeconds> ParseDateOrDateTime(std::string_view text);

// "2027-03-15T00:00:00Z": UTC, no fractional seconds.
std::string FormatDateTimeStamp(UnixSeconds seconds);
// "2027-03-15".
std::string FormatDate(UnixSeconds seconds);

// Adds calendar months, clamping the day to the target month's length (31 Jan + 1 = 28/29 Feb).
UnixSeconds AddMonths(UnixSeconds seconds, int months);

UnixSeconds NowUnixSeconds();

}  // namespace siegel
