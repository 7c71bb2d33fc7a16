#include "audit/verify.hpp"

#include <algorithm>
#include <numeric>
#include <string>

#include "audit/leaf.hpp"
#include "audit/merkle.hpp"
#include "core/time.hpp"

namespace liaison::audit {
namespace {

std::string EventPrefix(std::int64_t seq) { return "event seq " + std::to_string(seq) + ": "; }

std::string HeadName(const TreeHead& head) {
  return "tree head of size " + std::to_string(head.tree_size) + " signed at " +
         FormatRfc3339(head.timestamp);
}

}  // namespace

Status LogVerifier::Add(const StoredEvent& row) {
  if (error_) return *error_;
  const Event& event = row.event;
  const std::int64_t expected = static_cast<std::int64_t>(leaf_hashes_.size()) + 1;
  if (event.seq != expected) {
    const char* why = event.seq > expected ? "an event was removed or reordered"
                                           : "an event was duplicated or reordered";
    error_ = Error::Corruption(EventPrefix(event.seq) + "expected seq " + std::to_string(expected) +
                               " (" + why + ")");
    return *error_;
  }
  if (LeafHash(event) != row.leaf_hash) {
    error_ =
        Error::Corruption(EventPrefix(event.seq) + "contents do not match its leaf hash (altered)");
    return *error_;
  }
  const Hash256 chain = ChainHash(chain_hash_, row.leaf_hash);
  if (chain != row.chain_hash) {
    error_ = Error::Corruption(EventPrefix(event.seq) +
                               "chain hash does not follow from the previous event "
                               "(the log was rewritten)");
    return *error_;
  }
  leaf_hashes_.push_back(row.leaf_hash);
  chain_hash_ = chain;
  return OkStatus();
}

Status LogVerifier::Finish(std::span<const TreeHead> heads, const Bytes& public_key) const {
  if (error_) return *error_;
  if (public_key.size() != kEd25519PublicKeySize) {
    return Error::Invalid("public_key", "the public key must be " +
                                            std::to_string(kEd25519PublicKeySize) + " bytes, not " +
                                            std::to_string(public_key.size()));
  }
  const std::string key_id = KeyIdFor(public_key);

  // Visit heads by size so that one CompactRange, extended leaf by leaf,
  // yields the root at every head's size, and the first bad head reported is
  // the one closest to the start of the log.
  std::vector<size_t> order(heads.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return heads[a].tree_size < heads[b].tree_size; });

  CompactRange range;
  for (const size_t i : order) {
    const TreeHead& head = heads[i];
    if (!VerifyTreeHead(head, public_key)) {
      std::string message = HeadName(head) + ": signature does not verify with key " + key_id;
      if (head.key_id != key_id) message += " (the head names key " + head.key_id + ")";
      return Error::Corruption(message + " (forged or altered)");
    }
    if (head.tree_size > leaf_hashes_.size()) {
      return Error::Corruption("the log is truncated: " + HeadName(head) + " but only " +
                               std::to_string(leaf_hashes_.size()) + " events");
    }
    while (range.size() < head.tree_size) range.Append(leaf_hashes_[range.size()]);
    if (range.Root() != head.root) {
      return Error::Corruption(HeadName(head) + ": root does not match the first " +
                               std::to_string(head.tree_size) +
                               " events (an event was altered, removed or inserted)");
    }
  }
  return OkStatus();
}

}  // namespace liaison::audit
