// When the publication cache reads the generation from SQLite: whenever the change counter
// moved, and at least once a second when it did not (a writer that died between its commit
// and its bump, or could not map the counter).
#include "server/http/publication_cache.h"

#include <SQLiteCpp/Database.h>

#include <thread>

#include "tests/test_support.h"

namespace siegel::testing {
namespace {

TEST(PublicationCache, ReadsTheGenerationWhenTheCounterMovesOrASecondHasPassed) {
  TempDir dir;
  InitOptions options;
  options.base_url = "https://labels.example.org";
  auto writer = Registry::Create(dir.path() / "data", options);
  ASSERT_TRUE(writer.ok()) << writer.message();
  auto reader = Registry::Open(dir.path() / "data");
  ASSERT_TRUE(reader.ok()) << reader.message();
  http::PublicationCache cache;
  auto start = *cache.Refresh((*reader)->public_view());

  // A commit that moves the generation behind the counter's back.
  {
    SQLite::Database db((dir.path() / "data" / "registry.db").string(), SQLite::OPEN_READWRITE);
    db.exec("UPDATE generation SET value = value + 1 WHERE id = 1");
  }
  auto unnoticed_at = std::chrono::steady_clock::now();
  EXPECT_EQ(*cache.Refresh((*reader)->public_view()), start);
  std::this_thread::sleep_until(unnoticed_at + http::PublicationCache::kGenerationRecheck +
                                std::chrono::milliseconds(50));
  EXPECT_EQ(*cache.Refresh((*reader)->public_view()), start + 1);

  // A commit through the registry moves the counter too: seen by the very next request.
  Initiative initiative;
  initiative.slug = "microtec-suedwest";
  initiative.name = "microTEC Südwest";
  initiative.legal_entity = "microTEC Südwest e.V.";
  ASSERT_TRUE((*writer)->records().AddInitiative(initiative, Actor{"test:staff"}).ok());
  EXPECT_EQ(*cache.Refresh((*reader)->public_view()), start + 2);
}

}  // namespace
}  // namespace siegel::testing
