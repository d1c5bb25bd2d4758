#include "verify/log_client.h"

#include <fstream>
#include <sstream>

#include "transparency/tiles.h"
#include "verify/issuance.h"

namespace siegel::verify {
namespace {

constexpr uint64_t kPage = 1000;

}  // namespace

bool StatusMatchesLastEvent(const std::string& last_event, const std::string& status) {
  if (last_event == "revoked") return status == "revoked";
  if (last_event == "suspended") return status == "suspended";
  return status == "valid" || status == "expired" || status == "not_yet_valid";
}

Result<note::Verifier> LoadLogKey(const std::string& key_or_file) {
  if (key_or_file.find('+') != std::string::npos) return note::Verifier::Parse(key_or_file);
  std::ifstream in(key_or_file);
  if (!in) {
    return Error::InvalidInput("--log-key: " + key_or_file +
                               " is neither a verifier key (NAME+ID+KEY) nor a readable file");
  }
  std::string line;
  std::getline(in, line);
  return note::Verifier::Parse(line);
}

Result<Json> LogClient::GetJson(const std::string& path) {
  auto text = fetcher_.Fetch(base_url_ + path);
  if (!text.ok()) return text.error();
  auto json = ParseStrictJson(*text, {16 << 20, 16});
  if (!json.ok()) return Error::Refused(base_url_ + path + " is not JSON: " + json.message());
  return json;
}

Result<SignedHead> LogClient::OpenHead(const std::string& signed_note) const {
  auto checkpoint = note::OpenCheckpoint(signed_note, key_);
  if (!checkpoint.ok()) return Error::Refused("checkpoint: " + checkpoint.message());
  return SignedHead{std::move(checkpoint).value(), signed_note};
}

Result<SignedHead> LogClient::Checkpoint() {
  auto text = fetcher_.Fetch(base_url_ + "/log/checkpoint");
  if (!text.ok()) return text.error();
  auto head = OpenHead(*text);
  if (head.ok()) newest_size_ = std::max(newest_size_, head->checkpoint.size);
  return head;
}

Result<std::string> LogClient::Tile(int level, uint64_t index, uint64_t tree_size) {
  // The tile's width in a tree of `tree_size` leaves: full, or the partial rest.
  uint64_t below = tree_size;
  for (int l = 0; l < level; ++l) below /= tiles::kTileWidth;
  const uint64_t width =
      std::min<uint64_t>(tiles::kTileWidth, below - std::min(below, index * tiles::kTileWidth));
  if (width == 0) return Error::Refused("the log has no tile " + std::to_string(index));
  const std::string path = level < 0
                               ? "/log/" + tiles::EntriesPath(index, static_cast<int>(width))
                               : "/log/" + tiles::TilePath({level, index, static_cast<int>(width)});
  auto cached = tiles_.find(path);
  if (cached != tiles_.end()) return cached->second;
  auto text = fetcher_.Fetch(base_url_ + path);
  if (!text.ok()) return text.error();
  if (level >= 0 && text->size() != width * 32) {
    return Error::Refused(base_url_ + path + " is not a tile of " + std::to_string(width) +
                          " hashes");
  }
  return tiles_.emplace(path, std::move(text).value()).first->second;
}

Result<std::vector<std::string>> LogClient::LeavesFromTiles(uint64_t start, uint64_t end) {
  reads_tiles_ = true;
  std::vector<std::string> leaves;
  const uint64_t size = std::max(newest_size_, end);
  for (uint64_t at = start; at < end;) {
    const uint64_t index = at / tiles::kTileWidth;
    auto bundle = Tile(-1, index, size);
    if (!bundle.ok()) return bundle.error();
    auto entries = tiles::ReadEntryBundle(*bundle);
    if (!entries.ok())
      return Error::Refused("entry bundle " + std::to_string(index) + ": " + entries.message());
    for (uint64_t i = at - index * tiles::kTileWidth; i < entries->size() && at < end; ++i, ++at) {
      leaves.push_back((*entries)[i]);
    }
    if (at < end && at < (index + 1) * tiles::kTileWidth) {
      return Error::Refused("entry bundle " + std::to_string(index) + " is short");
    }
  }
  return leaves;
}

Result<std::vector<merkle::Hash>> LogClient::ConsistencyFromTiles(uint64_t from, uint64_t to) {
  reads_tiles_ = true;
  // A perfect subtree's hash: from the tile level at or below it, combined upwards. Whatever
  // a tile says is only believed through the proof it gives, which the caller checks against
  // both signed checkpoints.
  merkle::NodeSource nodes = [this, to](int level, uint64_t index) -> Result<merkle::Hash> {
    const int tile_level = level / tiles::kTileHeight;
    const int above = level % tiles::kTileHeight;
    const uint64_t first = index << above, count = uint64_t{1} << above;
    std::vector<merkle::Hash> hashes;
    for (uint64_t n = first; n < first + count; ++n) {
      auto tile = Tile(tile_level, n / tiles::kTileWidth, to);
      if (!tile.ok()) return tile.error();
      const uint64_t at = (n % tiles::kTileWidth) * 32;
      if (at + 32 > tile->size()) return Error::Refused("a tile is shorter than the tree needs");
      hashes.emplace_back(tile->begin() + at, tile->begin() + at + 32);
    }
    while (hashes.size() > 1) {
      std::vector<merkle::Hash> up;
      for (size_t i = 0; i + 1 < hashes.size(); i += 2) {
        up.push_back(merkle::NodeHash(hashes[i], hashes[i + 1]));
      }
      hashes = std::move(up);
    }
    return hashes.front();
  };
  return merkle::ConsistencyProof(from, to, nodes);
}

Result<std::vector<std::string>> LogClient::Leaves(uint64_t start, uint64_t end) {
  std::vector<std::string> leaves;
  while (start < end) {
    uint64_t until = std::min(end, start + kPage);
    auto page =
        GetJson("/log/entries?start=" + std::to_string(start) + "&end=" + std::to_string(until));
    if (!page.ok() && page.error().code == ErrorCode::kNotFound && leaves.empty()) {
      return LeavesFromTiles(start, end);  // no API here: a static mirror
    }
    if (!page.ok()) return page.error();
    const Json& entries = (*page)["entries"];
    if (!entries.is_array() || entries.empty()) {
      return Error::Refused("the log returned no entries from " + std::to_string(start));
    }
    for (const Json& entry : entries) {
      if (!entry.is_object() || entry.value("index", uint64_t{0}) != start ||
          !entry["leaf"].is_string()) {
        return Error::Refused("the log returned entry " +
                              (entry.is_object() && entry.contains("index") ? entry["index"].dump()
                                                                            : std::string("?")) +
                              " where " + std::to_string(start) + " was due");
      }
      leaves.push_back(entry["leaf"].get<std::string>());
      if (++start == until) break;
    }
  }
  return leaves;
}

Result<std::vector<merkle::Hash>> DecodeHashes(const Json& list) {
  if (!list.is_array()) return Error::Refused("a proof is not a list of hashes");
  std::vector<merkle::Hash> hashes;
  for (const Json& h : list) {
    auto bytes = h.is_string() ? Base64Decode(h.get<std::string>())
                               : Result<Bytes>(Error::Refused("not a string"));
    if (!bytes.ok() || bytes->size() != 32) return Error::Refused("a proof hash is malformed");
    hashes.push_back(std::move(bytes).value());
  }
  return hashes;
}

Result<std::vector<merkle::Hash>> LogClient::ConsistencyProof(uint64_t from, uint64_t to) {
  auto proof =
      GetJson("/log/proof/consistency?from=" + std::to_string(from) + "&to=" + std::to_string(to));
  if (!proof.ok() && proof.error().code == ErrorCode::kNotFound) {
    return ConsistencyFromTiles(from, to);  // no API here: a static mirror
  }
  if (!proof.ok()) return proof.error();
  return DecodeHashes((*proof)["proof"]);
}

LogVerdict CheckCredentialInLog(LogClient& client, DocumentFetcher& fetcher,
                                const std::string& base_url, const std::string& certificate_id,
                                const std::string& credential_sha256, const std::string& jws_sha256,
                                const std::string& state) {
  LogVerdict verdict;
  auto events =
      CertificateLogEvents(fetcher, base_url, certificate_id, &client.key(), &verdict.tree_size);
  if (!events.ok()) {
    verdict.detail =
        events.error().code == ErrorCode::kNotFound
            ? "the registry has no log entries for this certificate"
            : "the certificate's log entries could not be checked: " + events.message();
    return verdict;
  }
  bool issuance_found = false;
  std::string last_event;
  for (const LogEvent& event : *events) {
    if (event.event == "issued" &&
        ((!credential_sha256.empty() && event.credential_sha256 == credential_sha256) ||
         (!jws_sha256.empty() && event.jws_sha256 == jws_sha256))) {
      issuance_found = true;
    }
    last_event = event.event;
    ++verdict.entries;
  }
  if (!issuance_found) {
    verdict.detail = "no log entry records the issuance of this exact credential";
    return verdict;
  }
  // A state the lists could not give (unknown, invalid) has nothing to compare.
  bool compared = state != "unknown" && state != "invalid" && !state.empty();
  if (compared && !StatusMatchesLastEvent(last_event, state)) {
    verdict.detail =
        "the log's last event is '" + last_event + "' but the status lists say " + state;
    return verdict;
  }
  verdict.ok = true;
  return verdict;
}

}  // namespace siegel::verify
