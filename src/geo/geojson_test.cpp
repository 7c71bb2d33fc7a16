#include "geo/geojson.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <string>

namespace liaison::geo {
namespace {

namespace json = boost::json;

constexpr std::string_view kPrefix = "/footprint/geometry";

Result<Geometry> Parse(std::string_view text) { return ParseGeometry(json::parse(text), kPrefix); }

std::string ReadDataFile(const std::string& name) {
  std::ifstream in(std::string(LIAISON_SOURCE_DIR) + "/data/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ParseGeometryTest, Point) {
  auto g = Parse(R"({"type": "Point", "coordinates": [35.295, 32.461]})");
  ASSERT_TRUE(g.ok()) << g.error().field << ": " << g.error().message;
  EXPECT_EQ(g->kind, GeometryKind::kPoint);
  ASSERT_EQ(g->parts.size(), 1u);
  ASSERT_EQ(g->parts[0].size(), 1u);
  EXPECT_EQ(g->parts[0][0], (LonLat{35.295, 32.461}));
}

TEST(ParseGeometryTest, AltitudeIsIgnoredAndIntegersAreNumbers) {
  auto g = Parse(R"({"type": "Point", "coordinates": [35, -32, 812.5]})");
  ASSERT_TRUE(g.ok()) << g.error().message;
  EXPECT_EQ(g->parts[0][0], (LonLat{35.0, -32.0}));
}

TEST(ParseGeometryTest, LineString) {
  auto g = Parse(R"({"type": "LineString", "coordinates": [[35.29, 32.46], [35.36, 32.32, 5]]})");
  ASSERT_TRUE(g.ok()) << g.error().message;
  EXPECT_EQ(g->kind, GeometryKind::kLineString);
  ASSERT_EQ(g->parts.size(), 1u);
  EXPECT_EQ(g->parts[0], (std::vector<LonLat>{{35.29, 32.46}, {35.36, 32.32}}));
}

TEST(ParseGeometryTest, PolygonWithHoleAndForeignMembers) {
  auto g = Parse(R"({"type": "Polygon", "bbox": [0, 0, 4, 4], "title": "x",
                     "coordinates": [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
                                     [[1, 1], [1, 2], [2, 2], [1, 1]]]})");
  ASSERT_TRUE(g.ok()) << g.error().message;
  EXPECT_EQ(g->kind, GeometryKind::kPolygon);
  ASSERT_EQ(g->parts.size(), 2u);
  EXPECT_EQ(g->parts[0].size(), 5u);
  EXPECT_EQ(g->parts[1], (std::vector<LonLat>{{1, 1}, {1, 2}, {2, 2}, {1, 1}}));
}

TEST(ParseGeometryTest, ExtremeValidCoordinates) {
  EXPECT_TRUE(Parse(R"({"type": "Point", "coordinates": [-180, -90]})").ok());
  EXPECT_TRUE(Parse(R"({"type": "Point", "coordinates": [180, 90]})").ok());
}

TEST(ParseGeometryTest, ErrorsNameTheMemberAtFault) {
  struct Case {
    const char* name;
    const char* body;
    std::string field;  // after kPrefix
  };
  const Case cases[] = {
      {"not an object", R"([35, 32])", ""},
      {"no type", R"({"coordinates": [35, 32]})", "/type"},
      {"type not a string", R"({"type": 1, "coordinates": [35, 32]})", "/type"},
      {"MultiPoint", R"({"type": "MultiPoint", "coordinates": [[35, 32]]})", "/type"},
      {"MultiPolygon", R"({"type": "MultiPolygon", "coordinates": []})", "/type"},
      {"lower-case type", R"({"type": "point", "coordinates": [35, 32]})", "/type"},
      {"Feature", R"({"type": "Feature", "geometry": null})", "/type"},
      {"no coordinates", R"({"type": "Point"})", "/coordinates"},
      {"coordinates not an array", R"({"type": "Point", "coordinates": "35,32"})", "/coordinates"},
      {"one number", R"({"type": "Point", "coordinates": [35]})", "/coordinates"},
      {"empty position", R"({"type": "Point", "coordinates": []})", "/coordinates"},
      {"four numbers", R"({"type": "Point", "coordinates": [35, 32, 1, 2]})", "/coordinates"},
      {"string longitude", R"({"type": "Point", "coordinates": ["35", 32]})", "/coordinates/0"},
      {"null latitude", R"({"type": "Point", "coordinates": [35, null]})", "/coordinates/1"},
      {"string altitude", R"({"type": "Point", "coordinates": [35, 32, "x"]})", "/coordinates/2"},
      {"infinite latitude", R"({"type": "Point", "coordinates": [35, 1e999]})", "/coordinates/1"},
      {"infinite altitude", R"({"type": "Point", "coordinates": [35, 32, -1e999]})",
       "/coordinates/2"},
      {"longitude > 180", R"({"type": "Point", "coordinates": [180.0001, 32]})", "/coordinates/0"},
      {"longitude < -180", R"({"type": "Point", "coordinates": [-181, 32]})", "/coordinates/0"},
      {"latitude > 90", R"({"type": "Point", "coordinates": [35, 90.5]})", "/coordinates/1"},
      {"latitude < -90", R"({"type": "Point", "coordinates": [35, -91]})", "/coordinates/1"},
      {"swapped lat/lon out of range", R"({"type": "Point", "coordinates": [32, 135]})",
       "/coordinates/1"},
      {"line of one position", R"({"type": "LineString", "coordinates": [[35, 32]]})",
       "/coordinates"},
      {"empty line", R"({"type": "LineString", "coordinates": []})", "/coordinates"},
      {"line of numbers", R"({"type": "LineString", "coordinates": [35, 32]})", "/coordinates/0"},
      {"bad latitude in a line",
       R"({"type": "LineString", "coordinates": [[35, 32], [35, 32.1], [35, true]]})",
       "/coordinates/2/1"},
      {"fourth position not an array",
       R"({"type": "LineString", "coordinates": [[35, 32], [35, 32.1], [35, 32.2], 5]})",
       "/coordinates/3"},
      {"polygon without rings", R"({"type": "Polygon", "coordinates": []})", "/coordinates"},
      {"ring not an array", R"({"type": "Polygon", "coordinates": [5]})", "/coordinates/0"},
      {"ring of three", R"({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]})",
       "/coordinates/0"},
      {"ring not closed",
       R"({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]})",
       "/coordinates/0/3"},
      {"hole not closed",
       R"({"type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 4], [0, 0]],
                                              [[1, 1], [2, 1], [2, 2], [1, 2]]]})",
       "/coordinates/1/3"},
      {"bad longitude in a hole",
       R"({"type": "Polygon", "coordinates": [[[0, 0], [4, 0], [4, 4], [0, 0]],
                                              [[1, 1], [2, 1], [200, 2], [1, 1]]]})",
       "/coordinates/1/2/0"},
  };
  for (const Case& c : cases) {
    auto g = Parse(c.body);
    ASSERT_FALSE(g.ok()) << c.name;
    EXPECT_EQ(g.error().code, ErrorCode::kInvalidArgument) << c.name;
    EXPECT_EQ(g.error().field, std::string(kPrefix) + c.field) << c.name;
    EXPECT_FALSE(g.error().message.empty()) << c.name;
  }
}

