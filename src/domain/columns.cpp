#include "domain/columns.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>

#include "core/time.hpp"

namespace liaison {

bool OneOf(std::string_view v, std::span<const std::string_view> set) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

json::array StringArray(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

std::vector<std::string> ReadStringArray(const json::object& o, std::string_view key) {
  std::vector<std::string> out;
  if (const json::value* v = o.if_contains(key); v && v->is_array()) {
    for (const auto& e : v->get_array()) {
      if (e.is_string()) out.emplace_back(e.get_string());
    }
  }
  return out;
}

json::value TextOrNull(const Row& r, size_t i) {
  if (r.IsNull(i)) return nullptr;
  return json::value(r.Text(i));
}

json::value TimeOrNull(const Row& r, size_t i) {
  if (r.IsNull(i)) return nullptr;
  return json::value(FormatRfc3339(r.Int(i)));
}

json::value StoredJson(const Row& r, size_t i) {
  if (r.IsNull(i)) return nullptr;
  boost::system::error_code ec;
  json::value v = json::parse(r.Text(i), ec);
  return ec ? json::value(nullptr) : v;
}

SqlValue OptionalTextColumn(const json::object& b, std::string_view key) {
  const json::value* v = b.if_contains(key);
  if (v == nullptr || !v->is_string()) return SqlValue{};
  return std::string(v->get_string());
}

}  // namespace liaison
