#include "domain/requests/geography.hpp"

#include <boost/json/parse.hpp>
#include <fstream>
#include <sstream>

#include "domain/json.hpp"
#include "geo/geojson.hpp"

namespace liaison::requests {
namespace {

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Unavailable("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Result<std::vector<geo::Feature>> ParseFeatures(const std::string& path, std::string_view text,
                                                std::string_view property) {
  auto features = geo::ParseFeatureCollection(text, property);
  if (!features) {
    Error e = features.error();
    e.message = path + ": " + e.message;
    return e;
  }
  return features;
}

Result<std::vector<geo::Feature>> ReadFeatures(const std::string& path, std::string_view property) {
  auto text = ReadFile(path);
  if (!text) return std::move(text).error();
  return ParseFeatures(path, *text, property);
}

// The names in each feature's properties; a missing name reads as empty.
std::vector<District> ReadDistricts(std::string_view geojson) {
  std::vector<District> out;
  boost::system::error_code ec;
  const json::value doc = json::parse(geojson, ec);
  if (ec || !doc.is_object()) return out;
  const json::value* features = doc.as_object().if_contains("features");
  if (features == nullptr || !features->is_array()) return out;
  for (const json::value& f : features->as_array()) {
    const json::value* props = f.is_object() ? f.as_object().if_contains("properties") : nullptr;
    if (props == nullptr || !props->is_object()) continue;
    const json::object& o = props->as_object();
    auto text = [&o](std::string_view key) {
      const json::value* v = o.if_contains(key);
      return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
    };
    District d{text("pcode"), text("name_en"), text("name_ar"), text("name_he")};
    if (!d.pcode.empty()) out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

Result<std::shared_ptr<const Geography>> Geography::Load(const std::string& dir) {
  auto oslo = ReadFeatures(dir + "/oslo_areas.geojson", "oslo_class");
  if (!oslo) return std::move(oslo).error();
  for (geo::Feature& f : *oslo) f.key = OsloAreaCode(f.key);
  const std::string governorates_path = dir + "/governorates.geojson";
  auto governorates_text = ReadFile(governorates_path);
  if (!governorates_text) return std::move(governorates_text).error();
  auto governorates = ParseFeatures(governorates_path, *governorates_text, "pcode");
  if (!governorates) return std::move(governorates).error();
  auto rules_text = ReadFile(dir + "/coordination_rules.json");
  if (!rules_text) return std::move(rules_text).error();
  auto rules = ParseRules(*rules_text);
  if (!rules) {
    Error e = rules.error();
    e.message = dir + "/coordination_rules.json: " + e.message;
    return e;
  }
  return std::shared_ptr<const Geography>(
      std::make_shared<Geography>(geo::AreaIndex(*oslo), geo::AreaIndex(*governorates),
                                  std::move(*rules), ReadDistricts(*governorates_text)));
}

const District* Geography::FindDistrict(std::string_view pcode) const {
  for (const District& d : districts_) {
    if (d.pcode == pcode) return &d;
  }
  return nullptr;
}

Placement Geography::Place(const geo::Geometry& g, double buffer_m) const {
  Placement p;
  p.areas = oslo_.Touching(g, buffer_m);
  p.outside = !oslo_.CoversAllVertices(g);
  p.districts = governorates_.Touching(g, buffer_m);
  if (!g.parts.empty() && !g.parts.front().empty()) {
    const geo::Geometry first{geo::GeometryKind::kPoint, {{g.parts.front().front()}}};
    const auto at_first = governorates_.Touching(first, 0);
    if (!at_first.empty()) p.district = at_first.front();
  }
  return p;
}

}  // namespace liaison::requests
