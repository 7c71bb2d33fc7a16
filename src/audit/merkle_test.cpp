#include "audit/merkle.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <string>
#include <utility>
#include <vector>

namespace liaison::audit {
namespace {

// The RFC 6962 test data used by certificate-transparency and
// transparency-dev/merkle (testonly/constants.go, proof/verify_test.go).
const std::vector<std::string_view> kLeafInputsHex = {
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
};

// Level-0 node hashes: HashLeaf of each input above.
const std::vector<std::string_view> kLeafHashesHex = {
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
    "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
    "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
    "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
};

// Roots of the trees of the first 0..8 leaves.
const std::vector<std::string_view> kRootsHex = {
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

// Perfect-subtree hashes at levels 1..3 (constants.go NodeHashes()[1..3]).
constexpr std::string_view kN01 =
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125";
constexpr std::string_view kN23 =
    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e";
constexpr std::string_view kN45 =
    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a";
constexpr std::string_view kN67 =
    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0";
constexpr std::string_view kN0123 =
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7";
constexpr std::string_view kN4567 =
    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4";
constexpr std::string_view kN01234567 =
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328";

struct InclusionVector {
  std::uint64_t index;  // 0-based (the Go vectors list it 1-based)
  std::uint64_t tree_size;
  std::vector<std::string_view> proof;
};

const std::vector<InclusionVector> kInclusionVectors = {
    {0, 1, {}},
    {0, 8, {kLeafHashesHex[1], kN23, kN4567}},
    {5, 8, {kLeafHashesHex[4], kN67, kN0123}},
    {2, 3, {kN01}},
    {1, 5, {kLeafHashesHex[0], kN23, kLeafHashesHex[4]}},
};

struct ConsistencyVector {
  std::uint64_t first;
  std::uint64_t second;
  std::vector<std::string_view> proof;
};

const std::vector<ConsistencyVector> kConsistencyVectors = {
    {1, 1, {}},
    {1, 8, {kLeafHashesHex[1], kN23, kN4567}},
    {6, 8, {kN45, kN67, kN0123}},
    {2, 5, {kN23, kLeafHashesHex[4]}},
    {6, 7, {kN45, kLeafHashesHex[6], kN0123}},
};

const Hash256 kSomeHash =
    *HexDecodeHash("abacaba000000000000000000000000000000000000000000060061e00123456");

Hash256 H(std::string_view hex) {
  const auto h = HexDecodeHash(hex);
  EXPECT_TRUE(h.has_value()) << hex;
  return h.value_or(Hash256{});
}

std::vector<Hash256> Hs(const std::vector<std::string_view>& hexes) {
  std::vector<Hash256> out;
  for (std::string_view hex : hexes) out.push_back(H(hex));
  return out;
}

std::vector<Hash256> VectorLeafHashes() {
  std::vector<Hash256> out;
  for (std::string_view hex : kLeafInputsHex) out.push_back(HashLeaf(*HexDecode(hex)));
  return out;
}

// Leaf hashes for the exhaustive tests: distinct, and not related to each other.
std::vector<Hash256> SyntheticLeafHashes(size_t n) {
  std::vector<Hash256> out;
  for (size_t i = 0; i < n; ++i) out.push_back(HashLeaf(Bytes{'l', static_cast<std::uint8_t>(i)}));
  return out;
}

std::vector<Hash256> With(std::vector<Hash256> v, size_t at, const Hash256& h) {
  v.insert(v.begin() + static_cast<std::ptrdiff_t>(at), h);
  return v;
}

TEST(MerkleTest, LeafHashesMatchVectors) {
  const std::vector<Hash256> leaves = VectorLeafHashes();
  ASSERT_EQ(leaves.size(), kLeafHashesHex.size());
  for (size_t i = 0; i < leaves.size(); ++i) EXPECT_EQ(HexEncode(leaves[i]), kLeafHashesHex[i]);
}

TEST(MerkleTest, NodeHashMatchesVectors) {
  const std::vector<Hash256> l = VectorLeafHashes();
  EXPECT_EQ(HexEncode(NodeHash(l[0], l[1])), kN01);
  EXPECT_EQ(HexEncode(NodeHash(H(kN01), H(kN23))), kN0123);
  EXPECT_EQ(HexEncode(NodeHash(H(kN0123), H(kN4567))), kN01234567);
  EXPECT_NE(NodeHash(l[0], l[1]), NodeHash(l[1], l[0]));
}

TEST(MerkleTest, RootsMatchVectorsForSizes0To8) {
  const std::vector<Hash256> leaves = VectorLeafHashes();
  EXPECT_EQ(HexEncode(EmptyRoot()), kRootsHex[0]);
  for (size_t n = 0; n <= leaves.size(); ++n) {
    EXPECT_EQ(HexEncode(RootFromLeaves(std::span(leaves).first(n))), kRootsHex[n]) << "size " << n;
  }
}

TEST(MerkleTest, CompactRangeMatchesVectorFrontiersAndRoots) {
  // constants.go CompactTrees(): the perfect subtrees of each tree size.
  // clang-format off
  const std::vector<std::vector<std::string_view>> frontiers = {
      {},
      {kLeafHashesHex[0]},
      {kN01},
      {kN01, kLeafHashesHex[2]},
      {kN0123},
      {kN0123, kLeafHashesHex[4]},
      {kN0123, kN45},
      {kN0123, kN45, kLeafHashesHex[6]},
      {kN01234567},
  };
  // clang-format on
  const std::vector<Hash256> leaves = VectorLeafHashes();
  CompactRange range;
  for (size_t n = 0; n <= leaves.size(); ++n) {
    if (n > 0) range.Append(leaves[n - 1]);
    EXPECT_EQ(range.size(), n);
    EXPECT_EQ(range.frontier(), Hs(frontiers[n])) << "size " << n;
    EXPECT_EQ(HexEncode(range.Root()), kRootsHex[n]) << "size " << n;
  }
}

TEST(MerkleTest, CompactRangeAgreesWithRootFromLeaves) {
  const std::vector<Hash256> leaves = SyntheticLeafHashes(257);
  CompactRange range;
  EXPECT_EQ(range.Root(), RootFromLeaves({}));
  for (size_t n = 1; n <= leaves.size(); ++n) {
    range.Append(leaves[n - 1]);
    ASSERT_EQ(range.Root(), RootFromLeaves(std::span(leaves).first(n))) << "size " << n;
    ASSERT_EQ(range.frontier().size(), static_cast<size_t>(std::popcount(n)));
  }
}

TEST(MerkleTest, CompactRangeRestoresFromFrontier) {
  const std::vector<Hash256> leaves = SyntheticLeafHashes(40);
  CompactRange original;
  for (size_t i = 0; i < 21; ++i) original.Append(leaves[i]);
  auto restored = CompactRange::FromFrontier(original.size(), original.frontier());
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  for (size_t i = 21; i < leaves.size(); ++i) restored->Append(leaves[i]);
  EXPECT_EQ(restored->Root(), RootFromLeaves(leaves));

  auto bad = CompactRange::FromFrontier(21, {leaves[0]});  // 21 = 0b10101 needs three hashes
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
}

// The corruptions of transparency-dev/merkle's corruptInclusionProof; each
// must make a valid proof fail.
void ExpectInclusionCorruptionsFail(std::uint64_t index, std::uint64_t size,
                                    const std::vector<Hash256>& proof, const Hash256& root,
                                    const Hash256& leaf) {
  SCOPED_TRACE("index " + std::to_string(index) + " size " + std::to_string(size));
  EXPECT_FALSE(VerifyInclusion(index - 1, size, leaf, proof, root));
  EXPECT_FALSE(VerifyInclusion(index + 1, size, leaf, proof, root));
  EXPECT_FALSE(VerifyInclusion(index ^ 2, size, leaf, proof, root));
  EXPECT_FALSE(VerifyInclusion(index, size * 2, leaf, proof, root));
  EXPECT_FALSE(VerifyInclusion(index, size / 2, leaf, proof, root));
  EXPECT_FALSE(VerifyInclusion(index, size, kSomeHash, proof, root));
  EXPECT_FALSE(VerifyInclusion(index, size, leaf, proof, EmptyRoot()));
  EXPECT_FALSE(VerifyInclusion(index, size, leaf, proof, kSomeHash));
  EXPECT_FALSE(VerifyInclusion(index, size, leaf, With(proof, proof.size(), Hash256{}), root));
  EXPECT_FALSE(VerifyInclusion(index, size, leaf, With(proof, proof.size(), root), root));
  EXPECT_FALSE(VerifyInclusion(index, size, leaf, With(proof, 0, Hash256{}), root));
  EXPECT_FALSE(VerifyInclusion(index, size, leaf, With(proof, 0, root), root));
  for (size_t i = 0; i < proof.size(); ++i) {
    std::vector<Hash256> wrong = proof;
    wrong[i][0] ^= 8;
    EXPECT_FALSE(VerifyInclusion(index, size, leaf, wrong, root)) << "bit flipped in " << i;
  }
  if (!proof.empty()) {
    const std::vector<Hash256> shorter(proof.begin(), proof.end() - 1);
    EXPECT_FALSE(VerifyInclusion(index, size, leaf, shorter, root));
  }
  if (proof.size() > 1) {
    EXPECT_FALSE(VerifyInclusion(index, size, leaf, With(proof, 1, kSomeHash), root));
  }
}

TEST(MerkleTest, InclusionProofVectors) {
  const std::vector<Hash256> leaves = VectorLeafHashes();
  for (const InclusionVector& v : kInclusionVectors) {
    SCOPED_TRACE("index " + std::to_string(v.index) + " size " + std::to_string(v.tree_size));
    const std::vector<Hash256> expected = Hs(v.proof);
    auto proof = InclusionProof(leaves, v.index, v.tree_size);
    ASSERT_TRUE(proof.ok()) << proof.error().message;
    EXPECT_EQ(*proof, expected);
    const Hash256 root = H(kRootsHex[v.tree_size]);
    EXPECT_TRUE(VerifyInclusion(v.index, v.tree_size, leaves[v.index], expected, root));
    ExpectInclusionCorruptionsFail(v.index, v.tree_size, expected, root, leaves[v.index]);
  }
}

TEST(MerkleTest, VerifyInclusionRejectsDegenerateSizes) {
  const std::vector<Hash256> empty;
  for (auto [index, size] :
       std::vector<std::pair<std::uint64_t, std::uint64_t>>{{0, 0}, {0, 1}, {1, 0}, {2, 1}}) {
    EXPECT_FALSE(VerifyInclusion(index, size, kSomeHash, empty, Hash256{}));
    EXPECT_FALSE(VerifyInclusion(index, size, Hash256{}, empty, EmptyRoot()));
    EXPECT_FALSE(VerifyInclusion(index, size, kSomeHash, empty, EmptyRoot()));
  }
  // A one-leaf tree: the root is the leaf hash and the proof is empty.
  EXPECT_TRUE(VerifyInclusion(0, 1, kSomeHash, empty, kSomeHash));
}

// The corruptions of transparency-dev/merkle's corruptConsistencyProof.
void ExpectConsistencyCorruptionsFail(std::uint64_t first, std::uint64_t second,
                                      const Hash256& root1, const Hash256& root2,
                                      const std::vector<Hash256>& proof) {
  SCOPED_TRACE("first " + std::to_string(first) + " second " + std::to_string(second));
  ASSERT_FALSE(proof.empty());
  EXPECT_FALSE(VerifyConsistency(first - 1, second, root1, root2, proof));
  EXPECT_FALSE(VerifyConsistency(first + 1, second, root1, root2, proof));
  EXPECT_FALSE(VerifyConsistency(first ^ 2, second, root1, root2, proof));
  EXPECT_FALSE(VerifyConsistency(first, second * 2, root1, root2, proof));
  EXPECT_FALSE(VerifyConsistency(first, second / 2, root1, root2, proof));
  EXPECT_FALSE(VerifyConsistency(first, second, kSomeHash, root2, proof));
  EXPECT_FALSE(VerifyConsistency(first, second, root1, kSomeHash, proof));
  EXPECT_FALSE(VerifyConsistency(first, second, root2, root1, proof));
  EXPECT_FALSE(VerifyConsistency(first, second, root1, root2, {}));
  EXPECT_FALSE(
      VerifyConsistency(first, second, root1, root2, With(proof, proof.size(), Hash256{})));
  EXPECT_FALSE(VerifyConsistency(first, second, root1, root2, With(proof, proof.size(), root1)));
  EXPECT_FALSE(VerifyConsistency(first, second, root1, root2, With(proof, proof.size(), root2)));
  EXPECT_FALSE(VerifyConsistency(first, second, root1, root2, With(proof, 0, Hash256{})));
  EXPECT_FALSE(VerifyConsistency(first, second, root1, root2, With(proof, 0, root1)));
  EXPECT_FALSE(VerifyConsistency(first, second, root1, root2, With(proof, 0, root2)));
  EXPECT_FALSE(VerifyConsistency(first, second, root1, root2, With(proof, 0, proof[0])));
  const std::vector<Hash256> shorter(proof.begin(), proof.end() - 1);
  EXPECT_FALSE(VerifyConsistency(first, second, root1, root2, shorter));
  for (size_t i = 0; i < proof.size(); ++i) {
    std::vector<Hash256> wrong = proof;
    wrong[i][0] ^= 16;
    EXPECT_FALSE(VerifyConsistency(first, second, root1, root2, wrong)) << "bit flipped in " << i;
  }
}

TEST(MerkleTest, ConsistencyProofVectors) {
  const std::vector<Hash256> leaves = VectorLeafHashes();
  for (const ConsistencyVector& v : kConsistencyVectors) {
    SCOPED_TRACE("first " + std::to_string(v.first) + " second " + std::to_string(v.second));
    const std::vector<Hash256> expected = Hs(v.proof);
    auto proof = ConsistencyProof(leaves, v.first, v.second);
    ASSERT_TRUE(proof.ok()) << proof.error().message;
    EXPECT_EQ(*proof, expected);
    const Hash256 root1 = H(kRootsHex[v.first]);
    const Hash256 root2 = H(kRootsHex[v.second]);
    EXPECT_TRUE(VerifyConsistency(v.first, v.second, root1, root2, expected));
    if (!expected.empty()) {
      ExpectConsistencyCorruptionsFail(v.first, v.second, root1, root2, expected);
    }
  }
}

TEST(MerkleTest, VerifyConsistencyEdgeCases) {
  const Hash256 root1 = H(kRootsHex[1]);
  const Hash256 root2 = H(kRootsHex[2]);
  const std::vector<Hash256> none;
  const std::vector<Hash256> one = {EmptyRoot()};
  // Equal sizes: equal roots and an empty proof.
  EXPECT_TRUE(VerifyConsistency(1, 1, root2, root2, none));
  EXPECT_FALSE(VerifyConsistency(1, 1, root1, root2, none));
  EXPECT_FALSE(VerifyConsistency(1, 1, root1, root1, one));
  // The empty tree is a prefix of every tree, when its root is the empty root.
  EXPECT_TRUE(VerifyConsistency(0, 0, EmptyRoot(), EmptyRoot(), none));
  EXPECT_TRUE(VerifyConsistency(0, 1, EmptyRoot(), root1, none));
  EXPECT_FALSE(VerifyConsistency(0, 1, root2, root1, none));
  EXPECT_FALSE(VerifyConsistency(0, 0, EmptyRoot(), root1, none));
  EXPECT_FALSE(VerifyConsistency(0, 1, EmptyRoot(), root1, one));
  // Time travel to the past.
  EXPECT_FALSE(VerifyConsistency(1, 0, root1, EmptyRoot(), none));
  EXPECT_FALSE(VerifyConsistency(2, 1, root2, root1, none));
  // A real extension still needs a proof.
  EXPECT_FALSE(VerifyConsistency(1, 2, root1, root2, none));
}

TEST(MerkleTest, ProofGenerationValidatesArguments) {
  const std::vector<Hash256> leaves = SyntheticLeafHashes(5);
  auto index_too_big = InclusionProof(leaves, 5, 5);
  ASSERT_FALSE(index_too_big.ok());
  EXPECT_EQ(index_too_big.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(index_too_big.error().field, "index");
  EXPECT_FALSE(InclusionProof(leaves, 0, 0).ok());
  auto size_too_big = InclusionProof(leaves, 0, 6);
  ASSERT_FALSE(size_too_big.ok());
  EXPECT_EQ(size_too_big.error().field, "tree_size");

  auto backwards = ConsistencyProof(leaves, 3, 2);
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.error().field, "first");
  auto beyond = ConsistencyProof(leaves, 2, 6);
  ASSERT_FALSE(beyond.ok());
  EXPECT_EQ(beyond.error().field, "second");
  auto trivial = ConsistencyProof(leaves, 0, 5);
  ASSERT_TRUE(trivial.ok());
  EXPECT_TRUE(trivial->empty());
}

TEST(MerkleTest, InclusionRoundTripForAllSizesUpTo64) {
  const std::vector<Hash256> leaves = SyntheticLeafHashes(64);
  for (std::uint64_t size = 1; size <= leaves.size(); ++size) {
    const Hash256 root = RootFromLeaves(std::span(leaves).first(size));
    for (std::uint64_t index = 0; index < size; ++index) {
      auto proof = InclusionProof(leaves, index, size);
      ASSERT_TRUE(proof.ok()) << proof.error().message;
      ASSERT_TRUE(VerifyInclusion(index, size, leaves[index], *proof, root))
          << "index " << index << " size " << size;
      if (size > 1) {
        // Another leaf at this position, or this leaf at another, fails.
        const std::uint64_t other = (index + 1) % size;
        EXPECT_FALSE(VerifyInclusion(index, size, leaves[other], *proof, root));
        EXPECT_FALSE(VerifyInclusion(other, size, leaves[index], *proof, root));
      }
      for (size_t i = 0; i < proof->size(); ++i) {
        std::vector<Hash256> tampered = *proof;
        tampered[i][31] ^= 1;
        EXPECT_FALSE(VerifyInclusion(index, size, leaves[index], tampered, root))
            << "index " << index << " size " << size << " element " << i;
      }
    }
  }
}

TEST(MerkleTest, ConsistencyRoundTripForAllSizesUpTo64) {
  const std::vector<Hash256> leaves = SyntheticLeafHashes(64);
  std::vector<Hash256> roots;
  for (size_t n = 0; n <= leaves.size(); ++n) {
    roots.push_back(RootFromLeaves(std::span(leaves).first(n)));
  }
  for (std::uint64_t second = 0; second <= leaves.size(); ++second) {
    for (std::uint64_t first = 0; first <= second; ++first) {
      auto proof = ConsistencyProof(leaves, first, second);
      ASSERT_TRUE(proof.ok()) << proof.error().message;
      ASSERT_TRUE(VerifyConsistency(first, second, roots[first], roots[second], *proof))
          << "first " << first << " second " << second;
      if (first > 0 && first < second) {
        // A different old tree cannot be shown to be a prefix.
        EXPECT_FALSE(VerifyConsistency(first, second, roots[first - 1], roots[second], *proof));
        EXPECT_FALSE(VerifyConsistency(first, second, roots[first], roots[second - 1], *proof));
      }
      for (size_t i = 0; i < proof->size(); ++i) {
        std::vector<Hash256> tampered = *proof;
        tampered[i][31] ^= 1;
        EXPECT_FALSE(VerifyConsistency(first, second, roots[first], roots[second], tampered))
            << "first " << first << " second " << second << " element " << i;
      }
    }
  }
}

}  // namespace
}  // namespace liaison::audit
