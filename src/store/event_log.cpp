#include "store/event_log.hpp"

#include <algorithm>

#include "audit/leaf.hpp"

namespace liaison {
namespace {

constexpr std::int64_t kScanPage = 2048;

}  // namespace

std::string JoinShares(const std::vector<std::string>& parties) {
  std::string out;
  for (const auto& p : parties) {
    if (!out.empty()) out += ',';
    out += p;
  }
  return out;
}

std::vector<std::string> SplitShares(std::string_view joined) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < joined.size()) {
    size_t end = joined.find(',', start);
    if (end == std::string_view::npos) end = joined.size();
    if (end > start) out.emplace_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Result<EventLog> EventLog::Open(Store& store) {
  Mark tail;
  Status s = store.RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query("SELECT seq, chain_hash FROM events ORDER BY seq DESC LIMIT 1", {});
    if (!rows) return std::move(rows).error();
    if (!rows->empty()) {
      tail.seq = rows->front().Int(0);
      tail.chain = HashFromBytes(rows->front().Blob(1));
    }
    return OkStatus();
  });
  if (!s) return std::move(s).error();
  return EventLog(tail);
}

Result<StoredEvent> EventLog::Append(WriteTx& tx, Event event) {
  std::sort(event.shared_with.begin(), event.shared_with.end());
  event.shared_with.erase(std::unique(event.shared_with.begin(), event.shared_with.end()),
                          event.shared_with.end());
  std::erase(event.shared_with, event.party);
  event.seq = tail_.seq + 1;
  StoredEvent stored;
  stored.leaf_hash = audit::LeafHash(event);
  stored.chain_hash = audit::ChainHash(tail_.chain, stored.leaf_hash);
  LIAISON_TRY(tx.Exec(
      "INSERT INTO events (seq, at, actor, party, type, subject, shared_with, body, leaf_hash, "
      "chain_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {event.seq, event.at, event.actor, event.party, event.type, event.subject,
       JoinShares(event.shared_with), event.body,
       Bytes(stored.leaf_hash.begin(), stored.leaf_hash.end()),
       Bytes(stored.chain_hash.begin(), stored.chain_hash.end())}));
  for (const auto& p : event.shared_with) {
    LIAISON_TRY(tx.Exec("INSERT INTO event_shares (party, seq) VALUES (?, ?)", {p, event.seq}));
  }
  tail_ = {event.seq, stored.chain_hash};
  stored.event = std::move(event);
  return stored;
}

StoredEvent EventFromRow(const Row& row) {
  StoredEvent s;
  s.event.seq = row.Int(0);
  s.event.at = row.Int(1);
  s.event.actor = row.Text(2);
  s.event.party = row.Text(3);
  s.event.type = row.Text(4);
  s.event.subject = row.Text(5);
  s.event.shared_with = SplitShares(row.Text(6));
  s.event.body = row.Text(7);
  s.leaf_hash = HashFromBytes(row.Blob(8));
  s.chain_hash = HashFromBytes(row.Blob(9));
  return s;
}

Status ScanEvents(Store& store, std::int64_t from, std::int64_t to,
                  const std::function<Status(const StoredEvent&)>& fn) {
  const std::string sql =
      "SELECT " + std::string(kEventColumns) + " FROM events WHERE seq >= ? ORDER BY seq LIMIT ?";
  std::int64_t next = from;
  for (;;) {
    Rows page;
    LIAISON_TRY(store.RunRead([&](Tx& tx) -> Status {
      auto rows = tx.Query(sql, {next, kScanPage});
      if (!rows) return std::move(rows).error();
      page = std::move(*rows);
      return OkStatus();
    }));
    for (const Row& row : page) {
      StoredEvent e = EventFromRow(row);
      if (to >= 0 && e.event.seq > to) return OkStatus();
      LIAISON_TRY(fn(e));
      next = e.event.seq + 1;
    }
    if (static_cast<std::int64_t>(page.size()) < kScanPage) return OkStatus();
  }
}

}  // namespace liaison
