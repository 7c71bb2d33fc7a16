#include "geo/validity.hpp"

#include <gtest/gtest.h>

namespace liaison::geo {
namespace {

Geometry Polygon(std::vector<std::vector<LonLat>> rings) {
  return Geometry{GeometryKind::kPolygon, std::move(rings)};
}

TEST(ValidityTest, PolygonsThatMeanWhatTheySay) {
  const std::vector<LonLat> square = {
      {35.0, 32.0}, {35.1, 32.0}, {35.1, 32.1}, {35.0, 32.1}, {35.0, 32.0}};
  const std::vector<LonLat> reversed(square.rbegin(), square.rend());
  const std::vector<LonLat> hole = {
      {35.02, 32.02}, {35.05, 32.02}, {35.05, 32.05}, {35.02, 32.05}, {35.02, 32.02}};
  EXPECT_TRUE(CheckValid(Polygon({square}), "/g").ok());
  EXPECT_TRUE(CheckValid(Polygon({reversed}), "/g").ok()) << "orientation is not held against it";
  EXPECT_TRUE(CheckValid(Polygon({square, hole}), "/g").ok());
  std::vector<LonLat> repeated = square;
  repeated.insert(repeated.begin() + 1, repeated[1]);
  EXPECT_TRUE(CheckValid(Polygon({repeated}), "/g").ok()) << "a double click repeats a vertex";

  const std::vector<LonLat> bow_tie = {
      {35.0, 32.0}, {35.1, 32.1}, {35.1, 32.0}, {35.0, 32.1}, {35.0, 32.0}};
  const Status crossing = CheckValid(Polygon({bow_tie}), "/footprint/geometry");
  ASSERT_FALSE(crossing.ok());
  EXPECT_EQ(crossing.error().field, "/footprint/geometry");
  EXPECT_NE(crossing.error().message.find("cross"), std::string::npos);

  const std::vector<LonLat> outside = {
      {35.2, 32.2}, {35.3, 32.2}, {35.3, 32.3}, {35.2, 32.3}, {35.2, 32.2}};
  const Status hole_out = CheckValid(Polygon({square, outside}), "/g");
  ASSERT_FALSE(hole_out.ok());
  EXPECT_NE(hole_out.error().message.find("outside"), std::string::npos);

  EXPECT_TRUE(CheckValid(Geometry{GeometryKind::kLineString, {bow_tie}}, "/g").ok())
      << "a route may cross itself";
}

}  // namespace
}  // namespace liaison::geo
