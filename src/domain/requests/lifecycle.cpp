#include "domain/requests/lifecycle.hpp"

#include <string>

namespace liaison::requests {
namespace {

template <class E, size_t N>
std::optional<E> Parse(std::string_view s, const std::array<E, N>& all,
                       std::string_view (*name)(E)) {
  for (E e : all) {
    if (name(e) == s) return e;
  }
  return std::nullopt;
}

constexpr std::array kTypes = {Type::kMovement, Type::kActivity,     Type::kMedical,
                               Type::kJoint,    Type::kNotification, Type::kInformation,
                               Type::kOther};
constexpr std::array kStates = {
    State::kSubmitted, State::kAcknowledged,    State::kApproved,   State::kApprovedWithConditions,
    State::kDenied,    State::kCounterProposed, State::kInProgress, State::kCompleted,
    State::kWithdrawn, State::kExpired};
constexpr std::array kPrecedences = {Precedence::kRoutine, Precedence::kPriority,
                                     Precedence::kImmediate, Precedence::kFlash};
constexpr std::array kOps = {Op::kAcknowledge, Op::kDecide,   Op::kStart,
                             Op::kComplete,    Op::kWithdraw, Op::kExpire};

Error NotNow(Op op, State from, std::string_view why = {}) {
  std::string msg =
      "cannot " + std::string(OpName(op)) + " a request that is " + std::string(StateName(from));
  if (!why.empty()) msg += ": " + std::string(why);
  return Error::Conflict(msg);
}

}  // namespace

std::string_view TypeName(Type t) {
  switch (t) {
    case Type::kMovement:
      return "movement";
    case Type::kActivity:
      return "activity";
    case Type::kMedical:
      return "medical";
    case Type::kJoint:
      return "joint";
    case Type::kNotification:
      return "notification";
    case Type::kInformation:
      return "information";
    case Type::kOther:
      return "other";
  }
  return "";
}

std::string_view StateName(State s) {
  switch (s) {
    case State::kSubmitted:
      return "submitted";
    case State::kAcknowledged:
      return "acknowledged";
    case State::kApproved:
      return "approved";
    case State::kApprovedWithConditions:
      return "approved_with_conditions";
    case State::kDenied:
      return "denied";
    case State::kCounterProposed:
      return "counter_proposed";
    case State::kInProgress:
      return "in_progress";
    case State::kCompleted:
      return "completed";
    case State::kWithdrawn:
      return "withdrawn";
    case State::kExpired:
      return "expired";
  }
  return "";
}

std::string_view PrecedenceName(Precedence p) {
  switch (p) {
    case Precedence::kRoutine:
      return "ROUTINE";
    case Precedence::kPriority:
      return "PRIORITY";
    case Precedence::kImmediate:
      return "IMMEDIATE";
    case Precedence::kFlash:
      return "FLASH";
  }
  return "";
}

std::string_view OpName(Op op) {
  switch (op) {
    case Op::kAcknowledge:
      return "acknowledge";
    case Op::kDecide:
      return "decide";
    case Op::kStart:
      return "start";
    case Op::kComplete:
      return "complete";
    case Op::kWithdraw:
      return "withdraw";
    case Op::kExpire:
      return "expire";
  }
  return "";
}

std::optional<Type> ParseType(std::string_view s) { return Parse(s, kTypes, TypeName); }
std::optional<State> ParseState(std::string_view s) { return Parse(s, kStates, StateName); }
std::optional<Precedence> ParsePrecedence(std::string_view s) {
  return Parse(s, kPrecedences, PrecedenceName);
}
std::optional<Op> ParseOp(std::string_view s) { return Parse(s, kOps, OpName); }

Actor ActorFor(Op op) {
  switch (op) {
    case Op::kAcknowledge:
    case Op::kDecide:
      return Actor::kReceiver;
    case Op::kStart:
    case Op::kComplete:
    case Op::kWithdraw:
      return Actor::kRequester;
    case Op::kExpire:
      return Actor::kServer;
  }
  return Actor::kServer;
}

bool IsOutcome(State s) {
  return s == State::kApproved || s == State::kApprovedWithConditions || s == State::kDenied ||
         s == State::kCounterProposed;
}

std::optional<State> ParseOutcome(std::string_view s) {
  auto st = ParseState(s);
  if (!st || !IsOutcome(*st)) return std::nullopt;
  return st;
}

bool IsTerminal(State s, Type t) {
  switch (s) {
    case State::kDenied:
    case State::kCompleted:
    case State::kWithdrawn:
    case State::kExpired:
      return true;
    case State::kAcknowledged:
      return t == Type::kNotification;
    default:
      // An information request is closed by its answer.
      return t == Type::kInformation && IsOutcome(s);
  }
}

Result<State> Next(State from, Type type, Op op, State outcome) {
  if (IsTerminal(from, type)) {
    return NotNow(op, from,
                  type == Type::kNotification && from == State::kAcknowledged
                      ? "a notification is closed by its acknowledgement"
                      : "it is closed");
  }
  switch (op) {
    case Op::kAcknowledge:
      if (from == State::kSubmitted) return State::kAcknowledged;
      return NotNow(op, from);
    case Op::kDecide:
      if (type == Type::kNotification) {
        return Error::Conflict("a notification is acknowledged, never decided");
      }
      if (!IsOutcome(outcome)) return Error::Invalid("/outcome", "not a decision outcome");
      if (from == State::kAcknowledged) return outcome;
      return NotNow(op, from,
                    from == State::kSubmitted ? "acknowledge it first" : "it is already decided");
    case Op::kStart:
      if (from == State::kApproved || from == State::kApprovedWithConditions ||
          from == State::kCounterProposed) {
        return State::kInProgress;
      }
      return NotNow(op, from, "it has not been approved");
    case Op::kComplete:
      if (from == State::kInProgress) return State::kCompleted;
      return NotNow(op, from, "it has not started");
    case Op::kWithdraw:
      if (from == State::kSubmitted || from == State::kAcknowledged ||
          from == State::kCounterProposed) {
        return State::kWithdrawn;
      }
      return NotNow(op, from, "it is already decided");
    case Op::kExpire:
      // Only a request still waiting for its decision expires; a
      // counter-proposal waits for the requester to start on it or withdraw.
      if (from == State::kSubmitted || from == State::kAcknowledged) return State::kExpired;
      return NotNow(op, from);
  }
  return NotNow(op, from);
}

Deadlines DeadlinesFor(const DeadlineTable& table, Type type, Precedence p, Micros at) {
  Deadlines d;
  d.acknowledge_by = at + table.AcknowledgeWithin(p);
  if (type != Type::kNotification) d.decide_by = at + table.DecideWithin(p);
  return d;
}

}  // namespace liaison::requests
