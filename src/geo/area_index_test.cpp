#include "geo/area_index.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <fstream>
#include <limits>
#include <numbers>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "geo/geojson.hpp"

namespace liaison::geo {
namespace {

using Keys = std::vector<std::string>;
using Ring = std::vector<LonLat>;
using Rings = std::vector<Ring>;

std::string ReadDataFile(const std::string& name) {
  std::ifstream in(std::string(LIAISON_SOURCE_DIR) + "/data/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A closed axis-aligned rectangle, counter-clockwise (GeoJSON's outer order)
// or clockwise.
Ring Rect(double west, double south, double east, double north, bool clockwise = false) {
  Ring r{{west, south}, {east, south}, {east, north}, {west, north}, {west, south}};
  if (clockwise) std::reverse(r.begin(), r.end());
  return r;
}

Geometry Point(double lon, double lat) { return {GeometryKind::kPoint, {{{lon, lat}}}}; }
Geometry Line(Ring positions) { return {GeometryKind::kLineString, {std::move(positions)}}; }
Geometry Area(Rings rings) { return {GeometryKind::kPolygon, std::move(rings)}; }

// ---------------------------------------------------------------------------
// A synthetic layer near 35°E 32°N:
//   A: 35.00..35.01 x 32.00..32.01 (counter-clockwise)
//   B: 35.02..35.06 x 32.00..32.04 (clockwise) with a hole 35.03..35.05 x 32.01..32.03,
//      and a second feature also keyed B: 35.10..35.11 x 32.00..32.01
//   Z: 35.07..35.08 x 32.00..32.01, listed first
// The extent's middle latitude is 32.02, so a degree of longitude is
// cos(32.02°) * 111320 m on the index's plane, and of latitude 110574 m.
class SyntheticIndexTest : public ::testing::Test {
 protected:
  static std::vector<Feature> Layer() {
    return {
        Feature{"Z", {{Rect(35.07, 32.00, 35.08, 32.01)}}},
        Feature{"A", {{Rect(35.00, 32.00, 35.01, 32.01)}}},
        Feature{"B",
                {{Rect(35.02, 32.00, 35.06, 32.04, /*clockwise=*/true),
                  Rect(35.03, 32.01, 35.05, 32.03, /*clockwise=*/true)}}},
        Feature{"B", {{Rect(35.10, 32.00, 35.11, 32.01)}}},
    };
  }
  static double MetresPerDegreeLon() {
    return std::cos(32.02 * std::numbers::pi / 180) * kMetresPerDegreeLon;
  }
  // The longitude `metres` east of `lon` at the index's scale.
  static double East(double lon, double metres) { return lon + metres / MetresPerDegreeLon(); }

  AreaIndex index_{Layer()};
};

TEST_F(SyntheticIndexTest, CountsFeatures) { EXPECT_EQ(index_.size(), 4u); }

TEST_F(SyntheticIndexTest, PointInsideTouchesWithoutBuffer) {
  EXPECT_EQ(index_.Touching(Point(35.005, 32.005), 0), Keys{"A"});
  EXPECT_TRUE(index_.CoversAllVertices(Point(35.005, 32.005)));
  EXPECT_EQ(index_.Touching(Point(35.025, 32.035), 0), Keys{"B"});  // clockwise outer ring
}

TEST_F(SyntheticIndexTest, PointOnTheBorderTouchesAndIsCovered) {
  EXPECT_EQ(index_.Touching(Point(35.01, 32.005), 0), Keys{"A"});
  EXPECT_TRUE(index_.CoversAllVertices(Point(35.01, 32.005)));
  EXPECT_EQ(index_.Touching(Point(35.00, 32.00), 0), Keys{"A"});  // a corner
}

TEST_F(SyntheticIndexTest, PointOutsideTouchesOnlyWithALargeEnoughBuffer) {
  const Geometry p = Point(East(35.01, 100), 32.005);  // 100 m east of A
  EXPECT_EQ(index_.Touching(p, 0), Keys{});
  EXPECT_EQ(index_.Touching(p, 90), Keys{});
  EXPECT_EQ(index_.Touching(p, 110), Keys{"A"});
  EXPECT_FALSE(index_.CoversAllVertices(p));
  // B's west edge (35.02) is 0.01° - 100 m ≈ 844 m away.
  const double to_b = 0.01 * MetresPerDegreeLon() - 100;
  EXPECT_EQ(index_.Touching(p, to_b - 10), Keys{"A"});
  EXPECT_EQ(index_.Touching(p, to_b + 10), (Keys{"A", "B"}));
}

TEST_F(SyntheticIndexTest, DistanceIsMeasuredInMetresNorthSouthToo) {
  const Geometry p = Point(35.005, 32.01 + 200 / kMetresPerDegreeLat);  // 200 m north of A
  EXPECT_EQ(index_.Touching(p, 195), Keys{});
  EXPECT_EQ(index_.Touching(p, 205), Keys{"A"});
}

TEST_F(SyntheticIndexTest, NegativeOrNanBufferCountsAsZero) {
  EXPECT_EQ(index_.Touching(Point(35.005, 32.005), -50), Keys{"A"});
  EXPECT_EQ(index_.Touching(Point(East(35.01, 1), 32.005), -50), Keys{});
  EXPECT_EQ(
      index_.Touching(Point(East(35.01, 1), 32.005), std::numeric_limits<double>::quiet_NaN()),
      Keys{});
}

TEST_F(SyntheticIndexTest, HoleIsNotPartOfTheArea) {
  // The hole's centre is 0.01° of longitude (≈944 m) from its east and west
  // edges and 0.01° of latitude (1106 m) from its north and south edges.
  const Geometry centre = Point(35.04, 32.02);
  EXPECT_EQ(index_.Touching(centre, 0), Keys{});
  EXPECT_FALSE(index_.CoversAllVertices(centre));
  const double to_edge = 0.01 * MetresPerDegreeLon();
  EXPECT_EQ(index_.Touching(centre, to_edge - 10), Keys{});
  EXPECT_EQ(index_.Touching(centre, to_edge + 10), Keys{"B"});
  // A polygon lying in the hole does not touch at buffer 0 either.
  EXPECT_EQ(index_.Touching(Area({Rect(35.035, 32.015, 35.045, 32.025)}), 0), Keys{});
}

TEST_F(SyntheticIndexTest, LineCrossingAnAreaTouchesIt) {
  // Neither end lies in A, but the line runs through it.
  const Geometry line = Line({{34.99, 32.005}, {35.015, 32.005}});
  EXPECT_EQ(index_.Touching(line, 0), Keys{"A"});
  EXPECT_FALSE(index_.CoversAllVertices(line));
}

TEST_F(SyntheticIndexTest, LineWithEveryVertexInsideIsCovered) {
  // From A, across the gap, into B: all vertices are covered, the gap is not checked.
  const Geometry line = Line({{35.005, 32.005}, {35.025, 32.005}});
  EXPECT_EQ(index_.Touching(line, 0), (Keys{"A", "B"}));
  EXPECT_TRUE(index_.CoversAllVertices(line));
}

TEST_F(SyntheticIndexTest, KeysAreSortedAndUnique) {
  // Crosses A, B (both features), Z: listed Z first, B twice in the layer.
  const Geometry line = Line({{34.99, 32.005}, {35.12, 32.005}});
  EXPECT_EQ(index_.Touching(line, 0), (Keys{"A", "B", "Z"}));
  EXPECT_EQ(index_.Touching(Point(35.105, 32.005), 0), Keys{"B"});  // the second B feature
}

TEST_F(SyntheticIndexTest, PolygonContainingAnAreaTouchesIt) {
  const Geometry around_a = Area({Rect(34.9, 31.9, 35.015, 32.1)});
  EXPECT_EQ(index_.Touching(around_a, 0), Keys{"A"});
  EXPECT_FALSE(index_.CoversAllVertices(around_a));
  // Its east edge is 0.005° (≈472 m) from B.
  EXPECT_EQ(index_.Touching(around_a, 500), (Keys{"A", "B"}));
  // Clockwise input answers the same.
  EXPECT_EQ(index_.Touching(Area({Rect(34.9, 31.9, 35.015, 32.1, true)}), 0), Keys{"A"});
}

TEST_F(SyntheticIndexTest, PolygonInsideAnAreaTouchesIt) {
  const Geometry inside = Area({Rect(35.002, 32.002, 35.004, 32.004)});
  EXPECT_EQ(index_.Touching(inside, 0), Keys{"A"});
  EXPECT_TRUE(index_.CoversAllVertices(inside));
}

TEST_F(SyntheticIndexTest, DegenerateLineActsAsAPoint) {
  EXPECT_EQ(index_.Touching(Line({{35.005, 32.005}, {35.005, 32.005}}), 0), Keys{"A"});
}

TEST(AreaIndexTest, EmptyIndexTouchesNothing) {
  const AreaIndex index({});
  EXPECT_EQ(index.size(), 0u);
  EXPECT_EQ(index.Touching(Point(35.0, 32.0), 1e6), Keys{});
  EXPECT_FALSE(index.CoversAllVertices(Point(35.0, 32.0)));
}

TEST(AreaIndexTest, GeometryWithoutPositions) {
  const AreaIndex index({Feature{"A", {{Rect(35.0, 32.0, 35.1, 32.1)}}}});
  EXPECT_EQ(index.Touching(Geometry{GeometryKind::kLineString, {}}, 1000), Keys{});
  EXPECT_TRUE(index.CoversAllVertices(Geometry{GeometryKind::kLineString, {}}));
}

// An operator's layer may hold an invalid polygon. A bow-tie (a ring crossing
// itself) with more vertices than the index cuts polygons into is kept whole
// and still answers for both of its lobes.
TEST(AreaIndexTest, SelfIntersectingPolygonIsIndexedWhole) {
  const LonLat corners[] = {{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}};
  constexpr int kPerEdge = 150;  // 600 vertices in all
  Ring ring;
  for (int e = 0; e < 4; ++e) {
    for (int k = 0; k < kPerEdge; ++k) {
      const double t = double(k) / kPerEdge;
      const LonLat a = corners[e], b = corners[e + 1];
      ring.push_back(
          {35.0 + 0.1 * (a.lon + (b.lon - a.lon) * t), 32.0 + 0.1 * (a.lat + (b.lat - a.lat) * t)});
    }
  }
  ring.push_back(ring.front());
  const AreaIndex index({Feature{"bowtie", {{ring}}}});
  EXPECT_EQ(index.Touching(Point(35.01, 32.05), 0), Keys{"bowtie"});  // left lobe
  EXPECT_EQ(index.Touching(Point(35.09, 32.05), 0), Keys{"bowtie"});  // right lobe
  EXPECT_EQ(index.Touching(Point(35.05, 32.01), 0), Keys{});          // between the lobes
}

// ---------------------------------------------------------------------------
// Independent oracles, in degrees and on the documented plane, to check the
// index (its R-tree and the pieces it cuts large polygons into) against.

bool InRing(LonLat p, const Ring& ring) {
  bool inside = false;
  for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const LonLat a = ring[i], b = ring[j];
    if ((a.lat > p.lat) != (b.lat > p.lat) &&
        p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon) {
      inside = !inside;
    }
  }
  return inside;
}

bool InPolygon(LonLat p, const Rings& rings) {
  if (!InRing(p, rings.front())) return false;
  for (size_t r = 1; r < rings.size(); ++r) {
    if (InRing(p, rings[r])) return false;
  }
  return true;
}

Keys ContainingKeys(const std::vector<Feature>& features, LonLat p) {
  std::set<std::string> keys;
  for (const Feature& f : features) {
    for (const Rings& polygon : f.polygons) {
      if (InPolygon(p, polygon)) keys.insert(f.key);
    }
  }
  return {keys.begin(), keys.end()};
}

struct Plane {
  double lon0, lat0, kx;
  explicit Plane(const std::vector<Feature>& features) {
    double w = 1e9, s = 1e9, e = -1e9, n = -1e9;
    for (const Feature& f : features) {
      for (const Rings& polygon : f.polygons) {
        for (const LonLat& q : polygon.front()) {
          w = std::min(w, q.lon), e = std::max(e, q.lon);
          s = std::min(s, q.lat), n = std::max(n, q.lat);
        }
      }
    }
    lon0 = (w + e) / 2;
    lat0 = (s + n) / 2;
    kx = std::cos(lat0 * std::numbers::pi / 180) * 111320.0;
  }
  double X(LonLat p) const { return (p.lon - lon0) * kx; }
  double Y(LonLat p) const { return (p.lat - lat0) * 110574.0; }
  // Distance in metres from p to the segment ab.
  double ToSegment(LonLat p, LonLat a, LonLat b) const {
    const double px = X(p), py = Y(p), ax = X(a), ay = Y(a), bx = X(b), by = Y(b);
    const double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    const double t = len2 == 0 ? 0 : std::clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0.0, 1.0);
    return std::hypot(px - ax - t * dx, py - ay - t * dy);
  }
};

// The least distance from p to each key's polygons (0 inside).
std::vector<std::pair<std::string, double>> DistancesByKey(const std::vector<Feature>& features,
                                                           const Plane& plane, LonLat p) {
  std::vector<std::pair<std::string, double>> out;
  for (const Feature& f : features) {
    double best = std::numeric_limits<double>::infinity();
    for (const Rings& polygon : f.polygons) {
      if (InPolygon(p, polygon)) best = 0;
      for (const Ring& ring : polygon) {
        for (size_t i = 1; i < ring.size(); ++i) {
          best = std::min(best, plane.ToSegment(p, ring[i - 1], ring[i]));
        }
      }
    }
    out.emplace_back(f.key, best);
  }
  return out;
}

// Checks Touching(point, 0), CoversAllVertices and, for every `distance_every`-th
// point, Touching(point, buffer_m) against the oracles on a grid over `box`.
void CheckAgainstOracles(const std::vector<Feature>& features, const AreaIndex& index, Box box,
                         int columns, int rows, double buffer_m, int distance_every) {
  const Plane plane(features);
  int checked = 0, inside = 0, distance_checks = 0;
  for (int i = 0; i < columns; ++i) {
    for (int j = 0; j < rows; ++j) {
      const LonLat p{box.west + (box.east - box.west) * (i + 0.5) / columns,
                     box.south + (box.north - box.south) * (j + 0.5) / rows};
      const Keys expected = ContainingKeys(features, p);
      const Geometry g = Point(p.lon, p.lat);
      ASSERT_EQ(index.Touching(g, 0), expected) << p.lon << "," << p.lat;
      ASSERT_EQ(index.CoversAllVertices(g), !expected.empty()) << p.lon << "," << p.lat;
      ++checked;
      inside += expected.empty() ? 0 : 1;
      if (checked % distance_every != 0) continue;
      std::set<std::string> near;
      bool ambiguous = false;
      for (const auto& [key, d] : DistancesByKey(features, plane, p)) {
        if (std::abs(d - buffer_m) < 0.5) ambiguous = true;
        if (d <= buffer_m) near.insert(key);
      }
      if (ambiguous) continue;
      ASSERT_EQ(index.Touching(g, buffer_m), Keys(near.begin(), near.end()))
          << p.lon << "," << p.lat << " buffer " << buffer_m;
      ++distance_checks;
    }
  }
  // The grid must exercise both answers.
  EXPECT_GT(inside, 0);
  EXPECT_LT(inside, checked);
  EXPECT_GT(distance_checks, 0);
}

// A many-sided polygon (cut into pieces by the index) with a many-sided hole.
TEST(AreaIndexTest, LargePolygonAgreesWithOracles) {
  constexpr int kOuter = 5000, kHole = 1200;
  Ring outer, hole;
  for (int k = 0; k <= kOuter; ++k) {
    const double a = 2 * std::numbers::pi * (k % kOuter) / kOuter;
    const double r = 0.1 * (1 + 0.3 * std::sin(7 * a));  // a wavy star
    outer.push_back({35.2 + r * std::cos(a), 31.9 + r * std::sin(a)});
  }
  for (int k = kHole; k >= 0; --k) {
    const double a = 2 * std::numbers::pi * (k % kHole) / kHole;
    hole.push_back({35.22 + 0.03 * std::cos(a), 31.91 + 0.03 * std::sin(a)});
  }
  const std::vector<Feature> features{Feature{"star", {{outer, hole}}},
                                      Feature{"dot", {{Rect(35.215, 31.905, 35.225, 31.915)}}}};
  const AreaIndex index(features);
  CheckAgainstOracles(features, index, Box{35.05, 31.75, 35.35, 32.05}, 40, 40, 700, 3);
}

// ---------------------------------------------------------------------------
// The shipped layers. Expected answers were worked out independently (ray
// casting and point-to-segment distances on the raw GeoJSON).

class OsloLayerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto f = ParseFeatureCollection(ReadDataFile("oslo_areas.geojson"), "oslo_class");
    ASSERT_TRUE(f.ok()) << f.error().field << ": " << f.error().message;
    features_ = new std::vector<Feature>(std::move(*f));
    index_ = new AreaIndex(*features_);
  }
  static void TearDownTestSuite() {
    delete index_;
    delete features_;
  }
  static std::vector<Feature>* features_;
  static AreaIndex* index_;
};
std::vector<Feature>* OsloLayerTest::features_ = nullptr;
AreaIndex* OsloLayerTest::index_ = nullptr;

