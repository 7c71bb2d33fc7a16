#include "domain/list_query.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/time.hpp"

namespace liaison {
namespace {

std::optional<std::int64_t> ParseInt(std::string_view v) {
  std::int64_t n = 0;
  const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || ptr != v.data() + v.size()) return std::nullopt;
  return n;
}

}  // namespace

std::vector<std::string> SplitParam(std::string_view v) {
  std::vector<std::string> out;
  while (true) {
    const size_t comma = v.find(',');
    const std::string_view item = v.substr(0, comma);
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    v.remove_prefix(comma + 1);
  }
  return out;
}

Result<std::optional<geo::Box>> ParseBboxParam(const QueryParam& get) {
  auto bbox = get("bbox");
  if (!bbox) return std::optional<geo::Box>();
  const auto parts = SplitParam(*bbox);
  double v[4] = {};
  bool ok = parts.size() == 4;
  for (size_t i = 0; ok && i < 4; ++i) {
    char* end = nullptr;
    v[i] = std::strtod(parts[i].c_str(), &end);
    ok = end == parts[i].c_str() + parts[i].size() && std::isfinite(v[i]);
  }
  if (!ok || v[0] > v[2] || v[1] > v[3] || v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90) {
    return Error::Invalid("/bbox", "bbox must be west,south,east,north in degrees");
  }
  return std::optional<geo::Box>(geo::Box{v[0], v[1], v[2], v[3]});
}

Status ParsePeriodParams(const QueryParam& get, std::optional<Micros>* from,
                         std::optional<Micros>* to) {
  for (const char* key : {"from", "to"}) {
    if (auto v = get(key)) {
      auto t = ParseRfc3339(*v);
      if (!t) return Error::Invalid(std::string("/") + key, std::string(key) + " must be RFC 3339");
      *(std::string_view(key) == "from" ? from : to) = *t;
    }
  }
  return OkStatus();
}

Status ParsePageParams(const QueryParam& get, std::int64_t* limit,
                       std::optional<std::int64_t>* cursor) {
  if (auto v = get("limit")) {
    const auto n = ParseInt(*v);
    if (!n || *n < 1 || *n > kMaxPageSize) {
      return Error::Invalid("/limit", "limit must be an integer from 1 to 200");
    }
    *limit = *n;
  }
  if (auto v = get("cursor")) {
    const auto n = ParseInt(*v);
    if (!n || *n < 0) {
      return Error::Invalid("/cursor", "cursor must be the next value of a previous page");
    }
    *cursor = *n;
  }
  return OkStatus();
}

void AppendBboxFilter(std::string& sql, std::vector<SqlValue>& params, std::string_view prefix,
                      const geo::Box& box) {
  const std::string p(prefix);
  sql += " AND " + p + "west IS NOT NULL AND " + p + "east >= ? AND " + p + "west <= ? AND " + p +
         "north >= ? AND " + p + "south <= ?";
  params.emplace_back(box.west);
  params.emplace_back(box.east);
  params.emplace_back(box.south);
  params.emplace_back(box.north);
}

void AppendStatesFilter(std::string& sql, std::vector<SqlValue>& params, std::string_view column,
                        const std::vector<std::string>& values, std::string_view final_state) {
  if (values.empty()) return;
  const std::string col(column);
  std::vector<std::string> conditions;
  std::string listed;
  for (const auto& v : values) {
    if (v == "active") {
      conditions.push_back(col + " <> ?");
      params.emplace_back(std::string(final_state));
    } else {
      listed += listed.empty() ? "?" : ", ?";
      params.emplace_back(v);
    }
  }
  if (!listed.empty()) conditions.push_back(col + " IN (" + listed + ")");
  sql += " AND (";
  for (size_t i = 0; i < conditions.size(); ++i) sql += (i ? " OR " : "") + conditions[i];
  sql += ")";
}

Result<json::value> QueryPage(Tx& tx, std::string sql, std::vector<SqlValue> params,
                              std::string_view seq_column, size_t seq_index, std::int64_t limit,
                              std::optional<std::int64_t> cursor,
                              const std::function<Result<json::value>(const Row&)>& item) {
  const std::string seq(seq_column);
  if (cursor) {
    sql += " AND " + seq + " < ?";
    params.emplace_back(*cursor);
  }
  // One more than a page tells whether there is a next one.
  sql += " ORDER BY " + seq + " DESC LIMIT ?";
  params.emplace_back(limit + 1);
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  json::array items;
  std::int64_t last = 0;
  for (size_t i = 0; i < rows->size() && static_cast<std::int64_t>(i) < limit; ++i) {
    auto v = item((*rows)[i]);
    if (!v) return v;
    items.push_back(std::move(*v));
    last = (*rows)[i].Int(seq_index);
  }
  json::value next = static_cast<std::int64_t>(rows->size()) > limit
                         ? json::value(std::to_string(last))
                         : json::value(nullptr);
  return json::value(json::object{{"items", std::move(items)}, {"next", std::move(next)}});
}

}  // namespace liaison
