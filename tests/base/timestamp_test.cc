// dateTimeStamp parsing and calendar arithmetic.
#include "base/timestamp.h"

#include <gtest/gtest.h>

namespace siegel {
namespace {

TEST(Timestamp, ParsesAndFormatsOnTheTimeline) {
  EXPECT_EQ(*ParseDateTimeStamp("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(*ParseDateTimeStamp("2027-03-15T02:00:00+02:00"),
            *ParseDateTimeStamp("2027-03-15T00:00:00Z"));
  EXPECT_EQ(*ParseDateTimeStamp("2027-03-15T00:00:00.999Z"),
            *ParseDateTimeStamp("2027-03-15T00:00:00Z"));
  EXPECT_EQ(FormatDateTimeStamp(*ParseDateTimeStamp("2024-02-29T23:59:59Z")),
            "2024-02-29T23:59:59Z");
  EXPECT_EQ(FormatDate(*ParseDateOrDateTime("2026-11-27")), "2026-11-27");
}

TEST(Timestamp, RefusesMissingOffsetsAndImpossibleDates) {
  EXPECT_FALSE(ParseDateTimeStamp("2027-03-15T00:00:00").ok());
  EXPECT_FALSE(ParseDateTimeStamp("2027-02-29T00:00:00Z").ok());
  EXPECT_FALSE(ParseDateTimeStamp("2027-13-01T00:00:00Z").ok());
  EXPECT_FALSE(ParseDateTimeStamp("2027-03-15T24:00:01Z").ok());
  for (const char* bad :
       {"", "2027", "2027-03-15T00:00:00", "2027-03-15T00:00:00ZZ", "2027-03-15T00:00:00.Z",
        "2027-03-15t00:00:00Z", "2027-03-15T00:00:00+1:00", "2027-03-15T00:00:00+15:00",
        "+2027-03-15T00:00:00Z", "2027-3-15T00:00:00Z", "2027-03-15T00:00:00 Z"}) {
    EXPECT_FALSE(ParseDateTimeStamp(bad).ok()) << bad;
  }
  EXPECT_EQ(*ParseDateTimeStamp("2027-03-15T00:00:00-05:30"),
            *ParseDateTimeStamp("2027-03-15T05:30:00Z"));
  auto parsed = ParseDateOrDateTime("15.03.2027");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.message(),
            "\"15.03.2027\" is not a date (2027-03-15) or a date-time (2027-03-15T12:00:00Z)");
}

TEST(Timestamp, AddMonthsClampsToTheMonthEnd) {
  EXPECT_EQ(FormatDate(AddMonths(*ParseDateOrDateTime("2026-03-01"), 24)), "2028-03-01");
  EXPECT_EQ(FormatDate(AddMonths(*ParseDateOrDateTime("2026-01-31"), 1)), "2026-02-28");
  EXPECT_EQ(FormatDate(AddMonths(*ParseDateOrDateTime("2027-02-28"), 12)), "2028-02-28");
  EXPECT_EQ(FormatDate(AddMonths(*ParseDateOrDateTime("2026-11-15"), -12)), "2025-11-15");
}

}  // namespace
}  // namespace siegel
