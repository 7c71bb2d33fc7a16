// The canonical byte encoding of an Event as a leaf of the audit log's Merkle
// tree, its leaf hash, and the hash chain that links each event to the one
// before it. The layout is specified in docs/audit-format.md; any change to it
// is a new version tag, never an edit.
//
// Pure functions; callable from any thread.
#pragma once

#include <string_view>

#include "core/bytes.hpp"
#include "core/event.hpp"

namespace liaison::audit {

// The first four bytes of every leaf input; names this layout.
inline constexpr std::string_view kLeafVersionTag = "LEV1";

// chain_0: the chain value before the first event (32 zero bytes).
inline constexpr Hash256 kChainSeed{};

// The leaf input of `event`:
//   "LEV1" || u64be(seq) || u64be(at) || field(actor) || field(party) ||
//   field(type) || field(subject) || field(shared_with joined by ",") || field(body)
// where field(s) = u32be(len(s)) || s, and seq and at are the int64 values
// reinterpreted as uint64 (two's complement). shared_with is sorted before
// joining, so the order in memory does not matter.
// REQUIRES: no party id in shared_with contains ','; every field is shorter
// than 4 GiB (std::length_error otherwise; the HTTP layer caps bodies far lower).
Bytes LeafInput(const Event& event);

// RFC 9162 leaf hash of the event: SHA-256(0x00 || LeafInput(event)).
Hash256 LeafHash(const Event& event);

// chain_n = SHA-256(chain_{n-1} || leaf_hash_n), with chain_0 = kChainSeed.
Hash256 ChainHash(const Hash256& prev, const Hash256& leaf);

}  // namespace liaison::audit
