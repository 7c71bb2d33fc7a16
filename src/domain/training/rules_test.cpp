#include "domain/training/rules.hpp"

#include <gtest/gtest.h>

namespace liaison::training {
namespace {

using Reasons = std::vector<std::string_view>;

// Facts under which every rule holds: the gate admits.
EnrolmentFacts Eligible() {
  EnrolmentFacts f;
  f.person_cleared = true;
  f.unit_cleared = true;
  f.person_status = "active";
  f.prerequisites = {"FA-1", "HR-1"};
  f.held = {{"FA-1", std::nullopt}, {"HR-1", "2027-01-01"}};
  f.session_starts_on = "2026-12-01";
  f.seats_taken = 19;
  f.capacity = 20;
  return f;
}

TEST(TrainingDatesTest, ParsesOnlyRealDatesWrittenExactly) {
  EXPECT_EQ(ParseDate("2026-02-28"), "2026-02-28");
  EXPECT_EQ(ParseDate("2028-02-29"), "2028-02-29");
  EXPECT_FALSE(ParseDate("2026-02-29"));
  EXPECT_FALSE(ParseDate("2026-13-01"));
  EXPECT_FALSE(ParseDate("2026-00-10"));
  EXPECT_FALSE(ParseDate("2026-1-01"));
  EXPECT_FALSE(ParseDate("2026-01-01T00:00:00Z"));
  EXPECT_FALSE(ParseDate("２０２６-01-01"));
  EXPECT_FALSE(ParseDate("1899-12-31"));
  EXPECT_FALSE(ParseDate(""));
}

TEST(TrainingDatesTest, DateOfAnInstantIsItsUtcDay) {
  EXPECT_EQ(DateOf(0), "1970-01-01");
  EXPECT_EQ(DateOf(-1), "1969-12-31");
  // 2026-03-01T00:00:00Z and one microsecond before it.
  const Micros march = Micros{1'772'323'200} * kMicrosPerSecond;
  EXPECT_EQ(DateOf(march), "2026-03-01");
  EXPECT_EQ(DateOf(march - 1), "2026-02-28");
  EXPECT_EQ(StartOf("2026-03-01"), march);
}

TEST(TrainingDatesTest, AddsDaysAndMonthsAcrossMonthEnds) {
  EXPECT_EQ(AddDays("2026-12-31", 1), "2027-01-01");
  EXPECT_EQ(AddDays("2028-03-01", -1), "2028-02-29");
  EXPECT_EQ(AddMonths("2026-01-31", 1), "2026-02-28");
  EXPECT_EQ(AddMonths("2028-01-31", 1), "2028-02-29");
  EXPECT_EQ(AddMonths("2026-11-15", 3), "2027-02-15");
  EXPECT_EQ(AddMonths("2026-05-31", 24), "2028-05-31");
  EXPECT_EQ(DaysBetween("2026-02-27", "2026-03-02"), 3);
  EXPECT_EQ(DaysBetween("2026-03-02", "2026-02-27"), -3);
}

TEST(TrainingQualificationTest, ExpiresValidityMonthsAfterItWasObtained) {
  EXPECT_EQ(ExpiryOf("2026-06-30", 12), "2027-06-30");
  EXPECT_EQ(ExpiryOf("2026-06-30", std::nullopt), std::nullopt);
}

TEST(TrainingQualificationTest, IsValidUntilTheDayItExpires) {
  const std::optional<std::string> expires = "2027-06-30";
  EXPECT_TRUE(ValidOn(expires, "2027-06-29"));
  EXPECT_FALSE(ValidOn(expires, "2027-06-30"));
  EXPECT_FALSE(ValidOn(expires, "2028-01-01"));
  EXPECT_TRUE(ValidOn(std::nullopt, "2999-12-31"));
}

TEST(EnrolmentGateTest, AdmitsWhenEveryRuleHolds) {
  const EnrolmentDecision d = Decide(Eligible());
  EXPECT_TRUE(d.eligible());
  EXPECT_TRUE(d.reasons.empty());
  EXPECT_TRUE(d.missing_prerequisites.empty());
}

TEST(EnrolmentGateTest, EachRuleAloneGivesExactlyItsReason) {
  struct Case {
    const char* name;
    void (*break_rule)(EnrolmentFacts&);
    std::string_view reason;
  };
  const Case cases[] = {
      {"person not cleared", [](EnrolmentFacts& f) { f.person_cleared = false; }, kNotCleared},
      {"unit not cleared", [](EnrolmentFacts& f) { f.unit_cleared = false; }, kUnitNotCleared},
      {"prerequisite never held", [](EnrolmentFacts& f) { f.held.erase("FA-1"); },
       kPrerequisiteMissing},
      {"session full", [](EnrolmentFacts& f) { f.seats_taken = 20; }, kSessionFull},
      {"over-full session", [](EnrolmentFacts& f) { f.seats_taken = 25; }, kSessionFull},
      {"suspended", [](EnrolmentFacts& f) { f.person_status = "suspended"; }, kNotActive},
      {"retired", [](EnrolmentFacts& f) { f.person_status = "retired"; }, kNotActive},
  };
  for (const Case& c : cases) {
    EnrolmentFacts f = Eligible();
    c.break_rule(f);
    const EnrolmentDecision d = Decide(f);
    EXPECT_FALSE(d.eligible()) << c.name;
    EXPECT_EQ(d.reasons, Reasons{c.reason}) << c.name;
  }
}

TEST(EnrolmentGateTest, ReportsEveryReasonInTheStableOrder) {
  EnrolmentFacts f = Eligible();
  f.person_cleared = false;
  f.unit_cleared = false;
  f.held.clear();
  f.seats_taken = f.capacity;
  f.person_status = "separated";
  const EnrolmentDecision d = Decide(f);
  EXPECT_EQ(d.reasons, (Reasons{kNotCleared, kUnitNotCleared, kPrerequisiteMissing, kSessionFull,
                                kNotActive}));
  EXPECT_EQ(d.missing_prerequisites, (std::vector<std::string>{"FA-1", "HR-1"}));
}

TEST(EnrolmentGateTest, APrerequisiteMustBeValidOnTheSessionsFirstDay) {
  EnrolmentFacts f = Eligible();
  f.held["HR-1"] = "2026-12-01";  // expires the day the session starts
  EnrolmentDecision d = Decide(f);
  EXPECT_EQ(d.reasons, Reasons{kPrerequisiteMissing});
  EXPECT_EQ(d.missing_prerequisites, std::vector<std::string>{"HR-1"});
  f.held["HR-1"] = "2026-12-02";  // still valid that day
  EXPECT_TRUE(Decide(f).eligible());
}

TEST(EnrolmentGateTest, ACourseWithoutPrerequisitesNeedsNone) {
  EnrolmentFacts f = Eligible();
  f.prerequisites.clear();
  f.held.clear();
  EXPECT_TRUE(Decide(f).eligible());
}

TEST(PrerequisiteGraphTest, FindsNoCycleInAChain) {
  const std::vector<CourseEdge> courses = {
      {"FA-1", {}}, {"HR-1", {}}, {"POP-1", {"FA-1", "HR-1"}}, {"POP-2", {"POP-1"}}};
  EXPECT_EQ(FindPrerequisiteCycle(courses), std::nullopt);
}

TEST(PrerequisiteGraphTest, FindsACycleThroughSeveralCourses) {
  const std::vector<CourseEdge> courses = {{"A", {"B"}}, {"B", {"C"}}, {"C", {"A"}}, {"D", {}}};
  const auto cycle = FindPrerequisiteCycle(courses);
  ASSERT_TRUE(cycle.has_value());
  EXPECT_TRUE(*cycle == "A" || *cycle == "B" || *cycle == "C") << *cycle;
}

TEST(PrerequisiteGraphTest, ACycleMayPassThroughASecondCourseGrantingTheSameQualification) {
  // Two courses grant POP-1; only the refresher requires POP-2, which
  // requires POP-1.
  const std::vector<CourseEdge> courses = {
      {"POP-1", {}}, {"POP-1", {"POP-2"}}, {"POP-2", {"POP-1"}}};
  EXPECT_TRUE(FindPrerequisiteCycle(courses).has_value());
}

TEST(PrerequisiteGraphTest, ADiamondIsNoCycle) {
  const std::vector<CourseEdge> courses = {
      {"TOP", {"LEFT", "RIGHT"}}, {"LEFT", {"BASE"}}, {"RIGHT", {"BASE"}}, {"BASE", {}}};
  EXPECT_EQ(FindPrerequisiteCycle(courses), std::nullopt);
}

}  // namespace
}  // namespace liaison::training
