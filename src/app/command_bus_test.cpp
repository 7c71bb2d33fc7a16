#include "app/command_bus.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "app/rebuild.hpp"
#include "domain/identity/identity.hpp"

namespace liaison {
namespace {

class CommandBusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("liaison_bus_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto s =
        OpenSqliteStore({.path = (dir_ / "t.db").string(), .read_connections = 2, .create = true});
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    events_.Subscribe([this](const audit::StoredEvent& e) {
      std::lock_guard lock(mu_);
      published_.push_back(e.event.seq);
    });
    auto log = EventLog::Open(*store_);
    ASSERT_TRUE(log.ok());
    bus_ = std::make_unique<CommandBus>(*store_, *log, clock_, events_, CommandBus::Options{});
  }
  void TearDown() override {
    bus_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  static CommandFn Party(std::string id) {
    return [id](CommandContext& ctx) {
      return identity::CreateParty(ctx, json::object{{"id", id}, {"name_en", id}});
    };
  }

  std::filesystem::path dir_;
  ManualClock clock_{1'700'000'000'000'000};
  std::unique_ptr<Store> store_;
  EventBus events_;
  std::unique_ptr<CommandBus> bus_;
  std::mutex mu_;
  std::vector<std::int64_t> published_;
};

TEST_F(CommandBusTest, FinishSeesTheAppliedProjectionAndItsFailureRollsBack) {
  auto with_finish = [](std::string id, bool fail) {
    return [id, fail](CommandContext& ctx) -> Result<json::value> {
      auto r = identity::CreateParty(ctx, json::object{{"id", id}, {"name_en", id}});
      if (!r) return r;
      ctx.finish = [id, fail](Tx& tx, json::value) -> Result<json::value> {
        if (fail) return Error::Conflict("refused after the fact");
        auto rows = tx.Query("SELECT name_en FROM parties WHERE id = ?", {id});
        if (!rows) return std::move(rows).error();
        if (rows->empty()) return Error::Internal("projection not applied before finish");
        return json::value(json::object{{"name_en", rows->front().Text(0)}});
      };
      return r;
    };
  };
  auto ok = bus_->Execute(SystemPrincipal("test"), with_finish("isf", false));
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->reply.as_object().at("name_en").as_string(), "isf");
  EXPECT_EQ(ok->seqs.size(), 1u);

  auto refused = bus_->Execute(SystemPrincipal("test"), with_finish("pasf", true));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  std::int64_t parties = -1;
  ASSERT_TRUE(store_->RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query("SELECT COUNT(*) FROM parties");
    if (!rows) return std::move(rows).error();
    parties = rows->front().Int(0);
    return OkStatus();
  }));
  EXPECT_EQ(parties, 1);  // pasf's event and row were rolled back
  EXPECT_EQ(bus_->last_seq(), 1);
}

// In-memory state a command changed is put back exactly when its writes are
// rolled back: on its own failure, on a failing finish, never on success.
TEST_F(CommandBusTest, UndoRunsOnlyWhenTheCommandRollsBack) {
  std::vector<std::string> memory;  // stands for the deconfliction index
  auto change = [&memory](std::string id, bool fail_command, bool fail_finish) {
    return [&memory, id, fail_command, fail_finish](CommandContext& ctx) -> Result<json::value> {
      memory.push_back(id + ".1");
      ctx.undo.push_back([&memory] { memory.pop_back(); });
      memory.push_back(id + ".2");
      ctx.undo.push_back([&memory] { memory.pop_back(); });
      if (fail_command) return Error::Invalid("/x", "refused");
      auto r = identity::CreateParty(ctx, json::object{{"id", id}, {"name_en", id}});
      if (!r) return r;
      if (fail_finish) {
        ctx.finish = [](Tx&, json::value) -> Result<json::value> {
          return Error::Conflict("finish refused");
        };
      }
      return r;
    };
  };
  ASSERT_TRUE(bus_->Execute(SystemPrincipal("t"), change("a", false, false)).ok());
  EXPECT_EQ(memory, (std::vector<std::string>{"a.1", "a.2"}));
  EXPECT_FALSE(bus_->Execute(SystemPrincipal("t"), change("b", true, false)).ok());
  EXPECT_EQ(memory, (std::vector<std::string>{"a.1", "a.2"}));
  EXPECT_FALSE(bus_->Execute(SystemPrincipal("t"), change("c", false, true)).ok());
  EXPECT_EQ(memory, (std::vector<std::string>{"a.1", "a.2"}));
  ASSERT_TRUE(bus_->Execute(SystemPrincipal("t"), change("d", false, false)).ok());
  EXPECT_EQ(memory, (std::vector<std::string>{"a.1", "a.2", "d.1", "d.2"}));
}

