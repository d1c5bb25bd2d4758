// Calendar arithmetic on the proleptic Gregorian calendar (Howard Hinnant's civil algorithms).
#include "base/timestamp.h"

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

namespace {

// Reads `count` ASCII digits at `pos`; false if any is not a digit.
bool Digits(std::string_view text, size_t pos, size_t count, int* value) {
  if (pos + count > text.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    v = v * 10 + (text[i] - '0');
  }
  *value = v;
  return true;
}

Error NotADateTime(std::string_view text) {
  return Error::InvalidInput("\"" + std::string(text) +
                             "\" is not a date-time with offset such as 2027-03-15T00:00:00Z");
}

}  // namespace

// Hand-written rather than std::regex: this runs several times for every verification.
Result<UnixSeconds> ParseDateTimeStamp(std::string_view text) {
  int year, month, day, hour, minute, second;
  if (!Digits(text, 0, 4, &year) || text.size() < 20 || text[4] != '-' ||
      !Digits(text, 5, 2, &month) || text[7] != '-' || !Digits(text, 8, 2, &day) ||
      text[10] != 'T' || !Digits(text, 11, 2, &hour) || text[13] != ':' ||
      !Digits(text, 14, 2, &minute) || text[16] != ':' || !Digits(text, 17, 2, &second)) {
    return NotADateTime(text);
  }
  size_t pos = 19;
  if (text[pos] == '.') {  // fractional seconds: at least one digit, truncated
    size_t digits = 0;
    while (pos + 1 + digits < text.size() && text[pos + 1 + digits] >= '0' &&
           text[pos + 1 + digits] <= '9') {
      ++digits;
    }
    if (digits == 0) return NotADateTime(text);
    pos += 1 + digits;
  }
  int64_t offset = 0;
  if (pos < text.size() && text[pos] == 'Z' && pos + 1 == text.size()) {
    offset = 0;
  } else if (pos + 6 == text.size() && (text[pos] == '+' || text[pos] == '-') &&
             text[pos + 3] == ':') {
    int oh, om;
    if (!Digits(text, pos + 1, 2, &oh) || !Digits(text, pos + 4, 2, &om)) return NotADateTime(text);
    if (oh > 14 || om > 59 || (oh == 14 && om != 0)) {
      return Error::InvalidInput("\"" + std::string(text) + "\" has an invalid UTC offset");
    }
    offset = (oh * 3600 + om * 60) * (text[pos] == '-' ? -1 : 1);
  } else {
    return NotADateTime(text);
  }
  if (month < 1 || month > 12 || day < 1 || day > static_cast<int>(DaysInMonth(year, month)) ||
      hour > 23 || minute > 59 || second > 59) {
    return Error::InvalidInput("\"" + std::string(text) + "\" is not a valid calendar date-time");
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
    return Error::InvalidInput(
        "\"" + std::string(text) +
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
