// Footprints and record numbers as the API and the projections carry them:
// the JSON codec shared by coordination requests and planned activities.
//
// A footprint on the wire is {"geometry", "buffer_m", "start", "end"}: a
// GeoJSON geometry (WGS 84), a buffer in metres and a half-open RFC 3339
// window. See docs/requests.md and docs/deconfliction.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "deconflict/footprint.hpp"
#include "domain/json.hpp"
#include "store/store.hpp"

namespace liaison {

inline constexpr double kMaxBufferMetres = 50'000;
inline constexpr Micros kMaxFootprintWindow = Micros{31} * 24 * 3600 * kMicrosPerSecond;

// Reads and validates a footprint from input (a polygon must be valid:
// geo::CheckValid); errors name the member under `pointer` ("/footprint/end").
Result<deconflict::Footprint> ReadFootprint(const json::value& v, const std::string& pointer);

json::object FootprintJson(const deconflict::Footprint& f);

// Reads a footprint that this server stored (an event body or a projection
// column); kInternal when it is not one.
Result<deconflict::Footprint> StoredFootprint(std::string_view canonical_json);

// The projection columns of a footprint value (null when it is not an
// object): canonical JSON, west, south, east, north, window start, window end.
std::vector<SqlValue> FootprintColumns(const json::value& footprint);

// The next record id of the year of `now` in `table`, which has the integer
// columns `year` and `number`: "<prefix>-<year>-<number, 6 digits>", e.g.
// REQ-2026-000123.
struct RecordNumber {
  std::string id;
  std::int64_t year = 0;
  std::int64_t number = 0;
};
// `skip` numbers further on: a command that creates several records before
// its events are applied numbers them 0, 1, 2...
Result<RecordNumber> NextRecordNumber(Tx& tx, std::string_view table, std::string_view prefix,
                                      Micros now, std::int64_t skip = 0);

}  // namespace liaison
