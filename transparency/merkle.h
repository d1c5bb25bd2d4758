// RFC 9162 §2.1 Merkle trees over SHA-256: leaf and node hashes, tree heads, inclusion and
// consistency proofs, and their verification. Proof generation reads the hashes of perfect
// subtrees from a NodeSource, so the same code serves an in-memory tree and the database.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "base/encoding.h"
#include "base/result.h"

namespace siegel::merkle {

using Hash = Bytes;  // always 32 bytes

Hash LeafHash(std::string_view leaf_data);           // SHA-256(0x00 ‖ data)
Hash NodeHash(const Hash& left, const Hash& right);  // SHA-256(0x01 ‖ left ‖ right)
Hash EmptyRoot();                                    // SHA-256("")

// The hash of the perfect subtree at `level` covering leaves [index·2^level, (index+1)·2^level).
using NodeSource = std::function<Result<Hash>(int level, uint64_t index)>;

// Stores the new perfect-subtree hashes that leaf number `index` completes: the leaf itself at
// level 0, then each parent whose right child it closes. `get` reads earlier nodes.
using NodeSink = std::function<void(int level, uint64_t index, const Hash& hash)>;
Status AppendLeaf(uint64_t index, const Hash& leaf_hash, const NodeSource& get,
                  const NodeSink& put);

Result<Hash> RootOf(uint64_t size, const NodeSource& nodes);
Result<std::vector<Hash>> InclusionProof(uint64_t index, uint64_t size, const NodeSource& nodes);
Result<std::vector<Hash>> ConsistencyProof(uint64_t from, uint64_t to, const NodeSource& nodes);

// §2.1.3.2 and §2.1.4.2, with transparency-dev's edge rules: every hash 32 bytes, index below
// size, consistency from 0 refused, equal sizes need an empty proof and equal roots.
Status VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf_hash,
                       const std::vector<Hash>& proof, const Hash& root);
Status VerifyConsistency(uint64_t from, uint64_t to, const Hash& from_root, const Hash& to_root,
                         const std::vector<Hash>& proof);

// A whole tree in memory: for tests, benchmarks and the monitor's replay.
class MemoryTree {
 public:
  void Append(const Hash& leaf_hash);
  uint64_t size() const { return levels_.empty() ? 0 : levels_[0].size(); }
  NodeSource Nodes() const;
  Result<Hash> Root() const { return RootOf(size(), Nodes()); }

 private:
  std::vector<std::vector<Hash>> levels_;
};

}  // namespace siegel::merkle
