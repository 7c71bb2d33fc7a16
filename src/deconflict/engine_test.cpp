#include "deconflict/engine.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "deconflict/synthetic.hpp"
#include "deconflict/test_shapes.hpp"

namespace liaison::deconflict {
namespace {

using testing::At;
using testing::Circle;
using testing::kDay;
using testing::kHour;
using testing::kT0;
using testing::LineThrough;
using testing::PointAt;
using testing::PolygonOf;
using testing::Square;

Footprint Fp(geo::Geometry g, double buffer_m, Micros start = kT0, Micros end = kT0 + kDay) {
  return Footprint{std::move(g), buffer_m, start, end};
}

Entry E(std::uint64_t id, Footprint fp, std::string party = "isf", std::string kind = "patrol") {
  return Entry{id, std::move(party), std::move(kind), std::move(fp)};
}

std::vector<std::uint64_t> Ids(const std::vector<Hit>& hits) {
  std::vector<std::uint64_t> ids;
  for (const Hit& h : hits) ids.push_back(h.id);
  return ids;
}

// One geometry edge case: `stored` is registered by isf, `checked` checked by pasf.
struct Scenario {
  const char* name;
  Footprint stored;
  Footprint checked;
  bool conflict;
  double distance_m;  // expected when conflicting, within kTolerance
};
constexpr double kTolerance = 0.01;  // metres: rounding of At() and the plane

std::vector<Scenario> Scenarios() {
  const auto ring40 = Circle({0, 0}, 5000, 200);  // a large polygon: cut into ring pieces
  return {
      {"points within buffers", Fp(PointAt({0, 0}), 600), Fp(PointAt({1000, 0}), 600), true, 1000},
      {"points beyond buffers", Fp(PointAt({0, 0}), 400), Fp(PointAt({1000, 0}), 400), false, 0},
      {"zero buffers, same place", Fp(PointAt({10, 10}), 0), Fp(PointAt({10, 10}), 0), true, 0},
      {"zero buffers, a metre apart", Fp(PointAt({0, 0}), 0), Fp(PointAt({0, 1}), 0), false, 0},
      {"point inside polygon", Fp(Square({0, 0}, 1000), 0), Fp(PointAt({100, 200}), 0), true, 0},
      {"point in a polygon's hole",
       Fp(PolygonOf({Circle({0, 0}, 2000, 16), Circle({0, 0}, 1000, 16)}), 0),
       Fp(PointAt({0, 0}), 0), false, 0},
      {"point in a hole, buffer reaching the hole's ring",
       Fp(PolygonOf({{{-2000, -2000}, {2000, -2000}, {2000, 2000}, {-2000, 2000}},
                     {{-1000, -1000}, {1000, -1000}, {1000, 1000}, {-1000, 1000}}}),
          0),
       Fp(PointAt({500, 0}), 510), true, 500},
      {"point outside polygon, within buffer", Fp(Square({0, 0}, 1000), 110),
       Fp(PointAt({1300, 0}), 200), true, 300},
      {"polygon inside polygon", Fp(Square({0, 0}, 3000), 0), Fp(Square({500, 0}, 100), 0), true,
       0},
      {"polygon around polygon", Fp(Square({500, 0}, 100), 0), Fp(Square({0, 0}, 3000), 0), true,
       0},
      {"crossing routes", Fp(LineThrough({{-5000, 0}, {5000, 0}}), 0),
       Fp(LineThrough({{0, -5000}, {0, 5000}}), 0), true, 0},
      {"parallel routes too far", Fp(LineThrough({{-5000, 0}, {5000, 0}}), 100),
       Fp(LineThrough({{-5000, 300}, {5000, 300}}), 100), false, 0},
      {"parallel routes within buffers", Fp(LineThrough({{-5000, 0}, {5000, 0}}), 160),
       Fp(LineThrough({{-5000, 300}, {5000, 300}}), 160), true, 300},
      {"route across polygon", Fp(Square({0, 0}, 1000), 0),
       Fp(LineThrough({{-5000, 0}, {5000, 0}}), 0), true, 0},
      {"200 km route near a point", Fp(LineThrough({{0, -100000}, {0, 100000}}), 300),
       Fp(PointAt({500, 37000}), 250), true, 500},
      {"200 km route just beyond a point", Fp(LineThrough({{0, -100000}, {0, 100000}}), 200),
       Fp(PointAt({500, 37000}), 200), false, 0},
      {"point near a 200 km winding route", Fp(PointAt({1000, 19500}), 100),
       Fp(LineThrough([] {
            std::vector<testing::Xy> ps;
            for (int i = 0; i <= 400; ++i) ps.push_back({(i % 2) * 900.0, -100000 + 500.0 * i});
            return ps;
          }()),
          50),
       true, 100},
      {"point deep inside a large polygon", Fp(PolygonOf({ring40}), 0), Fp(PointAt({10, 20}), 0),
       true, 0},
      {"large polygon around a point", Fp(PointAt({10, 20}), 0), Fp(PolygonOf({ring40}), 0), true,
       0},
      {"route inside a large polygon", Fp(LineThrough({{-100, 0}, {100, 50}}), 0),
       Fp(PolygonOf({ring40}), 0), true, 0},
      {"large polygons overlapping", Fp(PolygonOf({ring40}), 0),
       Fp(PolygonOf({Circle({9000, 0}, 5000, 150)}), 0), true, 0},
      {"disjoint in time", Fp(PointAt({0, 0}), 100, kT0, kT0 + kHour),
       Fp(PointAt({0, 0}), 100, kT0 + 2 * kHour, kT0 + 3 * kHour), false, 0},
      {"windows touching at an end", Fp(PointAt({0, 0}), 100, kT0, kT0 + kHour),
       Fp(PointAt({0, 0}), 100, kT0 + kHour, kT0 + 2 * kHour), false, 0},
      {"windows overlapping by a microsecond", Fp(PointAt({0, 0}), 100, kT0, kT0 + kHour + 1),
       Fp(PointAt({0, 0}), 100, kT0 + kHour, kT0 + 2 * kHour), true, 0},
  };
}

TEST(DeconflictEngineTest, GeometryScenarios) {
  for (const Scenario& s : Scenarios()) {
    SCOPED_TRACE(s.name);
    Engine engine;
    ASSERT_TRUE(engine.Insert(E(1, s.stored)));
    const std::vector<Hit> hits = engine.Check(s.checked, "pasf", "movement", std::nullopt);
    ASSERT_EQ(hits.size(), s.conflict ? 1U : 0U);
    if (s.conflict) {
      EXPECT_EQ(hits[0].id, 1U);
      EXPECT_EQ(hits[0].party, "isf");
      EXPECT_NEAR(hits[0].distance_m, s.distance_m, kTolerance);
    }
  }
}

// Buffers summing exactly to the distance conflict; a metre less does not.
TEST(DeconflictEngineTest, TouchingBuffers) {
  for (const auto& [a, b] : std::vector<std::pair<geo::Geometry, geo::Geometry>>{
           {PointAt({0, 0}), PointAt({1234.5, 321})},
           {LineThrough({{0, 0}, {3000, 100}}), PointAt({1500, 800})},
           {Square({0, 0}, 500), LineThrough({{900, -2000}, {950, 2000}})},
           {LineThrough({{0, 0}, {200000, 5000}}), PointAt({150000, 4500})}}) {
    Engine probe;
    ASSERT_TRUE(probe.Insert(E(1, Fp(a, 1e6))));
    const auto measured = probe.Check(Fp(b, 0), "pasf", "patrol", std::nullopt);
    ASSERT_EQ(measured.size(), 1U);
    const double d = measured[0].distance_m;
    ASSERT_GT(d, 1);

    Engine touching;
    ASSERT_TRUE(touching.Insert(E(1, Fp(a, d / 2))));
    EXPECT_EQ(Ids(touching.Check(Fp(b, d / 2), "pasf", "patrol", std::nullopt)),
              std::vector<std::uint64_t>{1});
    Engine apart;
    ASSERT_TRUE(apart.Insert(E(1, Fp(a, d / 2 - 0.5))));
    EXPECT_TRUE(apart.Check(Fp(b, d / 2 - 0.5), "pasf", "patrol", std::nullopt).empty());
    // A zero buffer on one side and the whole distance on the other.
    Engine one_sided;
    ASSERT_TRUE(one_sided.Insert(E(1, Fp(a, 0))));
    EXPECT_EQ(one_sided.Check(Fp(b, d), "pasf", "patrol", std::nullopt).size(), 1U);
  }
}

TEST(DeconflictEngineTest, MarginsBridgeGapsInSpaceAndTime) {
  const Footprint stored = Fp(PointAt({0, 0}), 100, kT0, kT0 + kHour);
  const Footprint later = Fp(PointAt({0, 0}), 100, kT0 + kHour, kT0 + 2 * kHour);
  const Footprint farther = Fp(PointAt({300, 0}), 100, kT0, kT0 + kHour);

  Engine plain;
  ASSERT_TRUE(plain.Insert(E(1, stored)));
  EXPECT_TRUE(plain.Check(later, "pasf", "patrol", std::nullopt).empty());
  EXPECT_TRUE(plain.Check(farther, "pasf", "patrol", std::nullopt).empty());

  Engine margins(Options{.margin_m = 100, .margin_time = 1, .same_party = false});
  ASSERT_TRUE(margins.Insert(E(1, stored)));
  const auto by_time = margins.Check(later, "pasf", "patrol", std::nullopt);
  ASSERT_EQ(by_time.size(), 1U);
  // Windows that do not overlap report the gap as an empty overlap.
  EXPECT_EQ(by_time[0].overlap_start, kT0 + kHour);
  EXPECT_EQ(by_time[0].overlap_end, kT0 + kHour);
  EXPECT_EQ(margins.Check(farther, "pasf", "patrol", std::nullopt).size(), 1U);
  // A gap equal to the time margin is still no conflict.
  const Footprint gap = Fp(PointAt({0, 0}), 100, kT0 + kHour + 1, kT0 + 2 * kHour);
  EXPECT_TRUE(margins.Check(gap, "pasf", "patrol", std::nullopt).empty());
}

TEST(DeconflictEngineTest, OverlapWindowAndDistance) {
  Engine engine;
  ASSERT_TRUE(engine.Insert(E(7, Fp(PointAt({0, 0}), 500, kT0, kT0 + 10 * kHour))));
  const auto hits = engine.Check(Fp(PointAt({0, 600}), 500, kT0 + 4 * kHour, kT0 + 20 * kHour),
                                 "pasf", "patrol", std::nullopt);
  ASSERT_EQ(hits.size(), 1U);
  EXPECT_EQ(hits[0].overlap_start, kT0 + 4 * kHour);
  EXPECT_EQ(hits[0].overlap_end, kT0 + 10 * kHour);
  EXPECT_NEAR(hits[0].distance_m, 600, kTolerance);
}

// A route passing a point several times is reported once, at its least distance.
TEST(DeconflictEngineTest, HitsAreDedupedWithTheLeastDistance) {
  std::vector<testing::Xy> zigzag;
  for (int i = 0; i < 300; ++i)
    zigzag.push_back({i * 100.0, (i % 2) * 200.0 + (i == 151 ? 50 : 0)});
  Engine engine;
  ASSERT_TRUE(engine.Insert(E(1, Fp(LineThrough(zigzag), 0))));
  ASSERT_TRUE(engine.Insert(E(2, Fp(PointAt({15000, 500}), 0))));
  const auto hits =
      engine.Check(Fp(LineThrough({{0, 400}, {30000, 400}}), 300), "pasf", "patrol", std::nullopt);
  ASSERT_EQ(Ids(hits), (std::vector<std::uint64_t>{1, 2}));
  EXPECT_NEAR(hits[0].distance_m, 150, kTolerance);
  EXPECT_NEAR(hits[1].distance_m, 100, kTolerance);
}

TEST(DeconflictEngineTest, InsertUpdateRemoveExpire) {
  Engine engine;
  const Footprint here = Fp(PointAt({0, 0}), 100, kT0, kT0 + kHour);
  const Footprint there = Fp(PointAt({50000, 0}), 100, kT0, kT0 + kHour);
  EXPECT_TRUE(engine.Insert(E(1, here)));
  EXPECT_FALSE(engine.Insert(E(1, there)));  // the id is taken; nothing changes
  EXPECT_TRUE(engine.Insert(E(2, here, "ussc", "exercise")));
  EXPECT_TRUE(engine.Insert(E(3, Fp(PointAt({0, 0}), 100, kT0 + kDay, kT0 + 2 * kDay))));
  EXPECT_EQ(engine.size(), 3U);
  EXPECT_EQ(Ids(engine.Check(here, "pasf", "patrol", std::nullopt)),
            (std::vector<std::uint64_t>{1, 2}));
  // The activity being changed is not checked against itself.
  EXPECT_EQ(Ids(engine.Check(here, "pasf", "patrol", 1)), (std::vector<std::uint64_t>{2}));

  EXPECT_TRUE(engine.Update(E(1, there)));
  EXPECT_FALSE(engine.Update(E(9, there)));
  EXPECT_EQ(Ids(engine.Check(here, "pasf", "patrol", std::nullopt)),
            (std::vector<std::uint64_t>{2}));
  EXPECT_EQ(Ids(engine.Check(there, "pasf", "patrol", std::nullopt)),
            (std::vector<std::uint64_t>{1}));

  EXPECT_TRUE(engine.Remove(2));
  EXPECT_FALSE(engine.Remove(2));
  EXPECT_FALSE(engine.Contains(2));
  EXPECT_TRUE(engine.Check(here, "pasf", "patrol", std::nullopt).empty());

  // An entry ending exactly at t is kept; one ending before it goes.
  EXPECT_EQ(engine.ExpireBefore(kT0 + kHour), 0U);
  EXPECT_EQ(engine.ExpireBefore(kT0 + kHour + 1), 1U);
  EXPECT_FALSE(engine.Contains(1));
  EXPECT_TRUE(engine.Contains(3));
  EXPECT_EQ(engine.size(), 1U);
  EXPECT_TRUE(engine.Check(there, "pasf", "patrol", std::nullopt).empty());

  // A freed slot is reused by a later entry without mixing the two up.
  EXPECT_TRUE(engine.Insert(E(4, there, "pasf")));
  EXPECT_EQ(Ids(engine.Check(there, "isf", "patrol", std::nullopt)),
            (std::vector<std::uint64_t>{4}));
}

// A bulk-built engine answers exactly as one filled by Insert, and takes live
// changes afterwards.
TEST(DeconflictEngineTest, BuildMatchesInsert) {
  constexpr int kEntries = 5'000;
  constexpr int kChecks = 300;
  const char* const parties[] = {"isf", "pasf", "ussc"};
  SyntheticFootprints gen(7, kT0, /*days=*/3);  // dense enough for over a thousand conflicts
  std::vector<Entry> entries;
  for (int i = 0; i < kEntries; ++i) {
    entries.push_back(E(static_cast<std::uint64_t>(i + 1), gen.Next(), parties[gen.Index(3)]));
  }
  Engine inserted;
  for (const Entry& e : entries) ASSERT_TRUE(inserted.Insert(e));
  Engine built;
  std::vector<Entry> with_duplicate = entries;
  with_duplicate.push_back(E(1, Fp(PointAt({0, 0}), 100)));  // id 1 again: skipped
  EXPECT_EQ(built.Build(with_duplicate), static_cast<size_t>(kEntries));
  EXPECT_EQ(built.size(), static_cast<size_t>(kEntries));

  const auto same_answers = [&] {
    for (int i = 0; i < kChecks; ++i) {
      const Footprint fp = gen.Next();
      const char* party = parties[gen.Index(3)];
      ASSERT_EQ(built.Check(fp, party, "patrol", std::nullopt),
                inserted.Check(fp, party, "patrol", std::nullopt))
          << "check " << i;
    }
  };
  same_answers();
  for (int i = 0; i < 200; ++i) {
    const auto id = static_cast<std::uint64_t>(gen.Index(kEntries) + 1);
    Entry changed = E(id, gen.Next(), parties[gen.Index(3)]);
    ASSERT_EQ(built.Update(changed), inserted.Update(changed));
    Entry added = E(static_cast<std::uint64_t>(kEntries + i + 1), gen.Next());
    ASSERT_TRUE(built.Insert(added));
    ASSERT_TRUE(inserted.Insert(added));
    const auto gone = static_cast<std::uint64_t>(gen.Index(kEntries) + 1);
    ASSERT_EQ(built.Remove(gone), inserted.Remove(gone));
  }
  EXPECT_EQ(built.size(), inserted.size());
  same_answers();

  // Building again replaces everything.
  EXPECT_EQ(built.Build({E(1, Fp(PointAt({0, 0}), 100))}), 1U);
  EXPECT_EQ(Ids(built.Check(Fp(PointAt({150, 0}), 100), "pasf", "patrol", std::nullopt)),
            (std::vector<std::uint64_t>{1}));
  EXPECT_FALSE(built.Contains(2));
}

// Windows far from today, centuries long, or changing between hours and
// weeks (the index keeps long windows apart from short ones) are all found,
// and leave nothing behind when changed or removed.
TEST(DeconflictEngineTest, WindowsOfAnyLengthAndTime) {
  constexpr Micros kMin = std::numeric_limits<Micros>::min();
  constexpr Micros kMax = std::numeric_limits<Micros>::max();
  constexpr Micros k2100 = 4'102'444'800LL * kMicrosPerSecond;
  const auto at = [](Micros start, Micros end) { return Fp(PointAt({0, 0}), 100, start, end); };
  const auto ids = [](const Engine& engine, const Footprint& fp) {
    return Ids(engine.Check(fp, "pasf", "patrol", std::nullopt));
  };
  Engine engine;
  ASSERT_TRUE(engine.Insert(E(1, at(0, k2100))));  // 1970 to 2100, as a protected site
  ASSERT_TRUE(engine.Insert(E(2, at(kMin, kMax))));
  ASSERT_TRUE(engine.Insert(E(3, at(kT0, kT0 + 20 * kDay))));
  ASSERT_TRUE(engine.Insert(E(4, at(kT0 + 2 * kHour, kT0 + 3 * kHour))));
  const Footprint now = Fp(PointAt({150, 0}), 100, kT0 + 2 * kHour, kT0 + 3 * kHour);
  EXPECT_EQ(ids(engine, now), (std::vector<std::uint64_t>{1, 2, 3, 4}));
  EXPECT_EQ(ids(engine, at(k2100, k2100 + kHour)), (std::vector<std::uint64_t>{2}));
  EXPECT_EQ(ids(engine, at(k2100 - 1, k2100)), (std::vector<std::uint64_t>{1, 2}));
  EXPECT_EQ(ids(engine, at(kMin, kMin + 1)), (std::vector<std::uint64_t>{2}));

  // Weeks become an hour, and an hour weeks.
  const Footprint later = at(kT0 + 10 * kDay, kT0 + 10 * kDay + 1);
  ASSERT_TRUE(engine.Update(E(3, at(kT0 + 10 * kDay, kT0 + 10 * kDay + kHour))));
  ASSERT_TRUE(engine.Update(E(4, at(kT0, kT0 + 20 * kDay))));
  EXPECT_EQ(ids(engine, now), (std::vector<std::uint64_t>{1, 2, 4}));
  EXPECT_EQ(ids(engine, later), (std::vector<std::uint64_t>{1, 2, 3, 4}));
  ASSERT_TRUE(engine.Remove(3));
  ASSERT_TRUE(engine.Remove(4));
  EXPECT_EQ(ids(engine, later), (std::vector<std::uint64_t>{1, 2}));
}

// A check skips its own party's entries whichever the number of parties, and
// a party that registered nothing meets everyone's.
TEST(DeconflictEngineTest, ManyParties) {
  const Footprint fp = Fp(PointAt({0, 0}), 100);
  const std::vector<std::string> parties = {"isf", "pasf", "ussc", "coordinator", "other"};
  Engine others_only;
  Engine all(Options{.same_party = true});
  for (size_t i = 0; i < parties.size(); ++i) {
    ASSERT_TRUE(others_only.Insert(E(i + 1, fp, parties[i])));
    ASSERT_TRUE(all.Insert(E(i + 1, fp, parties[i])));
  }
  const auto hits = others_only.Check(fp, "ussc", "patrol", std::nullopt);
  EXPECT_EQ(Ids(hits), (std::vector<std::uint64_t>{1, 2, 4, 5}));
  for (const Hit& h : hits) EXPECT_EQ(h.party, parties[h.id - 1]);
  EXPECT_EQ(Ids(others_only.Check(fp, "unknown", "patrol", std::nullopt)),
            (std::vector<std::uint64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(Ids(all.Check(fp, "ussc", "patrol", std::nullopt)),
            (std::vector<std::uint64_t>{1, 2, 3, 4, 5}));
}

TEST(DeconflictEngineTest, SamePartySwitch) {
  const Footprint fp = Fp(PointAt({0, 0}), 100);
  Engine others_only;
  ASSERT_TRUE(others_only.Insert(E(1, fp, "isf")));
  EXPECT_TRUE(others_only.Check(fp, "isf", "patrol", std::nullopt).empty());
  EXPECT_EQ(others_only.Check(fp, "pasf", "patrol", std::nullopt).size(), 1U);

  Engine all(Options{.same_party = true});
  ASSERT_TRUE(all.Insert(E(1, fp, "isf")));
  EXPECT_EQ(all.Check(fp, "isf", "patrol", std::nullopt).size(), 1U);
}

struct RuleCase {
  const char* a;
  const char* b;
  bool conflict;
};

TEST(DeconflictEngineTest, RuleTable) {
  const RuleTable rules{
      .all_pairs = false,
      .pairs = {{"patrol", "movement"}, {"operation", "*"}, {"exercise", "exercise"}}};
  const std::vector<RuleCase> cases = {
      {"patrol", "movement", true},      {"movement", "patrol", true},
      {"patrol", "patrol", false},       {"movement", "movement", false},
      {"operation", "checkpoint", true}, {"static_site", "operation", true},
      {"operation", "operation", true},  {"exercise", "exercise", true},
      {"exercise", "patrol", false},     {"checkpoint", "static_site", false},
  };
  const Footprint fp = Fp(PointAt({0, 0}), 100);
  for (const RuleCase& c : cases) {
    SCOPED_TRACE(std::string(c.a) + " vs " + c.b);
    EXPECT_EQ(rules.Conflicts(c.a, c.b), c.conflict);
    Engine engine(Options{}, rules);
    ASSERT_TRUE(engine.Insert(E(1, fp, "isf", c.a)));
    EXPECT_EQ(engine.Check(fp, "pasf", c.b, std::nullopt).size(), c.conflict ? 1U : 0U);
  }
  EXPECT_TRUE(RuleTable{}.Conflicts("patrol", "anything"));
}

TEST(DeconflictEngineTest, DegenerateGeometries) {
  Engine engine;
  ASSERT_TRUE(engine.Insert(E(1, Fp(geo::Geometry{geo::GeometryKind::kPoint, {}}, 100))));
  ASSERT_TRUE(
      engine.Insert(E(2, Fp(geo::Geometry{geo::GeometryKind::kLineString, {{At(0, 0)}}}, 10))));
  ASSERT_TRUE(engine.Insert(
      E(3, Fp(geo::Geometry{geo::GeometryKind::kPolygon, {{At(1000, 0), At(1000, 100)}}}, 10))));
  ASSERT_TRUE(engine.Insert(E(4, Fp(PointAt({5000, 0}), -5))));  // a negative buffer counts as 0
  EXPECT_EQ(Ids(engine.Check(Fp(PointAt({0, 0}), 0), "pasf", "patrol", std::nullopt)),
            (std::vector<std::uint64_t>{2}));
  EXPECT_EQ(Ids(engine.Check(Fp(PointAt({1005, 50}), 0), "pasf", "patrol", std::nullopt)),
            (std::vector<std::uint64_t>{3}));
  EXPECT_TRUE(engine.Check(Fp(PointAt({5000, 1}), 0), "pasf", "patrol", std::nullopt).empty());
  EXPECT_TRUE(engine
                  .Check(Fp(geo::Geometry{geo::GeometryKind::kPolygon, {}}, 1e6), "pasf", "patrol",
                         std::nullopt)
                  .empty());
  EXPECT_EQ(engine.size(), 4U);
}

}  // namespace
}  // namespace liaison::deconflict
