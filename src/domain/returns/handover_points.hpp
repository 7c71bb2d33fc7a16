// Handover points: where a person can be handed over (docs/returns.md,
// "Handover points"). The checkpoints of the closures layer
// (closures_ocha_hdx_2022.geojson, features of type "checkpoint") and the
// liaison points a deployment enters itself (liaison_points.geojson; the
// shared data has no liaison office locations). See data/README.md for both
// files' shapes.
//
// Loaded once at start; immutable afterwards and thread-safe.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "geo/geometry.hpp"

namespace liaison::returns {

struct HandoverPoint {
  std::string id;    // "cp-<slug of the name>" or "lp-..."
  std::string kind;  // "checkpoint" | "liaison_point"
  std::string name;
  std::string name_ar, name_he;  // empty when not known
  std::string governorate;       // the governorate's English name; empty when not known
  geo::LonLat location;
};

class HandoverPoints {
 public:
  // REQUIRES: ids are unique.
  explicit HandoverPoints(std::vector<HandoverPoint> points);

  // nullptr when there is no such point.
  const HandoverPoint* Find(std::string_view id) const;
  // Checkpoints first, then liaison points, each in their file's order.
  const std::vector<HandoverPoint>& all() const { return points_; }

 private:
  std::vector<HandoverPoint> points_;
  std::map<std::string, size_t, std::less<>> index_;
};

// "Barta'a (Reihan)" → "barta-a-reihan": lower-case ASCII letters and digits,
// every other run of bytes one '-', none at either end.
std::string Slug(std::string_view name);

// The checkpoints of a closures FeatureCollection: Point features whose
// properties.type is "checkpoint", with ids "cp-<slug of properties.name>";
// a repeated id gets "-2", "-3", ... in file order. Errors name the feature.
Result<std::vector<HandoverPoint>> ParseCheckpoints(std::string_view geojson);

// A deployment's liaison points: a FeatureCollection of Point features with
// properties "id" ("lp-" and then a-z, 0-9, '-'), "name", and optional
// "name_ar", "name_he", "governorate". Errors name the member at fault.
Result<std::vector<HandoverPoint>> ParseLiaisonPoints(std::string_view geojson);

// Reads closures_ocha_hdx_2022.geojson and liaison_points.geojson from `dir`;
// a missing liaison_points.geojson holds no points.
Result<std::shared_ptr<const HandoverPoints>> LoadHandoverPoints(const std::string& dir);

}  // namespace liaison::returns
