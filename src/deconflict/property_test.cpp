// The engine against a brute-force checker on random footprints over the West
// Bank. The checker shares no code with the engine: it projects with
// geo::LocalPlane and measures with its own point-segment and segment-segment
// distances and an even-odd point-in-polygon test.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "deconflict/engine.hpp"
#include "deconflict/synthetic.hpp"
#include "deconflict/test_shapes.hpp"

namespace liaison::deconflict {
namespace {

using testing::kHour;
using testing::kT0;

constexpr int kFootprints = 11'000;  // 10,000 remain after the removals
constexpr int kChecks = 500;
constexpr int kChanges = 1'000;  // updates, and as many removals, before the checks
// Windows start within 3 days rather than the benchmark's 30: with windows of
// hours, that packs enough of them together for thousands of conflicts.
constexpr int kDays = 3;
const char* const kParties[] = {"isf", "pasf", "ussc"};
const char* const kKinds[] = {"operation",  "patrol",      "movement", "exercise",
                              "checkpoint", "static_site", "other"};

// ---- The brute-force checker -------------------------------------------------

struct P {
  double x;
  double y;
};

// A projected footprint: paths (a point is a path of one position; a
// polygon's rings are closed paths) and whether it is an area.
struct Plain {
  std::vector<std::vector<P>> paths;
  bool area = false;
  double min_x = std::numeric_limits<double>::infinity(), min_y = min_x, max_x = -min_x,
         max_y = -min_x;
};

Plain ToPlain(const geo::Geometry& g) {
  const geo::LocalPlane plane(kPlaneOrigin);
  Plain out;
  out.area = g.kind == geo::GeometryKind::kPolygon;
  for (const auto& part : g.parts) {
    std::vector<P> path;
    for (const geo::LonLat& ll : part) {
      const geo::PlanePoint q = plane.Project(ll);
      path.push_back({q.x, q.y});
      out.min_x = std::min(out.min_x, q.x);
      out.min_y = std::min(out.min_y, q.y);
      out.max_x = std::max(out.max_x, q.x);
      out.max_y = std::max(out.max_y, q.y);
    }
    out.paths.push_back(std::move(path));
  }
  return out;
}

double PointSegment(P p, P a, P b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double len2 = dx * dx + dy * dy;
  double t = len2 == 0 ? 0 : ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2;
  t = std::clamp(t, 0.0, 1.0);
  return std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

double Cross(P o, P a, P b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

bool SegmentsCross(P a, P b, P c, P d) {
  const double d1 = Cross(c, d, a), d2 = Cross(c, d, b), d3 = Cross(a, b, c), d4 = Cross(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

double SegmentSegment(P a, P b, P c, P d) {
  if (SegmentsCross(a, b, c, d)) return 0;
  return std::min(
      {PointSegment(a, c, d), PointSegment(b, c, d), PointSegment(c, a, b), PointSegment(d, a, b)});
}

// Even-odd over every ring, so a point in a hole is outside.
bool Inside(P p, const Plain& poly) {
  bool in = false;
  for (const auto& ring : poly.paths) {
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      if ((ring[i].y > p.y) != (ring[j].y > p.y) &&
          p.x < (ring[j].x - ring[i].x) * (p.y - ring[i].y) / (ring[j].y - ring[i].y) + ring[i].x) {
        in = !in;
      }
    }
  }
  return in;
}

double BruteDistance(const Plain& a, const Plain& b) {
  for (const auto& [area, other] : {std::pair{&a, &b}, std::pair{&b, &a}}) {
    if (!area->area) continue;
    for (const auto& path : other->paths) {
      for (const P& p : path) {
        if (Inside(p, *area)) return 0;
      }
    }
  }
  double best = std::numeric_limits<double>::infinity();
  for (const auto& pa : a.paths) {
    for (const auto& pb : b.paths) {
      const size_t na = std::max<size_t>(pa.size() - 1, 1), nb = std::max<size_t>(pb.size() - 1, 1);
      for (size_t i = 0; i < na; ++i) {
        const P a0 = pa[i], a1 = pa[std::min(i + 1, pa.size() - 1)];
        for (size_t j = 0; j < nb; ++j) {
          best = std::min(best, SegmentSegment(a0, a1, pb[j], pb[std::min(j + 1, pb.size() - 1)]));
        }
      }
    }
  }
  return best;
}

struct BruteEntry {
  Entry entry;
  Plain plain;
};

struct BruteHit {
  std::uint64_t id;
  double distance_m;
};

std::vector<BruteHit> BruteCheck(const std::vector<BruteEntry>& entries, const Footprint& fp,
                                 const std::string& party, const std::string& kind,
                                 std::optional<std::uint64_t> exclude, const Options& o,
                                 const RuleTable& rules) {
  const Plain q = ToPlain(fp.geometry);
  std::vector<BruteHit> hits;
  for (const BruteEntry& e : entries) {
    const Footprint& f = e.entry.fp;
    if (exclude && e.entry.id == *exclude) continue;
    if (!o.same_party && e.entry.party == party) continue;
    if (!rules.Conflicts(kind, e.entry.kind)) continue;
    if (!(fp.start < f.end + o.margin_time && f.start < fp.end + o.margin_time)) continue;
    const double reach = fp.buffer_m + f.buffer_m + o.margin_m;
    if (q.min_x - reach > e.plain.max_x || e.plain.min_x - reach > q.max_x ||
        q.min_y - reach > e.plain.max_y || e.plain.min_y - reach > q.max_y) {
      continue;
    }
    const double d = BruteDistance(q, e.plain);
    if (d <= reach) hits.push_back({e.entry.id, d});
  }
  return hits;  // in entry order, which is by id
}

struct Config {
  const char* name;
  Options options;
  RuleTable rules;
};

TEST(DeconflictPropertyTest, EngineMatchesBruteForce) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::vector<Config> configs = {
      {"defaults", Options{}, RuleTable{}},
      {"margins, same party, rules",
       Options{.margin_m = 250, .margin_time = 2 * kHour, .same_party = true},
       RuleTable{.all_pairs = false,
                 .pairs = {{"operation", "*"}, {"patrol", "movement"}, {"exercise", "exercise"}}}},
  };

  SyntheticFootprints gen(20260528, kT0, kDays);
  std::vector<BruteEntry> entries;
  for (int i = 0; i < kFootprints; ++i) {
    Entry e{static_cast<std::uint64_t>(i + 1), kParties[gen.Index(3)], kKinds[gen.Index(7)],
            gen.Next()};
    entries.push_back({e, ToPlain(e.fp.geometry)});
  }
  std::vector<Engine> engines;
  for (const Config& c : configs) {
    engines.emplace_back(c.options, c.rules);
    for (const BruteEntry& e : entries) ASSERT_TRUE(engines.back().Insert(e.entry));
  }
  // Updates and removals, so that the checks run on a changed index.
  for (int i = 0; i < kChanges; ++i) {
    BruteEntry& e = entries[gen.Index(entries.size())];
    e.entry.fp = gen.Next();
    e.plain = ToPlain(e.entry.fp.geometry);
    for (Engine& engine : engines) ASSERT_TRUE(engine.Update(e.entry));
  }
  for (int i = 0; i < kChanges; ++i) {
    const size_t k = gen.Index(entries.size());
    for (Engine& engine : engines) ASSERT_TRUE(engine.Remove(entries[k].entry.id));
    entries.erase(entries.begin() + static_cast<std::ptrdiff_t>(k));
  }
  for (const Engine& engine : engines) ASSERT_EQ(engine.size(), entries.size());

  for (size_t c = 0; c < configs.size(); ++c) {
    SCOPED_TRACE(configs[c].name);
    size_t conflicts = 0;
    for (int i = 0; i < kChecks; ++i) {
      const Footprint fp = gen.Next();
      const std::string party = kParties[gen.Index(3)];
      const std::string kind = kKinds[gen.Index(7)];
      const std::optional<std::uint64_t> exclude =
          i % 5 == 0 ? std::optional(entries[gen.Index(entries.size())].entry.id) : std::nullopt;
      const auto expected =
          BruteCheck(entries, fp, party, kind, exclude, configs[c].options, configs[c].rules);
      const auto actual = engines[c].Check(fp, party, kind, exclude);
      std::vector<std::uint64_t> expected_ids, actual_ids;
      for (const BruteHit& h : expected) expected_ids.push_back(h.id);
      for (const Hit& h : actual) actual_ids.push_back(h.id);
      ASSERT_EQ(actual_ids, expected_ids) << "check " << i;
      for (size_t k = 0; k < actual.size(); ++k) {
        EXPECT_NEAR(actual[k].distance_m, expected[k].distance_m, 1e-6) << "check " << i;
      }
      conflicts += actual.size();
    }
    // Enough conflicts that the comparison means something.
    EXPECT_GT(conflicts, static_cast<size_t>(kChecks));
    std::cout << "[ property ] " << configs[c].name << ": " << conflicts << " conflicts in "
              << kChecks << " checks against " << entries.size() << " footprints\n";
  }
  std::cout << "[ property ] "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()
            << " s\n";
}

}  // namespace
}  // namespace liaison::deconflict
