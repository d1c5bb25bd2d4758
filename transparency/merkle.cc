#include "transparency/merkle.h"

#include "credential/sha256.h"

namespace siegel::merkle {
namespace {

bool IsPowerOfTwo(uint64_t n) { return n != 0 && (n & (n - 1)) == 0; }

// The k of RFC 9162: the largest power of two smaller than n (n > 1).
uint64_t SplitPoint(uint64_t n) { return uint64_t{1} << (63 - __builtin_clzll(n - 1)); }

int Log2(uint64_t power_of_two) { return __builtin_ctzll(power_of_two); }

// MTH(D[start:start+n]). Every range the proofs ask for starts at a multiple of the largest
// power of two it contains, so its left part is always one stored perfect subtree.
Result<Hash> RangeHash(uint64_t start, uint64_t n, const NodeSource& nodes) {
  if (IsPowerOfTwo(n) && start % n == 0) return nodes(Log2(n), start >> Log2(n));
  uint64_t k = SplitPoint(n);
  auto left = RangeHash(start, k, nodes);
  if (!left.ok()) return left;
  auto right = RangeHash(start + k, n - k, nodes);
  if (!right.ok()) return right;
  return NodeHash(*left, *right);
}

// PATH(m, D[start:start+n]) of §2.1.3.1, leaf-first.
Status AppendPath(uint64_t m, uint64_t start, uint64_t n, const NodeSource& nodes,
                  std::vector<Hash>& path) {
  if (n == 1) return Status::Ok();
  uint64_t k = SplitPoint(n);
  Result<Hash> sibling = Error::Internal("unset");
  if (m < k) {
    if (Status s = AppendPath(m, start, k, nodes, path); !s.ok()) return s;
    sibling = RangeHash(start + k, n - k, nodes);
  } else {
    if (Status s = AppendPath(m - k, start + k, n - k, nodes, path); !s.ok()) return s;
    sibling = RangeHash(start, k, nodes);
  }
  if (!sibling.ok()) return sibling.error();
  path.push_back(*sibling);
  return Status::Ok();
}

// SUBPROOF(m, D[start:start+n], b) of §2.1.4.1.
Status AppendSubproof(uint64_t m, uint64_t start, uint64_t n, bool complete,
                      const NodeSource& nodes, std::vector<Hash>& proof) {
  if (m == n) {
    if (complete) return Status::Ok();
    auto whole = RangeHash(start, n, nodes);
    if (!whole.ok()) return whole.error();
    proof.push_back(*whole);
    return Status::Ok();
  }
  uint64_t k = SplitPoint(n);
  Result<Hash> sibling = Error::Internal("unset");
  if (m <= k) {
    if (Status s = AppendSubproof(m, start, k, complete, nodes, proof); !s.ok()) return s;
    sibling = RangeHash(start + k, n - k, nodes);
  } else {
    if (Status s = AppendSubproof(m - k, start + k, n - k, false, nodes, proof); !s.ok()) return s;
    sibling = RangeHash(start, k, nodes);
  }
  if (!sibling.ok()) return sibling.error();
  proof.push_back(*sibling);
  return Status::Ok();
}

Hash Concat(uint8_t prefix, const Hash& a, const Hash& b) {
  Bytes data;
  data.reserve(1 + a.size() + b.size());
  data.push_back(prefix);
  data.insert(data.end(), a.begin(), a.end());
  data.insert(data.end(), b.begin(), b.end());
  return Sha256(data);
}

bool AllHashes(const std::vector<Hash>& hashes) {
  for (const Hash& h : hashes) {
    if (h.size() != 32) return false;
  }
  return true;
}

}  // namespace

Hash LeafHash(std::string_view leaf_data) {
  std::string data;
  data.reserve(1 + leaf_data.size());
  data.push_back('\0');
  data.append(leaf_data);
  return Sha256(std::string_view(data));
}

Hash NodeHash(const Hash& left, const Hash& right) { return Concat(0x01, left, right); }

Hash EmptyRoot() { return Sha256(std::string_view()); }

Status AppendLeaf(uint64_t index, const Hash& leaf_hash, const NodeSource& get,
                  const NodeSink& put) {
  put(0, index, leaf_hash);
  Hash hash = leaf_hash;
  int level = 0;
  for (uint64_t i = index; i & 1; i >>= 1) {
    auto left = get(level, i - 1);
    if (!left.ok()) return left.error();
    hash = NodeHash(*left, hash);
    ++level;
    put(level, i >> 1, hash);
  }
  return Status::Ok();
}

Result<Hash> RootOf(uint64_t size, const NodeSource& nodes) {
  if (size == 0) return EmptyRoot();
  return RangeHash(0, size, nodes);
}

Result<std::vector<Hash>> InclusionProof(uint64_t index, uint64_t size, const NodeSource& nodes) {
  if (index >= size) {
    return Error::InvalidInput("leaf " + std::to_string(index) + " is not in a tree of size " +
                               std::to_string(size));
  }
  std::vector<Hash> path;
  if (Status s = AppendPath(index, 0, size, nodes, path); !s.ok()) return s.error();
  return path;
}

Result<std::vector<Hash>> ConsistencyProof(uint64_t from, uint64_t to, const NodeSource& nodes) {
  if (from == 0 || from > to) {
    return Error::InvalidInput("a consistency proof needs 0 < from <= to (got from " +
                               std::to_string(from) + ", to " + std::to_string(to) + ")");
  }
  std::vector<Hash> proof;
  if (from == to) return proof;
  if (Status s = AppendSubproof(from, 0, to, true, nodes, proof); !s.ok()) return s.error();
  return proof;
}

Status VerifyInclusion(uint64_t index, uint64_t size, const Hash& leaf_hash,
                       const std::vector<Hash>& proof, const Hash& root) {
  if (index >= size) return Error::Refused("the leaf index is not below the tree size");
  if (leaf_hash.size() != 32 || root.size() != 32 || !AllHashes(proof)) {
    return Error::Refused("a hash in the inclusion proof is not 32 bytes long");
  }
  uint64_t fn = index, sn = size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : proof) {
    if (sn == 0) return Error::Refused("the inclusion proof is longer than the tree is deep");
    if ((fn & 1) || fn == sn) {
      r = NodeHash(p, r);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Error::Refused("the inclusion proof is shorter than the tree is deep");
  if (r != root) return Error::Refused("the inclusion proof does not lead to the tree head");
  return Status::Ok();
}

Status VerifyConsistency(uint64_t from, uint64_t to, const Hash& from_root, const Hash& to_root,
                         const std::vector<Hash>& proof) {
  if (from == 0) return Error::Refused("consistency from an empty tree is not defined");
  if (from > to) return Error::Refused("the older tree is larger than the newer one");
  if (from == to) {  // as transparency-dev decides: the roots are compared, whatever their length
    if (!proof.empty()) return Error::Refused("trees of equal size need an empty proof");
    if (from_root != to_root) return Error::Refused("two different heads for the same tree size");
    return Status::Ok();
  }
  if (from_root.size() != 32 || to_root.size() != 32 || !AllHashes(proof)) {
    return Error::Refused("a hash in the consistency proof is not 32 bytes long");
  }
  if (proof.empty()) return Error::Refused("the consistency proof is empty");
  std::vector<Hash> path;
  if (IsPowerOfTwo(from)) path.push_back(from_root);
  path.insert(path.end(), proof.begin(), proof.end());
  uint64_t fn = from - 1, sn = to - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0], sr = path[0];
  for (size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return Error::Refused("the consistency proof is longer than needed");
    if ((fn & 1) || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return Error::Refused("the consistency proof is shorter than needed");
  if (fr != from_root)
    return Error::Refused("the consistency proof does not lead to the older head");
  if (sr != to_root) return Error::Refused("the consistency proof does not lead to the newer head");
  return Status::Ok();
}

void MemoryTree::Append(const Hash& leaf_hash) {
  uint64_t index = size();
  Status s = AppendLeaf(index, leaf_hash, Nodes(), [this](int level, uint64_t i, const Hash& hash) {
    if (levels_.size() <= static_cast<size_t>(level)) levels_.resize(level + 1);
    auto& row = levels_[level];
    if (row.size() <= i) row.resize(i + 1);
    row[i] = hash;
  });
  (void)s;  // every left sibling exists in a tree built by Append
}

NodeSource MemoryTree::Nodes() const {
  return [this](int level, uint64_t index) -> Result<Hash> {
    if (static_cast<size_t>(level) >= levels_.size() || index >= levels_[level].size()) {
      return Error::Internal("no node at level " + std::to_string(level) + ", index " +
                             std::to_string(index));
    }
    return levels_[level][index];
  };
}

}  // namespace siegel::merkle
