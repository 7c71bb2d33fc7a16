#include "domain/personnel/career.hpp"

#include <gtest/gtest.h>

#include <map>

namespace liaison::personnel {
namespace {

const std::map<std::string, int, std::less<>> kGrades = {{"PVT", 1}, {"CPL", 2}, {"SGT", 3},
                                                         {"2LT", 7}, {"CPT", 9}, {"MAJ", 10}};

int Grade(std::string_view rank) {
  auto it = kGrades.find(rank);
  return it == kGrades.end() ? 0 : it->second;
}

CareerState Start(std::string status = "active") {
  return CareerState{"SGT",    "nco", "NSF-PS0101",      "NSF",
                     "PS0101", "",    std::move(status), "2010-01-01"};
}

CareerStep Promotion(std::string date, std::string rank, std::string band = "officer") {
  CareerStep s{"promotion", std::move(date), {}};
  s.changes.rank = std::move(rank);
  s.changes.band = std::move(band);
  return s;
}

CareerStep Transfer(std::string date, std::string unit, std::string district) {
  CareerStep s{"transfer", std::move(date), {}};
  s.changes.unit = std::move(unit);
  s.changes.service = "NSF";
  s.changes.district = std::move(district);
  s.changes.post = "";
  return s;
}

CareerStep StatusStep(std::string kind, std::string date) {
  CareerStep s{kind, std::move(date), {}};
  s.changes.status = std::string(*StatusAfter(kind));
  return s;
}

TEST(CareerTest, FoldDerivesTheCurrentState) {
  const std::vector<CareerStep> steps = {
      Promotion("2015-06-01", "2LT"), Transfer("2018-01-01", "NSF-PS0150", "PS0150"),
      StatusStep("suspension", "2020-03-01"), StatusStep("reinstatement", "2020-09-01")};
  const CareerState s = Fold(Start(), steps);
  EXPECT_EQ(s.rank, "2LT");
  EXPECT_EQ(s.band, "officer");
  EXPECT_EQ(s.unit, "NSF-PS0150");
  EXPECT_EQ(s.district, "PS0150");
  EXPECT_EQ(s.status, "active");
  EXPECT_EQ(s.status_since, "2020-09-01");
}

TEST(CareerTest, TrainingCompletionsChangeNothing) {
  const CareerStep training{"training_completed", "2016-01-01", {}};
  const CareerState s = Fold(Start(), std::vector<CareerStep>{training});
  EXPECT_EQ(s.rank, "SGT");
  EXPECT_EQ(s.status_since, "2010-01-01");
}

TEST(CareerTest, TransitionsThatMakeSense) {
  struct Case {
    std::string status;
    std::string kind;
    bool allowed;
  };
  const Case cases[] = {
      {"active", "suspension", true},
      {"suspended", "suspension", false},
      {"suspended", "reinstatement", true},
      {"active", "reinstatement", false},
      {"deceased", "reinstatement", false},
      {"retired", "reinstatement", false},
      {"active", "retirement", true},
      {"suspended", "retirement", true},
      {"retired", "retirement", false},
      {"separated", "retirement", false},
      {"active", "separation", true},
      {"deceased", "separation", false},
      {"active", "death", true},
      {"retired", "death", true},
      {"separated", "death", true},
      {"deceased", "death", false},
  };
  for (const Case& c : cases) {
    const auto why = CheckStep(Start(c.status), StatusStep(c.kind, "2021-01-01"), Grade);
    EXPECT_EQ(!why.has_value(), c.allowed)
        << c.status << " -> " << c.kind << ": " << why.value_or("allowed");
  }
}

TEST(CareerTest, APromotionIsToAHigherRankOfAnActivePerson) {
  EXPECT_FALSE(CheckStep(Start(), Promotion("2021-01-01", "CPT"), Grade));
  EXPECT_TRUE(CheckStep(Start(), Promotion("2021-01-01", "SGT", "nco"), Grade));
  EXPECT_TRUE(CheckStep(Start(), Promotion("2021-01-01", "CPL", "enlisted"), Grade));
  EXPECT_TRUE(CheckStep(Start("suspended"), Promotion("2021-01-01", "CPT"), Grade));
  EXPECT_TRUE(CheckStep(Start("retired"), Promotion("2021-01-01", "CPT"), Grade));
}

TEST(CareerTest, ATransferIsToAnotherUnitOfAPersonOnStrength) {
  EXPECT_FALSE(CheckStep(Start(), Transfer("2021-01-01", "NSF-PS0150", "PS0150"), Grade));
  EXPECT_FALSE(CheckStep(Start("suspended"), Transfer("2021-01-01", "NSF", ""), Grade));
  EXPECT_TRUE(CheckStep(Start(), Transfer("2021-01-01", "NSF-PS0101", "PS0101"), Grade));
  EXPECT_TRUE(CheckStep(Start("retired"), Transfer("2021-01-01", "NSF", ""), Grade));
}

TEST(CareerTest, ABackdatedEventIsCheckedAgainstTheLaterOnes) {
  const std::vector<CareerStep> later = {Promotion("2020-01-01", "CPT"),
                                         StatusStep("death", "2022-01-01")};
  // A suspension before the promotion would make that promotion one of a
  // suspended person.
  auto conflict = CheckInsertion(Start(), later, StatusStep("suspension", "2019-01-01"), Grade);
  ASSERT_TRUE(conflict);
  EXPECT_TRUE(conflict->with_later);
  EXPECT_NE(conflict->message.find("promotion of 2020-01-01"), std::string::npos)
      << conflict->message;
  // A promotion in between, to a rank above the later one's, would make the
  // later one a demotion.
  conflict = CheckInsertion(Start(), later, Promotion("2019-01-01", "MAJ"), Grade);
  ASSERT_TRUE(conflict);
  EXPECT_TRUE(conflict->with_later);
  // One below it is fine.
  EXPECT_FALSE(CheckInsertion(Start(), later, Promotion("2019-01-01", "2LT"), Grade));
  // Nothing after a death but its record.
  conflict = CheckInsertion(Start(), later, StatusStep("suspension", "2023-01-01"), Grade);
  ASSERT_TRUE(conflict);
  EXPECT_FALSE(conflict->with_later);
  // A suspension and reinstatement inside the history fit.
  const std::vector<CareerStep> suspended = {Promotion("2020-01-01", "CPT"),
                                             StatusStep("suspension", "2021-01-01")};
  EXPECT_FALSE(
      CheckInsertion(Start(), suspended, StatusStep("reinstatement", "2021-06-01"), Grade));
}

TEST(CareerTest, AnEventOnTheSameDayGoesAfterThoseAlreadyRecorded) {
  const std::vector<CareerStep> existing = {StatusStep("suspension", "2021-01-01")};
  EXPECT_FALSE(CheckInsertion(Start(), existing, StatusStep("reinstatement", "2021-01-01"), Grade));
  EXPECT_TRUE(CheckInsertion(Start(), existing, StatusStep("suspension", "2021-01-01"), Grade));
}

}  // namespace
}  // namespace liaison::personnel
