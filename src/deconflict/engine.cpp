#include "deconflict/engine.hpp"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/linestring.hpp>
#include <boost/geometry/geometries/point.hpp>
#include <boost/geometry/geometries/point_xy.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/function_output_iterator.hpp>
#include <cmath>
#include <limits>
#include <span>
#include <unordered_map>
#include <utility>
#include <variant>

namespace liaison::deconflict {
namespace {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

// Geometries are measured on the local plane, in metres.
using Point = bg::model::d2::point_xy<double>;
using Line = bg::model::linestring<Point>;
using Polygon = bg::model::polygon<Point>;  // clockwise outer ring, closed
using PlaneBox = bg::model::box<Point>;

// The R-tree indexes (x, y, t) boxes: metres, and time scaled so that an hour
// spans 150 "metres" (30 days ~ the West Bank's length), which keeps the R*
// split heuristics balanced between space and time. Only the pruning depends
// on the scale; conversions are monotonic, so the filter never loses a candidate.
using Point3 = bg::model::point<double, 3, bg::cs::cartesian>;
using Box3 = bg::model::box<Point3>;
constexpr double kTimeUnitsPerMicro = 150.0 / (3600.0 * 1e6);
// An item: its box and (slot << 32 | piece).
using Item = std::pair<Box3, std::uint64_t>;
constexpr size_t kRtreeNodeCapacity = 16;
using Rtree = bgi::rtree<Item, bgi::rstar<kRtreeNodeCapacity>>;

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr size_t kMinRingPositions = 4;

Micros SaturatingAdd(Micros a, Micros b) {
  Micros r = 0;
  if (__builtin_add_overflow(a, b, &r)) {
    return b > 0 ? std::numeric_limits<Micros>::max() : std::numeric_limits<Micros>::min();
  }
  return r;
}

double CleanBuffer(double b) { return b > 0 ? b : 0; }  // also catches NaN

// A geometry projected onto the plane and cut into pieces:
//   kPoint:      piece 0 is `point`;
//   kLineString: piece i is lines[i];
//   kPolygon:    when `lines` is empty, piece 0 is the whole polygon (an area);
//                else piece 0 is the polygon's interior, which only answers
//                "does this vertex lie in the polygon", and piece i + 1 is
//                lines[i], a piece of one of its rings.
// The least distance between two shapes is the least over pairs of pieces:
// the boundaries are covered by the point, line and ring pieces, and when one
// shape lies wholly inside a polygon without touching its rings, every vertex
// of it does, which a pair with the interior piece finds.
struct Shape {
  geo::GeometryKind kind = geo::GeometryKind::kPoint;
  bool empty = true;
  Point point;
  Polygon polygon;
  std::vector<Line> lines;

