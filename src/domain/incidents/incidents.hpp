// Incidents: the reports the agreements require at once, their timeline of
// updates, acknowledgements by severity, and the map layer. Each incident
// has a crisis room (domain/messaging). See docs/incidents.md.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "core/event.hpp"
#include "domain/command.hpp"
#include "domain/requests/geography.hpp"

namespace liaison::incidents {

struct Settings {
  std::array<Micros, 5> acknowledge{};  // by severity 1..5
  const requests::Geography* geography = nullptr;  // null: no districts
};

// --- Projection ----------------------------------------------------------

bool Handles(std::string_view event_type);
Status Apply(WriteTx& tx, const Event& e, const json::object& body);

// --- Commands ------------------------------------------------------------

// The scheduler's work at `ctx.now`: incident.ack_overdue once per party for
// every passed acknowledgement deadline, at most `limit` events.
Result<json::value> RaiseDue(CommandContext& ctx, std::int64_t limit);

// --- Queries -------------------------------------------------------------

// How many acknowledgement deadlines have passed without their event.
Result<std::int64_t> CountDue(Tx& tx, Micros now);

}  // namespace liaison::incidents
