#include "deconflict/engine.hpp"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/point.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/function_output_iterator.hpp>
#include <boost/unordered/unordered_flat_map.hpp>
#include <cassert>
#include <cmath>
#include <limits>
#include <span>
#include <utility>

namespace liaison::deconflict {
namespace {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr size_t kMinRingPositions = 4;
// A polygon with more vertices than this, or a bounding box whose diagonal is
// longer than this, is indexed as its interior plus pieces of its rings; a
// smaller one is a single piece.
constexpr size_t kMaxAreaVertices = kMaxPieceVertices;
constexpr double kMaxAreaSpanM = 4 * kMaxPieceLengthM;

// A position on the engine's plane, in metres.
struct Point {
  double x = 0;
  double y = 0;

  friend bool operator==(const Point&, const Point&) = default;
};

// A path: a run of vertices, each consecutive pair a segment. One vertex
// alone stands for the segment from it to itself.
using Path = std::span<const Point>;

double Length(const Point& a, const Point& b) {
  return std::sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y));
}

struct Bounds {
  double min_x = kInfinity, min_y = kInfinity, max_x = -kInfinity, max_y = -kInfinity;

  void Add(const Point& p) {
    min_x = std::min(min_x, p.x);
    min_y = std::min(min_y, p.y);
    max_x = std::max(max_x, p.x);
    max_y = std::max(max_y, p.y);
  }
};

Bounds BoundsOf(Path path) {
  Bounds b;
  for (const Point& p : path) b.Add(p);
  return b;
}

// ---- Shapes ------------------------------------------------------------------

enum class Form : std::uint8_t {
  kEmpty,    // no positions: conflicts with nothing
  kPath,     // a point (one vertex) or a line
  kArea,     // a small polygon, indexed as one piece
  kCutArea,  // a large polygon, indexed as its interior and pieces of its rings
};

// A geometry projected onto the plane. A point or a line is one path; a
// polygon is its closed rings one after another, the outer ring first.
// Lines and the rings of a kCutArea are densified: a segment longer than
// kMaxPieceLengthM is cut by vertices placed along it (which moves it by
// rounding error only), so that pieces of them have small boxes.
struct Shape {
  std::unique_ptr<Point[]> vertices;
  // Where each ring ends, for a polygon with holes only (null otherwise: one
  // ring of `size` vertices). The last equals `size`.
  std::unique_ptr<std::uint32_t[]> ring_ends;
  std::uint32_t size = 0;
  Form form = Form::kEmpty;

  Path all() const { return {vertices.get(), size}; }
  Path outer() const { return {vertices.get(), ring_ends ? ring_ends[0] : size}; }
};

// Calls f(ring) for each ring of a polygon.
template <class F>
void ForEachRing(const Shape& s, F&& f) {
  if (!s.ring_ends) {
    f(s.all());
    return;
  }
  for (std::uint32_t r = 0, begin = 0; begin < s.size; begin = s.ring_ends[r++]) {
    f(Path(&s.vertices[begin], s.ring_ends[r] - begin));
  }
}

// A piece of a shape, as an R-tree item names it in 32 bits: a run of at
// most kMaxPieceVertices vertices (first << kCountBits | count), or, with a
// count of 0 (kAreaPiece), a polygon as a whole. The whole of a kArea is its
// interior and its rings; the whole of a kCutArea is its interior alone,
// which only answers "does this vertex lie in the polygon": its rings are
// other pieces. The least distance between two shapes is the least over
// pairs of pieces: the boundaries are covered by the runs and areas, and when
// one shape lies wholly inside a polygon without touching its rings, every
// vertex of it does, which a pair with the polygon's whole finds.
using PieceCode = std::uint32_t;
constexpr int kCountBits = 7;
static_assert(kMaxPieceVertices < (1U << kCountBits));
constexpr PieceCode kAreaPiece = 0;
// Runs start below this vertex; larger geometries are cut short (see MakeShape).
constexpr std::uint32_t kMaxVertices = 1U << (32 - kCountBits);

PieceCode RunPiece(std::uint32_t first, std::uint32_t count) { return first << kCountBits | count; }

struct Piece {
  const Shape& shape;
  PieceCode code;

