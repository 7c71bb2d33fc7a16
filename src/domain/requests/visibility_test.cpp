// The visibility filter pushed into SQL (RecordVisibilitySql) must select
// exactly the rows CanSee allows, for every kind of principal and scope.
#include <gtest/gtest.h>

#include <filesystem>

#include "authz/policy.hpp"
#include "store/event_log.hpp"
#include "store/store.hpp"

namespace liaison {
namespace {

TEST(RecordVisibilityTest, SqlFilterEqualsCanSee) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("liaison_visibility_test_" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(path);
  auto store = OpenSqliteStore({.path = path.string(), .read_connections = 1, .create = true});
  ASSERT_TRUE(store.ok()) << store.error().message;

  const std::vector<Scope> scopes = {
      {"pasf", {"isf", "ussc"}},
      {"isf", {"pasf", "ussc"}},
      {"isf", {"ussc"}},
      {"pasf", {}},
      {"isf", {"*"}},
      {"ussc", {"isf", "pasf"}},
      {"eu", {"ussc"}},
      {"pasf", {"isf2"}},
      {"isf2", {"pasf"}},
  };
  ASSERT_TRUE((*store)
                  ->RunWrite([&](WriteTx& tx) -> Status {
                    LIAISON_TRY(tx.Exec(
                        "CREATE TABLE records (id INTEGER PRIMARY KEY, owner TEXT, shared TEXT)"));
                    for (size_t i = 0; i < scopes.size(); ++i) {
                      LIAISON_TRY(tx.Exec("INSERT INTO records VALUES (?, ?, ?)",
                                          {static_cast<std::int64_t>(i), scopes[i].owner_party,
                                           JoinShares(scopes[i].shared_with)}));
                    }
                    return OkStatus();
                  })
                  .ok());

  // "isf" must not match "isf2" (a prefix), nor "ussc" match anything but itself.
  for (const char* party : {"isf", "pasf", "ussc", "eu", "isf2", "is", "nobody"}) {
    Principal p;
    p.username = std::string(party) + ".duty";
    p.party = party;
    p.roles = RoleSet{Role::kDuty};
    std::vector<std::string> params;
    const std::string sql = "SELECT id FROM records r WHERE " +
                            RecordVisibilitySql(p, "r.owner", "r.shared", params) + " ORDER BY id";
    std::vector<std::int64_t> selected;
    ASSERT_TRUE((*store)
                    ->RunRead([&](Tx& tx) -> Status {
                      std::vector<SqlValue> bound(params.begin(), params.end());
                      auto rows = tx.Query(sql, bound);
                      if (!rows) return std::move(rows).error();
                      for (const Row& r : *rows) selected.push_back(r.Int(0));
                      return OkStatus();
                    })
                    .ok());
    std::vector<std::int64_t> expected;
    for (size_t i = 0; i < scopes.size(); ++i) {
      if (CanSee(p, scopes[i])) expected.push_back(static_cast<std::int64_t>(i));
    }
    EXPECT_EQ(selected, expected) << "for " << party;
    if (std::string_view(party) == "isf") {
      EXPECT_FALSE(expected.empty());
    }
  }
  store->reset();
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace liaison
