// C2SP tlog-tiles: the transparency log as static files that any web server, object store or
// CDN can serve. The Merkle tree is cut into tiles of 256 consecutive hashes at every eighth
// level (level 0: leaf hashes; level l: hashes of the perfect subtrees of 256^l leaves), the
// rightmost tile of each level partial; the leaves themselves go into entry bundles of the same
// width. Pure layout and encoding: the hashes come from a NodeSource (merkle.h), the files are
// written elsewhere.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/encoding.h"
#include "base/result.h"
#include "transparency/merkle.h"

namespace siegel::tiles {

inline constexpr int kTileHeight = 8;
inline constexpr int kTileWidth = 256;  // hashes (or entries) in a full tile

struct Tile {
  int level = 0;           // 0..63 (ParseTilePath: -1 for an entry bundle)
  uint64_t index = 0;      // within the level
  int width = kTileWidth;  // 1..256; below 256 the tile is partial
  bool operator==(const Tile& other) const {
    return level == other.level && index == other.index && width == other.width;
  }
};

// 1234067 -> "x001/x234/067": zero-padded 3-digit path elements, all but the last with 'x'.
std::string IndexPath(uint64_t index);
// "tile/<L>/<N>[.p/<W>]" and "tile/entries/<N>[.p/<W>]", relative to the log's prefix.
std::string TilePath(const Tile& tile);
std::string EntriesPath(uint64_t index, int width);
// The other way, for a verifier reading a mirror: refuses anything the specification does not
// allow (leading zeroes, a width of 0 or 256 after .p/, a level above 63).
Result<Tile> ParseTilePath(std::string_view path);

// Every tile a tree of `size` leaves is served as, level by level, each level's full tiles
// first and its partial one (if any) last. Entry bundles follow the level-0 tiles.
std::vector<Tile> TilesOf(uint64_t size);
// The tiles that change when the tree grows from `from` to `to` leaves: the new ones and the
// partial ones that grew (what an incremental publication writes).
std::vector<Tile> TilesAdded(uint64_t from, uint64_t to);

// The tile's bytes: its `width` hashes, 32 bytes each, read from `nodes`.
Result<Bytes> TileContent(const Tile& tile, const merkle::NodeSource& nodes);

// An entry bundle: each entry as a big-endian uint16 length and its bytes. An entry longer
// than 65,535 bytes cannot be bundled.
Result<std::string> EntryBundle(const std::vector<std::string>& entries);
Result<std::vector<std::string>> ReadEntryBundle(std::string_view bundle);

}  // namespace siegel::tiles
