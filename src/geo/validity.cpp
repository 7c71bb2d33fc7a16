#include "geo/validity.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <string>

namespace liaison::geo {
namespace {

namespace bg = boost::geometry;
using Point = bg::model::d2::point_xy<double>;
using Polygon = bg::model::polygon<Point>;

std::string Reason(bg::validity_failure_type failure) {
  switch (failure) {
    case bg::failure_self_intersections:
      return "the polygon's rings cross themselves or each other";
    case bg::failure_interior_rings_outside:
      return "a hole of the polygon lies outside its outer ring";
    case bg::failure_nested_interior_rings:
      return "a hole of the polygon lies inside another hole";
    case bg::failure_disconnected_interior:
      return "the polygon's holes cut it into pieces";
    case bg::failure_few_points:
    case bg::failure_wrong_topological_dimension:
      return "the polygon has no area";
    default:
      return "the polygon is not valid";
  }
}

}  // namespace

Status CheckValid(const Geometry& g, std::string_view pointer) {
  if (g.kind != GeometryKind::kPolygon || g.parts.empty()) return OkStatus();
  Polygon poly;
  for (size_t i = 0; i < g.parts.size(); ++i) {
    auto& ring = i == 0 ? poly.outer() : poly.inners().emplace_back();
    for (const LonLat& p : g.parts[i]) ring.emplace_back(p.lon, p.lat);
  }
  bg::correct(poly);  // orientation and closure are not the input's fault
  bg::validity_failure_type failure = bg::no_failure;
  if (bg::is_valid(poly, failure) || failure == bg::failure_spikes ||
      failure == bg::failure_duplicate_points) {
    return OkStatus();
  }
  return Error::Invalid(std::string(pointer), Reason(failure));
}

}  // namespace liaison::geo
