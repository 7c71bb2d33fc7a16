#include "domain/requests/duty.hpp"

#include <gtest/gtest.h>

#include "core/time.hpp"

namespace liaison::duty {
namespace {

Micros At(const char* rfc3339) { return *ParseRfc3339(rfc3339); }

TEST(ShiftTest, ThreeEightHourShiftsFromFourUtc) {
  const ShiftPlan plan{8, 4 * 60};
  struct Case {
    const char* at;
    int index;
    const char* start;
    const char* end;
  } cases[] = {
      {"2026-11-21T04:00:00Z", 0, "2026-11-21T04:00:00Z", "2026-11-21T12:00:00Z"},
      {"2026-11-21T11:59:59Z", 0, "2026-11-21T04:00:00Z", "2026-11-21T12:00:00Z"},
      {"2026-11-21T12:00:00Z", 1, "2026-11-21T12:00:00Z", "2026-11-21T20:00:00Z"},
      {"2026-11-21T23:30:00Z", 2, "2026-11-21T20:00:00Z", "2026-11-22T04:00:00Z"},
      {"2026-11-22T03:59:59Z", 2, "2026-11-21T20:00:00Z", "2026-11-22T04:00:00Z"},
  };
  for (const auto& c : cases) {
    const Shift s = ShiftAt(plan, At(c.at));
    EXPECT_EQ(s.index, c.index) << c.at;
    EXPECT_EQ(FormatRfc3339(s.start), FormatRfc3339(At(c.start))) << c.at;
    EXPECT_EQ(FormatRfc3339(s.end), FormatRfc3339(At(c.end))) << c.at;
  }
}

TEST(ShiftTest, BeforeTheFirstShiftOfTheEpoch) {
  const ShiftPlan plan{8, 4 * 60};
  const Micros hour = 3600 * kMicrosPerSecond;
  const Shift s = ShiftAt(plan, 1 * hour);  // 01:00 on day 0, before 04:00
  EXPECT_EQ(s.index, 2);
  EXPECT_EQ(s.start, -4 * hour);
  EXPECT_EQ(s.end, 4 * hour);
}

TEST(ShiftTest, TwelveHourShifts) {
  const ShiftPlan plan{12, 6 * 60};
  const Shift s = ShiftAt(plan, At("2026-11-21T19:00:00Z"));
  EXPECT_EQ(s.index, 1);
  EXPECT_EQ(FormatRfc3339(s.start), FormatRfc3339(At("2026-11-21T18:00:00Z")));
  EXPECT_EQ(s.end - s.start, Micros{12} * 3600 * kMicrosPerSecond);
}

}  // namespace
}  // namespace liaison::duty
