// Synthetic footprints over the West Bank, for the property test and
// `liaison bench deconflict`: points with 100–2,000 m buffers, routes of
// 2–40 km and polygons of 0.1–20 km² (one in ten with a hole), in equal
// shares, with windows of 30 minutes to 3 days starting within 30 days.
//
// Deterministic for a seed (with one standard library). Not thread-safe: one
// generator per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>

#include "core/clock.hpp"
#include "deconflict/footprint.hpp"
#include "geo/geometry.hpp"

namespace liaison::deconflict {

// The West Bank's bounding box.
inline constexpr geo::Box kWestBankBox{34.88, 31.34, 35.57, 32.55};

class SyntheticFootprints {
 public:
  // Windows start within `days` (30 by default) of `first_start`.
  // REQUIRES: days > 0.
  SyntheticFootprints(std::uint64_t seed, Micros first_start, int days = 30);

  Footprint Next();

  // A uniform index in [0, n). REQUIRES: n > 0.
  std::size_t Index(std::size_t n);
  double Uniform(double lo, double hi);

 private:
  geo::Geometry Route(geo::LonLat start, double length_m);
  geo::Geometry Area(geo::LonLat centre, double area_m2);

  std::mt19937_64 rng_;
  Micros first_start_;
  int days_;
};

}  // namespace liaison::deconflict