TEST(ParseGeometryTest, NanBuiltInMemoryIsRejected) {
  json::object o{{"type", "Point"},
                 {"coordinates", json::array{std::numeric_limits<double>::quiet_NaN(), 32.0}}};
  auto g = ParseGeometry(o, "");
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.error().field, "/coordinates/0");
}

json::array Positions(size_t n, double lat) {
  json::array a;
  for (size_t i = 0; i < n; ++i) a.push_back(json::array{35.0 + 1e-5 * double(i), lat});
  return a;
}

TEST(ParseGeometryTest, AtMostTenThousandPositionsInAll) {
  json::object line{{"type", "LineString"}, {"coordinates", Positions(10000, 32.0)}};
  EXPECT_TRUE(ParseGeometry(line, "").ok());
  line["coordinates"] = Positions(10001, 32.0);
  auto too_long = ParseGeometry(line, "/g");
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().field, "/g/coordinates/10000");

  // Counted over every ring of a polygon: 9000 + 1001 positions.
  json::array outer = Positions(8999, 32.0);
  outer.push_back(outer.front());
  json::array hole = Positions(1000, 32.5);
  hole.push_back(hole.front());
  json::object polygon{{"type", "Polygon"}, {"coordinates", json::array{outer, hole}}};
  auto too_big = ParseGeometry(polygon, "");
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.error().field, "/coordinates/1/1000");
  EXPECT_NE(too_big.error().message.find("10000"), std::string::npos);
}

