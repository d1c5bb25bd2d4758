// Field validation: what passes, what is refused and how the refusal reads.
#include "registry/validation.h"

#include <gtest/gtest.h>

namespace siegel {
namespace {

TEST(Validation, Slugs) {
  for (const char* ok : {"ab", "microtec-suedwest", "a1-b2", "x9"})
    EXPECT_TRUE(ValidateSlug("slug", ok).ok()) << ok;
  for (const char* bad : {"a", "-ab", "ab-", "Ab", "a b", "ä-b", "a_b", ""}) {
    EXPECT_FALSE(ValidateSlug("slug", bad).ok()) << bad;
  }
  EXPECT_FALSE(ValidateSlug("slug", std::string(64, 'a')).ok());
}

TEST(Validation, TextAllowsUnicodeButNotControlCharacters) {
  EXPECT_TRUE(ValidateText("name", "Grüne \"Zukunft\" <b> 🚀", 100, true).ok());
  EXPECT_EQ(ValidateText("name", "", 100, true).message(), "name must not be empty");
  EXPECT_EQ(ValidateText("name", "a\nb", 100, true).message(), "name contains a control character");
  EXPECT_EQ(ValidateText("name", "\xc0\xaf", 100, true).message(), "name is not valid UTF-8 text");
  EXPECT_EQ(ValidateText("name", "abcdef", 5, true).message(), "name is longer than 5 bytes");
  EXPECT_TRUE(ValidateMultilineText("description", "line one\nline two\ttab", 100).ok());
  EXPECT_FALSE(ValidateMultilineText("description", std::string("nul\0byte", 8), 100).ok());
}

TEST(Validation, UrlsAndDates) {
  EXPECT_TRUE(ValidateUrl("website", "").ok());
  EXPECT_TRUE(ValidateUrl("website", "https://www.microtec-suedwest.de/").ok());
  for (const char* bad :
       {"javascript:alert(1)", "ftp://x.org", "https://", "https://a b.de", "//x.org"}) {
    EXPECT_FALSE(ValidateUrl("website", bad).ok()) << bad;
  }
  EXPECT_TRUE(ValidateDate("date", "2026-02-28").ok());
  EXPECT_FALSE(ValidateDate("date", "2026-02-30").ok());
  EXPECT_FALSE(ValidateDate("date", "2026-02-28T00:00:00Z").ok());
}

}  // namespace
}  // namespace siegel