  bool whole() const { return code == kAreaPiece; }
  Path run() const {
    return {&shape.vertices[code >> kCountBits], code & ((1U << kCountBits) - 1)};
  }
  const Point& first_vertex() const { return whole() ? shape.vertices[0] : run().front(); }
};

// Calls f(code) for each piece of the run of vertices [begin, end): runs of
// at most kMaxPieceVertices vertices, each ending at the first vertex
// kMaxPieceLengthM or more along it; consecutive pieces share their end
// vertex.
template <class F>
void ForEachRunPiece(const Shape& s, std::uint32_t begin, std::uint32_t end, F&& f) {
  std::uint32_t first = begin;
  double length = 0;
  for (std::uint32_t i = begin + 1; i < end; ++i) {
    length += Length(s.vertices[i - 1], s.vertices[i]);
    const std::uint32_t count = i - first + 1;
    if (count >= kMaxPieceVertices || length >= kMaxPieceLengthM || i + 1 == end) {
      f(RunPiece(first, count));
      first = i;
      length = 0;
    }
  }
}

// Calls f(code) for each piece of `s`. The same shape always gives the same
// pieces, which is how an entry's items are found again to remove them.
template <class F>
void ForEachPiece(const Shape& s, F&& f) {
  switch (s.form) {
    case Form::kEmpty:
      return;
    case Form::kPath:
      if (s.size == 1) {
        f(RunPiece(0, 1));
      } else {
        ForEachRunPiece(s, 0, s.size, f);
      }
      return;
    case Form::kArea:
      f(kAreaPiece);
      return;
    case Form::kCutArea: {
      f(kAreaPiece);
      std::uint32_t begin = 0;
      ForEachRing(s, [&](Path ring) {
        const auto end = begin + static_cast<std::uint32_t>(ring.size());
        ForEachRunPiece(s, begin, end, f);
        begin = end;
      });
      return;
    }
  }
}

// Projects `g` as the header describes: a line of one position counts as a
// point, a polygon whose outer ring has fewer than kMinRingPositions
// positions as the line of its positions, and holes of fewer are left out.
// Rings are closed if they are not.
Shape MakeShape(const geo::LocalPlane& plane, const geo::Geometry& g) {
  Shape s;
  if (g.parts.empty() || g.parts.front().empty()) return s;
  const std::vector<geo::LonLat>& first = g.parts.front();
  geo::GeometryKind kind = g.kind;
  if (kind == geo::GeometryKind::kPolygon && first.size() < kMinRingPositions) {
    kind = geo::GeometryKind::kLineString;
  }
  if (kind == geo::GeometryKind::kLineString && first.size() < 2) {
    kind = geo::GeometryKind::kPoint;
  }
  const auto project = [&](const geo::LonLat& p) {
    const geo::PlanePoint q = plane.Project(p);
    return Point{q.x, q.y};
  };
  std::vector<Point> vertices;
  std::vector<std::uint32_t> ends;
  bool densify = false;
  // Appends the path `part` (closed, for a ring), with vertices placed along
  // each segment longer than kMaxPieceLengthM when `densify`.
  const auto append = [&](const std::vector<geo::LonLat>& part, bool ring) {
    const size_t begin = vertices.size();
    const auto add = [&](Point p) {
      if (densify && vertices.size() > begin) {
        const Point a = vertices.back();
        const double cuts = std::ceil(Length(a, p) / kMaxPieceLengthM);
        for (double k = 1; k < cuts; ++k) {
          const double f = k / cuts;
          vertices.push_back({a.x + (p.x - a.x) * f, a.y + (p.y - a.y) * f});
        }
      }
      vertices.push_back(p);
    };
    for (const geo::LonLat& p : part) add(project(p));
    if (ring && vertices.back() != vertices[begin]) add(vertices[begin]);
    // Runs are named by 25-bit vertex numbers: a geometry of more than 33
    // million vertices (half a gigabyte of them) keeps only its first ones.
    ends.push_back(static_cast<std::uint32_t>(std::min<size_t>(vertices.size(), kMaxVertices)));
  };
  switch (kind) {
    case geo::GeometryKind::kPoint:
      s.form = Form::kPath;
      vertices.push_back(project(first.front()));
      ends.push_back(1);
      break;
    case geo::GeometryKind::kLineString:
      s.form = Form::kPath;
      densify = true;
      append(first, false);
      break;
    case geo::GeometryKind::kPolygon: {
      size_t count = 0;
      for (const auto& ring : g.parts) {
        if (ring.size() >= kMinRingPositions) count += ring.size();
      }
      // The plane's x depends on the longitude alone and y on the latitude,
      // so the outer ring's box on the plane is that of its degrees.
      geo::LonLat low = first.front();
      geo::LonLat high = first.front();
      for (const geo::LonLat& p : first) {
        low = {std::min(low.lon, p.lon), std::min(low.lat, p.lat)};
        high = {std::max(high.lon, p.lon), std::max(high.lat, p.lat)};
      }
      const double span = Length(project(low), project(high));
      densify = count > kMaxAreaVertices || span > kMaxAreaSpanM;
      s.form = densify ? Form::kCutArea : Form::kArea;
      for (const auto& ring : g.parts) {
        if (ring.size() >= kMinRingPositions) append(ring, true);
      }
      break;
    }
  }
  s.size = ends.back();
  s.vertices = std::make_unique_for_overwrite<Point[]>(s.size);
  std::copy_n(vertices.begin(), s.size, s.vertices.get());
  if (ends.size() > 1) {
    s.ring_ends = std::make_unique_for_overwrite<std::uint32_t[]>(ends.size());
    std::copy(ends.begin(), ends.end(), s.ring_ends.get());
  }
  return s;
}

