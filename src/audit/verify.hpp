// LogVerifier: checks a stored audit log end to end, for `liaison audit verify`.
//
// Rows are fed in storage order with Add(); Finish() then checks the signed
// tree heads against them. The verifier proves that
//   1. seq runs 1, 2, 3, ... with no gap, repeat or reordering;
//   2. each row's contents hash to its stored leaf hash (LeafHash);
//   3. each row's chain hash is ChainHash(previous chain hash, leaf hash);
//   4. each tree head carries a valid signature by the given public key, covers
//      no more events than are stored, and its root is the Merkle root of the
//      first tree_size leaves.
// Rows and chain hashes alone can be rewritten consistently by whoever holds
// the database; the signed heads are what pin the contents. Events appended
// after the newest head are checked by 1-3 only.
//
// Errors are kCorruption and name the first bad entry, e.g.
//   "event seq 7: expected seq 6 (an event was removed or reordered)"
//   "event seq 17: contents do not match its leaf hash (altered)"
//   "the log is truncated: tree head of size 120 signed at 2026-05-21T05:01:34.000000Z
//    but only 100 events"
// After the first failing Add() the verifier stays failed: every later Add()
// and Finish() return that same error.
//
// Memory: 32 bytes per event (the leaf hashes, kept for step 4). Time: one
// leaf hash and one chain hash per event in Add(); Finish() visits the heads in
// order of tree_size and extends one CompactRange across the leaves, so all
// heads together cost O(n + h log n) hashes, not O(n) per head.
//
// Pure: no I/O. Thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "audit/tree_head.hpp"
#include "core/bytes.hpp"
#include "core/error.hpp"
#include "core/event.hpp"
#include "core/result.hpp"

namespace liaison::audit {

// One row of the event table as the store keeps it.
struct StoredEvent {
  Event event;
  Hash256 leaf_hash{};   // LeafHash(event) when written
  Hash256 chain_hash{};  // ChainHash(chain hash of seq - 1, leaf_hash) when written
};

class LogVerifier {
 public:
  LogVerifier() = default;

  // Checks the next row (steps 1-3 above).
  Status Add(const StoredEvent& row);

  // Checks every head (step 4) against the rows added so far. `heads` may be
  // in any order; when several are bad, the one with the smallest tree_size
  // is reported. Does not change the verifier, so Add() may continue after it.
  Status Finish(std::span<const TreeHead> heads, const Bytes& public_key) const;

  // The number of rows accepted by Add().
  std::uint64_t size() const { return leaf_hashes_.size(); }

  // The chain hash of the last accepted row (kChainSeed when none).
  const Hash256& chain_hash() const { return chain_hash_; }

 private:
  std::vector<Hash256> leaf_hashes_;
  Hash256 chain_hash_{};
  std::optional<Error> error_;  // the first failure; sticky
};

}  // namespace liaison::audit
