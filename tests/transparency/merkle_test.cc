// RFC 9162 Merkle trees against the reference tree of RFC 6962's eight test leaves and the
// 196 transparency-dev verification probes.
#include "transparency/merkle.h"

#include "tests/test_support.h"

namespace siegel::merkle {
namespace {

using siegel::testing::ReadDataJson;

Hash FromHex(const Json& hex) { return HexDecode(hex.get<std::string>()).value(); }

std::vector<Hash> HexList(const Json& list) {
  std::vector<Hash> hashes;
  for (const Json& h : list) hashes.push_back(FromHex(h));
  return hashes;
}

// Probes carry standard base64, some deliberately of the wrong length.
Hash FromBase64(const Json& text) {
  if (text.is_null()) return {};
  auto bytes = Base64Decode(text.get<std::string>());
  return bytes.ok() ? *bytes : ToBytes(text.get<std::string>());
}

std::vector<Hash> Base64List(const Json& list) {
  std::vector<Hash> hashes;
  if (list.is_null()) return hashes;
  for (const Json& h : list) hashes.push_back(FromBase64(h));
  return hashes;
}

class ReferenceTree : public ::testing::Test {
 protected:
  void SetUp() override {
    vectors_ = ReadDataJson("vectors/merkle/rfc9162-reference-tree-8-leaves.json");
  }
  // The tree of the first `size` reference leaves.
  MemoryTree TreeOf(size_t size) {
    MemoryTree tree;
    for (size_t i = 0; i < size; ++i) {
      auto leaf = HexDecode(vectors_["leafInputsHex"][i].get<std::string>());
      tree.Append(LeafHash(ToString(*leaf)));
    }
    return tree;
  }
  Json vectors_;
};

TEST_F(ReferenceTree, LeafHashesAndEveryRoot) {
  for (size_t i = 0; i < 8; ++i) {
    auto leaf = HexDecode(vectors_["leafInputsHex"][i].get<std::string>());
    EXPECT_EQ(HexEncode(LeafHash(ToString(*leaf))), vectors_["leafHashes"][i]) << i;
  }
  for (const Json& r : vectors_["rootsBySize"]) {
    MemoryTree tree = TreeOf(r["treeSize"].get<size_t>());
    EXPECT_EQ(HexEncode(tree.Root().value()), r["root"]) << r["treeSize"];
  }
  EXPECT_EQ(HexEncode(EmptyRoot()), vectors_["rootsBySize"][0]["root"]);
}

TEST_F(ReferenceTree, GeneratesAndVerifiesEveryInclusionProof) {
  ASSERT_EQ(vectors_["inclusionProofs"].size(), 36u);
  MemoryTree tree = TreeOf(8);
  for (const Json& p : vectors_["inclusionProofs"]) {
    uint64_t index = p["leafIndex"], size = p["treeSize"];
    auto proof = InclusionProof(index, size, tree.Nodes());
    ASSERT_TRUE(proof.ok()) << proof.message();
    EXPECT_EQ(*proof, HexList(p["proof"])) << index << " in " << size;
    Status verified =
        VerifyInclusion(index, size, FromHex(p["leafHash"]), *proof, FromHex(p["root"]));
    EXPECT_TRUE(verified.ok()) << index << " in " << size << ": " << verified.message();
  }
}

TEST_F(ReferenceTree, GeneratesAndVerifiesEveryConsistencyProof) {
  ASSERT_EQ(vectors_["consistencyProofs"].size(), 28u);
  MemoryTree tree = TreeOf(8);
  for (const Json& p : vectors_["consistencyProofs"]) {
    uint64_t from = p["size1"], to = p["size2"];
    auto proof = ConsistencyProof(from, to, tree.Nodes());
    ASSERT_TRUE(proof.ok()) << proof.message();
    EXPECT_EQ(*proof, HexList(p["proof"])) << from << " to " << to;
    Status verified = VerifyConsistency(from, to, FromHex(p["root1"]), FromHex(p["root2"]), *proof);
    EXPECT_TRUE(verified.ok()) << from << " to " << to << ": " << verified.message();
  }
}

TEST(MerkleProbes, EveryInclusionProbeIsDecidedAsTransparencyDevDecides) {
  Json probes = ReadDataJson("vectors/merkle/transparency-dev-merkle-probes.json");
  size_t count = 0;
  for (const Json& p : probes["inclusion"]) {
    Status s =
        VerifyInclusion(p["leafIdx"].get<uint64_t>(), p["treeSize"].get<uint64_t>(),
                        FromBase64(p["leafHash"]), Base64List(p["proof"]), FromBase64(p["root"]));
    EXPECT_EQ(!s.ok(), p["wantErr"].get<bool>()) << p["file"] << ": " << p["desc"];
    ++count;
  }
  for (const Json& p : probes["consistency"]) {
    Status s =
        VerifyConsistency(p["size1"].get<uint64_t>(), p["size2"].get<uint64_t>(),
                          FromBase64(p["root1"]), FromBase64(p["root2"]), Base64List(p["proof"]));
    EXPECT_EQ(!s.ok(), p["wantErr"].get<bool>()) << p["file"] << ": " << p["desc"];
    ++count;
  }
  EXPECT_EQ(count, 196u);
}

// Larger trees than the vectors: every proof generated from stored subtrees verifies, and a
// proof for one leaf does not verify another.
TEST(MerkleTree, ProofsOfAHundredLeavesVerifyAndTellLeavesApart) {
  MemoryTree tree;
  std::vector<Hash> leaves;
  std::vector<Hash> roots{EmptyRoot()};
  for (int i = 0; i < 100; ++i) {
    leaves.push_back(LeafHash("event " + std::to_string(i)));
    tree.Append(leaves.back());
    roots.push_back(tree.Root().value());
  }
  for (uint64_t size = 1; size <= 100; size += 7) {
    for (uint64_t index = 0; index < size; index += 3) {
      auto proof = InclusionProof(index, size, tree.Nodes()).value();
      EXPECT_TRUE(VerifyInclusion(index, size, leaves[index], proof, roots[size]).ok());
      uint64_t other = (index + 1) % size;
      if (other != index) {
        EXPECT_FALSE(VerifyInclusion(index, size, leaves[other], proof, roots[size]).ok());
      }
    }
    for (uint64_t from = 1; from <= size; from += 5) {
      auto proof = ConsistencyProof(from, size, tree.Nodes()).value();
      EXPECT_TRUE(VerifyConsistency(from, size, roots[from], roots[size], proof).ok())
          << from << " to " << size;
      if (from < size) {
        EXPECT_FALSE(VerifyConsistency(from, size, roots[from], roots[size - 1], proof).ok());
        // A forged older head: refused whether or not the proof starts from it (it does only
        // when `from` is a power of two).
        Hash forged = roots[from];
        forged[7] ^= 0x01;
        Status refused = VerifyConsistency(from, size, forged, roots[size], proof);
        EXPECT_FALSE(refused.ok()) << from << " to " << size;
      }
    }
  }
  EXPECT_FALSE(InclusionProof(100, 100, tree.Nodes()).ok());
  EXPECT_FALSE(ConsistencyProof(0, 5, tree.Nodes()).ok());
  EXPECT_FALSE(ConsistencyProof(6, 5, tree.Nodes()).ok());
}

}  // namespace
}  // namespace siegel::merkle