  size_t pieces() const {
    if (empty) return 0;
    switch (kind) {
      case geo::GeometryKind::kPoint:
        return 1;
      case geo::GeometryKind::kLineString:
        return lines.size();
      case geo::GeometryKind::kPolygon:
        return lines.empty() ? 1 : lines.size() + 1;
    }
    return 0;
  }
};

// A view of one piece.
struct Interior {
  const Polygon* polygon;
};
using Piece = std::variant<const Point*, const Line*, const Polygon*, Interior>;

Piece PieceOf(const Shape& s, size_t i) {
  switch (s.kind) {
    case geo::GeometryKind::kPoint:
      return &s.point;
    case geo::GeometryKind::kLineString:
      return &s.lines[i];
    case geo::GeometryKind::kPolygon:
      if (s.lines.empty()) return &s.polygon;
      if (i == 0) return Interior{&s.polygon};
      return &s.lines[i - 1];
  }
  return &s.point;
}

const Point& FirstVertex(const Piece& p) {
  struct Visitor {
    const Point& operator()(const Point* q) const { return *q; }
    const Point& operator()(const Line* q) const { return q->front(); }
    const Point& operator()(const Polygon* q) const { return q->outer().front(); }
    const Point& operator()(Interior q) const { return q.polygon->outer().front(); }
  };
  return std::visit(Visitor{}, p);
}

// Bounding boxes. A polygon's is its outer ring's (the holes lie inside it);
// taking it from the ring also sidesteps a GCC -Wmaybe-uninitialized false
// positive in Boost.Geometry's multi-ring envelope.
PlaneBox Envelope(const Piece& p) {
  struct Visitor {
    PlaneBox operator()(const Point* q) const { return PlaneBox(*q, *q); }
    PlaneBox operator()(const Line* q) const { return bg::return_envelope<PlaneBox>(*q); }
    PlaneBox operator()(const Polygon* q) const {
      return bg::return_envelope<PlaneBox>(q->outer());
    }
    PlaneBox operator()(Interior q) const {
      return bg::return_envelope<PlaneBox>(q.polygon->outer());
    }
  };
  return std::visit(Visitor{}, p);
}

// ---- Planar measures, by hand ------------------------------------------------
// Boost.Geometry's distance between a line and a polygon builds an R-tree of
// segments per call; on pieces of at most kMaxPieceVertices vertices a
// branch-and-bound over segment pairs is much cheaper. Distances are squared
// until the end.

double Sq(double v) { return v * v; }

// A path: a run of vertices, each consecutive pair a segment. One vertex
// alone stands for the segment from it to itself.
using Path = std::span<const Point>;

struct Bounds {
  double min_x = kInfinity, min_y = kInfinity, max_x = -kInfinity, max_y = -kInfinity;

