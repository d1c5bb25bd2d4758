#include "server/web/local_time.h"

namespace siegel::web {
namespace {

constexpr UnixSeconds kDay = 86400;

// The last Sunday of a 31-day month at 01:00 UTC.
UnixSeconds LastSundayAtOneUtc(const std::string& year, const char* month) {
  UnixSeconds last_day = *ParseDateTimeStamp(year + "-" + month + "-31T01:00:00Z");
  int64_t days = last_day / kDay;
  int weekday = static_cast<int>(((days + 4) % 7 + 7) % 7);  // 1970-01-01 was a Thursday
  return last_day - weekday * kDay;
}

}  // namespace

LocalTime BerlinTime(UnixSeconds utc) {
  std::string year = FormatDateTimeStamp(utc).substr(0, 4);
  bool summer = utc >= LastSundayAtOneUtc(year, "03") && utc < LastSundayAtOneUtc(year, "10");
  std::string local = FormatDateTimeStamp(utc + (summer ? 7200 : 3600));
  return {local.substr(0, 19), summer};
}

LocalTime BerlinTime(const std::string& text) {
  if (text.size() < 20 || text[10] != 'T') return {text, false};
  auto utc = ParseDateTimeStamp(text);
  if (!utc.ok()) return {text, false};
  return BerlinTime(*utc);
}

}  // namespace siegel::web
