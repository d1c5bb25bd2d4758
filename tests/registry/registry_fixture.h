// A registry with one initiative, four eyes off (one person signs, through Issue) and a clock
// the test moves; and a verification with only what the registry publishes.
#pragma once

#include "credential/verifier.h"
#include "registry/registry.h"
#include "tests/registry/issuance_from_registry.h"
#include "tests/test_support.h"

namespace siegel {

inline const Actor kStaff{"test:staff"};

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    InitOptions options;
    options.four_eyes = false;  // one person signs, through Issue
    options.base_url = "https://labels.example.org";
    options.clock_for_testing = [this] { return now_; };
    auto created = Registry::Create(dir_.path() / "data", options);
    ASSERT_TRUE(created.ok()) << created.message();
    registry_ = std::move(created).value();
    Initiative initiative;
    initiative.slug = "microtec-suedwest";
    initiative.name = "microTEC Südwest";
    initiative.legal_entity = "microTEC Südwest e.V.";
    ASSERT_TRUE(registry_->records().AddInitiative(initiative, kStaff).ok());
  }

  IssueRequest Request(const std::string& slug = "microtec-suedwest") {
    IssueRequest request;
    request.initiative_slug = slug;
    request.assessed_on = "2026-02-10";
    return request;
  }

  // Verifies a certificate with only what the registry publishes.
  VerificationReport VerifyPublished(const std::string& text) {
    return testing::VerifyAsPublished(*registry_, text, now_);
  }

  testing::TempDir dir_;
  std::unique_ptr<Registry> registry_;
  UnixSeconds now_ = *ParseDateTimeStamp("2026-03-01T10:00:00Z");
};

}  // namespace siegel
