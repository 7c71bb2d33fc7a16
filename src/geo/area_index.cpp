#include "geo/area_index.hpp"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/linestring.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <cmath>
#include <iterator>
#include <limits>
#include <utility>

namespace liaison::geo {
namespace {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

// Everything is measured on the local plane, in metres.
using Point = bg::model::d2::point_xy<double>;
using Line = bg::model::linestring<Point>;
using Polygon = bg::model::polygon<Point>;  // clockwise outer ring, closed
using PlaneBox = bg::model::box<Point>;
// A polygon's bounding box and its position in Impl::polygons.
using BoxEntry = std::pair<PlaneBox, size_t>;
// R*-tree node capacity: Boost's usual choice; the layers hold a few hundred polygons.
constexpr size_t kRtreeNodeCapacity = 16;
using Rtree = bgi::rtree<BoxEntry, bgi::rstar<kRtreeNodeCapacity>>;

using MultiPolygon = bg::model::multi_polygon<Polygon>;

constexpr size_t kMinRingPositions = 4;
// Polygons with more vertices are cut into pieces of at most this many (as
// PostGIS's ST_Subdivide does), so that a piece's bounding box is tight and a
// query measures only the few hundred vertices near the footprint instead of,
// say, all 13,000 of Area C.
constexpr size_t kMaxPieceVertices = 256;
// A bound on the halvings, in case a polygon cannot be cut (a 2^-20 share of
// the extent is a few centimetres).
constexpr int kMaxSplitDepth = 20;

// One piece of an area's polygon. The pieces of a polygon cover it exactly
// and meet only along their cut edges, so a geometry intersects the polygon
// when it intersects a piece, and its distance to the polygon is the least
// distance to a piece.
struct AreaPolygon {
  size_t key;  // index into Impl::keys
  Polygon polygon;
};

// Bounding boxes. A polygon's is its outer ring's (the holes lie inside it);
// taking it from the ring also sidesteps a GCC -Wmaybe-uninitialized false
// positive in Boost.Geometry's multi-ring envelope.
PlaneBox Envelope(const Polygon& polygon) { return bg::return_envelope<PlaneBox>(polygon.outer()); }
PlaneBox Envelope(const Line& line) { return bg::return_envelope<PlaneBox>(line); }
PlaneBox Envelope(const Point& point) { return PlaneBox(point, point); }

// Appends to `out` the pieces of `polygon`: itself when small enough, else the
// pieces of its two halves, split across the longer side of its bounding box.
void Subdivide(const Polygon& polygon, int depth, std::vector<Polygon>& out) {
  if (bg::num_points(polygon) <= kMaxPieceVertices || depth >= kMaxSplitDepth) {
    out.push_back(polygon);
    return;
  }
  const PlaneBox box = Envelope(polygon);
  const Point& lo = box.min_corner();
  const Point& hi = box.max_corner();
  PlaneBox first = box;
  PlaneBox second = box;
  if (hi.x() - lo.x() >= hi.y() - lo.y()) {
    const double mid = (lo.x() + hi.x()) / 2;
    first.max_corner().x(mid);
    second.min_corner().x(mid);
  } else {
    const double mid = (lo.y() + hi.y()) / 2;
    first.max_corner().y(mid);
    second.min_corner().y(mid);
  }
  for (const PlaneBox& half : {first, second}) {
    MultiPolygon parts;
    bg::intersection(polygon, half, parts);
    for (const Polygon& part : parts) Subdivide(part, depth + 1, out);
  }
}

// The pieces of `polygon`, or the polygon itself when it is invalid (possible
// in an operator's layer: a self-intersecting ring), since cutting needs a
// valid polygon. A whole polygon is slower to query but answered the same.
std::vector<Polygon> Pieces(const Polygon& polygon) {
  if (!bg::is_valid(polygon)) return {polygon};
  std::vector<Polygon> pieces;
  try {
    Subdivide(polygon, 0, pieces);
  } catch (const bg::exception&) {
    pieces.assign(1, polygon);
  }
  return pieces;
}

}  // namespace

struct AreaIndex::Impl {
  LocalPlane plane{LonLat{}};
  size_t feature_count = 0;
  std::vector<std::string> keys;      // sorted, unique
  std::vector<AreaPolygon> polygons;  // the pieces of every area's polygons
  Rtree rtree;                        // the pieces' bounding boxes

  Point Project(LonLat p) const {
    const PlanePoint q = plane.Project(p);
    return {q.x, q.y};
  }

  // The ring projected onto the plane.
  template <class Ring>
  Ring ProjectRing(const std::vector<LonLat>& positions) const {
    Ring ring;
    ring.reserve(positions.size());
    for (const LonLat& p : positions) ring.push_back(Project(p));
    return ring;
  }

