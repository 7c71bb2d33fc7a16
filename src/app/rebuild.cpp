#include "app/rebuild.hpp"

#include "audit/sha256.hpp"
#include "domain/projections.hpp"
#include "store/event_log.hpp"

namespace liaison {
namespace {

// Hashes every row of every projection table, ordered by all columns, with a
// type tag and length before each value so no two tables can collide.
Result<std::string> Digest(Tx& tx) {
  audit::Sha256Hasher hasher;
  auto feed = [&](std::string_view s) {
    Bytes len;
    AppendU64Be(len, s.size());
    hasher.Update(len).Update(s);
  };
  for (std::string_view table : ProjectionTables()) {
    feed(table);
    // Order by every column, in portable SQL: the column count comes from a
    // first row, and an empty table needs no order.
    auto probe = tx.Query("SELECT * FROM " + std::string(table) + " LIMIT 1", {});
    if (!probe) return std::move(probe).error();
    if (probe->empty()) continue;
    std::string order;
    for (size_t i = 1; i <= probe->front().size(); ++i)
      order += (i > 1 ? "," : "") + std::to_string(i);
    auto rows = tx.Query("SELECT * FROM " + std::string(table) + " ORDER BY " + order, {});
    if (!rows) return std::move(rows).error();
    for (const Row& r : *rows) {
      for (size_t c = 0; c < r.size(); ++c) {
        const SqlValue& v = r.Value(c);
        feed(std::to_string(v.index()));
        feed(r.IsNull(c) ? std::string() : r.Text(c));
      }
    }
  }
  return HexEncode(hasher.Finish());
}

}  // namespace

Result<std::string> ProjectionDigest(Store& store) {
  std::string digest;
  LIAISON_TRY(store.RunRead([&](Tx& tx) -> Status {
    auto d = Digest(tx);
    if (!d) return std::move(d).error();
    digest = std::move(*d);
    return OkStatus();
  }));
  return digest;
}

Result<RebuildReport> Rebuild(Store& store, bool dry_run) {
  RebuildReport report;
  LIAISON_TRY(store.RunWrite([&](WriteTx& tx) -> Status {
    auto before = Digest(tx);
    if (!before) return std::move(before).error();
    report.digest_before = std::move(*before);
    LIAISON_TRY(tx.Savepoint());
    for (std::string_view table : ProjectionTables()) {
      LIAISON_TRY(tx.Exec("DELETE FROM " + std::string(table), {}));
    }
    // The events are read through the write transaction itself, in pages.
    std::int64_t next = 1;
    const std::string sql = "SELECT " + std::string(kEventColumns) +
                            " FROM events WHERE seq >= ? ORDER BY seq LIMIT 2048";
    for (;;) {
      auto rows = tx.Query(sql, {next});
      if (!rows) return std::move(rows).error();
      for (const Row& row : *rows) {
        const audit::StoredEvent e = EventFromRow(row);
        LIAISON_TRY(ApplyEvent(tx, e.event, ParseStoredBody(e.event.body)));
        next = e.event.seq + 1;
        ++report.events;
      }
      if (rows->size() < 2048) break;
    }
    auto after = Digest(tx);
    if (!after) return std::move(after).error();
    report.digest_after = std::move(*after);
    return dry_run ? tx.RollbackToSavepoint() : tx.ReleaseSavepoint();
  }));
  return report;
}

}  // namespace liaison
