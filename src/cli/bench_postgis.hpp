// The PostGIS comparison of `liaison bench deconflict --postgis DSN`: the
// benchmark's footprints loaded into PostgreSQL + PostGIS, the same checks run
// there as one prepared statement, and each check's conflict set compared
// with the engine's.
//
// Same semantics, not just similar ones: geometries are stored as planar
// (SRID 0) geometries in the engine's own plane (geo::LocalPlane at
// deconflict::kPlaneOrigin, metres, the same doubles the engine projects), so
// PostGIS measures the same distances; windows are tstzrange '[start,end)'
// from the same microseconds, so `&&` is the engine's half-open overlap; the
// reach is the same sum of buffers and margin, compared with <= as the engine
// does. The bench's rule table lets every pair of kinds conflict, which the
// query does not need to filter.
//
// One connection; not thread-safe. libpq stays in the .cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "deconflict/engine.hpp"
#include "deconflict/footprint.hpp"

namespace liaison::cli {

// How the table is indexed and queried (measured in bench/README.md):
//   kCombined: one GiST index on (ST_Expand(geom, buffer_m), during), each
//              row's box grown by its own buffer; the probe's box is grown by
//              its buffer plus the margin, so two boxes meet whenever the
//              footprints can be within reach.
//   kSeparate: the same two keys in two GiST indexes (the planner picks one,
//              or ANDs their bitmaps).
//   kPlain:    the textbook set-up, one GiST index on (geom, during); the
//              probe's box is grown by the largest buffer in the table.
//   kXyt:      one n-D GiST index on each row's (x, y, t) box grown by its
//              buffer, the engine's own R-tree key (a multi-column GiST
//              splits its pages on the first column alone; this one splits on
//              space and time together).
// Each form then tests the exact window and reach on the row.
enum class PostgisIndex { kCombined, kSeparate, kPlain, kXyt };

// Parses "combined", "separate", "plain" or "xyt".
Result<PostgisIndex> ParsePostgisIndex(std::string_view name);
std::string_view PostgisIndexName(PostgisIndex index);

// The figures of the load: COPY, then the indexes, then ANALYZE.
struct PostgisLoad {
  std::size_t rows = 0;  // footprints with a geometry (the others never conflict)
  double copy_ms = 0;
  double index_ms = 0;
  double analyze_ms = 0;
};

// One check to run: the probe and its party, and the engine's answer to it.
struct PostgisCheck {
  const deconflict::Footprint* footprint = nullptr;
  std::string_view party;
  const std::vector<deconflict::Hit>* engine_hits = nullptr;  // sorted by id
};

struct PostgisChecks {
  std::size_t checks = 0;
  double total_ms = 0;                // the checks' latencies summed
  std::vector<double> latencies_us;   // one per check, in order
  std::size_t conflicts = 0;          // ids PostGIS returned, over all checks
  std::vector<double> round_trip_us;  // of an empty prepared statement: the floor of a check
  // Ids in one set and not the other, over all checks. Of these, only those
  // neither rounding nor explained by an invalid polygon fail the run:
  std::size_t mismatches = 0;
  // ... the distance lies within 1e-6 m of the reach (the engine's planar
  // measures and PostGIS's round differently);
  std::size_t rounding_mismatches = 0;
  // ... the probe or the row is an invalid polygon, which the engine reads by
  // the even-odd rule, and PostGIS agrees with the engine on the polygon as
  // ST_MakeValid reads it (bench_postgis.cpp, MismatchSort).
  std::size_t invalid_polygon_mismatches = 0;
  std::size_t invalid_rows = 0;  // polygons in the table that ST_IsValid rejects
  std::string plan;              // EXPLAIN ANALYZE of the first check, after the run
};

class PostgisBench {
 public:
  // Connects and sets the session up (jit off: these are short queries).
  // `options` are the engine's, whose margins the query applies.
  static Result<std::unique_ptr<PostgisBench>> Connect(const std::string& dsn, PostgisIndex index,
                                                       const deconflict::Options& options);
  ~PostgisBench();
  PostgisBench(const PostgisBench&) = delete;
  PostgisBench& operator=(const PostgisBench&) = delete;

  // (Re)creates the table bench_footprint, loads `entries` with COPY, builds
  // the index and analyzes the table. REQUIRES: windows within the years
  // 1-9999, and start < end (PostgreSQL's '[t,t)' is empty and overlaps
  // nothing, where the engine would still compare t with the other window).
  Result<PostgisLoad> Load(std::span<const deconflict::Entry> entries);

  // Runs every check as the prepared statement, one after another, timing
  // each round trip; then compares each answer with the engine's. Writes the
  // first few differences, with distances, windows and validity, to `report`.
  Result<PostgisChecks> Run(std::span<const PostgisCheck> checks, std::ostream& report);

 private:
  struct Impl;
  explicit PostgisBench(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace liaison::cli
