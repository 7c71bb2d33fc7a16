#include "domain/requests/lifecycle.hpp"

#include <gtest/gtest.h>

namespace liaison::requests {
namespace {

struct Case {
  State from;
  Type type;
  Op op;
  State outcome;
  std::optional<State> expected;  // nullopt: refused with kConflict
};

TEST(LifecycleTest, TransitionTable) {
  const State A = State::kApproved;
  const Case cases[] = {
      {State::kSubmitted, Type::kMovement, Op::kAcknowledge, A, State::kAcknowledged},
      {State::kAcknowledged, Type::kMovement, Op::kAcknowledge, A, std::nullopt},
      {State::kSubmitted, Type::kMovement, Op::kDecide, A, std::nullopt},  // acknowledge first
      {State::kAcknowledged, Type::kMovement, Op::kDecide, State::kApproved, State::kApproved},
      {State::kAcknowledged, Type::kActivity, Op::kDecide, State::kDenied, State::kDenied},
      {State::kAcknowledged, Type::kMedical, Op::kDecide, State::kApprovedWithConditions,
       State::kApprovedWithConditions},
      {State::kAcknowledged, Type::kJoint, Op::kDecide, State::kCounterProposed,
       State::kCounterProposed},
      {State::kApproved, Type::kMovement, Op::kDecide, A, std::nullopt},  // already decided
      {State::kApproved, Type::kMovement, Op::kStart, A, State::kInProgress},
      {State::kApprovedWithConditions, Type::kMovement, Op::kStart, A, State::kInProgress},
      {State::kCounterProposed, Type::kMovement, Op::kStart, A, State::kInProgress},
      {State::kSubmitted, Type::kMovement, Op::kStart, A, std::nullopt},
      {State::kAcknowledged, Type::kMovement, Op::kStart, A, std::nullopt},
      {State::kDenied, Type::kMovement, Op::kStart, A, std::nullopt},
      {State::kInProgress, Type::kMovement, Op::kComplete, A, State::kCompleted},
      {State::kApproved, Type::kMovement, Op::kComplete, A, std::nullopt},
      {State::kCompleted, Type::kMovement, Op::kComplete, A, std::nullopt},
      {State::kSubmitted, Type::kMovement, Op::kWithdraw, A, State::kWithdrawn},
      {State::kAcknowledged, Type::kMovement, Op::kWithdraw, A, State::kWithdrawn},
      {State::kCounterProposed, Type::kMovement, Op::kWithdraw, A, State::kWithdrawn},
      {State::kApproved, Type::kMovement, Op::kWithdraw, A, std::nullopt},
      {State::kInProgress, Type::kMovement, Op::kWithdraw, A, std::nullopt},
      {State::kSubmitted, Type::kMovement, Op::kExpire, A, State::kExpired},
      {State::kAcknowledged, Type::kMovement, Op::kExpire, A, State::kExpired},
      {State::kApproved, Type::kMovement, Op::kExpire, A, std::nullopt},
      {State::kCounterProposed, Type::kMovement, Op::kExpire, A, std::nullopt},
      {State::kExpired, Type::kMovement, Op::kAcknowledge, A, std::nullopt},
      {State::kWithdrawn, Type::kMovement, Op::kAcknowledge, A, std::nullopt},
      // A notification: acknowledged and closed, never decided.
      {State::kSubmitted, Type::kNotification, Op::kAcknowledge, A, State::kAcknowledged},
      {State::kSubmitted, Type::kNotification, Op::kDecide, A, std::nullopt},
      {State::kAcknowledged, Type::kNotification, Op::kDecide, A, std::nullopt},
      {State::kAcknowledged, Type::kNotification, Op::kWithdraw, A, std::nullopt},
      {State::kSubmitted, Type::kNotification, Op::kWithdraw, A, State::kWithdrawn},
      // Information: answered, and closed, by a decision.
      {State::kAcknowledged, Type::kInformation, Op::kDecide, State::kApproved, State::kApproved},
      {State::kApproved, Type::kInformation, Op::kStart, A, std::nullopt},
      {State::kApproved, Type::kInformation, Op::kWithdraw, A, std::nullopt},
  };
  for (const Case& c : cases) {
    auto r = Next(c.from, c.type, c.op, c.outcome);
    const std::string name = std::string(OpName(c.op)) + " from " + std::string(StateName(c.from)) +
                             " (" + std::string(TypeName(c.type)) + ")";
    if (c.expected) {
      ASSERT_TRUE(r.ok()) << name << ": " << r.error().message;
      EXPECT_EQ(*r, *c.expected) << name;
    } else {
      ASSERT_FALSE(r.ok()) << name << " was allowed";
      EXPECT_EQ(r.error().code, ErrorCode::kConflict) << name;
      EXPECT_FALSE(r.error().message.empty()) << name;
    }
  }
}

TEST(LifecycleTest, DecideNeedsAnOutcome) {
  auto r = Next(State::kAcknowledged, Type::kMovement, Op::kDecide, State::kInProgress);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "/outcome");
}

TEST(LifecycleTest, NamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(State::kExpired); ++i) {
    const State s = static_cast<State>(i);
    EXPECT_EQ(ParseState(StateName(s)), s);
  }
  for (int i = 0; i <= static_cast<int>(Type::kOther); ++i) {
    const Type t = static_cast<Type>(i);
    EXPECT_EQ(ParseType(TypeName(t)), t);
  }
  for (int i = 0; i <= static_cast<int>(Precedence::kFlash); ++i) {
    const Precedence p = static_cast<Precedence>(i);
    EXPECT_EQ(ParsePrecedence(PrecedenceName(p)), p);
  }
  EXPECT_FALSE(ParsePrecedence("routine"));  // case matters: the wire form is upper case
  EXPECT_FALSE(ParseOutcome("in_progress"));
  EXPECT_EQ(ParseOutcome("counter_proposed"), State::kCounterProposed);
}