constexpr const char* kEj = "Israeli Declared East Jerusalem";
constexpr const char* kNml = "No Man's Land";

TEST_F(OsloLayerTest, PointsWithBuffers) {
  struct Case {
    const char* name;
    LonLat p;
    double buffer_m;
    Keys expected;
    bool covered;
  };
  const Case cases[] = {
      // Jenin city: A; B is 855 m away, C 1350 m.
      {"Jenin", {35.295, 32.461}, 0, {"A"}, true},
      {"Jenin 800 m", {35.295, 32.461}, 800, {"A"}, true},
      {"Jenin 900 m", {35.295, 32.461}, 900, {"A", "B"}, true},
      {"Jenin 1300 m", {35.295, 32.461}, 1300, {"A", "B"}, true},
      {"Jenin 1400 m", {35.295, 32.461}, 1400, {"A", "B", "C"}, true},
      // The Jordan Valley: C; B is 2671 m away.
      {"Jordan Valley", {35.45, 32.0}, 0, {"C"}, true},
      {"Jordan Valley 2600 m", {35.45, 32.0}, 2600, {"C"}, true},
      {"Jordan Valley 2750 m", {35.45, 32.0}, 2750, {"B", "C"}, true},
      // Tel Aviv: outside; C is 19.16 km away.
      {"Tel Aviv", {34.78, 32.08}, 0, {}, false},
      {"Tel Aviv 500 m", {34.78, 32.08}, 500, {}, false},
      {"Tel Aviv 19 km", {34.78, 32.08}, 19000, {}, false},
      {"Tel Aviv 19.3 km", {34.78, 32.08}, 19300, {"C"}, false},
      // Hebron's old city: H2; H1 362 m, C 393 m away.
      {"Hebron H2", {35.1105, 31.5245}, 0, {"H2"}, true},
      {"Hebron H2 350 m", {35.1105, 31.5245}, 350, {"H2"}, true},
      {"Hebron H2 375 m", {35.1105, 31.5245}, 375, {"H1", "H2"}, true},
      {"Hebron H2 410 m", {35.1105, 31.5245}, 410, {"C", "H1", "H2"}, true},
      {"Hebron H1", {35.1, 31.53}, 0, {"H1"}, true},
      // West Jerusalem: outside; East Jerusalem 2186 m, no man's land 2530 m away.
      {"West Jerusalem", {35.2, 31.77}, 0, {}, false},
      {"West Jerusalem 2 km", {35.2, 31.77}, 2000, {}, false},
      {"West Jerusalem 2.3 km", {35.2, 31.77}, 2300, {kEj}, false},
      {"West Jerusalem 3 km", {35.2, 31.77}, 3000, {kEj, kNml}, false},
  };
  for (const Case& c : cases) {
    const Geometry g = Point(c.p.lon, c.p.lat);
    EXPECT_EQ(index_->Touching(g, c.buffer_m), c.expected) << c.name;
    EXPECT_EQ(index_->CoversAllVertices(g), c.covered) << c.name;
  }
}

