#include "audit/merkle.hpp"

#include <algorithm>
#include <bit>
#include <string>
#include <utility>

#include "audit/sha256.hpp"

namespace liaison::audit {
namespace {

using Leaves = std::span<const Hash256>;

// The k of RFC 9162 §2.1.1: the largest power of two smaller than n.
// REQUIRES: n > 1.
std::uint64_t SplitPoint(std::uint64_t n) { return std::bit_floor(n - 1); }

// PATH(m, D[n]) of RFC 9162 §2.1.3.1, appended to `out` from the leaf up.
// REQUIRES: m < leaves.size().
void AppendPath(std::uint64_t m, Leaves leaves, std::vector<Hash256>& out) {
  const std::uint64_t n = leaves.size();
  if (n <= 1) return;
  const std::uint64_t k = SplitPoint(n);
  if (m < k) {
    AppendPath(m, leaves.first(k), out);
    out.push_back(RootFromLeaves(leaves.subspan(k)));
  } else {
    AppendPath(m - k, leaves.subspan(k), out);
    out.push_back(RootFromLeaves(leaves.first(k)));
  }
}

// SUBPROOF(m, D[n], b) of RFC 9162 §2.1.4.1, appended to `out`.
// REQUIRES: 0 < m <= leaves.size().
void AppendSubproof(std::uint64_t m, Leaves leaves, bool whole_first_tree,
                    std::vector<Hash256>& out) {
  const std::uint64_t n = leaves.size();
  if (m == n) {
    // The first tree's root is needed unless it is the very tree being proved
    // (b == true): the verifier already holds it.
    if (!whole_first_tree) out.push_back(RootFromLeaves(leaves));
    return;
  }
  const std::uint64_t k = SplitPoint(n);
  if (m <= k) {
    AppendSubproof(m, leaves.first(k), whole_first_tree, out);
    out.push_back(RootFromLeaves(leaves.subspan(k)));
  } else {
    AppendSubproof(m - k, leaves.subspan(k), false, out);
    out.push_back(RootFromLeaves(leaves.first(k)));
  }
}

// Right-shifts fn and sn together until fn's low bit is set or fn is 0
// (the inner step of both RFC 9162 verification algorithms).
void ShiftUntilOddOrZero(std::uint64_t& fn, std::uint64_t& sn) {
  while (fn != 0 && (fn & 1) == 0) {
    fn >>= 1;
    sn >>= 1;
  }
}

}  // namespace

Hash256 HashLeaf(std::span<const std::uint8_t> leaf_input) {
  Sha256Hasher h;
  const std::uint8_t prefix[] = {kLeafHashPrefix};
  return h.Update(prefix).Update(leaf_input).Finish();
}

Hash256 NodeHash(const Hash256& left, const Hash256& right) {
  std::uint8_t buf[1 + 2 * sizeof(Hash256)];
  buf[0] = kNodeHashPrefix;
  std::copy(left.begin(), left.end(), buf + 1);
  std::copy(right.begin(), right.end(), buf + 1 + left.size());
  return Sha256(std::span<const std::uint8_t>(buf));
}

Hash256 EmptyRoot() { return Sha256(std::span<const std::uint8_t>()); }

Hash256 RootFromLeaves(Leaves leaf_hashes) {
  const std::uint64_t n = leaf_hashes.size();
  if (n == 0) return EmptyRoot();
  if (n == 1) return leaf_hashes[0];
  const std::uint64_t k = SplitPoint(n);
  return NodeHash(RootFromLeaves(leaf_hashes.first(k)), RootFromLeaves(leaf_hashes.subspan(k)));
}

Result<std::vector<Hash256>> InclusionProof(Leaves leaf_hashes, std::uint64_t index,
                                            std::uint64_t tree_size) {
  if (tree_size > leaf_hashes.size()) {
    return Error::Invalid("tree_size", "tree size " + std::to_string(tree_size) +
                                           " exceeds the log size " +
                                           std::to_string(leaf_hashes.size()));
  }
  if (index >= tree_size) {
    return Error::Invalid("index", "leaf index " + std::to_string(index) +
                                       " is not below the tree size " + std::to_string(tree_size));
  }
  std::vector<Hash256> proof;
  AppendPath(index, leaf_hashes.first(tree_size), proof);
  return proof;
}

Result<std::vector<Hash256>> ConsistencyProof(Leaves leaf_hashes, std::uint64_t first,
                                              std::uint64_t second) {
  if (second > leaf_hashes.size()) {
    return Error::Invalid("second", "tree size " + std::to_string(second) +
                                        " exceeds the log size " +
                                        std::to_string(leaf_hashes.size()));
  }
  if (first > second) {
    return Error::Invalid("first", "first tree size " + std::to_string(first) +
                                       " exceeds second tree size " + std::to_string(second));
  }
  std::vector<Hash256> proof;
  if (first == 0 || first == second) return proof;
  AppendSubproof(first, leaf_hashes.first(second), true, proof);
  return proof;
}

bool VerifyInclusion(std::uint64_t index, std::uint64_t tree_size, const Hash256& leaf_hash,
                     std::span<const Hash256> proof, const Hash256& root) {
  if (index >= tree_size) return false;
  std::uint64_t fn = index;
  std::uint64_t sn = tree_size - 1;
  Hash256 r = leaf_hash;
  for (const Hash256& p : proof) {
    if (sn == 0) return false;  // the proof is longer than the path
    if ((fn & 1) == 1 || fn == sn) {
      r = NodeHash(p, r);
      if ((fn & 1) == 0) ShiftUntilOddOrZero(fn, sn);
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

bool VerifyConsistency(std::uint64_t first, std::uint64_t second, const Hash256& first_root,
                       const Hash256& second_root, std::span<const Hash256> proof) {
  if (first > second) return false;
  if (first == 0) {
    // Every tree extends the empty tree; only the claimed roots can be wrong.
    return proof.empty() && first_root == EmptyRoot() && (second > 0 || second_root == first_root);
  }
  if (first == second) return proof.empty() && first_root == second_root;
  if (proof.empty()) return false;

  // Step 2: when the first tree is a perfect subtree, its root is the
  // starting point of both walks and the server omits it from the proof.
  const bool first_is_perfect = std::has_single_bit(first);
  auto path_at = [&](size_t i) -> const Hash256& {
    if (first_is_perfect) return i == 0 ? first_root : proof[i - 1];
    return proof[i];
  };
  const size_t path_size = proof.size() + (first_is_perfect ? 1 : 0);

  std::uint64_t fn = first - 1;
  std::uint64_t sn = second - 1;
  while ((fn & 1) == 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash256 fr = path_at(0);
  Hash256 sr = fr;
  for (size_t i = 1; i < path_size; ++i) {
    const Hash256& c = path_at(i);
    if (sn == 0) return false;
    if ((fn & 1) == 1 || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      if ((fn & 1) == 0) ShiftUntilOddOrZero(fn, sn);
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == first_root && sr == second_root && sn == 0;
}

Result<CompactRange> CompactRange::FromFrontier(std::uint64_t size, std::vector<Hash256> frontier) {
  if (frontier.size() != static_cast<size_t>(std::popcount(size))) {
    return Error::Invalid("frontier", "a compact range of size " + std::to_string(size) + " has " +
                                          std::to_string(std::popcount(size)) + " hashes, not " +
                                          std::to_string(frontier.size()));
  }
  CompactRange range;
  range.size_ = size;
  range.frontier_ = std::move(frontier);
  return range;
}

void CompactRange::Append(const Hash256& leaf_hash) {
  frontier_.push_back(leaf_hash);
  // Each trailing one bit of the old size is a perfect subtree of the same
  // height as the one just completed on its right; merge them like a carry.
  for (std::uint64_t s = size_; (s & 1) == 1; s >>= 1) {
    const Hash256 right = frontier_.back();
    frontier_.pop_back();
    frontier_.back() = NodeHash(frontier_.back(), right);
  }
  ++size_;
}

Hash256 CompactRange::Root() const {
  if (frontier_.empty()) return EmptyRoot();
  Hash256 root = frontier_.back();
  for (size_t i = frontier_.size() - 1; i-- > 0;) root = NodeHash(frontier_[i], root);
  return root;
}

}  // namespace liaison::audit