TEST(GeometryToJsonTest, EncodesEachKind) {
  EXPECT_EQ(json::serialize(GeometryToJson(Geometry{GeometryKind::kPoint, {{{35.5, 32.25}}}})),
            R"({"type":"Point","coordinates":[3.55E1,3.225E1]})");
  EXPECT_EQ(json::serialize(
                GeometryToJson(Geometry{GeometryKind::kLineString, {{{1.5, 2.5}, {3.5, 4.5}}}})),
            R"({"type":"LineString","coordinates":[[1.5E0,2.5E0],[3.5E0,4.5E0]]})");
  EXPECT_EQ(json::serialize(GeometryToJson(
                Geometry{GeometryKind::kPolygon, {{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}})),
            R"({"type":"Polygon","coordinates":[[[0E0,0E0],[1E0,0E0],[1E0,1E0],[0E0,0E0]]]})");
}

TEST(GeometryToJsonTest, RoundTrips) {
  const char* bodies[] = {
      R"({"type": "Point", "coordinates": [35.2954321, 32.4619876]})",
      R"({"type": "LineString", "coordinates": [[35.29, 32.46], [35.3, 32.4], [35.36, 32.32]]})",
      R"({"type": "Polygon", "coordinates": [[[35.0, 32.0], [35.1, 32.0], [35.1, 32.1], [35.0, 32.0]],
                                              [[35.02, 32.02], [35.05, 32.02], [35.05, 32.05],
                                               [35.02, 32.02]]]})",
  };
  for (const char* body : bodies) {
    auto g = Parse(body);
    ASSERT_TRUE(g.ok()) << body;
    auto again = ParseGeometry(GeometryToJson(*g), "");
    ASSERT_TRUE(again.ok()) << body;
    EXPECT_EQ(*again, *g) << body;
    // And the encoding is the GeoJSON we started from.
    EXPECT_EQ(json::value(GeometryToJson(*g)), json::parse(body)) << body;
  }
}

constexpr std::string_view kLayer = R"({
  "type": "FeatureCollection",
  "features": [
    {"type": "Feature", "properties": {"pcode": "P1", "name": "one"},
     "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}},
    {"type": "Feature", "properties": {"pcode": "P2"},
     "geometry": {"type": "MultiPolygon", "coordinates": [
       [[[2, 2], [3, 2], [3, 3], [2, 2]]],
       [[[5, 5], [9, 5], [9, 9], [5, 9], [5, 5]], [[6, 6], [7, 6], [7, 7], [6, 6]]]]}}
  ]})";

TEST(ParseFeatureCollectionTest, ReadsPolygonsAndMultiPolygons) {
  auto features = ParseFeatureCollection(kLayer, "pcode");
  ASSERT_TRUE(features.ok()) << features.error().field << ": " << features.error().message;
  ASSERT_EQ(features->size(), 2u);
  EXPECT_EQ((*features)[0].key, "P1");
  ASSERT_EQ((*features)[0].polygons.size(), 1u);
  EXPECT_EQ((*features)[0].polygons[0][0][1], (LonLat{1, 0}));
  EXPECT_EQ((*features)[1].key, "P2");
  ASSERT_EQ((*features)[1].polygons.size(), 2u);
  EXPECT_EQ((*features)[1].polygons[1].size(), 2u);  // outer ring and hole
  EXPECT_EQ((*features)[1].polygons[1][1][2], (LonLat{7, 7}));
}

