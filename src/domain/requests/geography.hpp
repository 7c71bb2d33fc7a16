// Geography: what the server knows about the ground a request covers. The
// Oslo areas and the governorates as area indexes, and the coordination
// rules, loaded once from the data directory at start. Immutable after
// Load; thread-safe.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "domain/requests/rules.hpp"
#include "geo/area_index.hpp"
#include "geo/geometry.hpp"

namespace liaison::requests {

// Where a footprint lies.
struct Placement {
  std::vector<std::string> areas;      // Oslo area codes (A, B, C, H1, H2, EJ, NML), sorted
  bool outside = false;                // a vertex lies outside every Oslo area
  std::vector<std::string> districts;  // governorate P-codes touched, sorted
  std::string district;                // the governorate of the first vertex, if any
};

// A governorate's P-code and names (the properties of governorates.geojson).
struct District {
  std::string pcode, name_en, name_ar, name_he;
};

class Geography {
 public:
  Geography(geo::AreaIndex oslo, geo::AreaIndex governorates, RuleSet rules,
            std::vector<District> districts = {})
      : oslo_(std::move(oslo)),
        governorates_(std::move(governorates)),
        rules_(std::move(rules)),
        districts_(std::move(districts)) {}

  // Reads oslo_areas.geojson, governorates.geojson and
  // coordination_rules.json from `dir`.
  static Result<std::shared_ptr<const Geography>> Load(const std::string& dir);

  Placement Place(const geo::Geometry& g, double buffer_m) const;
  const RuleSet& rules() const { return rules_; }
  // The governorates in file order; FindDistrict is null for an unknown P-code.
  const std::vector<District>& districts() const { return districts_; }
  const District* FindDistrict(std::string_view pcode) const;

 private:
  geo::AreaIndex oslo_;
  geo::AreaIndex governorates_;
  RuleSet rules_;
  std::vector<District> districts_;
};

}  // namespace liaison::requests
