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

// did:web names an issuer by domain name and is resolved over HTTPS: a registry at an address
// no standard resolver can resolve is refused, and nothing is written, unless allowed on purpose.
TEST(RegistryCreateTest, RefusesABaseUrlNoDidWebResolverCanResolve) {
  struct Case {
    const char* base_url;
    const char* reason;  // part of the message; empty when the address is fine
  };
  const Case cases[] = {
      {"http://labels.example.org", "over HTTPS only"},
      {"http://labels.example.org:8080/bw", "over HTTPS only"},
      {"https://192.0.2.10", "IP address 192.0.2.10"},
      {"https://127.0.0.1:8443", "IP address 127.0.0.1"},
      {"http://127.0.0.1:8080", "IP address 127.0.0.1"},
      {"https://localhost:8443", "only this machine can reach"},
      {"https://siegel.LOCALHOST", "only this machine can reach"},
      {"https://labels.example.org", ""},
      {"https://labels.example.org:8443/bw/", ""},
      {"https://10.example.org", ""},
      {"https://bw.de", ""},
  };
  for (const Case& c : cases) {
    testing::TempDir dir;
    InitOptions options;
    options.base_url = c.base_url;
    auto created = Registry::Create(dir.path() / "data", options);
    if (*c.reason == '\0') {
      EXPECT_TRUE(created.ok()) << c.base_url << ": " << created.message();
      continue;
    }
    ASSERT_FALSE(created.ok()) << c.base_url;
    EXPECT_EQ(created.error().code, ErrorCode::kInvalidInput) << c.base_url;
    EXPECT_NE(created.message().find(c.reason), std::string::npos) << created.message();
    EXPECT_NE(created.message().find("did:web"), std::string::npos) << created.message();
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "data")) << c.base_url;
    options.allow_insecure_base_url = true;
    auto allowed = Registry::Create(dir.path() / "data", options);
    EXPECT_TRUE(allowed.ok()) << c.base_url << ": " << allowed.message();
  }
}

}  // namespace
}  // namespace siegel
