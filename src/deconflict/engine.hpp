// Engine: the in-memory spatio-temporal index of planned footprints that
// answers "which registered activities would this footprint conflict with?".
//
// Two footprints conflict when
//   * in space: the least distance between their geometries (a polygon's
//     interior included; 0 when they intersect) is at most
//     buffer_a + buffer_b + Options::margin_m, and
//   * in time: a.start < b.end + margin_time and b.start < a.end + margin_time.
//     Windows are half-open, so with a zero margin two windows that only touch
//     at an end (a.end == b.start) do NOT conflict; a positive margin makes
//     windows less than margin_time apart conflict;
// and the rule table lets their kinds conflict, and their parties differ (or
// Options::same_party is on).
//
// Distances are measured on one local plane (geo::LocalPlane) centred on the
// West Bank at kPlaneOrigin; across the West Bank its distances are within 1 %
// of geodesic ones (geometry.hpp). Geometries are projected once, when
// inserted. Lines and large polygon rings are cut into pieces of at most
// kMaxPieceVertices vertices and about kMaxPieceLengthM metres, and each piece
// is an item of an R-tree over (x, y, time) boxes, so a long route does not
// make one huge box; there is a tree per party and window length (up to a
// day, longer). Candidates from the trees are then measured exactly.
//
// Memory: an entry takes about 100 bytes, plus 16 per vertex of its
// projected geometry, plus about 35 per piece.
//
// Pure: no I/O, no clock; the caller passes the times. Thread-safety: const
// methods may run concurrently with each other; anything else needs external
// synchronisation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "deconflict/footprint.hpp"
#include "geo/geometry.hpp"

namespace liaison::deconflict {

// The origin of the engine's plane: about the middle of the West Bank.
inline constexpr geo::LonLat kPlaneOrigin{35.2, 31.9};
// A piece of a line or ring holds at most this many vertices...
inline constexpr std::size_t kMaxPieceVertices = 64;
// ...and ends at the first vertex at least this far along it. Longer
// segments are cut at points placed along them.
inline constexpr double kMaxPieceLengthM = 2000;

struct Options {
  double margin_m = 0;      // added to the sum of the buffers
  Micros margin_time = 0;   // added to each window's end (see above)
  bool same_party = false;  // whether a party's own activities conflict
};

// Which kinds of activity conflict with which. Unordered: a pair {a, b} also
// covers b against a. "*" in a pair stands for any kind.
struct RuleTable {
  // When true (the default) every pair of kinds conflicts and `pairs` is not read.
  bool all_pairs = true;
  std::vector<std::pair<std::string, std::string>> pairs;

  bool Conflicts(std::string_view kind_a, std::string_view kind_b) const;
};

// A registered footprint.
struct Entry {
  std::uint64_t id = 0;
  std::string party;  // "isf", "pasf", "ussc"
  std::string kind;   // "operation", "patrol", ...
  Footprint fp;
};

// One conflicting entry. The overlap window is [max(starts), min(ends)); with a
// positive margin_time it may be empty (overlap_end <= overlap_start: the gap
// between windows that are close but do not overlap).
struct Hit {
  std::uint64_t id = 0;
  std::string party;
  double distance_m = 0;  // the least distance between the geometries, buffers not subtracted
  Micros overlap_start = 0;
  Micros overlap_end = 0;

  friend bool operator==(const Hit&, const Hit&) = default;
};

class Engine {
 public:
  explicit Engine(Options options = {}, RuleTable rules = {});
  ~Engine();

  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Adds `entry`. Returns false, changing nothing, when its id is already
  // present. Geometries are taken as geo::ParseGeometry makes them; a line of
  // one position counts as a point, a polygon whose outer ring has fewer than
  // 4 positions as the line of its positions, and a geometry without
  // positions never conflicts.
  // A geometry keeps only its first 2^25 (33 million) vertices.
  // REQUIRES (here and in Build, Update): fewer than 65,536 distinct parties,
  // and as many kinds, over the engine's life.
  bool Insert(Entry entry);

  // Replaces the whole contents with `entries`, as at start-up: the index is
  // bulk-loaded (packed) in one go, much faster than Insert one by one. An
  // entry whose id came earlier in `entries` is skipped. Returns the number
  // of entries now held. Insert, Update and Remove work as usual afterwards.
  std::size_t Build(std::vector<Entry> entries);

  // Replaces the entry with `entry.id`. Returns false, changing nothing, when
  // there is none.
  bool Update(Entry entry);

  // Drops the entry with `id`; returns false when there is none.
  bool Remove(std::uint64_t id);

  // Drops every entry whose window ended before `t` (end < t); returns how many.
  // A caller using a time margin passes now - margin_time.
  std::size_t ExpireBefore(Micros t);

  // Changes which kinds conflict and whether a party's own entries do. Both
  // are read only by Check, so nothing is rebuilt.
  void SetRules(RuleTable rules, bool same_party);

  bool Contains(std::uint64_t id) const;
  std::size_t size() const;

  // The entries that `fp`, planned by `party` as an activity of `kind`, would
  // conflict with, sorted by id, each once with its least distance. The entry
  // `exclude_id` (the activity being changed) is left out.
  std::vector<Hit> Check(const Footprint& fp, std::string_view party, std::string_view kind,
                         std::optional<std::uint64_t> exclude_id) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;  // never null, except in a moved-from engine
};

}  // namespace liaison::deconflict
