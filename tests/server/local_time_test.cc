// Berlin's wall clock, typed out by hand around both changes of summer time and midnight, and
// the page dates that follow from it.
#include "server/web/local_time.h"

#include <gtest/gtest.h>

#include "server/web/i18n.h"

namespace siegel::web {
namespace {

TEST(BerlinTime, FollowsTheEuRuleAtBothChangesAndAcrossMidnight) {
  const struct {
    const char* utc;
    const char* berlin;
    bool summer;
  } cases[] = {
      {"2026-01-15T12:00:00Z", "2026-01-15T13:00:00", false},
      // 2026: the last Sunday of March is the 29th, of October the 25th.
      {"2026-03-29T00:59:59Z", "2026-03-29T01:59:59", false},
      {"2026-03-29T01:00:00Z", "2026-03-29T03:00:00", true},
      {"2026-07-01T08:15:00Z", "2026-07-01T10:15:00", true},
      {"2026-10-25T00:59:59Z", "2026-10-25T02:59:59", true},
      {"2026-10-25T01:00:00Z", "2026-10-25T02:00:00", false},
      {"2026-12-02T23:30:00Z", "2026-12-03T00:30:00", false},
      {"2026-12-31T23:00:00Z", "2027-01-01T00:00:00", false},
      // 2024: the 31st of March was itself the last Sunday.
      {"2024-03-31T00:59:59Z", "2024-03-31T01:59:59", false},
      {"2024-03-31T01:00:00Z", "2024-03-31T03:00:00", true},
      {"2024-03-24T12:00:00Z", "2024-03-24T13:00:00", false},
  };
  for (const auto& c : cases) {
    LocalTime local = BerlinTime(std::string(c.utc));
    EXPECT_EQ(local.date_time, c.berlin) << c.utc;
    EXPECT_EQ(local.summer, c.summer) << c.utc;
  }
  EXPECT_EQ(BerlinTime(std::string("2026-03-15")).date_time, "2026-03-15") << "a date stays";
  EXPECT_EQ(BerlinTime(std::string("never")).date_time, "never");
}

TEST(BerlinTime, PagesDateAndTimeMomentsByBerlinsClockAndNameTheZone) {
  EXPECT_EQ(FormatDateTime(Language::kGerman, "2026-07-01T08:15:00Z"), "01.07.2026, 10:15 MESZ");
  EXPECT_EQ(FormatDateTime(Language::kEnglish, "2026-07-01T08:15:00Z"), "1 July 2026, 10:15 CEST");
  EXPECT_EQ(FormatDateTime(Language::kGerman, "2026-12-02T23:30:00Z"), "03.12.2026, 00:30 MEZ");
  EXPECT_EQ(FormatDateTime(Language::kEnglish, "2026-12-02T23:30:00Z"),
            "3 December 2026, 00:30 CET");
  EXPECT_EQ(FormatDate(Language::kGerman, "2026-12-02T23:30:00Z"), "03.12.2026");
  EXPECT_EQ(FormatLongDate(Language::kGerman, "2026-12-02T23:30:00Z"), "3. Dezember 2026");
  // Validity starts at midnight UTC: the same day in Berlin.
  EXPECT_EQ(FormatDate(Language::kGerman, "2028-10-02T00:00:00Z"), "02.10.2028");
  EXPECT_EQ(FormatDate(Language::kEnglish, "2026-03-15"), "15 March 2026");
}

}  // namespace
}  // namespace siegel::web
