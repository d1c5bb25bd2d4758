#include "transparency/tiles.h"

#include <cstdio>

namespace siegel::tiles {
namespace {

// Leaves (or hashes) a node at tile level `level` covers: 256^level.
uint64_t HashesAtLevel(uint64_t size, int level) {
  for (int i = 0; i < level && size > 0; ++i) size /= kTileWidth;
  return size;
}

bool Digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// A decimal with no leading zeroes ("0" itself allowed), at most `max`.
Result<uint64_t> Decimal(std::string_view text, uint64_t max) {
  if (!Digits(text) || text.size() > 19 || (text.size() > 1 && text[0] == '0')) {
    return Error::InvalidInput("\"" + std::string(text) + "\" is not a decimal number");
  }
  uint64_t value = std::stoull(std::string(text));
  if (value > max) return Error::InvalidInput(std::string(text) + " is out of range");
  return value;
}

}  // namespace

std::string IndexPath(uint64_t index) {
  std::vector<unsigned> groups;
  do {
    groups.push_back(static_cast<unsigned>(index % 1000));
    index /= 1000;
  } while (index > 0);
  std::string out;
  for (size_t i = groups.size(); i-- > 0;) {
    char group[8];
    std::snprintf(group, sizeof group, "%s%03u", i > 0 ? "x" : "", groups[i]);
    out += group;
    if (i > 0) out += '/';
  }
  return out;
}

std::string TilePath(const Tile& tile) {
  std::string path = "tile/" + std::to_string(tile.level) + "/" + IndexPath(tile.index);
  if (tile.width < kTileWidth) path += ".p/" + std::to_string(tile.width);
  return path;
}

std::string EntriesPath(uint64_t index, int width) {
  std::string path = "tile/entries/" + IndexPath(index);
  if (width < kTileWidth) path += ".p/" + std::to_string(width);
  return path;
}

Result<Tile> ParseTilePath(std::string_view path) {
  auto bad = [&](const std::string& why) -> Result<Tile> {
    return Error::InvalidInput("\"" + std::string(path) + "\" is not a tile path: " + why);
  };
  if (path.substr(0, 5) != "tile/") return bad("it does not start with tile/");
  std::string_view rest = path.substr(5);
  size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return bad("no index");
  Tile tile;
  if (rest.substr(0, slash) == "entries") {
    tile.level = -1;  // an entry bundle
  } else {
    auto level = Decimal(rest.substr(0, slash), 63);
    if (!level.ok()) return bad(level.message());
    tile.level = static_cast<int>(*level);
  }
  rest = rest.substr(slash + 1);
  size_t partial = rest.find(".p/");
  std::string_view index = partial == std::string_view::npos ? rest : rest.substr(0, partial);
  if (partial != std::string_view::npos) {
    auto width = Decimal(rest.substr(partial + 3), 255);
    if (!width.ok() || *width == 0) return bad("the width must be 1 to 255");
    tile.width = static_cast<int>(*width);
  }
  uint64_t value = 0;
  size_t start = 0;
  while (true) {
    size_t end = index.find('/', start);
    std::string_view group = index.substr(start, end == std::string_view::npos ? end : end - start);
    bool last = end == std::string_view::npos;
    if (!last) {
      if (group.size() != 4 || group[0] != 'x') return bad("an inner index element needs an x");
      group.remove_prefix(1);
    }
    if (group.size() != 3 || !Digits(group)) return bad("index elements have three digits");
    if (value > (UINT64_MAX - 999) / 1000) return bad("the index is too large");
    value = value * 1000 + static_cast<uint64_t>(std::stoul(std::string(group)));
    if (last) break;
    start = end + 1;
  }
  tile.index = value;
  return tile;
}

std::vector<Tile> TilesOf(uint64_t size) {
  std::vector<Tile> tiles;
  for (int level = 0; level < 64; ++level) {
    uint64_t hashes = HashesAtLevel(size, level);
    if (hashes == 0) break;
    for (uint64_t n = 0; n < hashes / kTileWidth; ++n) tiles.push_back({level, n, kTileWidth});
    if (hashes % kTileWidth != 0) {
      tiles.push_back({level, hashes / kTileWidth, static_cast<int>(hashes % kTileWidth)});
    }
  }
  return tiles;
}

std::vector<Tile> TilesAdded(uint64_t from, uint64_t to) {
  std::vector<Tile> added;
  for (const Tile& tile : TilesOf(to)) {
    // Unchanged: a tile the smaller tree had with the same width.
    uint64_t before = HashesAtLevel(from, tile.level);
    uint64_t first = tile.index * kTileWidth;
    bool had = before >= first + static_cast<uint64_t>(tile.width);
    if (!had) added.push_back(tile);
  }
  return added;
}

Result<Bytes> TileContent(const Tile& tile, const merkle::NodeSource& nodes) {
  if (tile.level < 0 || tile.level > 63 || tile.width < 1 || tile.width > kTileWidth) {
    return Error::InvalidInput("no such tile");
  }
  Bytes out;
  out.reserve(static_cast<size_t>(tile.width) * 32);
  for (int i = 0; i < tile.width; ++i) {
    auto hash = nodes(tile.level * kTileHeight, tile.index * kTileWidth + static_cast<uint64_t>(i));
    if (!hash.ok()) return hash.error();
    out.insert(out.end(), hash->begin(), hash->end());
  }
  return out;
}

Result<std::string> EntryBundle(const std::vector<std::string>& entries) {
  std::string out;
  for (const std::string& entry : entries) {
    if (entry.size() > 0xFFFF) {
      return Error::InvalidInput("a log entry of " + std::to_string(entry.size()) +
                                 " bytes does not fit an entry bundle (at most 65,535)");
    }
    out += static_cast<char>((entry.size() >> 8) & 0xFF);
    out += static_cast<char>(entry.size() & 0xFF);
    out += entry;
  }
  return out;
}

Result<std::vector<std::string>> ReadEntryBundle(std::string_view bundle) {
  std::vector<std::string> entries;
  size_t at = 0;
  while (at < bundle.size()) {
    if (bundle.size() - at < 2) return Error::InvalidInput("the entry bundle ends inside a length");
    size_t length = (static_cast<size_t>(static_cast<unsigned char>(bundle[at])) << 8) |
                    static_cast<unsigned char>(bundle[at + 1]);
    at += 2;
    if (bundle.size() - at < length) {
      return Error::InvalidInput("the entry bundle ends inside an entry");
    }
    entries.emplace_back(bundle.substr(at, length));
    at += length;
  }
  return entries;
}

}  // namespace siegel::tiles
