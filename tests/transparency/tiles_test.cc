// C2SP tlog-tiles: paths as the specification spells them, the tiles of a tree (its own
// examples), tile contents against the RFC 9162 reference tree, and a tree read back from its
// tiles alone giving the same root as the tree itself.
#include "transparency/tiles.h"

#include <gtest/gtest.h>

#include <map>

#include "base/json_strict.h"
#include "tests/test_support.h"

namespace siegel::tiles {
namespace {

TEST(TilePathTest, IndexesAreThreeDigitElementsWithXOnAllButTheLast) {
  EXPECT_EQ(IndexPath(1234067), "x001/x234/067");  // the specification's example
  EXPECT_EQ(IndexPath(0), "000");
  EXPECT_EQ(IndexPath(999), "999");
  EXPECT_EQ(IndexPath(1000), "x001/000");
  EXPECT_EQ(TilePath({0, 1234067, 256}), "tile/0/x001/x234/067");
  EXPECT_EQ(TilePath({1, 0, 17}), "tile/1/000.p/17");
  EXPECT_EQ(EntriesPath(273, 112), "tile/entries/273.p/112");
  EXPECT_EQ(EntriesPath(5, 256), "tile/entries/005");
}

TEST(TilePathTest, ParsingAcceptsWhatTheSpecificationAllowsAndNothingElse) {
  EXPECT_EQ(ParseTilePath("tile/0/x001/x234/067").value(), (Tile{0, 1234067, 256}));
  EXPECT_EQ(ParseTilePath("tile/2/000.p/1").value(), (Tile{2, 0, 1}));
  EXPECT_EQ(ParseTilePath("tile/entries/273.p/112").value(), (Tile{-1, 273, 112}));
  for (const char* bad :
       {"tile/00/000", "tile/64/000", "tile/0/1", "tile/0/001/002", "tile/0/000.p/0",
        "tile/0/000.p/256", "tile/0/000.p/07", "tiles/0/000", "tile/0/x01/000"}) {
    EXPECT_FALSE(ParseTilePath(bad).ok()) << bad;
  }
}

TEST(TilesOfTest, TheSpecificationsExamples) {
  // "a tree of size 70,000 will be represented by 273 full level 0 tiles, one partial level 0
  // tile of width 112, one full level 1 tile, one partial level 1 tile of width 17, and one
  // partial level 2 tile of width 1."
  std::vector<Tile> tiles = TilesOf(70000);
  ASSERT_EQ(tiles.size(), 273u + 1 + 1 + 1 + 1);
  for (uint64_t n = 0; n < 273; ++n) EXPECT_EQ(tiles[n], (Tile{0, n, 256}));
  EXPECT_EQ(tiles[273], (Tile{0, 273, 112}));
  EXPECT_EQ(tiles[274], (Tile{1, 0, 256}));
  EXPECT_EQ(tiles[275], (Tile{1, 1, 17}));
  EXPECT_EQ(tiles[276], (Tile{2, 0, 1}));
  // "a tree of size 256 will be represented by a full level 0 tile and a partial level 1 tile
  // of width 1."
  EXPECT_EQ(TilesOf(256), (std::vector<Tile>{{0, 0, 256}, {1, 0, 1}}));
  EXPECT_TRUE(TilesOf(0).empty()) << "empty tiles are never served";
}

TEST(TilesOfTest, GrowingWritesOnlyTheNewTilesAndThePartialOnesThatGrew) {
  EXPECT_EQ(TilesAdded(255, 256), (std::vector<Tile>{{0, 0, 256}, {1, 0, 1}}));
  EXPECT_EQ(TilesAdded(256, 257), (std::vector<Tile>{{0, 1, 1}}));
  EXPECT_EQ(TilesAdded(300, 300), (std::vector<Tile>{}));
  EXPECT_EQ(TilesAdded(0, 3), (std::vector<Tile>{{0, 0, 3}}));
}

TEST(TileContentTest, LevelZeroHoldsTheLeafHashesOfTheReferenceTree) {
  Json vector = testing::ReadDataJson("vectors/merkle/rfc9162-reference-tree-8-leaves.json");
  merkle::MemoryTree tree;
  for (const Json& input : vector["leafInputsHex"]) {
    Bytes data = HexDecode(input.get<std::string>()).value();
    tree.Append(merkle::LeafHash(
        std::string_view(reinterpret_cast<const char*>(data.data()), data.size())));
  }
  std::vector<Tile> tiles = TilesOf(8);
  ASSERT_EQ(tiles, (std::vector<Tile>{{0, 0, 8}}));
  Bytes content = TileContent(tiles[0], tree.Nodes()).value();
  std::string expected;
  for (const Json& hash : vector["leafHashes"]) expected += hash.get<std::string>();
  EXPECT_EQ(HexEncode(content), expected);
}

// An independent reading: every node from the tiles alone (a stored hash at each eighth level,
// the levels between hashed up from the tile below), then RFC 9162's root over them.
TEST(TileContentTest, ATreeReadBackFromItsTilesAloneHasTheSameRoot) {
  for (uint64_t size : {1u, 255u, 256u, 257u, 65536u, 70000u}) {
    merkle::MemoryTree tree;
    for (uint64_t i = 0; i < size; ++i) tree.Append(merkle::LeafHash("entry " + std::to_string(i)));
    std::map<std::pair<int, uint64_t>, Bytes> served;
    for (const Tile& tile : TilesOf(size)) {
      Bytes& content = served[std::make_pair(tile.level, tile.index)];
      content = TileContent(tile, tree.Nodes()).value();
      EXPECT_EQ(content.size(), static_cast<size_t>(tile.width) * 32);
    }
    std::function<Result<merkle::Hash>(int, uint64_t)> from_tiles =
        [&](int height, uint64_t index) -> Result<merkle::Hash> {
      if (height % kTileHeight == 0) {
        auto found = served.find({height / kTileHeight, index / kTileWidth});
        if (found == served.end()) return Error::NotFound("no tile");
        size_t at = static_cast<size_t>(index % kTileWidth) * 32;
        if (found->second.size() < at + 32) return Error::NotFound("beyond the tile");
        return merkle::Hash(found->second.begin() + at, found->second.begin() + at + 32);
      }
      auto left = from_tiles(height - 1, 2 * index);
      auto right = from_tiles(height - 1, 2 * index + 1);
      if (!left.ok() || !right.ok()) return Error::NotFound("no children");
      return merkle::NodeHash(*left, *right);
    };
    EXPECT_EQ(merkle::RootOf(size, from_tiles).value(), tree.Root().value()) << size;
  }
}

TEST(EntryBundleTest, LengthPrefixedEntriesRoundTripAndAnOversizedOneIsRefused) {
  std::vector<std::string> entries = {"", "a", std::string(300, 'x'), std::string(65535, 'y')};
  std::string bundle = EntryBundle(entries).value();
  EXPECT_EQ(bundle.substr(0, 5), std::string("\0\0\0\x01"
                                             "a",
                                             5));
  EXPECT_EQ(ReadEntryBundle(bundle).value(), entries);
  EXPECT_FALSE(EntryBundle({std::string(65536, 'z')}).ok());
  EXPECT_FALSE(ReadEntryBundle(bundle.substr(0, bundle.size() - 1)).ok());
  EXPECT_FALSE(ReadEntryBundle(std::string("\x01", 1)).ok());
}

}  // namespace
}  // namespace siegel::tiles
