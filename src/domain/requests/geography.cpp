#include "domain/requests/geography.hpp"

#include <fstream>
#include <sstream>

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

Result<std::vector<geo::Feature>> ReadFeatures(const std::string& path, std::string_view property) {
  auto text = ReadFile(path);
  if (!text) return std::move(text).error();
  auto features = geo::ParseFeatureCollection(*text, property);
  if (!features) {
    Error e = features.error();
    e.message = path + ": " + e.message;
    return e;
  }
  return features;
}

}  // namespace

Result<std::shared_ptr<const Geography>> Geography::Load(const std::string& dir) {
  auto oslo = ReadFeatures(dir + "/oslo_areas.geojson", "oslo_class");
  if (!oslo) return std::move(oslo).error();
  for (geo::Feature& f : *oslo) f.key = OsloAreaCode(f.key);
  auto governorates = ReadFeatures(dir + "/governorates.geojson", "pcode");
  if (!governorates) return std::move(governorates).error();
  auto rules_text = ReadFile(dir + "/coordination_rules.json");
  if (!rules_text) return std::move(rules_text).error();
  auto rules = ParseRules(*rules_text);
  if (!rules) {
    Error e = rules.error();
    e.message = dir + "/coordination_rules.json: " + e.message;
    return e;
  }
  return std::shared_ptr<const Geography>(std::make_shared<Geography>(
      geo::AreaIndex(*oslo), geo::AreaIndex(*governorates), std::move(*rules)));
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
