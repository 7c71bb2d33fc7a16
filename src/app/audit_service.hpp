// AuditService: the live Merkle tree over the event log, its signed tree
// heads, and the inclusion and consistency proofs parties fetch.
//
// Leaf hashes are kept in memory (32 bytes per event). A tree head is signed
// when `every_events` events arrived since the last one, or by Tick() when
// the last head is older than `every_seconds` and newer events exist.
//
// Thread-safety: all methods are thread-safe. OnEvent is called on the writer
// thread in log order; proofs and heads are served from I/O threads.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <vector>

#include "audit/merkle.hpp"
#include "audit/tree_head.hpp"
#include "audit/verify.hpp"
#include "store/store.hpp"

namespace liaison {

class AuditService {
 public:
  struct Options {
    std::uint64_t every_events = 100;
    Micros every = 60 * kMicrosPerSecond;
  };

  AuditService(Store& store, std::unique_ptr<audit::Signer> signer, const Clock& clock,
               Options options);

  // Reads every leaf hash and the latest head. Call once before serving.
  Status Load();

  void OnEvent(const audit::StoredEvent& e);
  // Signs a head if one is due by time. Returns the head signed, if any.
  std::optional<audit::TreeHead> Tick();
  // Signs a head for the current size now, if it has none yet.
  Result<audit::TreeHead> SignNow();

  std::optional<audit::TreeHead> LatestHead() const;
  std::uint64_t size() const;
  const audit::Signer& signer() const { return *signer_; }

  struct Inclusion {
    std::uint64_t leaf_index;
    std::uint64_t tree_size;
    Hash256 leaf_hash;
    std::vector<Hash256> path;
  };
  Result<Inclusion> InclusionProof(std::int64_t seq, std::uint64_t tree_size) const;
  Result<std::vector<Hash256>> ConsistencyProof(std::uint64_t first, std::uint64_t second) const;
  Result<Hash256> RootAt(std::uint64_t tree_size) const;

 private:
  // Signs and stores a head for the current size unless the latest head
  // already covers it. Holds sign_mu_, never mu_, across the I/O.
  Result<std::optional<audit::TreeHead>> SignCurrent();
  static void LogIfFailed(const Result<std::optional<audit::TreeHead>>& r);

  Store& store_;
  std::unique_ptr<audit::Signer> signer_;
  const Clock& clock_;
  const Options options_;

  std::mutex sign_mu_;  // serializes signers; taken before mu_
  mutable std::shared_mutex mu_;
  std::vector<Hash256> leaves_;            // GUARDED_BY(mu_)
  audit::CompactRange range_;              // GUARDED_BY(mu_)
  std::optional<audit::TreeHead> latest_;  // GUARDED_BY(mu_)
};

}  // namespace liaison
