// The deconfliction index's record ids, its undo of changes, and the shipped
// rule table.
#include "domain/deconfliction/index.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "domain/deconfliction/rules.hpp"

namespace liaison::deconfliction {
namespace {

constexpr Micros kHour = 3600 * kMicrosPerSecond;

// A CommandContext needs a transaction; the index does not use it.
struct NoTx : WriteTx {
  using Tx::Exec;
  using Tx::Query;
  Result<Rows> Query(std::string_view, Params) override { return Rows{}; }
  Status Exec(std::string_view, Params) override { return OkStatus(); }
  std::int64_t Changes() override { return 0; }
  Status Savepoint() override { return OkStatus(); }
  Status RollbackToSavepoint() override { return OkStatus(); }
  Status ReleaseSavepoint() override { return OkStatus(); }
};

TEST(IndexTest, RecordIdsRoundTrip) {
  for (const char* ref :
       {"ACT-2026-000001", "REQ-2026-000123", "ACT-1999-999999", "REQ-2031-1000000"}) {
    const auto id = EngineId(ref);
    ASSERT_TRUE(id.has_value()) << ref;
    EXPECT_EQ(RefOf(*id), ref);
  }
  EXPECT_NE(*EngineId("ACT-2026-000001"), *EngineId("REQ-2026-000001"));
  EXPECT_NE(*EngineId("ACT-2026-000001"), *EngineId("ACT-2027-000001"));
  for (const char* bad : {"", "ACT-", "ACT-2026", "ACT-2026-", "ACT-20x6-000001", "CFL-2026-000001",
                          "ACT-2026-00000a", "act-2026-000001"}) {
    EXPECT_FALSE(EngineId(bad).has_value()) << bad;
  }
}

deconflict::Footprint PointAt(double lon, double lat, Micros start) {
  return {geo::Geometry{geo::GeometryKind::kPoint, {{{lon, lat}}}}, 100, start, start + kHour};
}

TEST(IndexTest, PutRegistersItsUndo) {
  Index index(deconflict::Options{}, deconflict::RuleTable{});
  NoTx tx;
  const Principal actor;
  CommandContext ctx{tx, 0, actor, {}, {}, {}};
  const auto here = PointAt(35.2, 31.9, 10 * kHour);
  const auto there = PointAt(35.3, 32.0, 10 * kHour);

  index.Put(ctx, "ACT-2026-000001", std::nullopt, Index::Placed{"isf", "patrol", here});
  index.Put(ctx, "ACT-2026-000001", Index::Placed{"isf", "patrol", here},
            Index::Placed{"isf", "patrol", there});
  EXPECT_EQ(index.size(), 1u);
  EXPECT_TRUE(index.Check(here, "pasf", "patrol", std::nullopt).empty());
  EXPECT_EQ(index.Check(there, "pasf", "patrol", std::nullopt).size(), 1u);
  EXPECT_TRUE(index.Check(there, "pasf", "patrol", "ACT-2026-000001").empty());

  // Undo in reverse: back where it was, then gone.
  ASSERT_EQ(ctx.undo.size(), 2u);
  ctx.undo[1]();
  EXPECT_EQ(index.Check(here, "pasf", "patrol", std::nullopt).size(), 1u);
  EXPECT_TRUE(index.Check(there, "pasf", "patrol", std::nullopt).empty());
  ctx.undo[0]();
  EXPECT_EQ(index.size(), 0u);
}

TEST(IndexTest, NewRulesApplyToWhatItHolds) {
  Index index(deconflict::Options{}, deconflict::RuleTable{});
  NoTx tx;
  const Principal actor;
  CommandContext ctx{tx, 0, actor, {}, {}, {}};
  const auto here = PointAt(35.2, 31.9, 10 * kHour);
  index.Put(ctx, "ACT-2026-000001", std::nullopt, Index::Placed{"isf", "static_site", here});
  EXPECT_EQ(index.Check(here, "pasf", "static_site", std::nullopt).size(), 1u);
  EXPECT_TRUE(index.Check(here, "isf", "patrol", std::nullopt).empty());

  deconflict::RuleTable rules;
  rules.all_pairs = false;
  rules.pairs = {{"patrol", "*"}};
  index.SetRules(rules, /*same_party=*/true);
  EXPECT_TRUE(index.Check(here, "pasf", "static_site", std::nullopt).empty());
  EXPECT_EQ(index.Check(here, "isf", "patrol", std::nullopt).size(), 1u);
  EXPECT_TRUE(index.options().same_party);
  EXPECT_EQ(index.size(), 1u);
}

TEST(IndexTest, SitesWithoutAWindowAreAlwaysInForce) {
  Index index(deconflict::Options{}, deconflict::RuleTable{});
  const auto site = SiteFootprint(geo::Geometry{geo::GeometryKind::kPoint, {{{35.2, 31.9}}}}, 50,
                                  std::nullopt, std::nullopt);
  NoTx tx;
  const Principal actor;
  CommandContext ctx{tx, 0, actor, {}, {}, {}};
  index.PutSite(ctx, 7, site);
  // 2026 and 2090, 100 m + 50 m buffers, 100 m apart.
  for (Micros start :
       {Micros{1'790'000'000} * kMicrosPerSecond, Micros{3'800'000'000} * kMicrosPerSecond}) {
    const auto near = index.NearSites(PointAt(35.2 + 100.0 / 94'500, 31.9, start));
    ASSERT_EQ(near.size(), 1u);
    EXPECT_EQ(near[0].number, 7);
  }
  EXPECT_TRUE(index.NearSites(PointAt(35.21, 31.9, 10 * kHour)).empty());
}

// Every pair of kinds is either checked or listed as deliberately not, in
// the file the server ships.
TEST(RulesTest, ShippedTableCoversEveryPairOnce) {
  std::ifstream in(std::string(LIAISON_SOURCE_DIR) + "/data/deconfliction_rules.json");
  ASSERT_TRUE(in);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto rules = ParseRules(text);
  ASSERT_TRUE(rules.ok()) << rules.error().message;
  EXPECT_FALSE(rules->same_party);
  auto object = ParseObject(text);
  ASSERT_TRUE(object.ok());
  std::vector<std::pair<std::string, std::string>> excluded;
  for (const auto& v : object->at("not_checked").as_array()) {
    const auto& k = v.at("kinds").as_array();
    excluded.emplace_back(k[0].as_string(), k[1].as_string());
  }
  int checked = 0;
  for (std::string_view a : kKinds) {
    for (std::string_view b : kKinds) {
      const bool in_table = rules->table.Conflicts(a, b);
      EXPECT_EQ(in_table, rules->table.Conflicts(b, a)) << a << "/" << b;
      const bool listed_out = std::any_of(excluded.begin(), excluded.end(), [&](const auto& x) {
        return (x.first == a && x.second == b) || (x.first == b && x.second == a);
      });
      EXPECT_NE(in_table, listed_out)
          << a << " against " << b << " must be either checked or listed as not checked";
      checked += in_table;
    }
  }
  EXPECT_GT(checked, 40);  // of 49: nearly everything is checked
}

TEST(RulesTest, RejectsUnknownKindsPairsWithoutReasonAndContradictions) {
  EXPECT_FALSE(ParseRules(R"({"pairs": [{"kinds": ["patrol", "tank"], "why": "x"}]})").ok());
  EXPECT_FALSE(ParseRules(R"({"pairs": [{"kinds": ["patrol", "*"]}]})").ok());
  EXPECT_FALSE(ParseRules(R"({"pairs": [{"kinds": ["patrol"], "why": "x"}]})").ok());
  EXPECT_FALSE(ParseRules(R"({"same_party": "yes"})").ok());
  EXPECT_FALSE(ParseRules(R"({"pairs": [{"kinds": ["patrol", "*"], "why": "x"}],
                              "not_checked": [{"kinds": ["patrol", "exercise"], "why": "y"}]})")
                   .ok());
  auto ok = ParseRules(R"({"same_party": true,
                           "pairs": [{"kinds": ["patrol", "exercise"], "why": "x"}]})");
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_TRUE(ok->same_party);
  EXPECT_TRUE(ok->table.Conflicts("exercise", "patrol"));
  EXPECT_FALSE(ok->table.Conflicts("patrol", "patrol"));
}

}  // namespace
}  // namespace liaison::deconfliction
