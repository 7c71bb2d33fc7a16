// The Merkle tree of the audit log: RFC 9162 §2.1 (Certificate Transparency
// v2.0), with SHA-256. The tree is built over leaf hashes, which callers get
// from HashLeaf() or, for an Event, from LeafHash() in audit/leaf.hpp. The
// byte-level definitions are in docs/audit-format.md.
//
// Everything here is a pure function of its arguments, except CompactRange,
// which is a value type. Thread-safety: the functions may be called from any
// thread; a CompactRange is thread-compatible.
//
// Proof generation walks the in-memory leaf hashes: an inclusion or
// consistency proof for a tree of size n costs O(n) SHA-256 compressions
// (every leaf below tree_size is folded into some subtree hash once) and
// O(log n) memory beyond the input. At ~1 µs per node hash, that is about two
// seconds for a million-event log; a server that outgrows this should cache
// subtree hashes rather than change these definitions.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace liaison::audit {

inline constexpr std::uint8_t kLeafHashPrefix = 0x00;  // RFC 9162 §2.1.1 domain separation
inline constexpr std::uint8_t kNodeHashPrefix = 0x01;

// SHA-256(0x00 || leaf_input): the hash of one leaf.
Hash256 HashLeaf(std::span<const std::uint8_t> leaf_input);

// SHA-256(0x01 || left || right): the hash of an interior node.
Hash256 NodeHash(const Hash256& left, const Hash256& right);

// The Merkle Tree Hash of the empty tree: SHA-256 of the empty string.
Hash256 EmptyRoot();

// MTH(D[n]) of RFC 9162 §2.1.1 over leaf_hashes (already hashed with
// HashLeaf). O(n) hashes, O(log n) stack.
Hash256 RootFromLeaves(std::span<const Hash256> leaf_hashes);

// PATH(index, D[tree_size]) of RFC 9162 §2.1.3.1: the audit path proving that
// leaf `index` (0-based) is in the tree made of the first tree_size leaves,
// ordered from the leaf's sibling up to the root's child.
// Fails with kInvalidArgument unless index < tree_size <= leaf_hashes.size().
Result<std::vector<Hash256>> InclusionProof(std::span<const Hash256> leaf_hashes,
                                            std::uint64_t index, std::uint64_t tree_size);

// PROOF(first, D[second]) of RFC 9162 §2.1.4.1: proves that the tree of the
// first `first` leaves is a prefix of the tree of the first `second` leaves.
// When first == 0 or first == second the proof is empty (RFC 9162 defines
// PROOF only for 0 < first < second; these are the trivial cases).
// Fails with kInvalidArgument unless first <= second <= leaf_hashes.size().
Result<std::vector<Hash256>> ConsistencyProof(std::span<const Hash256> leaf_hashes,
                                              std::uint64_t first, std::uint64_t second);

// RFC 9162 §2.1.3.2: true iff `proof` shows that the leaf with hash leaf_hash
// is at position `index` of a tree of size tree_size with root `root`.
// False, never a crash, for any malformed input (index >= tree_size, a proof
// of the wrong length).
bool VerifyInclusion(std::uint64_t index, std::uint64_t tree_size, const Hash256& leaf_hash,
                     std::span<const Hash256> proof, const Hash256& root);

// RFC 9162 §2.1.4.2: true iff `proof` shows that the tree of size `first`
// with root first_root is a prefix of the tree of size `second` with root
// second_root. The cases outside 0 < first < second are decided as follows:
// first > second is false; first == second needs an empty proof and equal
// roots; first == 0 needs an empty proof and first_root == EmptyRoot().
bool VerifyConsistency(std::uint64_t first, std::uint64_t second, const Hash256& first_root,
                       const Hash256& second_root, std::span<const Hash256> proof);

// The right edge of a growing tree (a "compact range" starting at leaf 0, as in
// transparency-dev/merkle): one hash per set bit of size(), the roots of the
// perfect subtrees that the tree decomposes into, largest (leftmost) first.
// Append() is amortized O(1) hashes and Root() is O(log n) hashes, so a server
// can keep the root of its log without rehashing old leaves.
// Invariant: Root() == RootFromLeaves(all appended leaf hashes).
class CompactRange {
 public:
  CompactRange() = default;

  // Restores a range saved from size() and frontier(). Fails with
  // kInvalidArgument unless frontier.size() is the number of set bits of size.
  static Result<CompactRange> FromFrontier(std::uint64_t size, std::vector<Hash256> frontier);

  void Append(const Hash256& leaf_hash);

  std::uint64_t size() const { return size_; }
  const std::vector<Hash256>& frontier() const { return frontier_; }

  // MTH of the leaves appended so far; EmptyRoot() when none.
  Hash256 Root() const;

 private:
  std::uint64_t size_ = 0;
  std::vector<Hash256> frontier_;  // popcount(size_) entries
};

}  // namespace liaison::audit
