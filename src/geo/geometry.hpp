// Plain geometry values: WGS 84 longitude/latitude positions, the three
// GeoJSON geometry kinds the product accepts (Point, LineString, Polygon),
// bounding boxes, and the local plane projection the area index measures in.
//
// Pure value types and functions: no I/O, no JSON, no third-party types.
// Thread-compatible (like any value type).
#pragma once

#include <string>
#include <vector>

namespace liaison::geo {

// A WGS 84 position in degrees: longitude east, latitude north.
struct LonLat {
  double lon = 0;
  double lat = 0;

  friend bool operator==(const LonLat&, const LonLat&) = default;
};

enum class GeometryKind { kPoint, kLineString, kPolygon };

// A GeoJSON Point, LineString or Polygon.
//   kPoint:      one part holding one position.
//   kLineString: one part holding the line's positions (at least 2).
//   kPolygon:    one part per ring, the outer ring first, then the holes; each
//                ring is closed (its last position repeats the first).
// ParseGeometry (geojson.hpp) only produces geometries of this shape.
struct Geometry {
  GeometryKind kind = GeometryKind::kPoint;
  std::vector<std::vector<LonLat>> parts;

  friend bool operator==(const Geometry&, const Geometry&) = default;
};

// An axis-aligned box in degrees. Boxes do not wrap the antimeridian (the
// product works in the Levant).
struct Box {
  double west = 0;
  double south = 0;
  double east = 0;
  double north = 0;

  friend bool operator==(const Box&, const Box&) = default;
};

// One named area of a polygon layer (an Oslo area, a governorate): the key
// (e.g. the feature's `oslo_class` or `pcode`) and its polygons, each given
// as rings, the outer ring first.
struct Feature {
  std::string key;
  std::vector<std::vector<std::vector<LonLat>>> polygons;
};

// The smallest box holding every position of `g`. A geometry without
// positions has an inverted box (west > east, south > north) that intersects
// nothing.
Box Bounds(const Geometry& g);

// True when the boxes share at least one point (touching edges count).
bool Intersects(const Box& a, const Box& b);

// Metres per degree of the local projection: a degree of longitude on the
// equator and a degree of latitude at the equator (WGS 84).
inline constexpr double kMetresPerDegreeLon = 111320.0;
inline constexpr double kMetresPerDegreeLat = 110574.0;

// A position on the local plane, in metres east (x) and north (y) of the
// plane's origin.
struct PlanePoint {
  double x = 0;
  double y = 0;
};

// An equirectangular projection around an origin:
//   x = (lon - lon0) * cos(lat0) * 111320,  y = (lat - lat0) * 110574.
// Distances on the plane differ from geodesic ones by the scale error of
// cos(lat)/cos(lat0) east-west and by using the equatorial length of a degree
// of latitude north-south. Around the West Bank (31.3°N to 32.6°N, origin at
// its middle) the error is under 1 %: at most about 0.3 % north-south and
// 0.75 % east-west at the northern and southern ends (docs/coordination-rules.md).
class LocalPlane {
 public:
  explicit LocalPlane(LonLat origin);

  PlanePoint Project(LonLat p) const;
  LonLat origin() const { return origin_; }

 private:
  LonLat origin_;
  double metres_per_degree_lon_;
};

}  // namespace liaison::geo
