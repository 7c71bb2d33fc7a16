// The GeoJSON codec (RFC 7946) for the geometry values of geometry.hpp.
//
// Request footprints carry a GeoJSON Point, LineString or Polygon; map layers
// are FeatureCollections of Polygons and MultiPolygons. Errors name the member
// at fault as a JSON Pointer (RFC 6901). Pure: no I/O; thread-safe.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "geo/geometry.hpp"

namespace liaison::geo {

// The most positions a footprint geometry may hold, counted over all parts.
inline constexpr size_t kMaxGeometryPositions = 10000;

// Parses a GeoJSON Point, LineString or Polygon. `pointer` is the JSON Pointer
// of `v` in the enclosing document (e.g. "/footprint/geometry"); every error's
// field is that pointer followed by the bad member, e.g.
// "/footprint/geometry/coordinates/3/1" for the latitude of the fourth
// position. Rejected, as Error::Invalid:
//   - a value that is not an object, a missing or unsupported "type";
//   - a missing or non-array "coordinates";
//   - a position that is not an array of 2 or 3 numbers (longitude, latitude,
//     optional altitude, which is ignored), a non-finite number, a longitude
//     outside [-180, 180] or a latitude outside [-90, 90];
//   - a LineString with fewer than 2 positions;
//   - a Polygon without rings, a ring with fewer than 4 positions or whose
//     last position differs from its first;
//   - more than kMaxGeometryPositions positions in all.
// Other members ("bbox", foreign members) are ignored, as RFC 7946 allows.
// Ring orientation is not checked (RFC 7946 §3.1.6: parsers should not reject).
Result<Geometry> ParseGeometry(const boost::json::value& v, std::string_view pointer);

// Encodes `g` as a GeoJSON geometry object ({"type", "coordinates"}).
// ParseGeometry(GeometryToJson(g)) == g for every geometry ParseGeometry returns.
boost::json::object GeometryToJson(const Geometry& g);

// Reads a map layer: a GeoJSON FeatureCollection whose features are Polygons
// or MultiPolygons, each with the string property `property` (e.g.
// "oslo_class", "pcode") as its key. Positions are checked as in
// ParseGeometry, without the limit on their number. A feature of another
// geometry type, or without the property, is an error naming it, e.g.
// "/features/3/properties/pcode". Features keep the file's order.
Result<std::vector<Feature>> ParseFeatureCollection(std::string_view text,
                                                    std::string_view property);

}  // namespace liaison::geo
