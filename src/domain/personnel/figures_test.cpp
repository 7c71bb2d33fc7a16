#include "domain/personnel/figures.hpp"

#include <gtest/gtest.h>

namespace liaison::personnel {
namespace {

constexpr RetirementRules kRules{60, 35};

TEST(RetirementYearTest, AgeComesFirst) {
  // Born 1970: 60 in 2030. Joined 1998: 35 years in 2033.
  const RetirementYear r = RetirementYearOf(1970, 1998, kRules);
  EXPECT_EQ(r.year, 2030);
  EXPECT_EQ(r.reason, RetirementReason::kAge);
}

TEST(RetirementYearTest, ServiceComesFirst) {
  // Born 1975: 60 in 2035. Joined at 18 in 1993: 35 years in 2028.
  const RetirementYear r = RetirementYearOf(1975, 1993, kRules);
  EXPECT_EQ(r.year, 2028);
  EXPECT_EQ(r.reason, RetirementReason::kService);
}

TEST(RetirementYearTest, SameYearCountsAsAge) {
  // Born 1970 and joined at 25 in 1995: both rules fall in 2030.
  const RetirementYear r = RetirementYearOf(1970, 1995, kRules);
  EXPECT_EQ(r.year, 2030);
  EXPECT_EQ(r.reason, RetirementReason::kAge);
}

TEST(RetirementYearTest, RulesAreConfigurable) {
  const RetirementRules early{55, 30};
  EXPECT_EQ(RetirementYearOf(1970, 1998, early).year, 2025);  // 55 in 2025; 30 years in 2028
  EXPECT_EQ(RetirementYearOf(1980, 1990, early).year, 2020);  // 30 years in 2020
  EXPECT_EQ(RetirementYearOf(1980, 1990, early).reason, RetirementReason::kService);
}

TEST(RetirementYearTest, YearOfDate) {
  EXPECT_EQ(YearOfDate("1984-02-29"), 1984);
  EXPECT_EQ(YearOfDate("2031"), 2031);
  EXPECT_FALSE(YearOfDate("84-02-29").has_value());
  EXPECT_FALSE(YearOfDate("").has_value());
  EXPECT_FALSE(YearOfDate("-984-01-01").has_value());
  EXPECT_FALSE(YearOfDate("19x4-01-01").has_value());
}

TEST(RetirementForecastTest, BucketsYearsOverdueAndLater) {
  RetirementForecast f(2026, kRules);
  f.Add(1966, 2000, 0, 2);   // 60 in 2026: this year, by age, officers
  f.Add(1970, 1993, 1, 3);   // 35 years in 2028, by service, ncos
  f.Add(1960, 1990, 2, 5);   // 60 in 2020: overdue (2025 by service is also past)
  f.Add(1975, 1990, 2, 7);   // 35 years in 2025: overdue by service
  f.Add(1995, 2015, 0, 11);  // 60 in 2055, 35 years in 2050: after the forecast
  f.Add(1975, 2000, 2, 13);  // 60 in 2035: the forecast's last year
  EXPECT_EQ(f.overdue(), 12);
  EXPECT_EQ(f.overdue_by_band(), (BandCounts{0, 0, 12}));
  EXPECT_EQ(f.later(), 11);
  ASSERT_EQ(f.years().size(), static_cast<size_t>(kForecastYears));
  EXPECT_EQ(f.years().front().year, 2026);
  EXPECT_EQ(f.years().back().year, 2035);
  const auto& y2026 = f.years()[0];
  EXPECT_EQ(y2026.count, 2);
  EXPECT_EQ(y2026.by_age, 2);
  EXPECT_EQ(y2026.by_band, (BandCounts{2, 0, 0}));
  const auto& y2028 = f.years()[2];
  EXPECT_EQ(y2028.count, 3);
  EXPECT_EQ(y2028.by_service, 3);
  EXPECT_EQ(y2028.by_band, (BandCounts{0, 3, 0}));
  EXPECT_EQ(f.years()[9].count, 13);
  std::int64_t in_window = 0;
  for (const auto& y : f.years()) {
    in_window += y.count;
    EXPECT_EQ(y.count, y.by_age + y.by_service);
    EXPECT_EQ(y.count, Total(y.by_band));
  }
  EXPECT_EQ(in_window + f.overdue() + f.later(), 2 + 3 + 5 + 7 + 11 + 13);
}

TEST(RetirementForecastTest, UnknownBandCountsOnlyInTheTotal) {
  RetirementForecast f(2026, kRules);
  f.Add(1967, 2000, kBandCount, 4);  // 60 in 2027
  EXPECT_EQ(f.years()[1].count, 4);
  EXPECT_EQ(Total(f.years()[1].by_band), 0);
}

TEST(PyramidTest, SharesOfCounts) {
  const BandShares s = SharesOf(BandCounts{25, 25, 50});
  EXPECT_DOUBLE_EQ(s[0], 0.25);
  EXPECT_DOUBLE_EQ(s[1], 0.25);
  EXPECT_DOUBLE_EQ(s[2], 0.5);
  EXPECT_DOUBLE_EQ(s[0] + s[1] + s[2], 1.0);
}

TEST(PyramidTest, NoPersonsNoShares) {
  EXPECT_EQ(SharesOf(BandCounts{0, 0, 0}), (BandShares{0, 0, 0}));
  EXPECT_FALSE(PerOfficer(BandCounts{0, 4, 9}).has_value());
}

TEST(PyramidTest, TargetRatioAsShares) {
  const BandShares t = SharesOf(BandRatio{1, 3, 6});
  EXPECT_DOUBLE_EQ(t[0], 0.1);
  EXPECT_DOUBLE_EQ(t[1], 0.3);
  EXPECT_DOUBLE_EQ(t[2], 0.6);
  const BandShares u = SharesOf(BandRatio{1, 1, 2});
  EXPECT_DOUBLE_EQ(u[0], 0.25);
  EXPECT_DOUBLE_EQ(u[2], 0.5);
}

TEST(PyramidTest, PerOfficer) {
  const auto r = PerOfficer(BandCounts{20, 28, 42});
  ASSERT_TRUE(r.has_value());
  EXPECT_DOUBLE_EQ((*r)[0], 1.0);
  EXPECT_DOUBLE_EQ((*r)[1], 1.4);
  EXPECT_DOUBLE_EQ((*r)[2], 2.1);
}

TEST(PyramidTest, ParseTargetRatio) {
  auto r = ParseTargetRatio("1:3:6");
  ASSERT_TRUE(r.has_value());
  EXPECT_DOUBLE_EQ(r->officer, 1);
  EXPECT_DOUBLE_EQ(r->nco, 3);
  EXPECT_DOUBLE_EQ(r->enlisted, 6);
  r = ParseTargetRatio("1.5:2.25:10");
  ASSERT_TRUE(r.has_value());
  EXPECT_DOUBLE_EQ(r->officer, 1.5);
  EXPECT_DOUBLE_EQ(r->nco, 2.25);
  for (const char* bad : {"", "1:3", "1:3:6:9", "0:3:6", "1:-3:6", "1::6", "a:b:c", "1:3:6:",
                          ":1:3", "1e3:1:1", "1.2.3:1:1", " 1:3:6", "inf:1:1", "nan:1:1"}) {
    EXPECT_FALSE(ParseTargetRatio(bad).has_value()) << bad;
  }
}

TEST(PayrollTest, MonthlyAndAnnual) {
  EXPECT_EQ(MonthlyCost(3, 4'200), 12'600);
  EXPECT_EQ(AnnualCost(12'600), 151'200);
  EXPECT_EQ(MonthlyCost(0, 9'999), 0);
}

TEST(BandTest, Index) {
  EXPECT_EQ(BandIndex("officer"), 0u);
  EXPECT_EQ(BandIndex("nco"), 1u);
  EXPECT_EQ(BandIndex("enlisted"), 2u);
  EXPECT_FALSE(BandIndex("general").has_value());
}

}  // namespace
}  // namespace liaison::personnel
