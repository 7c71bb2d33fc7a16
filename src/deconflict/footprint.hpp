// Footprint: where and when a planned activity takes place. A geometry (a
// point, a route or an area), a buffer around it in metres, and a time window.
//
// A plain value type: no I/O, no JSON. Thread-compatible.
#pragma once

#include "core/clock.hpp"
#include "geo/geometry.hpp"

namespace liaison::deconflict {

// The activity occupies every place within `buffer_m` metres of `geometry`
// (a polygon's interior included) from `start` until `end`, a half-open
// window [start, end). A negative or NaN buffer counts as 0.
// REQUIRES (for meaningful answers): start <= end.
struct Footprint {
  geo::Geometry geometry;
  double buffer_m = 0;
  Micros start = 0;
  Micros end = 0;
};

}  // namespace liaison::deconflict
