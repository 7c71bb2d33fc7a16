#include "http/map_layers.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/bytes.hpp"

namespace liaison {
namespace {

struct Known {
  const char* id;
  const char* title;
  const char* kind;
  bool visible;
  const char* file;
};

constexpr Known kKnown[] = {
    {"oslo_areas", "Oslo areas", "polygon", true, "oslo_areas.geojson"},
    {"governorates", "Governorates", "polygon", true, "governorates.geojson"},
    {"localities", "Localities", "point", false, "localities_westbank.geojson"},
    {"checkpoints", "Checkpoints and closures", "point", true, "closures_ocha_hdx_2022.geojson"},
    {"barrier", "Barrier", "line", false, "barrier_ocha_2018.geojson"},
};

// FNV-1a: a cheap, stable validator for the ETag (not a security hash).
std::string Etag(const std::string& body) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : body) {
    h ^= c;
    h *= 1099511628211ull;
  }
  std::uint8_t bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<std::uint8_t>(h >> (56 - 8 * i));
  return "\"" + HexEncode(bytes, 8) + "\"";
}

}  // namespace

Result<MapLayers> MapLayers::Load(const std::string& dir) {
  MapLayers out;
  for (const Known& k : kKnown) {
    const std::filesystem::path p = std::filesystem::path(dir) / k.file;
    std::ifstream in(p, std::ios::binary);
    if (!in) continue;
    std::ostringstream ss;
    ss << in.rdbuf();
    MapLayer layer{k.id, k.title, k.kind, k.visible, k.file, ss.str(), {}};
    layer.etag = Etag(layer.body);
    out.layers_.push_back(std::move(layer));
  }
  return out;
}

const MapLayer* MapLayers::Find(std::string_view id) const {
  for (const auto& l : layers_) {
    if (l.id == id) return &l;
  }
  return nullptr;
}

}  // namespace liaison