// ---- Planar measures, by hand ------------------------------------------------
// On pieces of at most kMaxPieceVertices vertices a branch-and-bound over
// segment pairs is cheap. Distances are squared until the end.

double Sq(double v) { return v * v; }

Bounds SegmentBounds(const Point& a, const Point& b) {
  return {std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x), std::max(a.y, b.y)};
}

// The squared gap between two boxes (0 when they meet): a lower bound of the
// squared distance between anything inside them.
double Gap2(const Bounds& a, const Bounds& b) {
  const double gx = std::max(0.0, std::max(a.min_x - b.max_x, b.min_x - a.max_x));
  const double gy = std::max(0.0, std::max(a.min_y - b.max_y, b.min_y - a.max_y));
  return gx * gx + gy * gy;
}

double PointSegment2(const Point& p, const Point& a, const Point& b) {
  const double dx = b.x - a.x;
  const double dy = b.y - a.y;
  const double len2 = dx * dx + dy * dy;
  double t = len2 == 0 ? 0 : ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2;
  t = std::clamp(t, 0.0, 1.0);
  return Sq(p.x - (a.x + t * dx)) + Sq(p.y - (a.y + t * dy));
}

double Cross(const Point& o, const Point& a, const Point& b) {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
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
  // Segments of the longer path are skipped wholesale by the box of the
  // shorter one (a ring against a piece of a route, say).
  if (a.size() < b.size()) std::swap(a, b);
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
bool Inside(const Point& p, const Shape& polygon) {
  bool in = false;
  ForEachRing(polygon, [&](Path ring) {
    for (size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
      const Point& u = ring[i];
      const Point& v = ring[j];
      if ((u.y > p.y) != (v.y > p.y) && p.x < (v.x - u.x) * (p.y - u.y) / (v.y - u.y) + u.x) {
        in = !in;
      }
    }
  });
  return in;
}

// Calls f(path) for each path of a piece that is not an interior alone.
template <class F>
void ForEachPath(const Piece& p, F&& f) {
  if (!p.whole()) {
    f(p.run());
  } else if (p.shape.form == Form::kArea) {
    ForEachRing(p.shape, f);
  }
}

// The squared least distance between two pieces when it is at most `limit2`
// (otherwise some value above `limit2`, possibly infinity); infinity also when
// it is not theirs to tell (an interior that contains no vertex of the other).
double Distance2(const Piece& a, const Piece& b, double limit2) {
  // A vertex of the other inside a polygon means they meet. Otherwise either
  // the other crosses its rings or lies wholly outside (or in a hole), and
  // the rings tell the distance.
  if (a.whole() && Inside(b.first_vertex(), a.shape)) return 0;
  if (b.whole() && Inside(a.first_vertex(), b.shape)) return 0;
  double best2 = kInfinity;
  ForEachPath(a, [&](Path pa) {
    ForEachPath(b, [&](Path pb) {
      if (best2 != 0) PathPath2(pa, pb, limit2, best2);
    });
  });
  return best2;
}

// ---- The index ---------------------------------------------------------------

// The R-trees index (x, y, t) boxes of floats: metres on the plane, and time
// since kTimeOrigin scaled so that an hour spans 150 "metres" (30 days ~ the
// West Bank's length), which keeps the packing and split heuristics balanced
// between space and time. Floats halve the size of the trees; every bound is
// rounded outwards (Down, Up), so the filter never loses a candidate, and
// exact tests decide.
using BoxPoint = bg::model::point<float, 3, bg::cs::cartesian>;
using Box = bg::model::box<BoxPoint>;
constexpr double kTimeUnitsPerMicro = 150.0 / (3600.0 * 1e6);
// 2026-01-01T00:00:00Z: near the times indexed, where floats are finest.
constexpr Micros kTimeOrigin = 1'767'225'600LL * kMicrosPerSecond;
// An item: its box and (slot << 32 | piece code).
using Item = std::pair<Box, std::uint64_t>;
// Windows longer than this go to trees of their own: a few long windows
// would otherwise stretch the time extent of the nodes holding them, and so
// of most nodes, and a check would visit many more of them.
constexpr Micros kLongWindow = 24 * 3600 * kMicrosPerSecond;
constexpr size_t kTreesPerParty = 2;
constexpr size_t kRtreeNodeCapacity = 16;
using Rtree = bgi::rtree<Item, bgi::rstar<kRtreeNodeCapacity>>;

// The float at or below `v`, and the one at or above.
float Down(double v) {
  constexpr double kMax = std::numeric_limits<float>::max();
  constexpr float kInfinityF = std::numeric_limits<float>::infinity();
  if (!(v > -kMax)) return -kInfinityF;  // also NaN
  const auto f = static_cast<float>(std::min(v, kMax));
  return f > v ? std::nextafter(f, -kInfinityF) : f;
}
float Up(double v) { return -Down(-v); }

// Boxes are grown by a micrometre more than asked: more than the rounding
// of the double arithmetic that computes their bounds (nanometres, for
// coordinates and buffers the size of the Earth), so that the boxes of two
// footprints exactly at their reach still meet. Times need no such slack:
// their bounds are one monotonic function of the instants compared.
constexpr double kSlackM = 1e-6;

double TimeCoord(Micros t) {
  return (static_cast<double>(t) - static_cast<double>(kTimeOrigin)) * kTimeUnitsPerMicro;
}

// The box of `b` grown by `grow_m` metres (and kSlackM), over the times
// [start, max(start, end)].
Box BoxOf(const Bounds& b, double grow_m, Micros start, Micros end) {
  const double grow = grow_m + kSlackM;
  return Box({Down(b.min_x - grow), Down(b.min_y - grow), Down(TimeCoord(start))},
             {Up(b.max_x + grow), Up(b.max_y + grow), Up(TimeCoord(std::max(start, end)))});
}

Bounds BoundsOf(const Piece& p) { return BoundsOf(p.whole() ? p.shape.outer() : p.run()); }

Micros SaturatingAdd(Micros a, Micros b) {
  Micros r = 0;
  if (__builtin_add_overflow(a, b, &r)) {
    return b > 0 ? std::numeric_limits<Micros>::max() : std::numeric_limits<Micros>::min();
  }
  return r;
}

double CleanBuffer(double b) { return b > 0 ? b : 0; }  // also catches NaN

// A registered entry, on one cache line: a check reads the record of every
// candidate. Parties and kinds are held as small numbers (Names).
struct alignas(64) Record {
  std::uint64_t id = 0;
  Micros start = 0;
  Micros end = 0;
  double buffer_m = 0;
  Shape shape;
  std::uint16_t party = 0;
  std::uint16_t kind = 0;
};
static_assert(sizeof(Record) == 64);

// The distinct party or kind names, numbered in order of appearance. There
// are a handful, so a linear search beats hashing.
class Names {
 public:
  std::optional<std::uint16_t> Find(std::string_view name) const {
    const auto it = std::find(names_.begin(), names_.end(), name);
    if (it == names_.end()) return std::nullopt;
    return static_cast<std::uint16_t>(it - names_.begin());
  }
  // REQUIRES: fewer than 65,536 distinct names.
  std::uint16_t Intern(std::string_view name) {
    if (const auto found = Find(name)) return *found;
    names_.emplace_back(name);
    return static_cast<std::uint16_t>(names_.size() - 1);
  }
  const std::string& operator[](std::uint16_t n) const { return names_[n]; }
  size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
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
  std::vector<Record> slots;        // entries by slot; free slots have empty shapes
  std::vector<std::uint32_t> free;  // free slots
  boost::unordered_flat_map<std::uint64_t, std::uint32_t> by_id;
  Names parties;
  Names kinds;
  // Trees by party, so that a check skips its own party's entries without
  // looking at them (unless Options::same_party), and by window length
  // (kLongWindow): trees[party * kTreesPerParty + long].
  std::vector<Rtree> trees;

  static size_t TreeOf(const Record& r) {
    const bool long_window = r.end > SaturatingAdd(r.start, kLongWindow);
    return r.party * kTreesPerParty + (long_window ? 1 : 0);
  }

  // Appends the R-tree items of the entry in `slot` to `items`.
  void AppendItems(std::uint32_t slot, std::vector<Item>& items) const {
    const Record& r = slots[slot];
    ForEachPiece(r.shape, [&](PieceCode code) {
      items.emplace_back(BoxOf(BoundsOf(Piece{r.shape, code}), r.buffer_m, r.start, r.end),
                         static_cast<std::uint64_t>(slot) << 32 | code);
    });
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
    Record& r = slots[slot];
    r.id = entry.id;
    r.start = entry.fp.start;
    r.end = entry.fp.end;
    r.buffer_m = CleanBuffer(entry.fp.buffer_m);
    r.shape = MakeShape(plane, entry.fp.geometry);
    r.party = parties.Intern(entry.party);
    r.kind = kinds.Intern(entry.kind);
    trees.resize(parties.size() * kTreesPerParty);
    by_id.emplace(r.id, slot);
    return slot;
  }

  void Add(Entry entry) {
    const std::uint32_t slot = Store(std::move(entry));
    std::vector<Item> items;
    AppendItems(slot, items);
    trees[TreeOf(slots[slot])].insert(items.begin(), items.end());
  }

  void Drop(std::uint32_t slot) {
    std::vector<Item> items;
    AppendItems(slot, items);
    Record& r = slots[slot];
    for (const Item& item : items) {
      [[maybe_unused]] const size_t removed = trees[TreeOf(r)].remove(item);
      assert(removed == 1);  // the same record gives the same items
    }
    by_id.erase(r.id);
    r = Record{};
    free.push_back(slot);
  }
};

Engine::Engine(Options options, RuleTable rules) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->rules = std::move(rules);
}

