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
  EXPECT_EQ(ValidateText("name",
                         "a\xc2\x85"
                         "z",
                         100, true)
                .message(),  // U+0085, a C1 control
            "name contains a control character");
}

TEST(Validation, DirectionControlsAreRefusedInEveryTextField) {
  const std::string refused =
      " contains a character that reverses or isolates the direction of text (such as U+202E), "
      "which would make it read differently from what it says";
  // U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069
  for (const char* control : {"\xd8\x9c", "\xe2\x80\x8e", "\xe2\x80\x8f", "\xe2\x80\xaa",
                              "\xe2\x80\xab", "\xe2\x80\xac", "\xe2\x80\xad", "\xe2\x80\xae",
                              "\xe2\x81\xa6", "\xe2\x81\xa7", "\xe2\x81\xa8", "\xe2\x81\xa9"}) {
    std::string name = std::string("Cluster ") + control + "lausnegnuK";
    EXPECT_EQ(ValidateText("name", name, 100, true).message(), "name" + refused) << name;
    EXPECT_EQ(ValidateMultilineText("description", name, 100).message(), "description" + refused);
  }
  // Their neighbours are ordinary text: U+200D (a joiner in emoji), U+2070, Arabic U+061B.
  for (const char* text : {"\xe2\x80\x8d", "\xe2\x81\xb0", "\xd8\x9b", "\xe2\x80\x94"}) {
    EXPECT_TRUE(ValidateText("name", std::string("a") + text, 100, true).ok()) << text;
  }
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
