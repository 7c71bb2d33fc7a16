// Test helpers: footprints placed in metres around the engine's plane origin.
#pragma once

#include <cmath>
#include <numbers>
#include <vector>

#include "deconflict/engine.hpp"
#include "geo/geometry.hpp"

namespace liaison::deconflict::testing {

constexpr Micros kHour = 3600 * kMicrosPerSecond;
constexpr Micros kDay = 24 * kHour;
// 2026-05-28T00:00:00Z, an arbitrary day.
constexpr Micros kT0 = 1'779'926'400LL * kMicrosPerSecond;

// The position `east_m` metres east and `north_m` metres north of the plane's
// origin (the inverse of geo::LocalPlane::Project, up to rounding).
inline geo::LonLat At(double east_m, double north_m) {
  const double per_lon =
      std::cos(kPlaneOrigin.lat * std::numbers::pi / 180.0) * geo::kMetresPerDegreeLon;
  return {kPlaneOrigin.lon + east_m / per_lon,
          kPlaneOrigin.lat + north_m / geo::kMetresPerDegreeLat};
}

struct Xy {
  double x;
  double y;
};

inline geo::Geometry PointAt(Xy p) { return {geo::GeometryKind::kPoint, {{At(p.x, p.y)}}}; }

inline geo::Geometry LineThrough(const std::vector<Xy>& ps) {
  geo::Geometry g{geo::GeometryKind::kLineString, {{}}};
  for (const Xy& p : ps) g.parts[0].push_back(At(p.x, p.y));
  return g;
}

// A polygon from rings of plane positions (the outer ring first); closes them.
inline geo::Geometry PolygonOf(const std::vector<std::vector<Xy>>& rings) {
  geo::Geometry g{geo::GeometryKind::kPolygon, {}};
  for (const auto& ring : rings) {
    std::vector<geo::LonLat> r;
    for (const Xy& p : ring) r.push_back(At(p.x, p.y));
    r.push_back(r.front());
    g.parts.push_back(std::move(r));
  }
  return g;
}

// A regular `n`-gon's ring of radius `r` around `c`, counter-clockwise.
inline std::vector<Xy> Circle(Xy c, double r, int n) {
  std::vector<Xy> ring;
  for (int i = 0; i < n; ++i) {
    const double a = 2 * std::numbers::pi * i / n;
    ring.push_back({c.x + r * std::cos(a), c.y + r * std::sin(a)});
  }
  return ring;
}

inline geo::Geometry Square(Xy c, double half) {
  return PolygonOf({{{c.x - half, c.y - half},
                     {c.x + half, c.y - half},
                     {c.x + half, c.y + half},
                     {c.x - half, c.y + half}}});
}

}  // namespace liaison::deconflict::testing
