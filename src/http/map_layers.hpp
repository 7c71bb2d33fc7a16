// MapLayers: the GeoJSON layers the console draws, read once from the map
// directory at start (an operator replaces a file and restarts to update).
// Immutable after Load; thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace liaison {

struct MapLayer {
  std::string id;
  std::string title;
  std::string kind;  // polygon | line | point
  bool default_visible = true;
  std::string file;
  std::string body;  // the GeoJSON text
  std::string etag;
};

class MapLayers {
 public:
  // Loads the known layers present in `dir`; missing files are skipped.
  static Result<MapLayers> Load(const std::string& dir);
  const std::vector<MapLayer>& layers() const { return layers_; }
  const MapLayer* Find(std::string_view id) const;
  static constexpr std::string_view kAttribution =
      "Boundaries, Oslo areas, communities, closures and the Barrier: UN OCHA occupied Palestinian "
      "territory (HDX, CC BY-IGO 3.0). Natural Earth (public domain).";

 private:
  std::vector<MapLayer> layers_;
};

}  // namespace liaison
