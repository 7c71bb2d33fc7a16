#include "auth/lockout.hpp"

#include <gtest/gtest.h>

#include <climits>
#include <string>
#include <thread>
#include <vector>

namespace liaison {
namespace {

constexpr Micros Seconds(std::int64_t s) { return s * kMicrosPerSecond; }
constexpr Micros kStart = Seconds(1'700'000'000);

LoginFailureState FailTimes(int times, Micros now, const LockoutPolicy& policy = {}) {
  LoginFailureState state;
  for (int i = 0; i < times; ++i) state = OnFailure(state, now, policy);
  return state;
}

TEST(LockoutTest, NineFailuresDoNotLock) {
  const LoginFailureState state = FailTimes(9, kStart);
  EXPECT_EQ(state.consecutive_failures, 9);
  EXPECT_FALSE(IsLocked(state, kStart));
  EXPECT_EQ(RetryAfter(state, kStart), 0);
  EXPECT_EQ(RetryAfterSeconds(state, kStart), 0);
}

TEST(LockoutTest, TenthFailureLocksForOneMinute) {
  const LoginFailureState state = FailTimes(10, kStart);
  EXPECT_EQ(state.consecutive_failures, 10);
  EXPECT_EQ(state.locked_until, kStart + Seconds(60));
  EXPECT_TRUE(IsLocked(state, kStart));
  EXPECT_EQ(RetryAfter(state, kStart), Seconds(60));
  EXPECT_EQ(RetryAfterSeconds(state, kStart), 60);
  EXPECT_TRUE(IsLocked(state, kStart + Seconds(60) - 1));
  EXPECT_EQ(RetryAfterSeconds(state, kStart + Seconds(60) - 1), 1);  // rounds up
  EXPECT_FALSE(IsLocked(state, kStart + Seconds(60)));
  EXPECT_EQ(RetryAfter(state, kStart + Seconds(60)), 0);
}

// Each further consecutive failure (made after the previous lock expired) doubles the
// delay, capped at one hour.
TEST(LockoutTest, DelayDoublesPerFailureUpToOneHour) {
  struct Row {
    int failures;
    std::int64_t lock_seconds;
  };
  constexpr Row kRows[] = {{10, 60},   {11, 120},  {12, 240},  {13, 480},  {14, 960},
                           {15, 1920}, {16, 3600}, {17, 3600}, {40, 3600}, {1000, 3600}};
  for (const Row& row : kRows) {
    SCOPED_TRACE(row.failures);
    LoginFailureState state;
    state.consecutive_failures = row.failures - 1;
    const LoginFailureState next = OnFailure(state, kStart, {});
    EXPECT_EQ(next.consecutive_failures, row.failures);
    EXPECT_EQ(next.locked_until, kStart + Seconds(row.lock_seconds));
  }
}

TEST(LockoutTest, SaturatesInsteadOfOverflowing) {
  LoginFailureState state;
  state.consecutive_failures = INT_MAX;
  const LoginFailureState next = OnFailure(state, kStart, {});
  EXPECT_EQ(next.consecutive_failures, INT_MAX);
  EXPECT_EQ(next.locked_until, kStart + Seconds(3600));
}

TEST(LockoutTest, SuccessResets) {
  const LoginFailureState locked = FailTimes(12, kStart);
  const LoginFailureState after = OnSuccess(locked);
  EXPECT_EQ(after, LoginFailureState{});
  EXPECT_FALSE(IsLocked(after, kStart));
  // The count starts over: nine more failures do not lock.
  EXPECT_FALSE(IsLocked(FailTimes(9, kStart), kStart));
}

TEST(LockoutTest, FailureNeverShortensAnExistingLock) {
  LoginFailureState state;
  state.consecutive_failures = 9;
  state.locked_until = kStart + Seconds(7200);
  const LoginFailureState next = OnFailure(state, kStart, {});
  EXPECT_EQ(next.locked_until, kStart + Seconds(7200));
}

TEST(LockoutTest, CustomPolicy) {
  const LockoutPolicy policy{3, Seconds(1), Seconds(10)};
  EXPECT_FALSE(IsLocked(FailTimes(2, kStart, policy), kStart));
  EXPECT_EQ(FailTimes(3, kStart, policy).locked_until, kStart + Seconds(1));
  LoginFailureState state = FailTimes(3, kStart, policy);
  state = OnFailure(state, kStart + Seconds(5), policy);  // 4th: 2 s from now
  EXPECT_EQ(state.locked_until, kStart + Seconds(7));
  state = OnFailure(state, kStart + Seconds(20), policy);  // 5th: 4 s
  EXPECT_EQ(state.locked_until, kStart + Seconds(24));
  state = OnFailure(state, kStart + Seconds(30), policy);  // 6th: 8 s
  EXPECT_EQ(state.locked_until, kStart + Seconds(38));
  state = OnFailure(state, kStart + Seconds(40), policy);  // 7th: 16 s, capped at 10 s
  EXPECT_EQ(state.locked_until, kStart + Seconds(50));
}

TEST(AddressThrottleTest, TwentyFailuresThenOneEveryFifteenSeconds) {
  ManualClock clock(kStart);
  AddressThrottle throttle(clock);
  for (int i = 0; i < 19; ++i) throttle.RecordFailure("192.0.2.1");
  EXPECT_EQ(throttle.CheckAllowed("192.0.2.1"), std::nullopt);
  throttle.RecordFailure("192.0.2.1");  // 20th
  EXPECT_EQ(throttle.CheckAllowed("192.0.2.1"), 15);

  clock.Advance(Seconds(14) + Seconds(1) / 2);
  EXPECT_EQ(throttle.CheckAllowed("192.0.2.1"), 1);  // 0.5 s left, rounded up
  clock.Advance(Seconds(1) / 2);
  EXPECT_EQ(throttle.CheckAllowed("192.0.2.1"), std::nullopt);
  throttle.RecordFailure("192.0.2.1");
  EXPECT_EQ(throttle.CheckAllowed("192.0.2.1"), 15);
}

TEST(AddressThrottleTest, FullyForgivenAfterTheWindow) {
  ManualClock clock(kStart);
  AddressThrottle throttle(clock);
  for (int i = 0; i < 25; ++i) throttle.RecordFailure("192.0.2.1");
  EXPECT_EQ(throttle.CheckAllowed("192.0.2.1"), 90);  // 25 owed, 19 allowed: 6 * 15 s
  clock.Advance(Seconds(25 * 15));
  EXPECT_EQ(throttle.CheckAllowed("192.0.2.1"), std::nullopt);
  EXPECT_EQ(throttle.TrackedAddressesForTest(), 0u);  // nothing left to remember
  for (int i = 0; i < 19; ++i) throttle.RecordFailure("192.0.2.1");
  EXPECT_EQ(throttle.CheckAllowed("192.0.2.1"), std::nullopt);
}

TEST(AddressThrottleTest, AddressesAreIndependent) {
  ManualClock clock(kStart);
  AddressThrottle throttle(clock);
  for (int i = 0; i < 20; ++i) throttle.RecordFailure("192.0.2.1");
  EXPECT_TRUE(throttle.CheckAllowed("192.0.2.1").has_value());
  EXPECT_EQ(throttle.CheckAllowed("192.0.2.2"), std::nullopt);
  EXPECT_EQ(throttle.CheckAllowed("2001:db8::"), std::nullopt);
}

TEST(AddressThrottleTest, SuccessDoesNotForgiveFailures) {
  ManualClock clock(kStart);
  AddressThrottle throttle(clock);
  for (int i = 0; i < 20; ++i) throttle.RecordFailure("192.0.2.1");
  throttle.RecordSuccess("192.0.2.1");
  EXPECT_EQ(throttle.CheckAllowed("192.0.2.1"), 15);
}

TEST(AddressThrottleTest, SuccessDropsAnEntryThatOwesNothing) {
  ManualClock clock(kStart);
  AddressThrottle throttle(clock);
  throttle.RecordFailure("192.0.2.1");
  throttle.RecordSuccess("192.0.2.1");
  EXPECT_EQ(throttle.TrackedAddressesForTest(), 1u);  // still owes 15 s
  clock.Advance(Seconds(15));
  throttle.RecordSuccess("192.0.2.1");
  EXPECT_EQ(throttle.TrackedAddressesForTest(), 0u);
}

TEST(AddressThrottleTest, EvictsTheLeastRecentlyFailedAddressWhenFull) {
  ManualClock clock(kStart);
  // One failure denies for a minute, so "tracked" and "denied" coincide.
  AddressThrottle throttle(clock, {1, Seconds(60), 3});
  throttle.RecordFailure("a");
  throttle.RecordFailure("b");
  throttle.RecordFailure("c");
  throttle.RecordFailure("a");  // "a" is now the most recent; "b" the oldest
  throttle.RecordFailure("d");
  EXPECT_EQ(throttle.TrackedAddressesForTest(), 3u);
  EXPECT_EQ(throttle.CheckAllowed("b"), std::nullopt);
  EXPECT_EQ(throttle.CheckAllowed("a"), 120);  // two failures owed
  EXPECT_EQ(throttle.CheckAllowed("c"), 60);
  EXPECT_EQ(throttle.CheckAllowed("d"), 60);
}

TEST(AddressThrottleTest, LongKeysAreTruncated) {
  ManualClock clock(kStart);
  AddressThrottle throttle(clock, {1, Seconds(60), 10});
  const std::string prefix(AddressThrottle::kMaxAddressKeyBytes, 'x');
  throttle.RecordFailure(prefix + "first");
  EXPECT_EQ(throttle.CheckAllowed(prefix + "second"), 60);
  EXPECT_EQ(throttle.TrackedAddressesForTest(), 1u);
}

TEST(AddressThrottleTest, ConcurrentUseStaysConsistent) {
  ManualClock clock(kStart);
  AddressThrottle throttle(clock, {20, Seconds(300), 50});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&throttle, t] {
      for (int i = 0; i < 500; ++i) {
        throttle.RecordFailure("shared");
        throttle.RecordFailure("own-" + std::to_string(t) + "-" + std::to_string(i % 40));
        (void)throttle.CheckAllowed("shared");
        throttle.RecordSuccess("own-" + std::to_string(t));
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_LE(throttle.TrackedAddressesForTest(), 50u);
  // Between two failures of "shared" each thread inserts at most one other address, far
  // fewer than the capacity, so "shared" is never evicted: 2000 failures owed, 19 free,
  // 15 s each.
  EXPECT_EQ(throttle.CheckAllowed("shared"), (2000 - 19) * 15);
}

}  // namespace
}  // namespace liaison
