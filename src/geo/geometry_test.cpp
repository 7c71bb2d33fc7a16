#include "geo/geometry.hpp"

#include <gtest/gtest.h>

#include <boost/geometry.hpp>
#include <cmath>

namespace liaison::geo {
namespace {

TEST(BoundsTest, PointIsADegenerateBox) {
  const Geometry g{GeometryKind::kPoint, {{{35.2, 31.9}}}};
  EXPECT_EQ(Bounds(g), (Box{35.2, 31.9, 35.2, 31.9}));
}

TEST(BoundsTest, CoversEveryPartOfAPolygon) {
  const Geometry g{GeometryKind::kPolygon,
                   {{{35.0, 32.0}, {35.4, 32.0}, {35.4, 32.3}, {35.0, 32.3}, {35.0, 32.0}},
                    // A hole cannot widen the box, but every ring is read.
                    {{35.1, 32.1}, {35.2, 32.1}, {35.2, 32.2}, {35.1, 32.1}}}};
  EXPECT_EQ(Bounds(g), (Box{35.0, 32.0, 35.4, 32.3}));
}

TEST(BoundsTest, LineWithNegativeCoordinates) {
  const Geometry g{GeometryKind::kLineString, {{{-3.5, 10.0}, {2.0, -4.25}, {-1.0, 1.0}}}};
  EXPECT_EQ(Bounds(g), (Box{-3.5, -4.25, 2.0, 10.0}));
}

TEST(BoundsTest, EmptyGeometryIntersectsNothing) {
  const Box empty = Bounds(Geometry{GeometryKind::kLineString, {}});
  EXPECT_GT(empty.west, empty.east);
  EXPECT_GT(empty.south, empty.north);
  EXPECT_FALSE(Intersects(empty, Box{-180, -90, 180, 90}));
  EXPECT_FALSE(Intersects(Box{-180, -90, 180, 90}, empty));
  EXPECT_FALSE(Intersects(empty, empty));
}

TEST(BoxIntersectsTest, Table) {
  const Box base{35.0, 31.0, 36.0, 32.0};
  struct Case {
    const char* name;
    Box other;
    bool expected;
  };
  const Case cases[] = {
      {"same box", base, true},
      {"overlapping corner", {35.5, 31.5, 36.5, 32.5}, true},
      {"contained", {35.2, 31.2, 35.3, 31.3}, true},
      {"containing", {34.0, 30.0, 37.0, 33.0}, true},
      {"sharing the east edge", {36.0, 31.0, 37.0, 32.0}, true},
      {"sharing only a corner", {36.0, 32.0, 37.0, 33.0}, true},
      {"east of it", {36.01, 31.0, 37.0, 32.0}, false},
      {"west of it", {34.0, 31.0, 34.99, 32.0}, false},
      {"north of it", {35.0, 32.01, 36.0, 33.0}, false},
      {"south of it", {35.0, 30.0, 36.0, 30.99}, false},
      {"same longitudes, other latitudes", {35.0, 40.0, 36.0, 41.0}, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Intersects(base, c.other), c.expected) << c.name;
    EXPECT_EQ(Intersects(c.other, base), c.expected) << c.name << " (swapped)";
  }
}

TEST(LocalPlaneTest, ScalesByTheDocumentedConstants) {
  const LocalPlane plane(LonLat{35.0, 60.0});  // cos(60°) = 0.5
  const PlanePoint o = plane.Project(LonLat{35.0, 60.0});
  EXPECT_DOUBLE_EQ(o.x, 0.0);
  EXPECT_DOUBLE_EQ(o.y, 0.0);
  const PlanePoint p = plane.Project(LonLat{36.0, 61.0});
  EXPECT_NEAR(p.x, 55660.0, 1e-6);
  EXPECT_NEAR(p.y, 110574.0, 1e-6);
  const PlanePoint q = plane.Project(LonLat{34.5, 59.5});
  EXPECT_NEAR(q.x, -27830.0, 1e-6);
  EXPECT_NEAR(q.y, -55287.0, 1e-6);
}

// The documented bound: across the West Bank, distances on the plane are
// within 1 % of geodesic (WGS 84, Vincenty) distances.
TEST(LocalPlaneTest, ErrorAcrossTheWestBankIsUnderOnePercent) {
  namespace bg = boost::geometry;
  using Geo = bg::model::point<double, 2, bg::cs::geographic<bg::degree>>;
  const bg::strategy::distance::geographic<bg::strategy::vincenty> vincenty;
  // The West Bank's extent (data/oslo_areas.geojson) and its middle, which
  // AreaIndex uses as the origin.
  const double west = 34.88, east = 35.58, south = 31.34, north = 32.56;
  const LocalPlane plane(LonLat{(west + east) / 2, (south + north) / 2});
  const LonLat pairs[][2] = {
      {{west, south}, {east, north}},     // the diagonal
      {{west, north}, {east, north}},     // east-west at the north end
      {{west, south}, {east, south}},     // east-west at the south end
      {{35.2, south}, {35.2, north}},     // north-south
      {{35.30, 32.46}, {35.31, 32.46}},   // ~1 km east-west near Jenin
      {{35.10, 31.52}, {35.11, 31.52}},   // ~1 km east-west in Hebron
      {{35.10, 31.52}, {35.10, 31.53}},   // ~1 km north-south in Hebron
      {{35.295, 32.461}, {35.45, 32.0}},  // Jenin to the Jordan Valley
  };
  for (const auto& pair : pairs) {
    const PlanePoint a = plane.Project(pair[0]);
    const PlanePoint b = plane.Project(pair[1]);
    const double on_plane = std::hypot(b.x - a.x, b.y - a.y);
    const double geodesic =
        bg::distance(Geo(pair[0].lon, pair[0].lat), Geo(pair[1].lon, pair[1].lat), vincenty);
    EXPECT_LT(std::abs(on_plane / geodesic - 1.0), 0.01)
        << pair[0].lon << "," << pair[0].lat << " to " << pair[1].lon << "," << pair[1].lat
        << ": plane " << on_plane << " m, geodesic " << geodesic << " m";
  }
}

}  // namespace
}  // namespace liaison::geo