  void Add(const Point& p) {
    min_x = std::min(min_x, p.x());
    min_y = std::min(min_y, p.y());
    max_x = std::max(max_x, p.x());
    max_y = std::max(max_y, p.y());
  }
};

Bounds BoundsOf(Path path) {
  Bounds b;
  for (const Point& p : path) b.Add(p);
  return b;
}

Bounds SegmentBounds(const Point& a, const Point& b) {
  return {std::min(a.x(), b.x()), std::min(a.y(), b.y()), std::max(a.x(), b.x()),
          std::max(a.y(), b.y())};
}

// The squared gap between two boxes (0 when they meet): a lower bound of the
// squared distance between anything inside them.
double Gap2(const Bounds& a, const Bounds& b) {
  const double gx = std::max({0.0, a.min_x - b.max_x, b.min_x - a.max_x});
  const double gy = std::max({0.0, a.min_y - b.max_y, b.min_y - a.max_y});
  return gx * gx + gy * gy;
}

double PointSegment2(const Point& p, const Point& a, const Point& b) {
  const double dx = b.x() - a.x();
  const double dy = b.y() - a.y();
  const double len2 = dx * dx + dy * dy;
  double t = len2 == 0 ? 0 : ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / len2;
  t = std::clamp(t, 0.0, 1.0);
  return Sq(p.x() - (a.x() + t * dx)) + Sq(p.y() - (a.y() + t * dy));
}

double Cross(const Point& o, const Point& a, const Point& b) {
  return (a.x() - o.x()) * (b.y() - o.y()) - (a.y() - o.y()) * (b.x() - o.x());
}

// Whether the segments cross at a point inside both (touching and collinear
// overlaps are left to the endpoint distances, which are 0 then).
bool SegmentsCross(const Point& a, const Point& b, const Point& c, const Point& d) {
  const double d1 = Cross(c, d, a);
  const double d2 = Cross(c, d, b);
  const double d3 = Cross(a, b, c);
  const double d4 = Cross(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

double SegmentSegment2(const Point& a, const Point& b, const Point& c, const Point& d) {
  if (SegmentsCross(a, b, c, d)) return 0;
  return std::min({PointSegment2(a, c, d), PointSegment2(b, c, d), PointSegment2(c, a, b),
                   PointSegment2(d, a, b)});
}

// Lowers `best2` to the squared least distance between the paths when that
// distance is at most min(best2, limit2), and otherwise may leave it as it
// is: pairs of segments whose boxes lie farther apart than that are skipped.
// Stops at 0.
void PathPath2(Path a, Path b, double limit2, double& best2) {
  const Bounds bb = BoundsOf(b);
  const size_t na = a.size() > 1 ? a.size() - 1 : 1;
  const size_t nb = b.size() > 1 ? b.size() - 1 : 1;
  for (size_t i = 0; i < na; ++i) {
    const Point& a0 = a[i];
    const Point& a1 = a[std::min(i + 1, a.size() - 1)];
    const Bounds sa = SegmentBounds(a0, a1);
    if (Gap2(sa, bb) > std::min(best2, limit2)) continue;
    for (size_t j = 0; j < nb; ++j) {
      const Point& b0 = b[j];
      const Point& b1 = b[std::min(j + 1, b.size() - 1)];
      if (Gap2(sa, SegmentBounds(b0, b1)) > std::min(best2, limit2)) continue;
      best2 = std::min(best2, SegmentSegment2(a0, a1, b0, b1));
      if (best2 == 0) return;
    }
  }
}

// Even-odd ray casting over every ring, so a point in a hole is outside. A
// point on a ring may fall either way; callers also measure the rings, which
// gives 0 there.
bool Inside(const Point& p, const Polygon& polygon) {
  bool in = false;
  const auto cross_ring = [&](const Polygon::ring_type& ring) {
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      const Point& u = ring[i];
      const Point& v = ring[j];
      if ((u.y() > p.y()) != (v.y() > p.y()) &&
          p.x() < (v.x() - u.x()) * (p.y() - u.y()) / (v.y() - u.y()) + u.x()) {
        in = !in;
      }
    }
  };
  if (polygon.outer().empty()) return false;
  cross_ring(polygon.outer());
  for (const auto& ring : polygon.inners()) cross_ring(ring);
  return in;
}

// Calls f(path) for each path of a piece that is not an interior.
template <class F>
void ForEachPath(const Piece& p, F&& f) {
  if (const auto* q = std::get_if<const Point*>(&p)) {
    f(Path(*q, 1));
  } else if (const auto* l = std::get_if<const Line*>(&p)) {
    f(Path((*l)->data(), (*l)->size()));
  } else if (const auto* g = std::get_if<const Polygon*>(&p)) {
    f(Path((*g)->outer().data(), (*g)->outer().size()));
    for (const auto& ring : (*g)->inners()) f(Path(ring.data(), ring.size()));
  }
}

// The squared least distance between two pieces when it is at most `limit2`
// (otherwise some value above `limit2`, possibly infinity); infinity also when
// it is not theirs to tell (an interior piece that contains no vertex of the
// other).
double Distance2(const Piece& a, const Piece& b, double limit2) {
  if (const auto* ia = std::get_if<Interior>(&a)) {
    if (Inside(FirstVertex(b), *ia->polygon)) return 0;
    if (const auto* ib = std::get_if<Interior>(&b)) {
      return Inside(FirstVertex(a), *ib->polygon) ? 0 : kInfinity;
    }
    return kInfinity;
  }
  if (const auto* ib = std::get_if<Interior>(&b)) {
    return Inside(FirstVertex(a), *ib->polygon) ? 0 : kInfinity;
  }
  // A whole polygon is an area: a vertex of the other inside it means they
  // meet. Otherwise either the other crosses its rings or lies wholly outside
  // (or in a hole), and the rings tell the distance.
  if (const auto* g = std::get_if<const Polygon*>(&a); g && Inside(FirstVertex(b), **g)) return 0;
  if (const auto* g = std::get_if<const Polygon*>(&b); g && Inside(FirstVertex(a), **g)) return 0;
  double best2 = kInfinity;
  ForEachPath(a, [&](Path pa) {
    if (best2 == 0) return;
    ForEachPath(b, [&](Path pb) {
      if (best2 != 0) PathPath2(pa, pb, limit2, best2);
    });
  });
  return best2;
}

Point Project(const geo::LocalPlane& plane, geo::LonLat p) {
  const geo::PlanePoint q = plane.Project(p);
  return {q.x, q.y};
}

// Cuts the path `points` into lines of at most kMaxPieceVertices vertices,
// each ending at the first vertex kMaxPieceLengthM or more along it;
// consecutive lines share their end vertex. Longer segments are first cut by
// points placed along them (which moves the line by rounding error only).
void AppendPieces(const std::vector<Point>& points, std::vector<Line>& out) {
  std::vector<Point> dense;
  dense.reserve(points.size());
  for (size_t i = 0; i < points.size(); ++i) {
    if (i > 0) {
      const Point& a = points[i - 1];
      const Point& b = points[i];
      const double length = bg::distance(a, b);
      const double cuts = std::ceil(length / kMaxPieceLengthM);
      for (double k = 1; k < cuts; ++k) {
        const double f = k / cuts;
        dense.emplace_back(a.x() + (b.x() - a.x()) * f, a.y() + (b.y() - a.y()) * f);
      }
    }
    dense.push_back(points[i]);
  }
  Line line;
  double length = 0;
  for (const Point& p : dense) {
    if (!line.empty()) length += bg::distance(line.back(), p);
    line.push_back(p);
    if (line.size() >= 2 && (line.size() >= kMaxPieceVertices || length >= kMaxPieceLengthM)) {
      out.push_back(line);
      line.assign(1, p);
      length = 0;
    }
  }
  if (line.size() >= 2) out.push_back(std::move(line));
}

Shape MakeShape(const geo::LocalPlane& plane, const geo::Geometry& g) {
  Shape s;
  s.kind = g.kind;
  std::vector<Point> first;
  if (!g.parts.empty()) {
    for (const geo::LonLat& p : g.parts.front()) first.push_back(Project(plane, p));
  }
  if (first.empty()) return s;
  s.empty = false;
  if (s.kind == geo::GeometryKind::kPolygon && first.size() < kMinRingPositions) {
    s.kind = geo::GeometryKind::kLineString;
  }
  if (s.kind == geo::GeometryKind::kLineString && first.size() < 2) {
    s.kind = geo::GeometryKind::kPoint;
  }
  switch (s.kind) {
    case geo::GeometryKind::kPoint:
      s.point = first.front();
      break;
    case geo::GeometryKind::kLineString:
      AppendPieces(first, s.lines);
      break;
    case geo::GeometryKind::kPolygon: {
      s.polygon.outer().assign(first.begin(), first.end());
      for (size_t r = 1; r < g.parts.size(); ++r) {
        if (g.parts[r].size() < kMinRingPositions) continue;
        Polygon::ring_type ring;
        for (const geo::LonLat& p : g.parts[r]) ring.push_back(Project(plane, p));
        s.polygon.inners().push_back(std::move(ring));
      }
      // Orients the rings as Boost expects and closes them.
      bg::correct(s.polygon);
      const PlaneBox box = bg::return_envelope<PlaneBox>(s.polygon.outer());
      const double span = bg::distance(box.min_corner(), box.max_corner());
      if (bg::num_points(s.polygon) > kMaxPieceVertices || span > 4 * kMaxPieceLengthM) {
        const auto ring_pieces = [&](const Polygon::ring_type& ring) {
          AppendPieces(std::vector<Point>(ring.begin(), ring.end()), s.lines);
        };
        ring_pieces(s.polygon.outer());
        for (const auto& ring : s.polygon.inners()) ring_pieces(ring);
      }
      break;
    }
  }
  return s;
}

double TimeCoord(Micros t) { return static_cast<double>(t) * kTimeUnitsPerMicro; }

// `box` grown by `grow_m` metres, over the times [start, end].
Box3 Box3Of(const PlaneBox& box, double grow_m, Micros start, Micros end) {
  return Box3(
      Point3(box.min_corner().x() - grow_m, box.min_corner().y() - grow_m, TimeCoord(start)),
      Point3(box.max_corner().x() + grow_m, box.max_corner().y() + grow_m,
             TimeCoord(std::max(start, end))));
}

struct Stored {
  std::uint64_t id = 0;
  std::string party;
  std::string kind;
  double buffer_m = 0;
  Micros start = 0;
  Micros end = 0;
  Shape shape;
};

}  // namespace

bool RuleTable::Conflicts(std::string_view kind_a, std::string_view kind_b) const {
  if (all_pairs) return true;
  const auto matches = [](const std::string& rule, std::string_view kind) {
    return rule == "*" || rule == kind;
  };
  return std::any_of(pairs.begin(), pairs.end(), [&](const auto& p) {
    return (matches(p.first, kind_a) && matches(p.second, kind_b)) ||
           (matches(p.first, kind_b) && matches(p.second, kind_a));
  });
}

struct Engine::Impl {
  Options options;
  RuleTable rules;
  geo::LocalPlane plane{kPlaneOrigin};
  std::vector<Stored> slots;        // entries by slot; free slots have empty shapes
  std::vector<std::uint32_t> free;  // free slots
  std::unordered_map<std::uint64_t, std::uint32_t> by_id;
  Rtree rtree;

