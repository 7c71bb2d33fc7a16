#include "core/time.hpp"

#include <gtest/gtest.h>

namespace liaison {
namespace {

TEST(TimeTest, FormatsEpochAndKnownInstant) {
  EXPECT_EQ(FormatRfc3339(0), "1970-01-01T00:00:00.000000Z");
  EXPECT_EQ(FormatRfc3339(1'779'339'694'123'456), "2026-05-21T05:01:34.123456Z");
}

TEST(TimeTest, RoundTripsAndHonoursOffsets) {
  const Micros t = 1'779'339'694'123'456;
  EXPECT_EQ(ParseRfc3339(FormatRfc3339(t)), t);
  EXPECT_EQ(ParseRfc3339("2026-05-21T07:01:34.123456+02:00"), t);
  EXPECT_EQ(ParseRfc3339("2026-05-21T05:01:34Z"), t - 123'456);
}

TEST(TimeTest, RejectsMalformed) {
  EXPECT_FALSE(ParseRfc3339(""));
  EXPECT_FALSE(ParseRfc3339("2026-05-21"));
  EXPECT_FALSE(ParseRfc3339("2026-02-30T00:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("2026-05-21T25:00:00Z"));
  EXPECT_FALSE(ParseRfc3339("2026-05-21T05:01:34"));
  EXPECT_FALSE(ParseRfc3339("2026-05-21T05:01:34.Z"));
  EXPECT_FALSE(ParseRfc3339("2026-05-21T05:01:34Zjunk"));
}

}  // namespace
}  // namespace liaison
