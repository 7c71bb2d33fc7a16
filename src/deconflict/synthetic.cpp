#include "deconflict/synthetic.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <utility>
#include <vector>

#include "deconflict/engine.hpp"

namespace liaison::deconflict {
namespace {

constexpr Micros kHour = 3600 * kMicrosPerSecond;
constexpr Micros kDay = 24 * kHour;
// How long activities last (synthetic.hpp): a band takes `share` of them,
// uniformly between `shortest` and `longest`. The shares add up to 1.
struct DurationBand {
  double share;
  Micros shortest;
  Micros longest;
};
constexpr std::array<DurationBand, 5> kDurations{{
    {0.40, 2 * kHour, 8 * kHour},   // patrols
    {0.30, 1 * kHour, 6 * kHour},   // movements
    {0.25, 2 * kHour, 24 * kHour},  // operations
    {0.03, 1 * kDay, 3 * kDay},     // exercises
    {0.02, 3 * kDay, 14 * kDay},    // checkpoints and static sites
}};
constexpr double kMinPointBufferM = 100;
constexpr double kMaxPointBufferM = 2000;
constexpr double kMinRouteM = 2000;
constexpr double kMaxRouteM = 40000;
constexpr double kMinAreaM2 = 0.1e6;
constexpr double kMaxAreaM2 = 20e6;
constexpr double kMaxShapeBufferM = 500;
constexpr double kMinLegM = 200;
constexpr double kMaxLegM = 1500;

// Offsets on the plane of the engine (the inverse of geo::LocalPlane::Project
// around the origin's latitude), accurate enough for generating shapes.
geo::LonLat Offset(geo::LonLat c, double east_m, double north_m) {
  const double per_lon =
      std::cos(kPlaneOrigin.lat * std::numbers::pi / 180.0) * geo::kMetresPerDegreeLon;
  return {c.lon + east_m / per_lon, c.lat + north_m / geo::kMetresPerDegreeLat};
}

}  // namespace

SyntheticFootprints::SyntheticFootprints(std::uint64_t seed, Micros first_start, int days)
    : rng_(seed), first_start_(first_start), days_(days) {}

double SyntheticFootprints::Uniform(double lo, double hi) {
  return std::uniform_real_distribution<>(lo, hi)(rng_);
}

std::size_t SyntheticFootprints::Index(std::size_t n) {
  return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_);
}

Footprint SyntheticFootprints::Next() {
  Footprint fp;
  const geo::LonLat c{Uniform(kWestBankBox.west, kWestBankBox.east),
                      Uniform(kWestBankBox.south, kWestBankBox.north)};
  // One in five routes and areas has no buffer.
  const auto shape_buffer = [&] { return Index(5) == 0 ? 0 : Uniform(10, kMaxShapeBufferM); };
  switch (Index(3)) {
    case 0:
      fp.geometry = {geo::GeometryKind::kPoint, {{c}}};
      fp.buffer_m = Uniform(kMinPointBufferM, kMaxPointBufferM);
      break;
    case 1:
      fp.geometry = Route(c, Uniform(kMinRouteM, kMaxRouteM));
      fp.buffer_m = shape_buffer();
      break;
    default:
      fp.geometry = Area(c, Uniform(kMinAreaM2, kMaxAreaM2));
      fp.buffer_m = shape_buffer();
      break;
  }
  fp.start = first_start_ + static_cast<Micros>(Uniform(0, static_cast<double>(days_ * kDay)));
  fp.end = fp.start + Duration();
  return fp;
}

Micros SyntheticFootprints::Duration() {
  double share = Uniform(0, 1);
  for (const DurationBand& band : kDurations) {
    if (share < band.share) {
      return static_cast<Micros>(
          Uniform(static_cast<double>(band.shortest), static_cast<double>(band.longest)));
    }
    share -= band.share;
  }
  return kDurations.back().longest;
}

// A random walk of legs of 200–1,500 m, turning up to 45° at each vertex.
geo::Geometry SyntheticFootprints::Route(geo::LonLat start, double length_m) {
  geo::Geometry g{geo::GeometryKind::kLineString, {{start}}};
  double heading = Uniform(0, 2 * std::numbers::pi);
  double x = 0;
  double y = 0;
  double done = 0;
  while (done < length_m) {
    const double leg = std::min(Uniform(kMinLegM, kMaxLegM), length_m - done);
    heading += Uniform(-std::numbers::pi / 4, std::numbers::pi / 4);
    x += leg * std::cos(heading);
    y += leg * std::sin(heading);
    done += leg;
    g.parts[0].push_back(Offset(start, x, y));
  }
  return g;
}

// A star-shaped ring of 5–40 vertices around `centre` (so simple); one in ten
// has a hexagonal hole around the centre.
geo::Geometry SyntheticFootprints::Area(geo::LonLat centre, double area_m2) {
  const double r = std::sqrt(area_m2 / std::numbers::pi);
  const int n = 5 + static_cast<int>(Index(36));
  std::vector<double> angles;
  for (int i = 0; i < n; ++i) angles.push_back(Uniform(0, 2 * std::numbers::pi));
  std::sort(angles.begin(), angles.end());
  geo::Geometry g{geo::GeometryKind::kPolygon, {{}}};
  for (const double a : angles) {
    const double ri = r * Uniform(0.7, 1.2);
    g.parts[0].push_back(Offset(centre, ri * std::cos(a), ri * std::sin(a)));
  }
  g.parts[0].push_back(g.parts[0].front());
  if (Index(10) == 0) {
    constexpr int kHoleVertices = 6;
    std::vector<geo::LonLat> hole;
    for (int i = 0; i < kHoleVertices; ++i) {
      const double a = -2 * std::numbers::pi * i / kHoleVertices;  // clockwise, as GeoJSON holes
      hole.push_back(Offset(centre, 0.3 * r * std::cos(a), 0.3 * r * std::sin(a)));
    }
    hole.push_back(hole.front());
    g.parts.push_back(std::move(hole));
  }
  return g;
}

}  // namespace liaison::deconflict