void Engine::SetRules(RuleTable rules, bool same_party) {
  impl_->rules = std::move(rules);
  impl_->options.same_party = same_party;
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
  impl.trees.clear();
  impl.slots.reserve(entries.size());
  impl.by_id.reserve(entries.size());
  for (Entry& entry : entries) {
    if (!impl.by_id.contains(entry.id)) impl.Store(std::move(entry));
  }
  entries = {};
  std::vector<std::vector<Item>> items(impl.trees.size());
  for (std::uint32_t slot = 0; slot < impl.slots.size(); ++slot) {
    impl.AppendItems(slot, items[Impl::TreeOf(impl.slots[slot])]);
  }
  // The range constructor packs a tree (top-down STR-like packing): full
  // nodes with little overlap, far faster than inserting one by one.
  for (size_t p = 0; p < items.size(); ++p) {
    impl.trees[p] = Rtree(items[p].begin(), items[p].end());
    items[p] = {};
  }
  return impl.by_id.size();
}

bool Engine::Update(Entry entry) {
  const auto it = impl_->by_id.find(entry.id);
  if (it == impl_->by_id.end()) return false;
  impl_->Drop(it->second);
  impl_->Add(std::move(entry));
  return true;
}

bool Engine::Remove(std::uint64_t id) {
  const auto it = impl_->by_id.find(id);
  if (it == impl_->by_id.end()) return false;
  impl_->Drop(it->second);
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

  std::optional<std::uint32_t> exclude_slot;
  if (exclude_id) {
    if (const auto it = impl.by_id.find(*exclude_id); it != impl.by_id.end()) {
      exclude_slot = it->second;
    }
  }
  // A party that holds no entries has no tree to skip.
  const std::optional<std::uint16_t> own_party =
      o.same_party ? std::nullopt : impl.parties.Find(party);
  // Which stored kinds conflict with `kind`, unless every pair does.
  std::vector<bool> kind_conflicts;
  if (!impl.rules.all_pairs) {
    for (size_t k = 0; k < impl.kinds.size(); ++k) {
      kind_conflicts.push_back(
          impl.rules.Conflicts(kind, impl.kinds[static_cast<std::uint16_t>(k)]));
    }
  }

  std::vector<PieceCode> pieces;
  ForEachPiece(query, [&](PieceCode code) { pieces.push_back(code); });
  // The least distance found so far to each conflicting slot.
  boost::unordered_flat_map<std::uint32_t, double> best;
  // The candidates of one query piece, gathered by the (faster) visitor query.
  std::vector<std::uint64_t> candidates;
  // Candidates come in an order unrelated to where their records and
  // vertices lie in memory, and a check waits on memory more than it
  // computes: the record of the candidate kPrefetchAhead places ahead and
  // the vertices of the one half as far (whose record has arrived by then)
  // are fetched early.
  constexpr size_t kPrefetchAhead = 8;
  const auto prefetch = [&](size_t i) {
    if (i + kPrefetchAhead < candidates.size()) {
      __builtin_prefetch(&impl.slots[candidates[i + kPrefetchAhead] >> 32]);
    }
    if (i + kPrefetchAhead / 2 < candidates.size()) {
      const std::uint64_t c = candidates[i + kPrefetchAhead / 2];
      const Piece p{impl.slots[c >> 32].shape, static_cast<PieceCode>(c)};
      if (p.shape.vertices) __builtin_prefetch(&p.first_vertex());
    }
  };
  for (const PieceCode code : pieces) {
    const Piece q{query, code};
    const Box box = BoxOf(BoundsOf(q), buffer + margin_m, lo, hi);
    candidates.clear();
    for (size_t p = 0; p < impl.trees.size(); ++p) {
      if (own_party && p / kTreesPerParty == *own_party) continue;
      impl.trees[p].query(bgi::intersects(box),
                          boost::make_function_output_iterator(
                              [&](const Item& item) { candidates.push_back(item.second); }));
    }
    for (size_t i = 0; i < candidates.size(); ++i) {
      prefetch(i);
      const std::uint64_t candidate = candidates[i];
      const auto slot = static_cast<std::uint32_t>(candidate >> 32);
      if (slot == exclude_slot) continue;
      const Record& r = impl.slots[slot];
      if (!kind_conflicts.empty() && !kind_conflicts[r.kind]) continue;
      // Half-open windows: touching ends do not overlap unless a margin bridges them.
      if (!(r.start < hi && lo < r.end)) continue;
      const auto found = best.find(slot);
      if (found != best.end() && found->second == 0) continue;
      // Measure only as far as matters: the reach, or the least distance
      // already found to this entry. Squared limits are widened by a hair so
      // that rounding never prunes a pair at the reach; the test below decides.
      const double reach = buffer + r.buffer_m + margin_m;
      const double limit = found == best.end() ? reach : std::min(reach, found->second);
      const double d = std::sqrt(Distance2(q, Piece{r.shape, static_cast<PieceCode>(candidate)},
                                           Sq(limit) * (1 + 1e-9) + 1e-12));
      if (d > reach) continue;
      if (found == best.end()) {
        best.emplace(slot, d);
      } else {
        found->second = std::min(found->second, d);
      }
    }
  }

  // Sorted by id before they become hits, which are heavier to move.
  struct Found {
    std::uint64_t id;
    std::uint32_t slot;
    double distance_m;
  };
  std::vector<Found> found;
  found.reserve(best.size());
  for (const auto& [slot, d] : best) found.push_back({impl.slots[slot].id, slot, d});
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.id < b.id; });
  std::vector<Hit> hits;
  hits.reserve(found.size());
  for (const Found& f : found) {
    const Record& r = impl.slots[f.slot];
    hits.push_back(Hit{f.id, impl.parties[r.party], f.distance_m, std::max(r.start, fp.start),
                       std::min(r.end, fp.end)});
  }
  return hits;
}

}  // namespace liaison::deconflict
