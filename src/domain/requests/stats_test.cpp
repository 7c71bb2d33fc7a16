#include "domain/requests/stats.hpp"

#include <gtest/gtest.h>

namespace liaison::requests {
namespace {

constexpr Micros kS = kMicrosPerSecond;

StatRecord Answered(Micros ack_after, std::optional<Micros> decide_after, std::string outcome) {
  StatRecord r;
  r.to_party = "isf";
  r.from_party = "pasf";
  r.type = "movement";
  r.precedence = "ROUTINE";
  r.created_at = 1'000 * kS;
  r.acknowledge_by = r.created_at + 60 * kS;
  r.decide_by = r.created_at + 600 * kS;
  r.acknowledged_at = r.created_at + ack_after;
  if (decide_after) r.decided_at = r.created_at + *decide_after;
  r.outcome = std::move(outcome);
  r.state = r.outcome.empty() ? "acknowledged" : r.outcome;
  return r;
}

TEST(StatsTest, NearestRankPercentile) {
  std::vector<double> v = {5, 1, 4, 2, 3};
  EXPECT_EQ(Percentile(v, 50), 3);
  EXPECT_EQ(Percentile(v, 90), 5);
  EXPECT_EQ(Percentile(v, 0), 1);
  std::vector<double> ten = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
  EXPECT_EQ(Percentile(ten, 50), 50);
  EXPECT_EQ(Percentile(ten, 90), 90);
  std::vector<double> none;
  EXPECT_FALSE(Percentile(none, 50).has_value());
}

TEST(StatsTest, SummarizesTimesSharesAndOutcomes) {
  const StatRecord a = Answered(10 * kS, 100 * kS, "approved");
  const StatRecord b = Answered(30 * kS, 700 * kS, "denied");  // decided late
  const StatRecord c = Answered(90 * kS, std::nullopt, "");    // acknowledged late, pending
  const Summary s = Summarize({&a, &b, &c}, 1'000 * kS + 300 * kS);
  EXPECT_EQ(s.count, 3);
  EXPECT_EQ(s.acknowledged, 3);
  EXPECT_EQ(s.decided, 2);
  EXPECT_EQ(s.acknowledge_p50_s, 30);
  EXPECT_EQ(s.acknowledge_p90_s, 90);
  EXPECT_EQ(s.decide_p50_s, 100);
  EXPECT_EQ(s.decide_p90_s, 700);
  ASSERT_TRUE(s.acknowledged_in_time.has_value());
  EXPECT_DOUBLE_EQ(*s.acknowledged_in_time, 2.0 / 3.0);
  // c's decide deadline (600 s) has not passed at 300 s: only a and b are due.
  ASSERT_TRUE(s.decided_in_time.has_value());
  EXPECT_DOUBLE_EQ(*s.decided_in_time, 0.5);
  EXPECT_EQ(s.outcomes.at("approved"), 1);
  EXPECT_EQ(s.outcomes.at("denied"), 1);
  EXPECT_EQ(s.outcomes.at("pending"), 1);
}

TEST(StatsTest, AnUnansweredPassedDeadlineCountsAsMissed) {
  StatRecord r;
  r.type = "movement";
  r.state = "submitted";
  r.created_at = 0;
  r.acknowledge_by = 60 * kS;
  r.decide_by = 600 * kS;
  const Summary before = Summarize({&r}, 30 * kS);
  EXPECT_FALSE(before.acknowledged_in_time.has_value());  // nothing due yet
  const Summary after = Summarize({&r}, 700 * kS);
  ASSERT_TRUE(after.acknowledged_in_time.has_value());
  EXPECT_EQ(*after.acknowledged_in_time, 0);
  ASSERT_TRUE(after.decided_in_time.has_value());
  EXPECT_EQ(*after.decided_in_time, 0);
  EXPECT_FALSE(after.acknowledge_p50_s.has_value());
}

TEST(StatsTest, WithdrawnBeforeTheDeadlineIsNotMissed) {
  StatRecord r;
  r.type = "movement";
  r.state = "withdrawn";
  r.created_at = 0;
  r.closed_at = 10 * kS;
  r.acknowledge_by = 60 * kS;
  r.decide_by = 600 * kS;
  const Summary s = Summarize({&r}, 10'000 * kS);
  EXPECT_FALSE(s.acknowledged_in_time.has_value());
  EXPECT_FALSE(s.decided_in_time.has_value());
  EXPECT_EQ(s.outcomes.at("withdrawn"), 1);
}

TEST(StatsTest, NotificationsHaveNoDecision) {
  StatRecord r;
  r.type = "notification";
  r.state = "acknowledged";
  r.created_at = 0;
  r.acknowledge_by = 60 * kS;
  r.acknowledged_at = 20 * kS;
  const Summary s = Summarize({&r}, 10'000 * kS);
  EXPECT_EQ(s.decided, 0);
  EXPECT_FALSE(s.decided_in_time.has_value());
  EXPECT_EQ(s.outcomes.at("acknowledged"), 1);
  EXPECT_EQ(*s.acknowledged_in_time, 1);
}

}  // namespace
}  // namespace liaison::requests
