// The query parameters that every list takes: comma-separated sets, a
// period, a bounding box and the page (limit and cursor). Errors name the
// parameter as a JSON pointer ("/limit"), like body errors do.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "domain/json.hpp"
#include "geo/geometry.hpp"
#include "store/store.hpp"

namespace liaison {

// Returns the value of a query parameter, or nullopt when it is absent.
using QueryParam = std::function<std::optional<std::string>(std::string_view)>;

inline constexpr std::int64_t kMaxPageSize = 200;

// "a,b,,c" → {"a", "b", "c"}.
std::vector<std::string> SplitParam(std::string_view v);

// ?bbox=west,south,east,north in degrees.
Result<std::optional<geo::Box>> ParseBboxParam(const QueryParam& get);
// ?from= and ?to= as RFC 3339 date-times.
Status ParsePeriodParams(const QueryParam& get, std::optional<Micros>* from,
                         std::optional<Micros>* to);
// ?limit= (1..kMaxPageSize) and ?cursor= (the `next` of a previous page).
Status ParsePageParams(const QueryParam& get, std::int64_t* limit,
                       std::optional<std::int64_t>* cursor);

// Appends " AND <prefix>east >= ? ..." to `sql`: rows whose bounds columns
// (west, south, east, north; NULL for none) meet `box`.
void AppendBboxFilter(std::string& sql, std::vector<SqlValue>& params, std::string_view prefix,
                      const geo::Box& box);

// Appends " AND (...)": rows whose `column` is one of `values`, where the
// value "active" stands for every state but `final_state` (e.g. "closed").
// Nothing when `values` is empty.
void AppendStatesFilter(std::string& sql, std::vector<SqlValue>& params, std::string_view column,
                        const std::vector<std::string>& values, std::string_view final_state);

// Runs `sql` (a SELECT ... WHERE ... without ORDER BY) as one page of
// newest-first records keyed by the integer column `seq_column`, whose
// position in the result is `seq_index`, and makes each row an item.
// Replies {"items": [...], "next": cursor|null}; the cursor is the last
// item's seq as a string, opaque to clients.
Result<json::value> QueryPage(Tx& tx, std::string sql, std::vector<SqlValue> params,
                              std::string_view seq_column, size_t seq_index, std::int64_t limit,
                              std::optional<std::int64_t> cursor,
                              const std::function<Result<json::value>(const Row&)>& item);

}  // namespace liaison
