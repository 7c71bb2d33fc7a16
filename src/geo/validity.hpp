// Whether a geometry is one that means what it says: a polygon whose rings do
// not cross themselves or each other and whose holes lie inside its outer
// ring (OGC simple-features validity). ParseGeometry checks the syntax only;
// input that places a record on the ground is checked with this too.
#pragma once

#include <string_view>

#include "core/result.hpp"
#include "geo/geometry.hpp"

namespace liaison::geo {

// OkStatus for points, lines and valid polygons; otherwise Error::Invalid
// naming `pointer` and what is wrong ("a polygon ring crosses itself"). Ring
// orientation is not held against the input (RFC 7946 §3.1.6); repeated
// positions and spikes are allowed. Measured in degrees, which is enough to
// decide crossings.
Status CheckValid(const Geometry& g, std::string_view pointer);

}  // namespace liaison::geo
