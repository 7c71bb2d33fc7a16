#include "domain/returns/handover_points.hpp"

#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "domain/json.hpp"
#include "geo/geojson.hpp"

namespace liaison::returns {
namespace {

constexpr std::string_view kClosuresFile = "closures_ocha_hdx_2022.geojson";
constexpr std::string_view kLiaisonPointsFile = "liaison_points.geojson";
constexpr size_t kMaxIdChars = 64;
constexpr StringRule kNameRule{1, 400};

// The features of a FeatureCollection, or an error naming what is wrong.
Result<const json::array*> Features(const json::value& doc) {
  const json::object* root = doc.if_object();
  if (root == nullptr || JsonString(*root, "type") != "FeatureCollection") {
    return Error::Invalid("/type", "the file must be a GeoJSON FeatureCollection");
  }
  const json::value* features = root->if_contains("features");
  if (features == nullptr || !features->is_array()) {
    return Error::Invalid("/features", "features must be an array");
  }
  return &features->get_array();
}

Result<json::value> ParseDocument(std::string_view text) {
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec) return Error::Invalid("", "not valid JSON: " + ec.message());
  return doc;
}

// The feature's point; `pointer` names the feature.
Result<geo::LonLat> PointOf(const json::object& f, const std::string& pointer) {
  const json::value* g = f.if_contains("geometry");
  if (g == nullptr) return Error::Invalid(pointer + "/geometry", "geometry is required");
  auto geometry = geo::ParseGeometry(*g, pointer + "/geometry");
  if (!geometry) return std::move(geometry).error();
  if (geometry->kind != geo::GeometryKind::kPoint) {
    return Error::Invalid(pointer + "/geometry", "a handover point must be a GeoJSON Point");
  }
  return geometry->parts.front().front();
}

Result<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Unavailable("cannot read " + path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Error InFile(Error e, const std::filesystem::path& path) {
  e.message = path.string() + (e.field.empty() ? "" : " " + e.field) + ": " + e.message;
  return e;
}

}  // namespace

HandoverPoints::HandoverPoints(std::vector<HandoverPoint> points) : points_(std::move(points)) {
  for (size_t i = 0; i < points_.size(); ++i) index_.emplace(points_[i].id, i);
}

const HandoverPoint* HandoverPoints::Find(std::string_view id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &points_[it->second];
}

std::string Slug(std::string_view name) {
  std::string out;
  bool gap = false;
  for (char ch : name) {
    const char c = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (gap && !out.empty()) out += '-';
      gap = false;
      out += c;
    } else {
      gap = true;
    }
  }
  return out;
}

Result<std::vector<HandoverPoint>> ParseCheckpoints(std::string_view geojson) {
  auto doc = ParseDocument(geojson);
  if (!doc) return std::move(doc).error();
  auto features = Features(*doc);
  if (!features) return std::move(features).error();
  std::vector<HandoverPoint> out;
  std::set<std::string> ids;
  size_t i = 0;
  for (const json::value& fv : **features) {
    const std::string pointer = "/features/" + std::to_string(i++);
    const json::object* f = fv.if_object();
    if (f == nullptr) return Error::Invalid(pointer, "a feature must be an object");
    const json::value* pv = f->if_contains("properties");
    const json::object* props = pv == nullptr ? nullptr : pv->if_object();
    if (props == nullptr || JsonString(*props, "type") != "checkpoint") continue;
    auto at = PointOf(*f, pointer);
    if (!at) return std::move(at).error();
    HandoverPoint p;
    p.kind = "checkpoint";
    p.name = JsonString(*props, "name");
    if (p.name.empty()) {
      return Error::Invalid(pointer + "/properties/name", "a checkpoint needs its name");
    }
    p.governorate = JsonString(*props, "governorate_en");
    p.location = *at;
    std::string slug = Slug(p.name);
    if (slug.empty()) slug = "checkpoint";
    // Names repeat in the source: the first keeps the plain id.
    std::string id = "cp-" + slug;
    for (int n = 2; ids.count(id); ++n) id = "cp-" + slug + "-" + std::to_string(n);
    ids.insert(id);
    p.id = std::move(id);
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::vector<HandoverPoint>> ParseLiaisonPoints(std::string_view geojson) {
  auto doc = ParseDocument(geojson);
  if (!doc) return std::move(doc).error();
  auto features = Features(*doc);
  if (!features) return std::move(features).error();
  std::vector<HandoverPoint> out;
  std::set<std::string> ids;
  size_t i = 0;
  for (const json::value& fv : **features) {
    const std::string pointer = "/features/" + std::to_string(i++);
    const json::object* f = fv.if_object();
    if (f == nullptr) return Error::Invalid(pointer, "a feature must be an object");
    const json::value* pv = f->if_contains("properties");
    if (pv == nullptr || !pv->is_object()) {
      return Error::Invalid(pointer + "/properties", "a liaison point needs its properties");
    }
    const json::object& props = pv->get_object();
    const std::string ptr = pointer + "/properties";
    auto id = RequireString(props, "id", {1, kMaxIdChars});
    if (!id) return Nested(id.error(), ptr);
    bool well_formed = id->starts_with("lp-") && id->size() > 3 && id->back() != '-';
    for (char c : *id) {
      well_formed = well_formed && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
    }
    if (!well_formed) {
      return Error::Invalid(ptr + "/id", "a liaison point's id is lp- followed by a-z, 0-9 and -");
    }
    if (!ids.insert(*id).second) return Error::Invalid(ptr + "/id", "repeated id " + *id);
    HandoverPoint p;
    p.id = *id;
    p.kind = "liaison_point";
    auto name = RequireString(props, "name", kNameRule);
    if (!name) return Nested(name.error(), ptr);
    p.name = std::move(*name);
    for (auto [key, field] : {std::pair{"name_ar", &p.name_ar}, std::pair{"name_he", &p.name_he},
                              std::pair{"governorate", &p.governorate}}) {
      auto v = OptionalString(props, key, kNameRule);
      if (!v) return Nested(v.error(), ptr);
      *field = v->value_or("");
    }
    auto at = PointOf(*f, pointer);
    if (!at) return std::move(at).error();
    p.location = *at;
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::shared_ptr<const HandoverPoints>> LoadHandoverPoints(const std::string& dir) {
  const std::filesystem::path closures = std::filesystem::path(dir) / kClosuresFile;
  auto text = ReadFile(closures);
  if (!text) return std::move(text).error();
  auto points = ParseCheckpoints(*text);
  if (!points) return InFile(points.error(), closures);
  const std::filesystem::path liaison = std::filesystem::path(dir) / kLiaisonPointsFile;
  std::error_code ec;
  if (std::filesystem::exists(liaison, ec)) {
    auto ltext = ReadFile(liaison);
    if (!ltext) return std::move(ltext).error();
    auto lps = ParseLiaisonPoints(*ltext);
    if (!lps) return InFile(lps.error(), liaison);
    for (HandoverPoint& p : *lps) points->push_back(std::move(p));
  }
  return std::shared_ptr<const HandoverPoints>(
      std::make_shared<HandoverPoints>(std::move(*points)));
}

}  // namespace liaison::returns
