// Synthetic footprints over the West Bank, for the property test and
// `liaison bench deconflict`: points with 100–2,000 m buffers, routes of
// 2–40 km and polygons of 0.1–20 km² (one in ten with a hole), in equal
// shares, with windows starting within 30 days (by default) and lasting as
// planned activities do, hours mostly:
//
//   share   duration     as of
//   40 %    2–8 hours    patrols
//   30 %    1–6 hours    movements
//   25 %    2–24 hours   operations
//    3 %    1–3 days     exercises
//    2 %    3–14 days    checkpoints and static sites
//
// uniform within a band: a median of about 5 hours and a mean of about 12.
// The duration does not depend on the kind a caller files the footprint as.
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
  // A window's length, drawn from the bands above.
  Micros Duration();
  geo::Geometry Route(geo::LonLat start, double length_m);
  geo::Geometry Area(geo::LonLat centre, double area_m2);

  std::mt19937_64 rng_;
  Micros first_start_;
  int days_;
};

}  // namespace liaison::deconflict