  // The R-tree items of the entry in `slot`.
  std::vector<Item> Items(std::uint32_t slot) const {
    const Stored& s = slots[slot];
    std::vector<Item> items;
    const size_t n = s.shape.pieces();
    items.reserve(n);
    for (size_t i = 0; i < n; ++i) {
      items.emplace_back(Box3Of(Envelope(PieceOf(s.shape, i)), s.buffer_m, s.start, s.end),
                         (static_cast<std::uint64_t>(slot) << 32) | i);
    }
    return items;
  }

  // Stores `entry` in a slot and returns the slot; does not index it.
  std::uint32_t Store(Entry entry) {
    std::uint32_t slot = 0;
    if (free.empty()) {
      slot = static_cast<std::uint32_t>(slots.size());
      slots.emplace_back();
    } else {
      slot = free.back();
      free.pop_back();
    }
    Stored& s = slots[slot];
    s.id = entry.id;
    s.party = std::move(entry.party);
    s.kind = std::move(entry.kind);
    s.buffer_m = CleanBuffer(entry.fp.buffer_m);
    s.start = entry.fp.start;
    s.end = entry.fp.end;
    s.shape = MakeShape(plane, entry.fp.geometry);
    by_id.emplace(s.id, slot);
    return slot;
  }

  void Add(Entry entry) {
    for (const Item& item : Items(Store(std::move(entry)))) rtree.insert(item);
  }