TEST(LifecycleTest, TerminalStates) {
  EXPECT_TRUE(IsTerminal(State::kDenied, Type::kMovement));
  EXPECT_TRUE(IsTerminal(State::kCompleted, Type::kMovement));
  EXPECT_TRUE(IsTerminal(State::kWithdrawn, Type::kMovement));
  EXPECT_TRUE(IsTerminal(State::kExpired, Type::kMovement));
  EXPECT_FALSE(IsTerminal(State::kAcknowledged, Type::kMovement));
  EXPECT_TRUE(IsTerminal(State::kAcknowledged, Type::kNotification));
  EXPECT_FALSE(IsTerminal(State::kCounterProposed, Type::kJoint));
  EXPECT_TRUE(IsTerminal(State::kApproved, Type::kInformation));
  EXPECT_TRUE(IsTerminal(State::kDenied, Type::kInformation));
  EXPECT_FALSE(IsTerminal(State::kAcknowledged, Type::kInformation));
}

TEST(LifecycleTest, DeadlinesFollowPrecedence) {
  DeadlineTable t;
  t.acknowledge = {100, 50, 20, 5};
  t.decide = {1000, 500, 200, 50};
  const Deadlines routine = DeadlinesFor(t, Type::kMovement, Precedence::kRoutine, 1'000);
  EXPECT_EQ(routine.acknowledge_by, 1'100);
  EXPECT_EQ(routine.decide_by, 2'000);
  const Deadlines flash = DeadlinesFor(t, Type::kMedical, Precedence::kFlash, 1'000);
  EXPECT_EQ(flash.acknowledge_by, 1'005);
  EXPECT_EQ(flash.decide_by, 1'050);
  const Deadlines notice = DeadlinesFor(t, Type::kNotification, Precedence::kImmediate, 1'000);
  EXPECT_EQ(notice.acknowledge_by, 1'020);
  EXPECT_FALSE(notice.decide_by.has_value());
}

}  // namespace
}  // namespace liaison::requests
