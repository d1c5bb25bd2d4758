// The registry's change counter (registry/change_signal.h): shared by every process that
// maps it, moved by exactly the commits that move the generation.
#include "registry/change_signal.h"

#include <SQLiteCpp/Database.h>

#include "registry/registry.h"
#include "tests/test_support.h"

namespace siegel {
namespace {

TEST(ChangeSignal, ABumpIsSeenThroughEveryMappingOfTheFile) {
  testing::TempDir dir;
  auto first = ChangeSignal::Open(dir.path());
  auto second = ChangeSignal::Open(dir.path());
  ASSERT_TRUE(first.ok()) << first.message();
  ASSERT_TRUE(second.ok()) << second.message();
  uint64_t start = (*first)->Read();
  (*first)->Bump();
  (*first)->Bump();
  EXPECT_EQ((*second)->Read(), start + 2);
  // Opening it again keeps the count.
  auto third = ChangeSignal::Open(dir.path());
  ASSERT_TRUE(third.ok());
  EXPECT_EQ((*third)->Read(), start + 2);
}

TEST(ChangeSignal, AFileThatCannotBeCreatedIsAnErrorNamingIt) {
  testing::TempDir dir;
  auto signal = ChangeSignal::Open(dir.path() / "missing" / "directory");
  ASSERT_FALSE(signal.ok());
  EXPECT_NE(signal.message().find("registry.changes"), std::string::npos) << signal.message();
}

TEST(ChangeSignal, PublicChangesMoveItAndStaffOnlyChangesDoNot) {
  testing::TempDir dir;
  InitOptions options;
  options.base_url = "https://labels.example.org";
  auto writer = Registry::Create(dir.path() / "data", options);
  ASSERT_TRUE(writer.ok()) << writer.message();
  auto reader = Registry::Open(dir.path() / "data");  // another process, in effect
  ASSERT_TRUE(reader.ok()) << reader.message();
  ASSERT_TRUE((*reader)->store().ChangeCount().has_value());

  uint64_t before = *(*reader)->store().ChangeCount();
  int64_t generation_before = *(*reader)->store().Generation();
  Initiative initiative;
  initiative.slug = "microtec-suedwest";
  initiative.name = "microTEC Südwest";
  initiative.legal_entity = "microTEC Südwest e.V.";
  ASSERT_TRUE((*writer)->records().AddInitiative(initiative, Actor{"test:staff"}).ok());
  EXPECT_EQ(*(*reader)->store().ChangeCount(), before + 1);
  EXPECT_EQ(*(*reader)->store().Generation(), generation_before + 1);

  StaffUser user;
  user.username = "anna";
  user.display_name = "Anna Example";
  ASSERT_TRUE(
      (*writer)->accounts().AddUser(user, "a long enough password 2026", Actor{"test:cli"}).ok());
  EXPECT_EQ(*(*reader)->store().ChangeCount(), before + 1);
  EXPECT_EQ(*(*reader)->store().Generation(), generation_before + 1);

  // A refused change commits nothing and moves nothing.
  EXPECT_FALSE((*writer)->records().AddInitiative(initiative, Actor{"test:staff"}).ok());
  EXPECT_EQ(*(*reader)->store().ChangeCount(), before + 1);
}

}  // namespace
}  // namespace siegel
