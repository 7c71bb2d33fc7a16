#include "domain/returns/figures.hpp"

#include <gtest/gtest.h>

#include "core/time.hpp"

namespace liaison::returns {
namespace {

constexpr Micros kMinute = 60 * kMicrosPerSecond;

Micros At(const char* rfc3339) { return *ParseRfc3339(rfc3339); }

FigureRecord HandedOver(Micros reported, std::int64_t minutes, std::string district,
                        Stage stage = Stage::kHandedOver) {
  return FigureRecord{reported, reported + minutes * kMinute, stage, std::move(district)};
}

TEST(ReturnFiguresTest, NearestRankPercentilesInMinutes) {
  const Micros t = At("2026-11-21T08:00:00Z");
  // 10, 20, 30, 40, 100 minutes: p50 is the 3rd, p90 the 5th (ceil(4.5)).
  std::vector<FigureRecord> records = {HandedOver(t, 40, "PS0101"), HandedOver(t, 10, "PS0101"),
                                       HandedOver(t, 100, "PS0150", Stage::kClosed),
                                       HandedOver(t, 30, "PS0150"), HandedOver(t, 20, "")};
  // Not handed over yet: counted, without a time.
  records.push_back(FigureRecord{t, std::nullopt, Stage::kSecured, "PS0101"});
  const Figures f = Summarize(records);
  EXPECT_EQ(f.cases, 6);
  EXPECT_EQ(f.handed_over, 5);
  ASSERT_TRUE(f.p50_minutes && f.p90_minutes);
  EXPECT_DOUBLE_EQ(*f.p50_minutes, 30);
  EXPECT_DOUBLE_EQ(*f.p90_minutes, 100);
}

TEST(ReturnFiguresTest, TenSamples) {
  const Micros t = At("2026-01-01T00:00:00Z");
  std::vector<FigureRecord> records;
  for (int m = 10; m <= 100; m += 10) records.push_back(HandedOver(t, m, "PS0101"));
  const Figures f = Summarize(records);
  EXPECT_DOUBLE_EQ(*f.p50_minutes, 50);
  EXPECT_DOUBLE_EQ(*f.p90_minutes, 90);
}

TEST(ReturnFiguresTest, NoHandoverNoTimes) {
  const Figures none = Summarize({});
  EXPECT_EQ(none.cases, 0);
  EXPECT_FALSE(none.p50_minutes.has_value());
  EXPECT_FALSE(none.p90_minutes.has_value());
  EXPECT_TRUE(none.per_month.empty());
  const Figures open =
      Summarize({FigureRecord{At("2026-11-21T08:00:00Z"), std::nullopt, Stage::kReported, ""}});
  EXPECT_EQ(open.cases, 1);
  EXPECT_EQ(open.handed_over, 0);
  EXPECT_FALSE(open.p50_minutes.has_value());
}

TEST(ReturnFiguresTest, CountsPerMonthDistrictAndStage) {
  const std::vector<FigureRecord> records = {
      {At("2026-10-31T23:59:59Z"), std::nullopt, Stage::kReported, "PS0101"},
      {At("2026-11-01T00:00:00Z"), std::nullopt, Stage::kLocated, "PS0101"},
      {At("2026-11-30T12:00:00Z"), std::nullopt, Stage::kLocated, "PS0150"},
      {At("2027-01-02T00:00:00Z"), std::nullopt, Stage::kClosed, ""},
  };
  const Figures f = Summarize(records);
  EXPECT_EQ(f.per_month,
            (std::map<std::string, std::int64_t>{{"2026-10", 1}, {"2026-11", 2}, {"2027-01", 1}}));
  EXPECT_EQ(f.per_district,
            (std::map<std::string, std::int64_t>{{"", 1}, {"PS0101", 2}, {"PS0150", 1}}));
  EXPECT_EQ(f.per_stage[StageIndex(Stage::kReported)], 1);
  EXPECT_EQ(f.per_stage[StageIndex(Stage::kLocated)], 2);
  EXPECT_EQ(f.per_stage[StageIndex(Stage::kSecured)], 0);
  EXPECT_EQ(f.per_stage[StageIndex(Stage::kClosed)], 1);
  EXPECT_EQ(MonthOf(At("2026-12-31T23:59:59.999999Z")), "2026-12");
}

}  // namespace
}  // namespace liaison::returns
