#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "store/migrations.hpp"
#include "store/store.hpp"

namespace liaison {
namespace {

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("liaison_store_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "t.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<Store> Open() {
    auto s = OpenSqliteStore({.path = path_, .read_connections = 2, .create = true});
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().detail);
    return s.ok() ? std::move(*s) : nullptr;
  }

  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(SqliteStoreTest, MigratesToNewestVersionAndUsesWal) {
  auto store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->SchemaVersion(), AllMigrations().back().version);
  std::string mode;
  ASSERT_TRUE(store->RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query("PRAGMA journal_mode", {});
    if (!rows) return std::move(rows).error();
    mode = rows->front().Text(0);
    return OkStatus();
  }));
  EXPECT_EQ(mode, "wal");
}

TEST_F(SqliteStoreTest, RefusesDatabaseNewerThanBinary) {
  { auto store = Open(); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 9999", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto s = OpenSqliteStore({.path = path_, .read_connections = 1});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kFailedPrecondition);
  EXPECT_NE(s.error().message.find("newer"), std::string::npos);
}

TEST_F(SqliteStoreTest, FailedWriteRollsBackEverything) {
  auto store = Open();
  Status s = store->RunWrite([](WriteTx& tx) -> Status {
    LIAISON_TRY(tx.Exec("INSERT INTO meta (key, value) VALUES (?, ?)",
                        {std::string("a"), std::string("1")}));
    return Error::Invalid("/x", "nope");
  });
  EXPECT_FALSE(s.ok());
  std::int64_t n = -1;
  ASSERT_TRUE(store->RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query("SELECT count(*) FROM meta", {});
    if (!rows) return std::move(rows).error();
    n = rows->front().Int(0);
    return OkStatus();
  }));
  EXPECT_EQ(n, 0);
}

TEST_F(SqliteStoreTest, SavepointIsolatesOneCommandInAGroup) {
  auto store = Open();
  ASSERT_TRUE(store->RunWrite([](WriteTx& tx) -> Status {
    LIAISON_TRY(tx.Savepoint());
    LIAISON_TRY(tx.Exec("INSERT INTO meta (key, value) VALUES ('kept', '1')", {}));
    LIAISON_TRY(tx.ReleaseSavepoint());
    LIAISON_TRY(tx.Savepoint());
    LIAISON_TRY(tx.Exec("INSERT INTO meta (key, value) VALUES ('dropped', '1')", {}));
    return tx.RollbackToSavepoint();
  }));
  std::vector<std::string> keys;
  ASSERT_TRUE(store->RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query("SELECT key FROM meta ORDER BY key", {});
    if (!rows) return std::move(rows).error();
    for (auto& r : *rows) keys.push_back(r.Text(0));
    return OkStatus();
  }));
  EXPECT_EQ(keys, std::vector<std::string>{"kept"});
}

TEST_F(SqliteStoreTest, DuplicateKeyIsConflictNotCrash) {
  auto store = Open();
  Status s = store->RunWrite([](WriteTx& tx) -> Status {
    LIAISON_TRY(tx.Exec("INSERT INTO meta (key, value) VALUES ('k', '1')", {}));
    return tx.Exec("INSERT INTO meta (key, value) VALUES ('k', '2')", {});
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kConflict);
}

TEST_F(SqliteStoreTest, BackupIsAConsistentCopyAndRefusesToOverwrite) {
  auto store = Open();
  ASSERT_TRUE(store->RunWrite(
      [](WriteTx& tx) { return tx.Exec("INSERT INTO meta (key, value) VALUES ('k', 'v')", {}); }));
  const std::string out = (dir_ / "backup.db").string();
  ASSERT_TRUE(store->Backup(out));
  EXPECT_FALSE(store->Backup(out).ok());
  auto copy = OpenSqliteStore({.path = out, .read_connections = 1, .read_only = true});
  ASSERT_TRUE(copy.ok());
  std::string v;
  ASSERT_TRUE((*copy)->RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query("SELECT value FROM meta WHERE key = 'k'", {});
    if (!rows) return std::move(rows).error();
    v = rows->front().Text(0);
    return OkStatus();
  }));
  EXPECT_EQ(v, "v");
}

}  // namespace
}  // namespace liaison
