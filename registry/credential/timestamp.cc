// Calendar arithmetic on the proleptic Gregorian calendar (Howard Hinnant's civil algorithms).
#include "registry/credential/timestamp.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <regex>

namespace siegel {
namespace {

int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int64_t y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

}  // namespace

Result<UnixSeconds> ParseDateTimeStamp(std::string_view text) {
  static const std::regex kPattern(
      R"(^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$)");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(text.begin(), text.end(), m, kPattern)) {
    return Error::InvalidInput("\"" + std::string(text) +
                               "\" is not a date-time with offset such as 2027-03-15T00:00:00Z");
  }
  auto num = [&](int i) { return std::stoi(m[i].str()); };
  int year = num(1), month = num(2), day = num(3), hour = num(4), minute = num(5), second = num(6);
  if (month < 1 || month > 12 || day < 1 || day > static_cast<int>(DaysInMonth(year, month)) ||
      hour > 23 || minute > 59 || second > 59) {
    return Error::InvalidInput("\"" + std::string(text) + "\" is not a valid calendar date-time");
  }
  int64_t offset = 0;
  if (m[8].str() != "Z") {
    int oh = num(10), om = num(11);
    if (oh > 14 || om > 59 || (oh == 14 && om != 0)) {
      return Error::InvalidInput("\"" + std::string(text) + "\" has an invalid UTC offset");
    }
    offset = (oh * 3600 + om * 60) * (m[9].str() == "-" ? -1 : 1);
  }
  return DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
}

Result<UnixSeconds> ParseDateOrDateTime(std::string_view text) {
  static const std::regex kDate(R"(^(\d{4})-(\d{2})-(\d{2})$)");
  if (std::regex_match(text.begin(), text.end(), kDate)) {
    return ParseDateTimeStamp(std::string(text) + "T00:00:00Z");
  }
  auto parsed = ParseDateTimeStamp(text);
  if (!parsed.ok()) {
    return Error::InvalidInput("\"" + std::string(text) +
                               "\" is not a date (2027-03-15) or a date-time (2027-03-15T12:00:00Z)");
  }
  return parsed;
}

std::string FormatDateTimeStamp(UnixSeconds seconds) {
  int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  int64_t rest = seconds - days * 86400;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  char buffer[40];
  std::snprintf(buffer, sizeof(buffer), "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ",
                static_cast<long long>(y), m, d, static_cast<long long>(rest / 3600),
                static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
  return buffer;
}

std::string FormatDate(UnixSeconds seconds) { return FormatDateTimeStamp(seconds).substr(0, 10); }

UnixSeconds AddMonths(UnixSeconds seconds, int months) {
  int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  int64_t rest = seconds - days * 86400;
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  int64_t total = y * 12 + (m - 1) + months;
  int64_t ny = total >= 0 ? total / 12 : (total - 11) / 12;
  unsigned nm = static_cast<unsigned>(total - ny * 12) + 1;
  unsigned nd = std::min(d, DaysInMonth(ny, nm));
  return DaysFromCivil(ny, nm, nd) * 86400 + rest;
}

UnixSeconds NowUnixSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace siegel
