// What the capabilities' projections and views share: reading projection
// columns into API JSON, and event bodies into columns.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/json.hpp"
#include "store/store.hpp"

namespace liaison {

bool OneOf(std::string_view v, std::span<const std::string_view> set);

json::array StringArray(const std::vector<std::string>& v);
// The strings of the array member `key` (others and non-strings skipped).
std::vector<std::string> ReadStringArray(const json::object& o, std::string_view key);

// Column `i` as JSON: null when NULL.
json::value TextOrNull(const Row& r, size_t i);
json::value TimeOrNull(const Row& r, size_t i);  // microseconds as RFC 3339
json::value StoredJson(const Row& r, size_t i);  // canonical JSON this server wrote

// The string member `key` of an event body as a column value; NULL when it is
// absent or not a string.
SqlValue OptionalTextColumn(const json::object& b, std::string_view key);

}  // namespace liaison