  // Marks in `found` the keys of the areas within `buffer_m` of `g`.
  template <class G>
  void Collect(const G& g, double buffer_m, std::vector<bool>& found) const {
    PlaneBox box = Envelope(g);
    box.min_corner().x(box.min_corner().x() - buffer_m);
    box.min_corner().y(box.min_corner().y() - buffer_m);
    box.max_corner().x(box.max_corner().x() + buffer_m);
    box.max_corner().y(box.max_corner().y() + buffer_m);
    std::vector<BoxEntry> candidates;
    rtree.query(bgi::intersects(box), std::back_inserter(candidates));
    // intersects() first, over every candidate: it is much cheaper than
    // distance() and settles the common case of a footprint inside or across
    // an area. distance() is then needed only for the areas still untouched.
    for (const BoxEntry& candidate : candidates) {
      const AreaPolygon& area = polygons[candidate.second];
      if (!found[area.key] && bg::intersects(g, area.polygon)) found[area.key] = true;
    }
    if (buffer_m == 0) return;
    for (const BoxEntry& candidate : candidates) {
      const AreaPolygon& area = polygons[candidate.second];
      if (!found[area.key] && bg::distance(g, area.polygon) <= buffer_m) found[area.key] = true;
    }
  }

  bool Covered(const Point& p) const {
    std::vector<BoxEntry> candidates;
    rtree.query(bgi::intersects(p), std::back_inserter(candidates));
    return std::any_of(candidates.begin(), candidates.end(), [&](const BoxEntry& c) {
      return bg::covered_by(p, polygons[c.second].polygon);
    });
  }
};

AreaIndex::AreaIndex(const std::vector<Feature>& features) {
  auto impl = std::make_unique<Impl>();
  impl->feature_count = features.size();

  // The plane's origin: the middle of the layer's bounding box.
  Geometry all;
  for (const Feature& f : features) {
    impl->keys.push_back(f.key);
    for (const auto& rings : f.polygons) {
      if (!rings.empty()) all.parts.push_back(rings.front());
    }
  }
  std::sort(impl->keys.begin(), impl->keys.end());
  impl->keys.erase(std::unique(impl->keys.begin(), impl->keys.end()), impl->keys.end());
  if (!all.parts.empty()) {
    const Box b = Bounds(all);
    impl->plane = LocalPlane(LonLat{(b.west + b.east) / 2, (b.south + b.north) / 2});
  }

  std::vector<BoxEntry> entries;
  for (const Feature& f : features) {
    const size_t key = static_cast<size_t>(
        std::lower_bound(impl->keys.begin(), impl->keys.end(), f.key) - impl->keys.begin());
    for (const auto& rings : f.polygons) {
      if (rings.empty() || rings.front().size() < kMinRingPositions) continue;
      Polygon polygon;
      polygon.outer() = impl->ProjectRing<Polygon::ring_type>(rings.front());
      for (size_t r = 1; r < rings.size(); ++r) {
        if (rings[r].size() < kMinRingPositions) continue;
        polygon.inners().push_back(impl->ProjectRing<Polygon::ring_type>(rings[r]));
      }
      // Orients the rings as the polygon type expects (GeoJSON's outer rings
      // are counter-clockwise, Boost's default is clockwise) and closes them.
      bg::correct(polygon);
      for (Polygon& piece : Pieces(polygon)) {
        entries.emplace_back(Envelope(piece), impl->polygons.size());
        impl->polygons.push_back(AreaPolygon{key, std::move(piece)});
      }
    }
  }
  // Bulk loading (the packing constructor) builds a better tree than inserts.
  impl->rtree = Rtree(entries.begin(), entries.end());
  impl_ = std::move(impl);
}

AreaIndex::~AreaIndex() = default;
AreaIndex::AreaIndex(AreaIndex&&) noexcept = default;
AreaIndex& AreaIndex::operator=(AreaIndex&&) noexcept = default;

std::vector<std::string> AreaIndex::Touching(const Geometry& g, double buffer_m) const {
  std::vector<std::string> out;
  if (impl_ == nullptr || g.parts.empty() || g.parts.front().empty()) return out;
  if (!(buffer_m > 0)) buffer_m = 0;  // also catches NaN
  std::vector<bool> found(impl_->keys.size(), false);
  switch (g.kind) {
    case GeometryKind::kPoint:
      impl_->Collect(impl_->Project(g.parts.front().front()), buffer_m, found);
      break;
    case GeometryKind::kLineString:
      impl_->Collect(impl_->ProjectRing<Line>(g.parts.front()), buffer_m, found);
      break;
    case GeometryKind::kPolygon: {
      Polygon polygon;
      polygon.outer() = impl_->ProjectRing<Polygon::ring_type>(g.parts.front());
      for (size_t r = 1; r < g.parts.size(); ++r) {
        polygon.inners().push_back(impl_->ProjectRing<Polygon::ring_type>(g.parts[r]));
      }
      bg::correct(polygon);
      impl_->Collect(polygon, buffer_m, found);
      break;
    }
  }
  for (size_t k = 0; k < found.size(); ++k) {
    if (found[k]) out.push_back(impl_->keys[k]);
  }
  return out;
}

bool AreaIndex::CoversAllVertices(const Geometry& g) const {
  if (impl_ == nullptr) return false;
  for (const auto& part : g.parts) {
    for (const LonLat& p : part) {
      if (!impl_->Covered(impl_->Project(p))) return false;
    }
  }
  return true;
}

size_t AreaIndex::size() const { return impl_ == nullptr ? 0 : impl_->feature_count; }

}  // namespace liaison::geo