TEST(ParseFeatureCollectionTest, ErrorsNameTheMemberAtFault) {
  struct Case {
    const char* name;
    std::string text;
    std::string property;
    std::string field;
  };
  const std::string ok_geometry =
      R"({"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]})";
  auto layer = [&](const std::string& feature) {
    return R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties":
              {"pcode": "P1"}, "geometry": )" +
           ok_geometry + "}, " + feature + "]}";
  };
  const Case cases[] = {
      {"not JSON", "{\"type\": ", "pcode", ""},
      {"an array", "[]", "pcode", ""},
      {"a Feature", R"({"type": "Feature"})", "pcode", "/type"},
      {"no features", R"({"type": "FeatureCollection"})", "pcode", "/features"},
      {"feature not an object", layer("7"), "pcode", "/features/1"},
      {"property missing", layer(R"({"properties": {}, "geometry": )" + ok_geometry + "}"), "pcode",
       "/features/1/properties/pcode"},
      {"no properties", layer(R"({"geometry": )" + ok_geometry + "}"), "pcode",
       "/features/1/properties/pcode"},
      {"property not a string",
       layer(R"({"properties": {"pcode": 101}, "geometry": )" + ok_geometry + "}"), "pcode",
       "/features/1/properties/pcode"},
      {"property name escaped", layer(R"({"properties": {}, "geometry": )" + ok_geometry + "}"),
       "a/b~c", "/features/0/properties/a~1b~0c"},
      {"no geometry", layer(R"({"properties": {"pcode": "P2"}})"), "pcode", "/features/1/geometry"},
      {"a Point feature",
       layer(
           R"({"properties": {"pcode": "P2"}, "geometry": {"type": "Point", "coordinates": [1, 2]}})"),
       "pcode", "/features/1/geometry/type"},
      {"bad latitude in a MultiPolygon hole",
       layer(R"({"properties": {"pcode": "P2"}, "geometry": {"type": "MultiPolygon", "coordinates":
               [[[[0,0],[1,0],[1,1],[0,0]]], [[[0,0],[4,0],[4,4],[0,0]], [[1,1],[2,1],[2,95],[1,1]]]]}})"),
       "pcode", "/features/1/geometry/coordinates/1/1/2/1"},
  };
  for (const Case& c : cases) {
    auto features = ParseFeatureCollection(c.text, c.property);
    ASSERT_FALSE(features.ok()) << c.name;
    EXPECT_EQ(features.error().code, ErrorCode::kInvalidArgument) << c.name;
    EXPECT_EQ(features.error().field, c.field) << c.name;
  }
}

TEST(ParseFeatureCollectionTest, ReadsTheShippedOsloLayer) {
  auto features = ParseFeatureCollection(ReadDataFile("oslo_areas.geojson"), "oslo_class");
  ASSERT_TRUE(features.ok()) << features.error().field << ": " << features.error().message;
  std::set<std::string> keys;
  size_t positions = 0;
  for (const Feature& f : *features) {
    keys.insert(f.key);
    for (const auto& polygon : f.polygons) {
      for (const auto& ring : polygon) positions += ring.size();
    }
  }
  // The classes listed in data/README.md.
  EXPECT_EQ(keys, (std::set<std::string>{"A", "B", "C", "H1", "H2", "Nature Reserve",
                                         "Israeli Declared East Jerusalem", "No Man's Land"}));
  EXPECT_EQ(features->size(), 8u);
  // More than a footprint may hold: the layer loader has no position limit.
  EXPECT_GT(positions, kMaxGeometryPositions);
}

TEST(ParseFeatureCollectionTest, ReadsTheShippedGovernorates) {
  auto features = ParseFeatureCollection(ReadDataFile("governorates.geojson"), "pcode");
  ASSERT_TRUE(features.ok()) << features.error().field << ": " << features.error().message;
  EXPECT_EQ(features->size(), 16u);  // 11 West Bank and 5 Gaza governorates
  const bool has_jenin = std::any_of(features->begin(), features->end(),
                                     [](const Feature& f) { return f.key == "PS0101"; });
  EXPECT_TRUE(has_jenin);
}

}  // namespace
}  // namespace liaison::geo