TEST_F(CommandBusTest, AppendsAppliesAndPublishesInOrder) {
  auto r = bus_->Execute(SystemPrincipal("test"), Party("isf"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->seqs, std::vector<std::int64_t>{1});
  std::string name;
  ASSERT_TRUE(store_->RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query("SELECT name_en FROM parties WHERE id = 'isf'", {});
    if (!rows) return std::move(rows).error();
    if (!rows->empty()) name = rows->front().Text(0);
    return OkStatus();
  }));
  EXPECT_EQ(name, "isf");
  std::lock_guard lock(mu_);
  EXPECT_EQ(published_, std::vector<std::int64_t>{1});
}

TEST_F(CommandBusTest, FailedCommandLeavesNoTraceAndOthersInTheBatchCommit) {
  constexpr int kThreads = 8;
  std::vector<std::thread> threads;
  std::atomic<int> ok{0}, failed{0};
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      // Every odd thread repeats an id, which must fail with a conflict.
      auto r = bus_->Execute(SystemPrincipal("test"), Party("p" + std::to_string(i / 2 * 2)));
      (r.ok() ? ok : failed)++;
      if (!r.ok()) {
        EXPECT_EQ(r.error().code, ErrorCode::kConflict);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), kThreads / 2);
  EXPECT_EQ(failed.load(), kThreads / 2);
  std::int64_t events = 0, max_seq = 0;
  ASSERT_TRUE(store_->RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query("SELECT count(*), max(seq) FROM events", {});
    if (!rows) return std::move(rows).error();
    events = rows->front().Int(0);
    max_seq = rows->front().Int(1);
    return OkStatus();
  }));
  EXPECT_EQ(events, kThreads / 2);
  EXPECT_EQ(max_seq, kThreads / 2);  // dense: a rolled-back command consumed no seq
}

TEST_F(CommandBusTest, ValidationErrorNamesTheField) {
  auto r = bus_->Execute(SystemPrincipal("test"), [](CommandContext& ctx) {
    return identity::CreateParty(ctx, json::object{{"id", "Bad Id"}, {"name_en", "x"}});
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(r.error().field, "/id");
}

TEST_F(CommandBusTest, RebuildReproducesLiveProjections) {
  ASSERT_TRUE(bus_->Execute(SystemPrincipal("t"), Party("isf")).ok());
  ASSERT_TRUE(bus_->Execute(SystemPrincipal("t"),
                            [](CommandContext& ctx) {
                              return identity::CreateUnit(ctx,
                                                          json::object{{"id", "isf"},
                                                                       {"kind", "party"},
                                                                       {"name_en", "ISF"},
                                                                       {"name_ar", "\xd8\xa3"}});
                            })
                  .ok());
  bus_->Stop();
  auto before = ProjectionDigest(*store_);
  ASSERT_TRUE(before.ok());
  auto report = Rebuild(*store_, false);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->events, 2);
  EXPECT_TRUE(report->identical());
  EXPECT_EQ(report->digest_after, *before);
  // A projection edited behind the log's back is detected and repaired.
  ASSERT_TRUE(store_->RunWrite([](WriteTx& tx) {
    return tx.Exec("UPDATE parties SET name_en = 'forged' WHERE id = 'isf'", {});
  }));
  auto repaired = Rebuild(*store_, false);
  ASSERT_TRUE(repaired.ok());
  EXPECT_FALSE(repaired->identical());
  EXPECT_EQ(repaired->digest_after, *before);
}

TEST_F(CommandBusTest, SubmitAfterStopIsUnavailable) {
  bus_->Stop();
  auto r = bus_->Execute(SystemPrincipal("t"), Party("x"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace liaison
