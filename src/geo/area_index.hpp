// AreaIndex: which named areas of a polygon layer a geometry touches.
//
// Built once from the features of a layer (the Oslo areas, the governorates),
// then immutable. It answers, for a request footprint, the keys of the areas
// within a buffer of the geometry, and whether every vertex lies in some area.
//
// Measurements are made on a local plane in metres (LocalPlane in
// geometry.hpp) centred on the middle of the indexed areas' bounding box;
// across the West Bank the plane's distances are within 1 % of geodesic ones.
// Each polygon is indexed by its bounding box in an R-tree, so a query only
// measures the polygons whose box, grown by the buffer, meets the geometry's.
//
// Thread-safety: every const method may be called concurrently.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "geo/geometry.hpp"

namespace liaison::geo {

class AreaIndex {
 public:
  // Indexes every polygon of `features` under its feature's key. Several
  // features may share a key (e.g. after mapping "Nature Reserve" to "B");
  // they then answer as one area. Polygons are taken as given (outer ring
  // first, either orientation); a ring with fewer than 4 positions is skipped.
  explicit AreaIndex(const std::vector<Feature>& features);
  ~AreaIndex();

  AreaIndex(AreaIndex&&) noexcept;
  AreaIndex& operator=(AreaIndex&&) noexcept;
  AreaIndex(const AreaIndex&) = delete;
  AreaIndex& operator=(const AreaIndex&) = delete;

  // The keys, sorted and unique, of the areas within `buffer_m` metres of
  // `g`: an area touches when it intersects `g` (a point inside or on its
  // border, a line crossing it, a polygon overlapping or containing it) or
  // when its distance to `g` is at most `buffer_m`. A negative or NaN buffer
  // counts as 0.
  std::vector<std::string> Touching(const Geometry& g, double buffer_m) const;

  // True when every vertex of `g` lies inside, or on the border of, some
  // area. True for a geometry without positions.
  bool CoversAllVertices(const Geometry& g) const;

  // The number of features the index was built from.
  size_t size() const;

 private:
  struct Impl;
  std::unique_ptr<const Impl> impl_;  // never null, except in a moved-from index
};

}  // namespace liaison::geo