  void Drop(std::unordered_map<std::uint64_t, std::uint32_t>::iterator it) {
    const std::uint32_t slot = it->second;
    for (const Item& item : Items(slot)) rtree.remove(item);
    slots[slot] = Stored{};
    free.push_back(slot);
    by_id.erase(it);
  }
};

Engine::Engine(Options options, RuleTable rules) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->rules = std::move(rules);
}

Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;

bool Engine::Insert(Entry entry) {
  if (impl_->by_id.contains(entry.id)) return false;
  impl_->Add(std::move(entry));
  return true;
}

std::size_t Engine::Build(std::vector<Entry> entries) {
  Impl& impl = *impl_;
  impl.slots.clear();
  impl.free.clear();
  impl.by_id.clear();
  impl.slots.reserve(entries.size());
  impl.by_id.reserve(entries.size());
  std::vector<Item> items;
  for (Entry& entry : entries) {
    if (impl.by_id.contains(entry.id)) continue;
    const std::uint32_t slot = impl.Store(std::move(entry));
    for (Item& item : impl.Items(slot)) items.push_back(item);
  }
  entries = {};
  // The range constructor packs the tree (top-down STR-like packing): full
  // nodes with little overlap, far faster than inserting one by one.
  impl.rtree = Rtree(items.begin(), items.end());
  return impl.by_id.size();
}

bool Engine::Update(Entry entry) {
  const auto it = impl_->by_id.find(entry.id);
  if (it == impl_->by_id.end()) return false;
  impl_->Drop(it);
  impl_->Add(std::move(entry));
  return true;
}

bool Engine::Remove(std::uint64_t id) {
  const auto it = impl_->by_id.find(id);
  if (it == impl_->by_id.end()) return false;
  impl_->Drop(it);
  return true;
}

std::size_t Engine::ExpireBefore(Micros t) {
  std::vector<std::uint64_t> expired;
  for (const auto& [id, slot] : impl_->by_id) {
    if (impl_->slots[slot].end < t) expired.push_back(id);
  }
  for (const std::uint64_t id : expired) Remove(id);
  return expired.size();
}

bool Engine::Contains(std::uint64_t id) const { return impl_->by_id.contains(id); }

std::size_t Engine::size() const { return impl_->by_id.size(); }

std::vector<Hit> Engine::Check(const Footprint& fp, std::string_view party, std::string_view kind,
                               std::optional<std::uint64_t> exclude_id) const {
  const Impl& impl = *impl_;
  const Options& o = impl.options;
  const Shape query = MakeShape(impl.plane, fp.geometry);
  const double buffer = CleanBuffer(fp.buffer_m);
  const double margin_m = CleanBuffer(o.margin_m);
  const Micros margin_t = std::max<Micros>(o.margin_time, 0);
  const Micros lo = SaturatingAdd(fp.start, -margin_t);
  const Micros hi = SaturatingAdd(fp.end, margin_t);

  // The least distance found so far to each conflicting slot.
  std::unordered_map<std::uint32_t, double> best;
  // The candidates of one query piece, gathered by the (faster) visitor query.
  std::vector<std::uint64_t> candidates;
  for (size_t qi = 0; qi < query.pieces(); ++qi) {
    const Piece q = PieceOf(query, qi);
    const Box3 box = Box3Of(Envelope(q), buffer + margin_m, lo, hi);
    candidates.clear();
    impl.rtree.query(bgi::intersects(box),
                     boost::make_function_output_iterator(
                         [&](const Item& item) { candidates.push_back(item.second); }));
    for (const std::uint64_t candidate : candidates) {
      const auto slot = static_cast<std::uint32_t>(candidate >> 32);
      const auto piece = static_cast<size_t>(candidate & 0xffffffffU);
      const Stored& s = impl.slots[slot];
      if (exclude_id && s.id == *exclude_id) continue;
      if (!o.same_party && s.party == party) continue;
      if (!impl.rules.Conflicts(kind, s.kind)) continue;
      // Half-open windows: touching ends do not overlap unless a margin bridges them.
      if (!(s.start < hi && lo < s.end)) continue;
      const auto found = best.find(slot);
      if (found != best.end() && found->second == 0) continue;
      // Measure only as far as matters: the reach, or the least distance
      // already found to this entry. Squared limits are widened by a hair so
      // that rounding never prunes a pair at the reach; the test below decides.
      const double reach = buffer + s.buffer_m + margin_m;
      const double limit = found == best.end() ? reach : std::min(reach, found->second);
      const double d =
          std::sqrt(Distance2(q, PieceOf(s.shape, piece), Sq(limit) * (1 + 1e-9) + 1e-12));
      if (d > reach) continue;
      if (found == best.end()) {
        best.emplace(slot, d);
      } else {
        found->second = std::min(found->second, d);
      }
    }
  }

  std::vector<Hit> hits;
  hits.reserve(best.size());
  for (const auto& [slot, d] : best) {
    const Stored& s = impl.slots[slot];
    hits.push_back(Hit{s.id, s.party, d, std::max(s.start, fp.start), std::min(s.end, fp.end)});
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.id < b.id; });
  return hits;
}

}  // namespace liaison::deconflict
