#include "cli/bench_postgis.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <ostream>
#include <utility>

#include "core/time.hpp"
#include "geo/geometry.hpp"

namespace liaison::cli {
namespace {

// Rows per COPY message: large enough that the round trips do not count,
// small enough not to hold the whole table in the client.
constexpr std::size_t kCopyChunkBytes = 1 << 20;
// A difference whose distance lies this close to the reach is rounding (the
// engine's hand-written planar measures and PostGIS's own, in liblwgeom
// rather than GEOS, round differently), not a disagreement about the rules.
constexpr double kRoundingM = 1e-6;
// Differences described in full, of each sort (MismatchSort).
constexpr std::size_t kShownMismatches = 5;
// Differences looked up in the table to sort them; any beyond count as real.
constexpr std::size_t kClassifiedMismatches = 1000;
// Round trips of the empty statement that measure the floor of a check.
constexpr int kRoundTrips = 200;

using PgResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

Error PgError(PGconn* conn, const std::string& what) {
  std::string message = PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return Error::Unavailable("PostgreSQL: " + what + ": " + message);
}

// Runs `sql` (no parameters), expecting `status`.
Result<PgResultPtr> Exec(PGconn* conn, const std::string& sql,
                         ExecStatusType status = PGRES_COMMAND_OK) {
  PgResultPtr r(PQexec(conn, sql.c_str()), &PQclear);
  if (PQresultStatus(r.get()) != status)
    return PgError(conn, sql.substr(0, std::min(sql.find('\n'), std::size_t{60})));
  return r;
}

double MsSince(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

double CleanBuffer(double b) { return b > 0 ? b : 0; }  // as the engine: also catches NaN

// The shortest text that reads back as the same double.
std::string Double(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// Hex-encoded little-endian WKB, which the geometry type reads exactly (no
// decimal round trip of the coordinates).
class WkbHex {
 public:
  void Byte(std::uint8_t b) {
    static constexpr char kHex[] = "0123456789abcdef";
    out_.push_back(kHex[b >> 4]);
    out_.push_back(kHex[b & 15]);
  }
  void U32(std::uint32_t v) {
    for (int i = 0; i < 4; ++i) Byte(static_cast<std::uint8_t>(v >> (8 * i)));
  }
  void F64(double d) {
    const auto u = std::bit_cast<std::uint64_t>(d);
    for (int i = 0; i < 8; ++i) Byte(static_cast<std::uint8_t>(u >> (8 * i)));
  }
  void Point(const geo::PlanePoint& p) {
    F64(p.x);
    F64(p.y);
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

constexpr std::uint8_t kLittleEndian = 1;
constexpr std::uint32_t kWkbPoint = 1;
constexpr std::uint32_t kWkbLineString = 2;
constexpr std::uint32_t kWkbPolygon = 3;
constexpr std::size_t kMinRingPositions = 4;  // as the engine

// `g` on the engine's plane as hex WKB, shaped as the engine shapes it (see
// Engine::Insert): a polygon whose outer ring has fewer than 4 positions is
// the line of its positions, a line of one position is a point, holes of
// fewer than 4 positions are dropped. Empty for a geometry without positions,
// which never conflicts.
std::string PlaneWkbHex(const geo::LocalPlane& plane, const geo::Geometry& g) {
  if (g.parts.empty() || g.parts.front().empty()) return {};
  const std::vector<geo::LonLat>& outer = g.parts.front();
  geo::GeometryKind kind = g.kind;
  if (kind == geo::GeometryKind::kPolygon && outer.size() < kMinRingPositions) {
    kind = geo::GeometryKind::kLineString;
  }
  if (kind == geo::GeometryKind::kLineString && outer.size() < 2) kind = geo::GeometryKind::kPoint;
  WkbHex w;
  w.Byte(kLittleEndian);
  switch (kind) {
    case geo::GeometryKind::kPoint:
      w.U32(kWkbPoint);
      w.Point(plane.Project(outer.front()));
      break;
    case geo::GeometryKind::kLineString:
      w.U32(kWkbLineString);
      w.U32(static_cast<std::uint32_t>(outer.size()));
      for (const geo::LonLat& p : outer) w.Point(plane.Project(p));
      break;
    case geo::GeometryKind::kPolygon: {
      std::vector<const std::vector<geo::LonLat>*> rings;
      for (const auto& ring : g.parts) {
        if (ring.size() >= kMinRingPositions) rings.push_back(&ring);
      }
      w.U32(kWkbPolygon);
      w.U32(static_cast<std::uint32_t>(rings.size()));
      for (const auto* ring : rings) {
        // PostGIS wants closed rings; the engine closes open ones likewise.
        const bool open = ring->front() != ring->back();
        w.U32(static_cast<std::uint32_t>(ring->size() + (open ? 1 : 0)));
        for (const geo::LonLat& p : *ring) w.Point(plane.Project(p));
        if (open) w.Point(plane.Project(ring->front()));
      }
      break;
    }
  }
  return w.Take();
}

// `s` escaped for COPY's text format.
void AppendCopyText(std::string& out, std::string_view s) {
  for (const char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out.push_back(c);
    }
  }
}

// A tstzrange literal of the half-open window [start, end).
std::string Window(Micros start, Micros end) {
  return "[" + FormatRfc3339(start) + "," + FormatRfc3339(end) + ")";
}

Micros SaturatingAdd(Micros a, Micros b) {
  Micros r = 0;
  if (__builtin_add_overflow(a, b, &r)) {
    return b > 0 ? std::numeric_limits<Micros>::max() : std::numeric_limits<Micros>::min();
  }
  return r;
}

std::string_view GeometryKindName(geo::GeometryKind k) {
  switch (k) {
    case geo::GeometryKind::kPoint:
      return "Point";
    case geo::GeometryKind::kLineString:
      return "LineString";
    case geo::GeometryKind::kPolygon:
      return "Polygon";
  }
  return "?";
}

// The statements. $1 the probe (hex WKB), $2 its buffer, $3 the margin in
// metres, $4 and $5 its window with the time margin applied, $6 its party;
// for kPlain, $7 the reach of the probe's box. The exact test is ST_DWithin,
// which is inclusive (distance <= reach) like the engine, with the reach
// summed in the engine's order: (probe buffer + row buffer) + margin. It is
// the costliest qual, so PostgreSQL runs it last, on the rows that pass the
// others.
constexpr const char* kCheckFilter = R"(
   AND during && tstzrange($4::timestamptz, $5::timestamptz)
   AND party <> $6::text
   AND ST_DWithin(geom, $1::geometry, ($2::float8 + buffer_m) + $3::float8))";
constexpr const char* kExpandedBoxes =
    "ST_Expand(geom, buffer_m) && ST_Expand($1::geometry, $2::float8 + $3::float8)";
constexpr const char* kPlainBox = "geom && ST_Expand($1::geometry, $7::float8)";
constexpr const char* kXytBoxes =
    "bench_xyt(geom, buffer_m, during) &&& "
    "bench_xyt($1::geometry, $2::float8 + $3::float8, tstzrange($4::timestamptz, $5::timestamptz))";

// Why the engine and PostGIS differ on one id of one check.
enum class MismatchSort {
  kReal,
  // The distance lies within kRoundingM of the reach (time and party agree).
  kRounding,
  // The probe or the row is an invalid polygon (a self-intersecting ring, a
  // hole crossing or outside its shell), and PostGIS agrees with the engine
  // once ST_MakeValid has read it by the even-odd rule, as the engine reads
  // every polygon. PostGIS assumes valid input: its distance to a polygon
  // looks at the holes only for what lies inside the outer ring.
  kInvalidPolygon,
};

// An id in one answer and not in the other.
struct Mismatch {
  std::size_t check = 0;
  std::uint64_t id = 0;
  bool engine = false;  // the engine says it conflicts (and PostGIS does not)
};

}  // namespace

Result<PostgisIndex> ParsePostgisIndex(std::string_view name) {
  if (name == "combined") return PostgisIndex::kCombined;
  if (name == "separate") return PostgisIndex::kSeparate;
  if (name == "plain") return PostgisIndex::kPlain;
  if (name == "xyt") return PostgisIndex::kXyt;
  return Error::Invalid("/postgis-index", "--postgis-index is combined, separate, plain or xyt");
}

std::string_view PostgisIndexName(PostgisIndex index) {
  switch (index) {
    case PostgisIndex::kCombined:
      return "combined";
    case PostgisIndex::kSeparate:
      return "separate";
    case PostgisIndex::kPlain:
      return "plain";
    case PostgisIndex::kXyt:
      return "xyt";
  }
  return "?";
}

struct PostgisBench::Impl {
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn{nullptr, &PQfinish};
  PostgisIndex index = PostgisIndex::kCombined;
  deconflict::Options options;
  geo::LocalPlane plane{deconflict::kPlaneOrigin};
  double max_buffer_m = 0;

  PGconn* c() const { return conn.get(); }

  // The parameters of the check of `fp` by `party`, as text.
  std::vector<std::string> CheckParams(const deconflict::Footprint& fp,
                                       std::string_view party) const {
    const double buffer = CleanBuffer(fp.buffer_m);
    const double margin_m = CleanBuffer(options.margin_m);
    const Micros margin_t = std::max<Micros>(options.margin_time, 0);
    std::vector<std::string> p{PlaneWkbHex(plane, fp.geometry),
                               Double(buffer),
                               Double(margin_m),
                               FormatRfc3339(SaturatingAdd(fp.start, -margin_t)),
                               FormatRfc3339(SaturatingAdd(fp.end, margin_t)),
                               std::string(party)};
    if (index == PostgisIndex::kPlain) {
      // Widened by a hair so that rounding of the sum never loses a row at
      // the reach; ST_DWithin decides.
      p.push_back(Double(((buffer + max_buffer_m) + margin_m) * (1 + 1e-9) + 1e-9));
    }
    return p;
  }

  Result<PgResultPtr> ExecPrepared(const char* name, const std::vector<std::string>& params,
                                   ExecStatusType status = PGRES_TUPLES_OK) const {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const std::string& p : params) values.push_back(p.c_str());
    PgResultPtr r(PQexecPrepared(c(), name, static_cast<int>(values.size()), values.data(), nullptr,
                                 nullptr, 0),
                  &PQclear);
    if (PQresultStatus(r.get()) != status) return PgError(c(), std::string("execute ") + name);
    return r;
  }

  Result<PgResultPtr> Prepare(const char* name, const std::string& sql) const {
    PgResultPtr r(PQprepare(c(), name, sql.c_str(), 0, nullptr), &PQclear);
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK) {
      return PgError(c(), std::string("prepare ") + name);
    }
    return r;
  }
};

PostgisBench::PostgisBench(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PostgisBench::~PostgisBench() = default;

Result<std::unique_ptr<PostgisBench>> PostgisBench::Connect(const std::string& dsn,
                                                            PostgisIndex index,
                                                            const deconflict::Options& options) {
  auto impl = std::make_unique<Impl>();
  impl->index = index;
  impl->options = options;
  impl->conn.reset(PQconnectdb(dsn.c_str()));
  if (PQstatus(impl->c()) != CONNECTION_OK) return PgError(impl->c(), "connect");
  // jit: compiling pays off for long analytic queries, never for a check of a
  // millisecond. client_min_messages: ST_IsValid explains itself in NOTICEs.
  // UTC: the windows in the reports read as the engine's.
  if (auto r =
          Exec(impl->c(), "SET jit = off; SET client_min_messages = warning; SET TimeZone = 'UTC'");
      !r) {
    return std::move(r).error();
  }
  auto version = Exec(impl->c(), "SELECT postgis_lib_version()", PGRES_TUPLES_OK);
  if (!version) {
    return Error::Unavailable(
        "PostgreSQL: the database has no PostGIS (CREATE EXTENSION postgis; bench/postgis.sh "
        "does): " +
        version.error().message);
  }
  return std::unique_ptr<PostgisBench>(new PostgisBench(std::move(impl)));
}

Result<PostgisLoad> PostgisBench::Load(std::span<const deconflict::Entry> entries) {
  Impl& m = *impl_;
  PostgisLoad load;
  // UNLOGGED: the engine keeps its index in memory only, so PostgreSQL is
  // not made to write ahead either. No primary key: the checks do not use
  // one, and it would slow the COPY.
  if (auto r = Exec(m.c(), R"(DROP TABLE IF EXISTS bench_footprint;
CREATE UNLOGGED TABLE bench_footprint (
  id bigint NOT NULL,
  party text NOT NULL,
  kind text NOT NULL,
  buffer_m float8 NOT NULL,
  during tstzrange NOT NULL,
  geom geometry(Geometry, 0) NOT NULL
))");
      !r) {
    return std::move(r).error();
  }

  // The (x, y, t) box of a footprint grown by `b` metres, as a 3-D line from
  // corner to corner, time scaled as in the engine's R-tree (an hour spans 150
  // units) from the earliest start. Inlined (a one-statement IMMUTABLE SQL
  // function), so the index expression and the query's match. The n-D index
  // keeps float4 boxes rounded outwards: a filter that never loses a row.
  if (m.index == PostgisIndex::kXyt) {
    Micros earliest = std::numeric_limits<Micros>::max();
    for (const deconflict::Entry& e : entries) earliest = std::min(earliest, e.fp.start);
    if (entries.empty()) earliest = 0;
    const std::string origin = "timestamptz '" + FormatRfc3339(earliest) + "'";
    if (auto r =
            Exec(m.c(), R"(CREATE OR REPLACE FUNCTION bench_xyt(g geometry, b float8, w tstzrange)
RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ST_MakeLine(
    ST_MakePoint(ST_XMin(g::box3d) - b, ST_YMin(g::box3d) - b,
                 EXTRACT(epoch FROM lower(w) - )" +
                            origin + R"()::float8 / 24),
    ST_MakePoint(ST_XMax(g::box3d) + b, ST_YMax(g::box3d) + b,
                 EXTRACT(epoch FROM upper(w) - )" +
                            origin + R"()::float8 / 24))
$$)");
        !r) {
      return std::move(r).error();
    }
  }

  auto t0 = std::chrono::steady_clock::now();
  if (auto r = Exec(m.c(), "COPY bench_footprint FROM STDIN", PGRES_COPY_IN); !r) {
    return std::move(r).error();
  }
  std::string chunk;
  chunk.reserve(kCopyChunkBytes + 4096);
  const auto flush = [&]() -> Status {
    if (PQputCopyData(m.c(), chunk.data(), static_cast<int>(chunk.size())) != 1) {
      return PgError(m.c(), "COPY");
    }
    chunk.clear();
    return OkStatus();
  };
  for (const deconflict::Entry& e : entries) {
    std::string wkb = PlaneWkbHex(m.plane, e.fp.geometry);
    if (wkb.empty()) continue;
    const double buffer = CleanBuffer(e.fp.buffer_m);
    m.max_buffer_m = std::max(m.max_buffer_m, buffer);
    chunk += std::to_string(e.id);
    chunk += '\t';
    AppendCopyText(chunk, e.party);
    chunk += '\t';
    AppendCopyText(chunk, e.kind);
    chunk += '\t';
    chunk += Double(buffer);
    chunk += '\t';
    chunk += Window(e.fp.start, e.fp.end);
    chunk += '\t';
    chunk += wkb;
    chunk += '\n';
    ++load.rows;
    if (chunk.size() >= kCopyChunkBytes) {
      if (Status s = flush(); !s) return s.error();
    }
  }
  if (!chunk.empty()) {
    if (Status s = flush(); !s) return s.error();
  }
  if (PQputCopyEnd(m.c(), nullptr) != 1) return PgError(m.c(), "COPY");
  for (PGresult* r = PQgetResult(m.c()); r != nullptr; r = PQgetResult(m.c())) {
    const PgResultPtr owned(r, &PQclear);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) return PgError(m.c(), "COPY");
  }
  load.copy_ms = MsSince(t0);

  t0 = std::chrono::steady_clock::now();
  std::string ddl;
  switch (m.index) {
    case PostgisIndex::kCombined:
      ddl = "CREATE INDEX ON bench_footprint USING gist (ST_Expand(geom, buffer_m), during)";
      break;
    case PostgisIndex::kSeparate:
      ddl =
          "CREATE INDEX ON bench_footprint USING gist (ST_Expand(geom, buffer_m));"
          "CREATE INDEX ON bench_footprint USING gist (during)";
      break;
    case PostgisIndex::kPlain:
      ddl = "CREATE INDEX ON bench_footprint USING gist (geom, during)";
      break;
    case PostgisIndex::kXyt:
      ddl =
          "CREATE INDEX ON bench_footprint USING gist "
          "(bench_xyt(geom, buffer_m, during) gist_geometry_ops_nd)";
      break;
  }
  // GiST builds buffer in maintenance_work_mem.
  if (auto r = Exec(m.c(), "SET maintenance_work_mem = '1GB'; " + ddl); !r) {
    return std::move(r).error();
  }
  load.index_ms = MsSince(t0);
  t0 = std::chrono::steady_clock::now();
  if (auto r = Exec(m.c(), "VACUUM ANALYZE bench_footprint"); !r) return std::move(r).error();
  load.analyze_ms = MsSince(t0);

  const std::string boxes = m.index == PostgisIndex::kPlain ? kPlainBox
                            : m.index == PostgisIndex::kXyt ? kXytBoxes
                                                            : kExpandedBoxes;
  if (auto r = m.Prepare("conflict_check",
                         "SELECT id FROM bench_footprint WHERE " + boxes + kCheckFilter);
      !r) {
    return std::move(r).error();
  }
  // Every fact about one row that tells why the engine and PostGIS differ on it.
  if (auto r = m.Prepare("detail", R"(
SELECT party, kind, buffer_m, lower(during), upper(during), GeometryType(geom), ST_NPoints(geom),
       ST_IsValid(geom), ST_IsValid($1::geometry),
       during && tstzrange($4::timestamptz, $5::timestamptz), party <> $6::text,
       ST_Distance(geom, $1::geometry), ($2::float8 + buffer_m) + $3::float8,
       ST_Distance(ST_MakeValid(geom, 'method=linework'),
                   ST_MakeValid($1::geometry, 'method=linework'))
  FROM bench_footprint WHERE id = $7::bigint)");
      !r) {
    return std::move(r).error();
  }
  if (auto r = m.Prepare("noop", "SELECT 1"); !r) return std::move(r).error();
  return load;
}

Result<PostgisChecks> PostgisBench::Run(std::span<const PostgisCheck> checks,
                                        std::ostream& report) {
  Impl& m = *impl_;
  PostgisChecks out;
  out.checks = checks.size();

  // The parameters are made before the clock starts: what is timed is the
  // statement's round trip and reading its answer, as the engine's Check.
  std::vector<std::vector<std::string>> params;
  params.reserve(checks.size());
  for (const PostgisCheck& c : checks) params.push_back(m.CheckParams(*c.footprint, c.party));

  std::vector<std::vector<std::uint64_t>> answers(checks.size());
  out.latencies_us.reserve(checks.size());
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    std::vector<std::uint64_t>& ids = answers[i];
    if (!params[i][0].empty()) {  // a probe without positions conflicts with nothing
      auto r = m.ExecPrepared("conflict_check", params[i]);
      if (!r) return std::move(r).error();
      const int n = PQntuples(r->get());
      ids.reserve(static_cast<std::size_t>(n));
      for (int row = 0; row < n; ++row) {
        ids.push_back(std::strtoull(PQgetvalue(r->get(), row, 0), nullptr, 10));
      }
      std::sort(ids.begin(), ids.end());
    }
    const double us =
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
    out.latencies_us.push_back(us);
    out.total_ms += us / 1000;
    out.conflicts += ids.size();
  }

  for (int i = 0; i < kRoundTrips; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    if (auto r = m.ExecPrepared("noop", {}); !r) return std::move(r).error();
    out.round_trip_us.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
  }

  // The plan, as the run used it: EXPLAIN EXECUTE goes through the same plan
  // cache, so after the run it shows the generic plan if PostgreSQL chose one.
  for (std::size_t i = 0; i < checks.size() && out.plan.empty(); ++i) {
    if (params[i][0].empty()) continue;
    std::string sql = "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE conflict_check(";
    for (std::size_t k = 0; k < params[i].size(); ++k) {
      char* literal = PQescapeLiteral(m.c(), params[i][k].data(), params[i][k].size());
      if (literal == nullptr) return PgError(m.c(), "escape");
      sql += (k ? ", " : "") + std::string(literal);
      PQfreemem(literal);
    }
    sql += ")";
    auto r = Exec(m.c(), sql, PGRES_TUPLES_OK);
    if (!r) return std::move(r).error();
    for (int row = 0; row < PQntuples(r->get()); ++row) {
      out.plan += PQgetvalue(r->get(), row, 0);
      out.plan += '\n';
    }
  }

  // The comparison: ids in one answer and not in the other.
  std::vector<Mismatch> mismatches;
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const std::vector<deconflict::Hit>& hits = *checks[i].engine_hits;
    const std::vector<std::uint64_t>& ids = answers[i];
    std::size_t a = 0;
    std::size_t b = 0;
    while (a < hits.size() || b < ids.size()) {
      if (b == ids.size() || (a < hits.size() && hits[a].id < ids[b])) {
        mismatches.push_back({i, hits[a++].id, true});
      } else if (a == hits.size() || ids[b] < hits[a].id) {
        mismatches.push_back({i, ids[b++], false});
      } else {
        ++a;
        ++b;
      }
    }
  }
  out.mismatches = mismatches.size();

  std::size_t shown[3] = {0, 0, 0};  // by MismatchSort
  for (std::size_t k = 0; k < mismatches.size(); ++k) {
    const Mismatch& mm = mismatches[k];
    const PostgisCheck& c = checks[mm.check];
    std::string detail = "not looked up";
    MismatchSort sort = MismatchSort::kReal;
    if (k < kClassifiedMismatches) {
      std::vector<std::string> p = params[mm.check];
      p.resize(6);
      p.push_back(std::to_string(mm.id));
      auto r = m.ExecPrepared("detail", p);
      if (!r) return std::move(r).error();
      PGresult* res = r->get();
      if (PQntuples(res) == 0) {
        detail = "not in the table";
      } else {
        const auto v = [&](int col) { return std::string(PQgetvalue(res, 0, col)); };
        const bool valid = v(7) == "t" && v(8) == "t";
        const bool time_and_party = v(9) == "t" && v(10) == "t";
        const double distance = std::strtod(v(11).c_str(), nullptr);
        const double reach = std::strtod(v(12).c_str(), nullptr);
        const double even_odd = std::strtod(v(13).c_str(), nullptr);
        if (time_and_party && std::abs(distance - reach) <= kRoundingM) {
          sort = MismatchSort::kRounding;
        } else if (time_and_party && !valid &&
                   ((even_odd <= reach) == mm.engine || std::abs(even_odd - reach) <= kRoundingM)) {
          sort = MismatchSort::kInvalidPolygon;
        }
        detail = v(5) + " of " + v(6) + " points (valid: " + v(7) + "), party " + v(0) + ", kind " +
                 v(1) + ", buffer " + v(2) + " m, [" + v(3) + ", " + v(4) +
                 "); windows overlap: " + v(9) + ", parties differ: " + v(10) +
                 "; PostGIS ST_Distance " + v(11) + " m, on ST_MakeValid " + v(13) + " m, reach " +
                 v(12) + " m; probe valid: " + v(8);
      }
    }
    if (sort == MismatchSort::kRounding) ++out.rounding_mismatches;
    if (sort == MismatchSort::kInvalidPolygon) ++out.invalid_polygon_mismatches;
    if (shown[static_cast<int>(sort)]++ >= kShownMismatches) continue;
    const deconflict::Footprint& fp = *c.footprint;
    std::string engine_says = "no conflict";
    if (mm.engine) {
      const auto& hits = *c.engine_hits;
      const auto it =
          std::lower_bound(hits.begin(), hits.end(), mm.id,
                           [](const deconflict::Hit& h, std::uint64_t id) { return h.id < id; });
      engine_says = "conflict at " + Double(it->distance_m) + " m";
    }
    static constexpr const char* kSortNames[] = {"MISMATCH", "rounding at the reach",
                                                 "invalid polygon, read by the even-odd rule"};
    report << "  " << kSortNames[static_cast<int>(sort)] << ": check " << mm.check << " (probe "
           << GeometryKindName(fp.geometry.kind) << " of "
           << (fp.geometry.parts.empty() ? 0 : fp.geometry.parts.front().size())
           << " positions in the outer ring, " << fp.geometry.parts.size() << " rings, buffer "
           << CleanBuffer(fp.buffer_m) << " m, party " << c.party << ", "
           << Window(fp.start, fp.end) << ") and id " << mm.id << ": engine: " << engine_says
           << "; PostGIS: " << (mm.engine ? "no conflict" : "conflict") << "; the row: " << detail
           << "\n";
  }

  // How common invalid polygons are in the data (after the clock: GEOS
  // validates each polygon).
  auto invalid = Exec(m.c(),
                      "SELECT count(*) FROM bench_footprint "
                      "WHERE GeometryType(geom) = 'POLYGON' AND NOT ST_IsValid(geom)",
                      PGRES_TUPLES_OK);
  if (!invalid) return std::move(invalid).error();
  out.invalid_rows = std::strtoull(PQgetvalue(invalid->get(), 0, 0), nullptr, 10);
  return out;
}

}  // namespace liaison::cli