TEST_F(OsloLayerTest, LineFromJeninCityIntoAreaC) {
  const Geometry line = Line({{35.295, 32.461}, {35.32, 32.44}});
  EXPECT_EQ(index_->Touching(line, 0), (Keys{"A", "B", "C"}));
  EXPECT_TRUE(index_->CoversAllVertices(line));
  // Extended to Tel Aviv: same areas, one vertex outside.
  const Geometry out = Line({{35.295, 32.461}, {35.32, 32.44}, {34.78, 32.08}});
  EXPECT_FALSE(index_->CoversAllVertices(out));
}

TEST_F(OsloLayerTest, AgreesWithOraclesOnAGrid) {
  // The West Bank's extent, 24 x 48 points; every 8th also with a 1 km buffer.
  CheckAgainstOracles(*features_, *index_, Box{34.88, 31.34, 35.58, 32.56}, 24, 48, 1000, 8);
}

TEST_F(OsloLayerTest, ConcurrentQueriesAgree) {
  const Geometry route = Line({{35.20, 31.90}, {35.30, 31.88}, {35.45, 31.86}});
  const Keys expected = index_->Touching(route, 500);
  ASSERT_FALSE(expected.empty());
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (index_->Touching(route, 500) != expected) ++mismatches;
        if (!index_->CoversAllVertices(route)) ++mismatches;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(GovernorateLayerTest, PcodesOfPointsAndRoutes) {
  auto features = ParseFeatureCollection(ReadDataFile("governorates.geojson"), "pcode");
  ASSERT_TRUE(features.ok()) << features.error().field << ": " << features.error().message;
  const AreaIndex index(*features);
  EXPECT_EQ(index.size(), 16u);
  EXPECT_EQ(index.Touching(Point(35.295, 32.461), 0), Keys{"PS0101"});    // Jenin city
  EXPECT_EQ(index.Touching(Point(35.1105, 31.5245), 0), Keys{"PS0150"});  // Hebron
  EXPECT_EQ(index.Touching(Point(34.78, 32.08), 0), Keys{});              // Tel Aviv
  EXPECT_FALSE(index.CoversAllVertices(Point(34.78, 32.08)));
  // The request example's route, Jenin to Tubas.
  EXPECT_EQ(index.Touching(Line({{35.29, 32.46}, {35.36, 32.32}}), 0), (Keys{"PS0101", "PS0105"}));
}

}  // namespace
}  // namespace liaison::geo
