// Store: the one storage interface. Everything above src/store/ talks to the
// database only through it, so that a PostgreSQL adapter can implement it
// without changes above. SQL passed through it is kept portable: `?`
// placeholders (the PostgreSQL adapter rewrites them to $n), no
// SQLite-only syntax outside src/store/sqlite/.
//
// Thread-safety: RunWrite() must be called from one thread at a time (the
// CommandBus writer thread owns it). RunRead() is safe from any thread; each
// call borrows a read-only connection from a bounded pool and sees one
// consistent snapshot.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace liaison {

using SqlValue = std::variant<std::monostate, std::int64_t, double, std::string, Bytes>;

class Row {
 public:
  explicit Row(std::vector<SqlValue> cols) : cols_(std::move(cols)) {}
  size_t size() const { return cols_.size(); }
  bool IsNull(size_t i) const { return std::holds_alternative<std::monostate>(cols_.at(i)); }
  // Type-tolerant accessors: NULL reads as 0 / "" / empty.
  std::int64_t Int(size_t i) const;
  double Real(size_t i) const;
  std::string Text(size_t i) const;
  Bytes Blob(size_t i) const;
  const SqlValue& Value(size_t i) const { return cols_.at(i); }

 private:
  std::vector<SqlValue> cols_;
};

using Rows = std::vector<Row>;
using Params = std::span<const SqlValue>;

// One transaction. Valid only inside the RunRead/RunWrite callback.
class Tx {
 public:
  virtual ~Tx() = default;
  virtual Result<Rows> Query(std::string_view sql, Params params = {}) = 0;
  virtual Status Exec(std::string_view sql, Params params = {}) = 0;
  // Number of rows changed by the last Exec.
  virtual std::int64_t Changes() = 0;

  Result<Rows> Query(std::string_view sql, std::initializer_list<SqlValue> params) {
    return Query(sql, Params(params.begin(), params.size()));
  }
  Status Exec(std::string_view sql, std::initializer_list<SqlValue> params) {
    return Exec(sql, Params(params.begin(), params.size()));
  }
};

class WriteTx : public Tx {
 public:
  // Nested, named rollback points, used by group commit to isolate one
  // command's failure from the others in the same transaction.
  virtual Status Savepoint() = 0;
  virtual Status ReleaseSavepoint() = 0;
  virtual Status RollbackToSavepoint() = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Runs fn in one write transaction; commits durably when fn returns OK,
  // rolls back otherwise and returns fn's error.
  virtual Status RunWrite(const std::function<Status(WriteTx&)>& fn) = 0;
  // Runs fn in a read-only snapshot on a pooled connection.
  virtual Status RunRead(const std::function<Status(Tx&)>& fn) = 0;
  // A consistent online copy of the whole database to `path`.
  virtual Status Backup(const std::string& path) = 0;
  // The schema version the database is at.
  virtual std::int64_t SchemaVersion() const = 0;
};

struct StoreOptions {
  std::string path;          // database file
  int read_connections = 4;  // size of the read pool
  bool create = false;       // create the file if missing
  bool read_only = false;    // open for reading only (audit verify, backups)
};

// Opens (and migrates, unless read_only) a SQLite database in WAL mode with
// synchronous=FULL. Refuses a database whose schema is newer than this binary.
Result<std::unique_ptr<Store>> OpenSqliteStore(const StoreOptions& options);

}  // namespace liaison
