#include "store/event_log.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "audit/leaf.hpp"

namespace liaison {
namespace {

TEST(EventLogTest, AppendsDenseSeqWithLinkedHashesAndReopensAtTail) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("liaison_eventlog_test_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "t.db").string();
  {
    auto store = OpenSqliteStore({.path = path, .read_connections = 1, .create = true});
    ASSERT_TRUE(store.ok());
    auto log = EventLog::Open(**store);
    ASSERT_TRUE(log.ok());
    ASSERT_TRUE((*store)->RunWrite([&](WriteTx& tx) -> Status {
      for (int i = 0; i < 3; ++i) {
        Event e{.at = 1000 + i,
                .actor = "a",
                .party = "isf",
                .type = "t",
                .subject = "s",
                .shared_with = {"ussc", "isf", "pasf", "ussc"},
                .body = "{}"};
        auto r = log->Append(tx, e);
        if (!r) return std::move(r).error();
        EXPECT_EQ(r->event.seq, i + 1);
        EXPECT_EQ(r->event.shared_with, (std::vector<std::string>{"pasf", "ussc"}));
      }
      return OkStatus();
    }));
  }
  auto store = OpenSqliteStore({.path = path, .read_connections = 1});
  ASSERT_TRUE(store.ok());
  auto log = EventLog::Open(**store);
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->last_seq(), 3);
  Hash256 chain{};
  std::int64_t count = 0;
  ASSERT_TRUE(ScanEvents(**store, 1, -1, [&](const StoredEvent& e) -> Status {
    ++count;
    EXPECT_EQ(e.leaf_hash, audit::LeafHash(e.event));
    chain = audit::ChainHash(chain, e.leaf_hash);
    EXPECT_EQ(e.chain_hash, chain);
    return OkStatus();
  }));
  EXPECT_EQ(count, 3);
  EXPECT_EQ(log->mark().chain, chain);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace liaison
