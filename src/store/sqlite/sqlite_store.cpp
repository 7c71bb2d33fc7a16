// SQLite adapter for Store. The only file that includes sqlite3.h.
//
// One write connection (owned by the caller's writer thread) and a pool of
// read-only connections. WAL mode lets readers proceed while the writer
// commits; synchronous=FULL makes every commit durable. Prepared statements
// are cached per connection, keyed by SQL text.
#include <sqlite3.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <unordered_map>

#include "store/migrations.hpp"
#include "store/store.hpp"

namespace liaison {
namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr size_t kMaxCachedStatements = 256;

Error SqliteError(sqlite3* db, std::string_view what) {
  return Error::Internal(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "no connection"));
}

class Connection {
 public:
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    if (db_ != nullptr) sqlite3_close_v2(db_);
  }

  static Result<std::unique_ptr<Connection>> Open(const std::string& path, int flags) {
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    std::unique_ptr<Connection> conn(new Connection(db));
    if (rc != SQLITE_OK) return SqliteError(db, "open " + path);
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    sqlite3_extended_result_codes(db, 1);
    return conn;
  }

  sqlite3* db() { return db_; }

  Status ExecScript(std::string_view sql) {
    std::string s(sql);
    char* err = nullptr;
    if (sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string msg = err ? err : "unknown";
      sqlite3_free(err);
      return Error::Internal("exec: " + msg);
    }
    return OkStatus();
  }

  Result<sqlite3_stmt*> Prepare(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) {
      sqlite3_reset(it->second);
      sqlite3_clear_bindings(it->second);
      return it->second;
    }
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                           &stmt, nullptr) != SQLITE_OK) {
      return SqliteError(db_, "prepare");
    }
    if (cache_.size() >= kMaxCachedStatements) {
      for (auto& [s, st] : cache_) sqlite3_finalize(st);
      cache_.clear();
    }
    cache_.emplace(std::string(sql), stmt);
    return stmt;
  }

  Status Bind(sqlite3_stmt* stmt, Params params) {
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt)) {
      return Error::Internal("bind: parameter count mismatch");
    }
    for (size_t i = 0; i < params.size(); ++i) {
      const int idx = static_cast<int>(i + 1);
      int rc = SQLITE_OK;
      const SqlValue& v = params[i];
      if (std::holds_alternative<std::monostate>(v)) {
        rc = sqlite3_bind_null(stmt, idx);
      } else if (auto p = std::get_if<std::int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, idx, *p);
      } else if (auto d = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt, idx, *d);
      } else if (auto s = std::get_if<std::string>(&v)) {
        rc = sqlite3_bind_text64(stmt, idx, s->data(), s->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      } else if (auto b = std::get_if<Bytes>(&v)) {
        rc = sqlite3_bind_blob64(stmt, idx, b->data(), b->size(), SQLITE_TRANSIENT);
      }
      if (rc != SQLITE_OK) return SqliteError(db_, "bind");
    }
    return OkStatus();
  }

  Result<Rows> Query(std::string_view sql, Params params) {
    auto stmt = Prepare(sql);
    if (!stmt) return std::move(stmt).error();
    if (auto s = Bind(*stmt, params); !s) return std::move(s).error();
    Rows rows;
    const int ncols = sqlite3_column_count(*stmt);
    for (;;) {
      const int rc = sqlite3_step(*stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        Error e = SqliteError(db_, "step");
        sqlite3_reset(*stmt);
        return e;
      }
      std::vector<SqlValue> cols;
      cols.reserve(ncols);
      for (int c = 0; c < ncols; ++c) {
        switch (sqlite3_column_type(*stmt, c)) {
          case SQLITE_INTEGER:
            cols.emplace_back(std::int64_t{sqlite3_column_int64(*stmt, c)});
            break;
          case SQLITE_FLOAT:
            cols.emplace_back(sqlite3_column_double(*stmt, c));
            break;
          case SQLITE_TEXT: {
            const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(*stmt, c));
            cols.emplace_back(std::string(p, sqlite3_column_bytes(*stmt, c)));
            break;
          }
          case SQLITE_BLOB: {
            const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(*stmt, c));
            cols.emplace_back(Bytes(p, p + sqlite3_column_bytes(*stmt, c)));
            break;
          }
          default:
            cols.emplace_back(std::monostate{});
            break;
        }
      }
      rows.emplace_back(std::move(cols));
    }
    sqlite3_reset(*stmt);
    return rows;
  }

  Status Exec(std::string_view sql, Params params) {
    auto stmt = Prepare(sql);
    if (!stmt) return std::move(stmt).error();
    if (auto s = Bind(*stmt, params); !s) return std::move(s).error();
    const int rc = sqlite3_step(*stmt);
    sqlite3_reset(*stmt);
    if (rc == SQLITE_CONSTRAINT || (rc & 0xff) == SQLITE_CONSTRAINT) {
      return Error::Conflict("the record already exists or violates a constraint");
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return SqliteError(db_, "exec");
    return OkStatus();
  }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

class SqliteTx : public WriteTx {
 public:
  explicit SqliteTx(Connection& conn) : conn_(conn) {}
  Result<Rows> Query(std::string_view sql, Params params) override {
    return conn_.Query(sql, params);
  }
  Status Exec(std::string_view sql, Params params) override { return conn_.Exec(sql, params); }
  std::int64_t Changes() override { return sqlite3_changes64(conn_.db()); }
  Status Savepoint() override { return conn_.ExecScript("SAVEPOINT cmd"); }
  Status ReleaseSavepoint() override { return conn_.ExecScript("RELEASE cmd"); }
  Status RollbackToSavepoint() override { return conn_.ExecScript("ROLLBACK TO cmd; RELEASE cmd"); }

 private:
  Connection& conn_;
};

Result<std::int64_t> ReadUserVersion(Connection& conn) {
  auto rows = conn.Query("PRAGMA user_version", {});
  if (!rows) return std::move(rows).error();
  return rows->empty() ? 0 : rows->front().Int(0);
}

Status Migrate(Connection& conn, std::int64_t& version) {
  auto current = ReadUserVersion(conn);
  if (!current) return std::move(current).error();
  const auto migrations = AllMigrations();
  const std::int64_t newest = migrations.empty() ? 0 : migrations.back().version;
  if (*current > newest) {
    return Error::Precondition("the database schema is version " + std::to_string(*current) +
                               ", newer than this program understands (" + std::to_string(newest) +
                               "); upgrade liaison");
  }
  for (const Migration& m : migrations) {
    if (m.version <= *current) continue;
    LIAISON_TRY(conn.ExecScript("BEGIN IMMEDIATE"));
    Status s = conn.ExecScript(m.sql);
    if (s) s = conn.ExecScript("PRAGMA user_version = " + std::to_string(m.version));
    if (!s) {
      (void)conn.ExecScript("ROLLBACK");
      return Error::Internal("migration " + std::to_string(m.version) + " (" + std::string(m.name) +
                             ") failed: " + s.error().detail);
    }
    LIAISON_TRY(conn.ExecScript("COMMIT"));
  }
  version = std::max(*current, newest);
  return OkStatus();
}

class SqliteStore final : public Store {
 public:
  SqliteStore(std::unique_ptr<Connection> writer, std::vector<std::unique_ptr<Connection>> readers,
              std::int64_t version)
      : writer_(std::move(writer)), version_(version) {
    for (auto& r : readers) {
      idle_.push_back(r.get());
      readers_.push_back(std::move(r));
    }
  }

  Status RunWrite(const std::function<Status(WriteTx&)>& fn) override {
    if (!writer_) return Error::Precondition("the store is open read-only");
    std::lock_guard lock(write_mu_);
    LIAISON_TRY(writer_->ExecScript("BEGIN IMMEDIATE"));
    SqliteTx tx(*writer_);
    Status s = fn(tx);
    if (!s) {
      (void)writer_->ExecScript("ROLLBACK");
      return s;
    }
    if (Status c = writer_->ExecScript("COMMIT"); !c) {
      (void)writer_->ExecScript("ROLLBACK");
      return c;
    }
    return OkStatus();
  }

  Status RunRead(const std::function<Status(Tx&)>& fn) override {
    ReaderLease conn(*this);
    LIAISON_TRY(conn->ExecScript("BEGIN"));
    SqliteTx tx(*conn);
    Status s = fn(tx);
    (void)conn->ExecScript("COMMIT");
    return s;
  }

  Status Backup(const std::string& path) override {
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
      return Error::Invalid("/out", "the backup file already exists: " + path);
    }
    auto dest = Connection::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!dest) return std::move(dest).error();
    ReaderLease src(*this);
    sqlite3_backup* b = sqlite3_backup_init((*dest)->db(), "main", src->db(), "main");
    if (b == nullptr) return SqliteError((*dest)->db(), "backup init");
    // Copy in one step: the source is a WAL read snapshot, so the copy is
    // consistent and never blocks the writer.
    const int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) return SqliteError((*dest)->db(), "backup step");
    // A backup holds credentials: readable by the owner only, like the original.
    std::filesystem::permissions(
        path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
        std::filesystem::perm_options::replace, ec);
    return (*dest)->ExecScript("PRAGMA journal_mode=WAL; PRAGMA wal_checkpoint(TRUNCATE);");
  }

  std::int64_t SchemaVersion() const override { return version_; }

 private:
  // A read connection borrowed from the pool for one scope.
  class ReaderLease {
   public:
    explicit ReaderLease(SqliteStore& store) : store_(store), conn_(store.Acquire()) {}
    ~ReaderLease() { store_.Return(conn_); }
    ReaderLease(const ReaderLease&) = delete;
    ReaderLease& operator=(const ReaderLease&) = delete;
    Connection* operator->() const { return conn_; }
    Connection& operator*() const { return *conn_; }

   private:
    SqliteStore& store_;
    Connection* conn_;
  };

  Connection* Acquire() {
    std::unique_lock lock(pool_mu_);
    pool_cv_.wait(lock, [&] { return !idle_.empty(); });
    Connection* c = idle_.back();
    idle_.pop_back();
    return c;
  }
  void Return(Connection* c) {
    {
      std::lock_guard lock(pool_mu_);
      idle_.push_back(c);
    }
    pool_cv_.notify_one();
  }

  std::mutex write_mu_;
  std::unique_ptr<Connection> writer_;  // null when read-only
  std::int64_t version_;

  std::mutex pool_mu_;
  std::condition_variable pool_cv_;
  std::vector<std::unique_ptr<Connection>> readers_;
  std::vector<Connection*> idle_;  // GUARDED_BY(pool_mu_)
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const StoreOptions& options) {
  std::error_code ec;
  if (!options.create && !std::filesystem::exists(options.path, ec)) {
    return Error::NotFound("no database at " + options.path);
  }
  std::unique_ptr<Connection> writer;
  std::int64_t version = 0;
  if (!options.read_only) {
    auto w = Connection::Open(options.path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!w) return std::move(w).error();
    writer = std::move(*w);
    LIAISON_TRY(writer->ExecScript(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"));
    LIAISON_TRY(Migrate(*writer, version));
  }
  std::vector<std::unique_ptr<Connection>> readers;
  for (int i = 0; i < std::max(1, options.read_connections); ++i) {
    auto r = Connection::Open(options.path, SQLITE_OPEN_READONLY);
    if (!r) return std::move(r).error();
    readers.push_back(std::move(*r));
  }
  if (options.read_only) {
    auto v = ReadUserVersion(*readers.front());
    if (!v) return std::move(v).error();
    const auto migrations = AllMigrations();
    if (!migrations.empty() && *v > migrations.back().version) {
      return Error::Precondition("the database schema is newer than this program understands");
    }
    version = *v;
  }
  return std::unique_ptr<Store>(
      std::make_unique<SqliteStore>(std::move(writer), std::move(readers), version));
}

}  // namespace liaison
