#include "server/publish/log_tiles.h"

#include "transparency/tiles.h"

namespace siegel::publish {

Status PublishLogTiles(Registry& registry, StaticDirectory& directory) {
  auto head = registry.log().Checkpoint();
  if (!head.ok()) {
    return head.error().code == ErrorCode::kNotFound ? Status::Ok() : head.status();
  }
  for (const tiles::Tile& tile : tiles::TilesOf(head->size)) {
    const std::string path = "log/" + tiles::TilePath(tile);
    const bool full = tile.width == tiles::kTileWidth;
    if (full && directory.HasFileOfSize(path, tiles::kTileWidth * 32)) {
      // Immutable once full; its entry bundle was written with it.
      continue;
    }
    auto content = registry.log().Nodes(tile.level * tiles::kTileHeight,
                                        tile.index * tiles::kTileWidth, tile.width);
    if (!content.ok()) return content.error();
    if (Status s = directory.Put(
            path,
            std::string_view(reinterpret_cast<const char*>(content->data()), content->size()));
        !s.ok()) {
      return s;
    }
    if (tile.level != 0) continue;
    uint64_t start = tile.index * tiles::kTileWidth;
    auto entries = registry.log().Entries(start, start + static_cast<uint64_t>(tile.width));
    if (!entries.ok()) return entries.error();
    std::vector<std::string> leaves;
    leaves.reserve(entries->size());
    for (LogEntry& entry : *entries) leaves.push_back(std::move(entry.leaf));
    auto bundle = tiles::EntryBundle(leaves);
    if (!bundle.ok()) return bundle.error();
    if (Status s = directory.Put("log/" + tiles::EntriesPath(tile.index, tile.width), *bundle,
                                 /*precompress=*/true);
        !s.ok()) {
      return s;
    }
  }
  if (Status s = directory.Put("log/checkpoint", head->signed_note); !s.ok()) return s;
  auto key = registry.log().VerifierKey();
  if (!key.ok()) return key.error();
  return directory.Put("log/key", *key + "\n");  // as GET /log/key answers it
}

}  // namespace siegel::publish
