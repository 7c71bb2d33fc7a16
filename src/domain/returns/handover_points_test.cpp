#include "domain/returns/handover_points.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace liaison::returns {
namespace {

TEST(HandoverPointsTest, Slugs) {
  EXPECT_EQ(Slug("Barta'a (Reihan)"), "barta-a-reihan");
  EXPECT_EQ(Slug("  Qalandiya  "), "qalandiya");
  EXPECT_EQ(Slug("Givat Ha\xE2\x80\x99"
                 "avout CP"),
            "givat-ha-avout-cp");
  EXPECT_EQ(Slug("Gilo CP 300"), "gilo-cp-300");
  EXPECT_EQ(Slug("حاجز"), "");
}

constexpr const char* kClosures = R"json({"type": "FeatureCollection", "features": [
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [35.1, 32.4]},
   "properties": {"name": "Barta'a (Reihan)", "type": "checkpoint", "governorate_en": "Jenin"}},
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [35.2, 32.0]},
   "properties": {"name": "Some gate", "type": "road gate"}},
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [35.3, 31.9]},
   "properties": {"name": "Barta'a Reihan", "type": "checkpoint"}},
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [35.4, 31.8]},
   "properties": {"name": "barta a reihan", "type": "checkpoint"}}]})json";

TEST(HandoverPointsTest, CheckpointsWithDeterministicIds) {
  auto points = ParseCheckpoints(kClosures);
  ASSERT_TRUE(points.ok()) << points.error().message;
  ASSERT_EQ(points->size(), 3u);  // the road gate is not a checkpoint
  EXPECT_EQ((*points)[0].id, "cp-barta-a-reihan");
  EXPECT_EQ((*points)[0].governorate, "Jenin");
  EXPECT_EQ((*points)[0].kind, "checkpoint");
  EXPECT_DOUBLE_EQ((*points)[0].location.lon, 35.1);
  EXPECT_EQ((*points)[1].id, "cp-barta-a-reihan-2");
  EXPECT_EQ((*points)[1].governorate, "");
  EXPECT_EQ((*points)[2].id, "cp-barta-a-reihan-3");
}

TEST(HandoverPointsTest, BadCheckpointFilesNameTheFeature) {
  auto line = ParseCheckpoints(R"json({"type": "FeatureCollection", "features": [
    {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[35, 32], [35.1, 32]]},
     "properties": {"name": "X", "type": "checkpoint"}}]})json");
  ASSERT_FALSE(line.ok());
  EXPECT_EQ(line.error().field, "/features/0/geometry");
  EXPECT_FALSE(ParseCheckpoints("[]").ok());
  EXPECT_FALSE(ParseCheckpoints("{").ok());
}

TEST(HandoverPointsTest, LiaisonPoints) {
  auto points = ParseLiaisonPoints(R"json({"type": "FeatureCollection", "features": [
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [35.2, 31.9]},
     "properties": {"id": "lp-ramallah-dcl", "name": "Ramallah DCL", "name_ar": "ارتباط رام الله",
                    "governorate": "Ramallah"}}]})json");
  ASSERT_TRUE(points.ok()) << points.error().message;
  ASSERT_EQ(points->size(), 1u);
  EXPECT_EQ((*points)[0].id, "lp-ramallah-dcl");
  EXPECT_EQ((*points)[0].kind, "liaison_point");
  EXPECT_EQ((*points)[0].name_he, "");
  EXPECT_EQ((*points)[0].governorate, "Ramallah");

  EXPECT_TRUE(
      ParseLiaisonPoints(R"json({"type": "FeatureCollection", "features": []})json")->empty());
  struct Bad {
    const char* properties;
    const char* field;
  };
  const Bad bad[] = {
      {R"json({"name": "No id"})json", "/features/0/properties/id"},
      {R"json({"id": "cp-x", "name": "Wrong prefix"})json", "/features/0/properties/id"},
      {R"json({"id": "lp-Upper", "name": "Upper case"})json", "/features/0/properties/id"},
      {R"json({"id": "lp-x"})json", "/features/0/properties/name"},
      {R"json({"id": "lp-x", "name": "X", "name_he": 5})json", "/features/0/properties/name_he"},
  };
  for (const Bad& b : bad) {
    const std::string doc =
        std::string(R"({"type": "FeatureCollection", "features": [{"type": "Feature", )") +
        R"("geometry": {"type": "Point", "coordinates": [35, 32]}, "properties": )" + b.properties +
        "}]}";
    auto r = ParseLiaisonPoints(doc);
    ASSERT_FALSE(r.ok()) << b.properties;
    EXPECT_EQ(r.error().field, b.field) << b.properties;
  }
  auto repeated = ParseLiaisonPoints(R"json({"type": "FeatureCollection", "features": [
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [35, 32]},
     "properties": {"id": "lp-a", "name": "A"}},
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [35, 32]},
     "properties": {"id": "lp-a", "name": "A again"}}]})json");
  ASSERT_FALSE(repeated.ok());
  EXPECT_EQ(repeated.error().field, "/features/1/properties/id");
}

TEST(HandoverPointsTest, TheShippedDataWithoutLiaisonPointsFile) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("returns_points_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(
      std::filesystem::path(LIAISON_SOURCE_DIR) / "data" / "closures_ocha_hdx_2022.geojson",
      dir / "closures_ocha_hdx_2022.geojson", std::filesystem::copy_options::overwrite_existing);
  auto loaded = LoadHandoverPoints(dir.string());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  const HandoverPoints& points = **loaded;
  EXPECT_EQ(points.all().size(), 77u);  // the closures layer's checkpoints
  const HandoverPoint* reihan = points.Find("cp-barta-a-reihan");
  ASSERT_NE(reihan, nullptr);
  EXPECT_EQ(reihan->governorate, "Jenin");
  EXPECT_EQ(points.Find("lp-nowhere"), nullptr);

  // A deployment's own liaison points come after the checkpoints.
  std::ofstream(dir / "liaison_points.geojson")
      << R"json({"type": "FeatureCollection", "features": [
    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [35.2, 31.9]},
     "properties": {"id": "lp-test", "name": "Test point"}}]})json";
  auto with_lp = LoadHandoverPoints(dir.string());
  ASSERT_TRUE(with_lp.ok()) << with_lp.error().message;
  EXPECT_EQ((*with_lp)->all().size(), 78u);
  EXPECT_EQ((*with_lp)->all().back().id, "lp-test");
  // A broken one stops the load, naming the file.
  std::ofstream(dir / "liaison_points.geojson") << "{";
  auto broken = LoadHandoverPoints(dir.string());
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.error().message.find("liaison_points.geojson"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(HandoverPointsTest, TheShippedLiaisonPointsFileIsValid) {
  // data/liaison_points.geojson ships empty, in the documented shape.
  auto loaded = LoadHandoverPoints(std::string(LIAISON_SOURCE_DIR) + "/data");
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_GE((*loaded)->all().size(), 77u);
}

}  // namespace
}  // namespace liaison::returns
