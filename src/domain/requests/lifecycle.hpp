// The life of a coordination request, as values: its types, states,
// precedences, the transitions allowed between states, and the deadline
// table. Pure: no I/O, no JSON; thread-safe.
//
//   submitted -> acknowledged -> approved | approved_with_conditions | denied
//                                | counter_proposed -> in_progress -> completed
//   withdrawn (by the requester before a decision), expired (window passed
//   without a decision). A notification is closed by its acknowledgement.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace liaison::requests {

enum class Type { kMovement, kActivity, kMedical, kJoint, kNotification, kInformation, kOther };
enum class State {
  kSubmitted,
  kAcknowledged,
  kApproved,
  kApprovedWithConditions,
  kDenied,
  kCounterProposed,
  kInProgress,
  kCompleted,
  kWithdrawn,
  kExpired,
};
enum class Precedence { kRoutine, kPriority, kImmediate, kFlash };

// What is done to a request; each is one event type.
enum class Op { kAcknowledge, kDecide, kStart, kComplete, kWithdraw, kExpire };

// Who must act for an operation: the receiving party answers, the requesting
// party progresses its own request, the server expires.
enum class Actor { kReceiver, kRequester, kServer };

std::string_view TypeName(Type t);
std::string_view StateName(State s);
std::string_view PrecedenceName(Precedence p);
std::string_view OpName(Op op);
std::optional<Type> ParseType(std::string_view s);
std::optional<State> ParseState(std::string_view s);
std::optional<Precedence> ParsePrecedence(std::string_view s);
std::optional<Op> ParseOp(std::string_view s);

Actor ActorFor(Op op);

// The outcomes of a decision are states.
std::optional<State> ParseOutcome(std::string_view s);
bool IsOutcome(State s);

// No further transition is possible.
bool IsTerminal(State s, Type t);
// Waiting for someone: not terminal.
inline bool IsOpen(State s, Type t) { return !IsTerminal(s, t); }

// The state after `op`, or a kConflict error saying why not. For kDecide,
// `outcome` is the decided state.
Result<State> Next(State from, Type type, Op op, State outcome = State::kApproved);

// Deadlines per precedence, as durations from submission.
struct DeadlineTable {
  std::array<Micros, 4> acknowledge{};
  std::array<Micros, 4> decide{};

  Micros AcknowledgeWithin(Precedence p) const { return acknowledge[static_cast<size_t>(p)]; }
  Micros DecideWithin(Precedence p) const { return decide[static_cast<size_t>(p)]; }
};

// The deadlines a request submitted at `at` carries. A notification is only
// acknowledged, so it has no decide-by.
struct Deadlines {
  Micros acknowledge_by = 0;
  std::optional<Micros> decide_by;
};
Deadlines DeadlinesFor(const DeadlineTable& table, Type type, Precedence p, Micros at);

}  // namespace liaison::requests
