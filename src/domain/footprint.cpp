#include "domain/footprint.hpp"

#include <charconv>
#include <cstdio>

#include "core/time.hpp"
#include "geo/geojson.hpp"
#include "geo/validity.hpp"

namespace liaison {

namespace {

// `validate`: also the geometry's validity, for input; a stored footprint
// was validated when it came in, and must read back whatever rules apply now.
Result<deconflict::Footprint> Read(const json::value& v, const std::string& ptr, bool validate) {
  if (!v.is_object()) {
    return Error::Invalid(ptr, "a footprint is {\"geometry\", \"buffer_m\", \"start\", \"end\"}");
  }
  const json::object& o = v.get_object();
  if (Status s = OnlyKnownFields(o, {"geometry", "buffer_m", "start", "end"}); !s) {
    return Nested(s.error(), ptr);
  }
  deconflict::Footprint f;
  const json::value* g = o.if_contains("geometry");
  if (g == nullptr) return Error::Invalid(ptr + "/geometry", "geometry is required");
  auto geometry = geo::ParseGeometry(*g, ptr + "/geometry");
  if (!geometry) return std::move(geometry).error();
  if (validate) LIAISON_TRY(geo::CheckValid(*geometry, ptr + "/geometry"));
  f.geometry = std::move(*geometry);
  auto buffer = OptionalNumber(o, "buffer_m", 0, kMaxBufferMetres);
  if (!buffer) return Nested(buffer.error(), ptr);
  f.buffer_m = buffer->value_or(0);
  auto start = OptionalTime(o, "start");
  if (!start) return Nested(start.error(), ptr);
  auto end = OptionalTime(o, "end");
  if (!end) return Nested(end.error(), ptr);
  if (!start->has_value()) return Error::Invalid(ptr + "/start", "start is required");
  if (!end->has_value()) return Error::Invalid(ptr + "/end", "end is required");
  f.start = **start;
  f.end = **end;
  if (f.end <= f.start) return Error::Invalid(ptr + "/end", "end must be after start");
  if (f.end - f.start > kMaxFootprintWindow) {
    return Error::Invalid(ptr + "/end", "a window may last at most 31 days");
  }
  return f;
}

}  // namespace

Result<deconflict::Footprint> ReadFootprint(const json::value& v, const std::string& ptr) {
  return Read(v, ptr, /*validate=*/true);
}

json::object FootprintJson(const deconflict::Footprint& f) {
  return json::object{{"geometry", geo::GeometryToJson(f.geometry)},
                      {"buffer_m", f.buffer_m},
                      {"start", FormatRfc3339(f.start)},
                      {"end", FormatRfc3339(f.end)}};
}

Result<deconflict::Footprint> StoredFootprint(std::string_view canonical_json) {
  auto o = ParseObject(canonical_json);
  if (!o) return Error::Internal("a stored footprint is not JSON");
  auto f = Read(*o, "", /*validate=*/false);
  if (!f) return Error::Internal("a stored footprint does not read back: " + f.error().message);
  return f;
}

std::vector<SqlValue> FootprintColumns(const json::value& footprint) {
  if (!footprint.is_object()) {
    return {SqlValue{}, SqlValue{}, SqlValue{}, SqlValue{}, SqlValue{}, SqlValue{}, SqlValue{}};
  }
  const json::object& f = footprint.get_object();
  SqlValue west, south, east, north;
  if (const json::value* g = f.if_contains("geometry")) {
    if (auto geometry = geo::ParseGeometry(*g, "")) {
      const geo::Box b = geo::Bounds(*geometry);
      west = b.west;
      south = b.south;
      east = b.east;
      north = b.north;
    }
  }
  const auto start = ParseRfc3339(JsonString(f, "start"));
  const auto end = ParseRfc3339(JsonString(f, "end"));
  return {CanonicalJson(footprint),
          west,
          south,
          east,
          north,
          start ? SqlValue{*start} : SqlValue{},
          end ? SqlValue{*end} : SqlValue{}};
}

Result<RecordNumber> NextRecordNumber(Tx& tx, std::string_view table, std::string_view prefix,
                                      Micros now, std::int64_t skip) {
  const std::string stamp = FormatRfc3339(now);
  std::int64_t year = 0;
  std::from_chars(stamp.data(), stamp.data() + 4, year);
  auto rows = tx.Query(
      "SELECT COALESCE(MAX(number), 0) + 1 FROM " + std::string(table) + " WHERE year = ?", {year});
  if (!rows) return std::move(rows).error();
  const std::int64_t number = rows->front().Int(0) + skip;
  if (number > 999'999) {
    return Error::Exhausted("the " + std::string(prefix) + " numbers of this year are used up", 0);
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*s-%04lld-%06lld", static_cast<int>(prefix.size()),
                prefix.data(), static_cast<long long>(year), static_cast<long long>(number));
  return RecordNumber{buf, year, number};
}

}  // namespace liaison
