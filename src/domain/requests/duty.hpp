// The duty desk: shifts, who holds each desk, handovers, and the desk queue
// of open requests ordered by deadline.
//
// A desk is a unit of kind `liaison` or `duty_desk`. Its holder changes only
// by a handover (duty.handover), which records the open items at that moment
// so they carry over to the incoming officer. Handovers are owned by the
// desk's party and shared with the coordinator.
#pragma once

#include <string>
#include <string_view>

#include "core/event.hpp"
#include "domain/command.hpp"

namespace liaison::duty {

// --- Shifts (pure) -------------------------------------------------------

struct ShiftPlan {
  int shift_hours = 8;
  int first_start_minutes = 4 * 60;  // after midnight UTC
};

struct Shift {
  int index = 0;  // 0 .. shifts per day - 1, counted from the first shift
  Micros start = 0;
  Micros end = 0;
};

// The shift running at `t`.
Shift ShiftAt(const ShiftPlan& plan, Micros t);

// --- Projection ----------------------------------------------------------

bool Handles(std::string_view event_type);
Status Apply(WriteTx& tx, const Event& e, const json::object& body);

// --- Commands ------------------------------------------------------------

// {"unit"?, "to", "note"}: the officer on duty hands the desk over to `to`
// (a duty officer of the same unit); an officer takes an empty desk by
// handing it over to themselves.
Result<json::value> HandOver(CommandContext& ctx, const json::object& in);

// --- Queries -------------------------------------------------------------

Result<json::value> Roster(Tx& tx, const Principal& p, const ShiftPlan& plan, Micros now);
// {"items": [{"request", "stage", "due_at", "overdue", "action_party"}], "next": null}.
// `unit` empty: the principal's own unit.
Result<json::value> Queue(Tx& tx, const Principal& p, std::string_view unit, Micros now);
Result<json::value> Handovers(Tx& tx, const Principal& p, std::string_view unit);

}  // namespace liaison::duty
