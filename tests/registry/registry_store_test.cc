// Opening and creating a data directory: the store refuses to overwrite one and says how to
// make one that is missing.
#include "registry/registry_store.h"

#include "tests/registry/registry_fixture.h"

namespace siegel {
namespace {

TEST_F(RegistryTest, CreateRefusesANonEmptyDirectoryAndOpenNamesTheFix) {
  InitOptions options;
  options.four_eyes = false;  // one person signs, through Issue
  options.base_url = "https://labels.example.org";
  auto again = Registry::Create(dir_.path() / "data", options);
  EXPECT_EQ(again.error().code, ErrorCode::kRefused);
  auto missing = Registry::Open(dir_.path() / "nothing-here");
  EXPECT_EQ(missing.message(), "no registry in " + (dir_.path() / "nothing-here").string() +
                                   " (create one with: siegel init --base-url URL --data " +
                                   (dir_.path() / "nothing-here").string() + ")");
  options.base_url = "not a url";
  EXPECT_FALSE(Registry::Create(dir_.path() / "fresh", options).ok());
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "fresh"));
}

}  // namespace
}  // namespace siegel
