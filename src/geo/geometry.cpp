#include "geo/geometry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace liaison::geo {

Box Bounds(const Geometry& g) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  Box b{kInf, kInf, -kInf, -kInf};
  for (const auto& part : g.parts) {
    for (const LonLat& p : part) {
      b.west = std::min(b.west, p.lon);
      b.south = std::min(b.south, p.lat);
      b.east = std::max(b.east, p.lon);
      b.north = std::max(b.north, p.lat);
    }
  }
  return b;
}

bool Intersects(const Box& a, const Box& b) {
  return a.west <= b.east && b.west <= a.east && a.south <= b.north && b.south <= a.north;
}

LocalPlane::LocalPlane(LonLat origin)
    : origin_(origin),
      metres_per_degree_lon_(std::cos(origin.lat * std::numbers::pi / 180.0) *
                             kMetresPerDegreeLon) {}

PlanePoint LocalPlane::Project(LonLat p) const {
  return {(p.lon - origin_.lon) * metres_per_degree_lon_,
          (p.lat - origin_.lat) * kMetresPerDegreeLat};
}

}  // namespace liaison::geo
