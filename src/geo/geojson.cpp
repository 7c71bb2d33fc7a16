#include "geo/geojson.hpp"

#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

namespace liaison::geo {
namespace {

namespace json = boost::json;

// A position: longitude, latitude and an optional altitude.
constexpr size_t kMinPositionNumbers = 2;
constexpr size_t kMaxPositionNumbers = 3;
constexpr double kMaxLon = 180.0;
constexpr double kMaxLat = 90.0;
constexpr size_t kMinLinePositions = 2;
// A closed ring: three corners and the first repeated (RFC 7946 §3.1.6).
constexpr size_t kMinRingPositions = 4;

std::string Index(const std::string& pointer, size_t i) {
  return pointer + "/" + std::to_string(i);
}

// RFC 6901: "~" is written "~0" and "/" is written "~1" in a reference token.
std::string Token(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

// Reads coordinates, counting positions against a budget.
class CoordinateReader {
 public:
  explicit CoordinateReader(size_t max_positions)
      : max_positions_(max_positions), remaining_(max_positions) {}

  Result<LonLat> Position(const json::value& v, const std::string& pointer) {
    if (remaining_ == 0) {
      return Error::Invalid(
          pointer, "a geometry may hold at most " + std::to_string(max_positions_) + " positions");
    }
    --remaining_;
    const json::array* a = v.if_array();
    if (a == nullptr) {
      return Error::Invalid(pointer, "a position must be an array of longitude and latitude");
    }
    if (a->size() < kMinPositionNumbers) {
      return Error::Invalid(pointer, "a position needs a longitude and a latitude");
    }
    if (a->size() > kMaxPositionNumbers) {
      return Error::Invalid(pointer, "a position holds at most longitude, latitude and altitude");
    }
    double numbers[kMaxPositionNumbers] = {};
    for (size_t i = 0; i < a->size(); ++i) {
      const json::value& n = (*a)[i];
      if (!n.is_number()) return Error::Invalid(Index(pointer, i), "a coordinate must be a number");
      numbers[i] = n.to_number<double>();
      if (!std::isfinite(numbers[i])) {
        return Error::Invalid(Index(pointer, i), "a coordinate must be a finite number");
      }
    }
    if (numbers[0] < -kMaxLon || numbers[0] > kMaxLon) {
      return Error::Invalid(Index(pointer, 0), "longitude must be between -180 and 180");
    }
    if (numbers[1] < -kMaxLat || numbers[1] > kMaxLat) {
      return Error::Invalid(Index(pointer, 1), "latitude must be between -90 and 90");
    }
    return LonLat{numbers[0], numbers[1]};
  }

  Result<std::vector<LonLat>> Positions(const json::value& v, const std::string& pointer) {
    const json::array* a = v.if_array();
    if (a == nullptr) return Error::Invalid(pointer, "must be an array of positions");
    std::vector<LonLat> out;
    out.reserve(std::min(a->size(), remaining_));
    for (size_t i = 0; i < a->size(); ++i) {
      auto p = Position((*a)[i], Index(pointer, i));
      if (!p) return std::move(p).error();
      out.push_back(*p);
    }
    return out;
  }

  Result<std::vector<LonLat>> Line(const json::value& v, const std::string& pointer) {
    auto line = Positions(v, pointer);
    if (!line) return line;
    if (line->size() < kMinLinePositions) {
      return Error::Invalid(pointer, "a LineString needs at least 2 positions");
    }
    return line;
  }

  Result<std::vector<LonLat>> Ring(const json::value& v, const std::string& pointer) {
    auto ring = Positions(v, pointer);
    if (!ring) return ring;
    if (ring->size() < kMinRingPositions) {
      return Error::Invalid(pointer, "a polygon ring needs at least 4 positions");
    }
    if (!(ring->front() == ring->back())) {
      return Error::Invalid(Index(pointer, ring->size() - 1),
                            "a polygon ring must end at the position it starts from");
    }
    return ring;
  }

  Result<std::vector<std::vector<LonLat>>> Rings(const json::value& v, const std::string& pointer) {
    const json::array* a = v.if_array();
    if (a == nullptr) return Error::Invalid(pointer, "a Polygon must be an array of rings");
    if (a->empty()) return Error::Invalid(pointer, "a Polygon needs at least one ring");
    std::vector<std::vector<LonLat>> rings;
    rings.reserve(a->size());
    for (size_t i = 0; i < a->size(); ++i) {
      auto ring = Ring((*a)[i], Index(pointer, i));
      if (!ring) return std::move(ring).error();
      rings.push_back(std::move(*ring));
    }
    return rings;
  }

 private:
  const size_t max_positions_;
  size_t remaining_;
};

// The "type" member of a GeoJSON object, or an error naming it.
Result<std::string_view> TypeOf(const json::object& o, const std::string& pointer) {
  const json::value* t = o.if_contains("type");
  if (t == nullptr) return Error::Invalid(pointer + "/type", "type is required");
  if (!t->is_string()) return Error::Invalid(pointer + "/type", "type must be a string");
  const json::string& s = t->get_string();
  return std::string_view(s.data(), s.size());
}

Result<const json::value*> Coordinates(const json::object& o, const std::string& pointer) {
  const json::value* c = o.if_contains("coordinates");
  if (c == nullptr) return Error::Invalid(pointer + "/coordinates", "coordinates is required");
  if (!c->is_array()) {
    return Error::Invalid(pointer + "/coordinates", "coordinates must be an array");
  }
  return c;
}

json::array PositionsToJson(const std::vector<LonLat>& positions) {
  json::array a;
  a.reserve(positions.size());
  for (const LonLat& p : positions) a.push_back(json::array{p.lon, p.lat});
  return a;
}

// The polygons of one layer feature's Polygon or MultiPolygon geometry.
Result<std::vector<std::vector<std::vector<LonLat>>>> FeaturePolygons(const json::value& v,
                                                                      const std::string& pointer) {
  const json::object* g = v.if_object();
  if (g == nullptr) return Error::Invalid(pointer, "geometry must be an object");
  auto type = TypeOf(*g, pointer);
  if (!type) return std::move(type).error();
  auto coords = Coordinates(*g, pointer);
  if (!coords) return std::move(coords).error();
  const std::string coords_pointer = pointer + "/coordinates";
  CoordinateReader reader(std::numeric_limits<size_t>::max());
  std::vector<std::vector<std::vector<LonLat>>> polygons;
  if (*type == "Polygon") {
    auto rings = reader.Rings(**coords, coords_pointer);
    if (!rings) return std::move(rings).error();
    polygons.push_back(std::move(*rings));
  } else if (*type == "MultiPolygon") {
    const json::array& a = (*coords)->get_array();
    polygons.reserve(a.size());
    for (size_t i = 0; i < a.size(); ++i) {
      auto rings = reader.Rings(a[i], Index(coords_pointer, i));
      if (!rings) return std::move(rings).error();
      polygons.push_back(std::move(*rings));
    }
  } else {
    return Error::Invalid(pointer + "/type", "a layer feature must be a Polygon or MultiPolygon");
  }
  return polygons;
}

}  // namespace

Result<Geometry> ParseGeometry(const json::value& v, std::string_view pointer) {
  const std::string base(pointer);
  const json::object* o = v.if_object();
  if (o == nullptr) return Error::Invalid(base, "a geometry must be a GeoJSON object");
  auto type = TypeOf(*o, base);
  if (!type) return std::move(type).error();
  Geometry g;
  if (*type == "Point") {
    g.kind = GeometryKind::kPoint;
  } else if (*type == "LineString") {
    g.kind = GeometryKind::kLineString;
  } else if (*type == "Polygon") {
    g.kind = GeometryKind::kPolygon;
  } else {
    return Error::Invalid(base + "/type", "the geometry type must be Point, LineString or Polygon");
  }
  auto coords = Coordinates(*o, base);
  if (!coords) return std::move(coords).error();
  const std::string coords_pointer = base + "/coordinates";
  CoordinateReader reader(kMaxGeometryPositions);
  switch (g.kind) {
    case GeometryKind::kPoint: {
      auto p = reader.Position(**coords, coords_pointer);
      if (!p) return std::move(p).error();
      g.parts.push_back({*p});
      break;
    }
    case GeometryKind::kLineString: {
      auto line = reader.Line(**coords, coords_pointer);
      if (!line) return std::move(line).error();
      g.parts.push_back(std::move(*line));
      break;
    }
    case GeometryKind::kPolygon: {
      auto rings = reader.Rings(**coords, coords_pointer);
      if (!rings) return std::move(rings).error();
      g.parts = std::move(*rings);
      break;
    }
  }
  return g;
}

json::object GeometryToJson(const Geometry& g) {
  json::object o;
  switch (g.kind) {
    case GeometryKind::kPoint: {
      o["type"] = "Point";
      const LonLat p = g.parts.empty() || g.parts.front().empty() ? LonLat{} : g.parts[0][0];
      o["coordinates"] = json::array{p.lon, p.lat};
      break;
    }
    case GeometryKind::kLineString:
      o["type"] = "LineString";
      o["coordinates"] = g.parts.empty() ? json::array{} : PositionsToJson(g.parts.front());
      break;
    case GeometryKind::kPolygon: {
      o["type"] = "Polygon";
      json::array rings;
      rings.reserve(g.parts.size());
      for (const auto& ring : g.parts) rings.push_back(PositionsToJson(ring));
      o["coordinates"] = std::move(rings);
      break;
    }
  }
  return o;
}

Result<std::vector<Feature>> ParseFeatureCollection(std::string_view text,
                                                    std::string_view property) {
  boost::system::error_code ec;
  const json::value doc = json::parse(text, ec);
  if (ec) return Error::Invalid("", "the layer is not valid JSON: " + ec.message());
  const json::object* root = doc.if_object();
  if (root == nullptr) return Error::Invalid("", "a layer must be a GeoJSON object");
  auto type = TypeOf(*root, "");
  if (!type) return std::move(type).error();
  if (*type != "FeatureCollection") {
    return Error::Invalid("/type", "a layer must be a FeatureCollection");
  }
  const json::value* features = root->if_contains("features");
  if (features == nullptr || !features->is_array()) {
    return Error::Invalid("/features", "features must be an array");
  }
  const std::string property_token = Token(property);
  std::vector<Feature> out;
  out.reserve(features->get_array().size());
  size_t i = 0;
  for (const json::value& fv : features->get_array()) {
    const std::string pointer = Index("/features", i++);
    const json::object* f = fv.if_object();
    if (f == nullptr) return Error::Invalid(pointer, "a feature must be an object");
    const json::value* props = f->if_contains("properties");
    const json::object* po = props == nullptr ? nullptr : props->if_object();
    const json::value* key = po == nullptr ? nullptr : po->if_contains(property);
    if (key == nullptr || !key->is_string()) {
      return Error::Invalid(pointer + "/properties/" + property_token,
                            "the feature needs the string property " + std::string(property));
    }
    const json::value* geometry = f->if_contains("geometry");
    if (geometry == nullptr) return Error::Invalid(pointer + "/geometry", "geometry is required");
    auto polygons = FeaturePolygons(*geometry, pointer + "/geometry");
    if (!polygons) return std::move(polygons).error();
    out.push_back(Feature{std::string(key->get_string()), std::move(*polygons)});
  }
  return out;
}

}  // namespace liaison::geo
