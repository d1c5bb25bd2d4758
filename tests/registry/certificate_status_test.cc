// Status precedence and point-in-time evaluation from the history, table-driven.
#include "registry/certificate_status.h"

#include <gtest/gtest.h>

namespace siegel {
namespace {

UnixSeconds T(const char* text) { return *ParseDateOrDateTime(text); }

TEST(CertificateStatus, PrecedenceAndTimeline) {
  Certificate c;
  c.valid_from = "2026-01-01T00:00:00Z";
  c.valid_until = "2028-01-01T00:00:00Z";
  c.issued_at = "2025-12-01T00:00:00Z";
  std::vector<StatusEvent> history = {
      {"X", "issued", "2025-12-01T00:00:00Z", "", "a"},
      {"X", "suspended", "2025-12-15T00:00:00Z", "pre-start review", "a"},
      {"X", "reinstated", "2026-02-01T00:00:00Z", "", "a"},
      {"X", "suspended", "2027-01-01T00:00:00Z", "review", "a"},
      {"X", "revoked", "2027-06-01T00:00:00Z", "fraud", "a"},
  };
  struct Case {
    const char* at;
    CertificateStatus expected;
  } cases[] = {
      {"2025-11-30T23:59:59Z", CertificateStatus::kNotYetIssued},
      {"2025-12-01T00:00:00Z", CertificateStatus::kNotYetValid},  // issued at that instant
      {"2025-12-10", CertificateStatus::kNotYetValid},
      {"2025-12-20", CertificateStatus::kSuspended},  // suspension outranks not-yet-valid
      {"2026-01-15", CertificateStatus::kSuspended},
      {"2026-02-01", CertificateStatus::kValid},  // reinstated at that instant
      {"2026-12-31", CertificateStatus::kValid},
      {"2027-03-01", CertificateStatus::kSuspended},
      {"2027-06-01", CertificateStatus::kRevoked},  // revoked at that instant
      {"2029-01-01", CertificateStatus::kRevoked},  // revocation outranks expiry
  };
  for (const Case& test : cases)
    EXPECT_EQ(StatusAt(c, history, T(test.at)), test.expected) << test.at;
  EXPECT_EQ(StatusAt(c, {}, T("2028-01-01T00:00:00Z")), CertificateStatus::kExpired)
      << "validUntil is exclusive";
  EXPECT_EQ(StatusAt(c, {}, T("2027-12-31T23:59:59Z")), CertificateStatus::kValid);
  EXPECT_EQ(StatusAt(c, {}, T("2026-01-01T00:00:00Z")), CertificateStatus::kValid)
      << "validFrom is inclusive";
  // A validity that began before the registry signed it does not reach back before signing.
  c.issued_at = "2026-03-01T10:00:00Z";
  EXPECT_EQ(StatusAt(c, {}, T("2026-02-15")), CertificateStatus::kNotYetIssued);
  EXPECT_EQ(StatusAt(c, {}, T("2026-03-01T10:00:00Z")), CertificateStatus::kValid);
}

TEST(CertificateStatus, CurrentStatusFromTheRow) {
  Certificate c;
  c.valid_from = "2026-01-01T00:00:00Z";
  c.valid_until = "2028-01-01T00:00:00Z";
  EXPECT_EQ(CurrentStatus(c, T("2026-06-01")), CertificateStatus::kValid);
  c.suspended_at = "2026-05-01T00:00:00Z";
  EXPECT_EQ(CurrentStatus(c, T("2026-06-01")), CertificateStatus::kSuspended);
  c.revoked_at = "2026-05-02T00:00:00Z";
  EXPECT_EQ(CurrentStatus(c, T("2026-06-01")), CertificateStatus::kRevoked);
}

TEST(CertificateStatus, NamesRoundTrip) {
  for (auto s :
       {CertificateStatus::kRevoked, CertificateStatus::kSuspended, CertificateStatus::kNotYetValid,
        CertificateStatus::kExpired, CertificateStatus::kValid}) {
    EXPECT_EQ(ParseStatusName(StatusName(s)), s);
  }
  EXPECT_FALSE(ParseStatusName("active").has_value());
  EXPECT_EQ(StatusName(CertificateStatus::kNotYetIssued), "not_yet_issued");
}

// The certificate an initiative's stable link and badge show, typed out for each case.
TEST(CertificateStatus, TheCurrentCertificateOfAnInitiative) {
  auto make = [](const char* id, const char* from, const char* until, const char* revoked = "",
                 const char* suspended = "") {
    Certificate c;
    c.id = id;
    c.valid_from = from;
    c.valid_until = until;
    c.revoked_at = revoked;
    c.suspended_at = suspended;
    return c;
  };
  const Certificate first = make("A", "2024-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
  const Certificate renewal = make("B", "2026-01-01T00:00:00Z", "2028-01-01T00:00:00Z");
  const Certificate early = make("C", "2027-06-01T00:00:00Z", "2029-06-01T00:00:00Z");
  Certificate same_day = make("D", "2024-01-01T00:00:00Z", "2027-01-01T00:00:00Z");
  same_day.supersedes = "A";
  const struct {
    const char* name;
    std::vector<Certificate> certificates;
    const char* at;
    const char* expected;  // "" for none
  } cases[] = {
      {"none", {}, "2026-06-01", ""},
      {"the valid one", {first, renewal}, "2025-06-01", "A"},
      {"the renewal once it begins", {first, renewal}, "2026-01-01T00:00:00Z", "B"},
      {"the valid one, not a renewal that has not begun", {renewal, early}, "2027-01-01", "B"},
      {"the renewal after the first ended", {renewal, early}, "2028-02-01", "C"},
      {"the latest to have begun when none is valid", {first, renewal}, "2029-01-01", "B"},
      {"the next to begin when none has", {renewal, early}, "2025-01-01", "B"},
      {"a suspended one before an expired one",
       {first,
        make("S", "2026-01-01T00:00:00Z", "2028-01-01T00:00:00Z", "", "2026-03-01T00:00:00Z")},
       "2026-06-01",
       "S"},
      {"a revoked one says so, not the older expired one",
       {first, make("R", "2026-01-01T00:00:00Z", "2028-01-01T00:00:00Z", "2026-03-01T00:00:00Z")},
       "2026-06-01",
       "R"},
      // Renewed from the same day on: the renewal, whichever order the records come in.
      {"a renewal that begins with the one it renews", {first, same_day}, "2025-06-01", "D"},
      {"the same, listed the other way round", {same_day, first}, "2025-06-01", "D"},
      {"a valid one before a revoked one",
       {make("R", "2026-01-01T00:00:00Z", "2028-01-01T00:00:00Z", "2026-03-01T00:00:00Z"),
        make("V", "2026-04-01T00:00:00Z", "2028-04-01T00:00:00Z")},
       "2026-06-01",
       "V"},
  };
  for (const auto& c : cases) {
    const Certificate* current = CurrentCertificate(c.certificates, T(c.at));
    EXPECT_EQ(current ? current->id : std::string(), c.expected) << c.name;
  }
}

}  // namespace
}  // namespace siegel
