// EventLog: appends events to the `events` table with their leaf and chain
// hashes (docs/audit-format.md), and reads them back.
//
// Thread-safety: Append/Mark/Reset are called only on the writer thread.
// The read helpers take a Tx and are safe from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "audit/verify.hpp"
#include "core/event.hpp"
#include "core/result.hpp"
#include "store/store.hpp"

namespace liaison {

using audit::StoredEvent;

class EventLog {
 public:
  // The position of the log's tail; used to undo in-memory state when a
  // transaction or savepoint rolls back.
  struct Mark {
    std::int64_t seq = 0;
    Hash256 chain{};
  };

  // Reads the tail of the log.
  static Result<EventLog> Open(Store& store);

  // Assigns event.seq, computes the hashes and inserts the row and its shares.
  // REQUIRES: inside Store::RunWrite on the writer thread; event.at set.
  Result<StoredEvent> Append(WriteTx& tx, Event event);

  Mark mark() const { return tail_; }
  void Reset(const Mark& m) { tail_ = m; }
  std::int64_t last_seq() const { return tail_.seq; }

 private:
  explicit EventLog(Mark tail) : tail_(tail) {}
  Mark tail_;
};

// The column list that EventFromRow expects, for SELECTs on `events`.
inline constexpr std::string_view kEventColumns =
    "seq, at, actor, party, type, subject, shared_with, body, leaf_hash, chain_hash";

StoredEvent EventFromRow(const Row& row);

// Calls fn for each event with seq in [from, to] (to < 0: to the end), in
// order, reading in pages so memory stays bounded. Stops at fn's first error.
Status ScanEvents(Store& store, std::int64_t from, std::int64_t to,
                  const std::function<Status(const StoredEvent&)>& fn);

std::string JoinShares(const std::vector<std::string>& parties);
std::vector<std::string> SplitShares(std::string_view joined);

}  // namespace liaison
