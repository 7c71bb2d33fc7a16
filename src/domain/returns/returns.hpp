// The safe return of persons: return cases, their stages and receipts, the
// handover points, and the figures. See docs/returns.md.
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>

#include "core/event.hpp"
#include "domain/command.hpp"
#include "domain/requests/geography.hpp"

namespace liaison::returns {

class HandoverPoints;

// Reads the checkpoints of closures_ocha_hdx_2022.geojson and
// liaison_points.geojson (if present) from `dir`.
Result<std::shared_ptr<const HandoverPoints>> LoadHandoverPoints(const std::string& dir);

struct Settings {
  // How long a case may stay at reported, located, secured,
  // handover_arranged and handed_over.
  std::array<Micros, 5> stage_limits{};
  const requests::Geography* geography = nullptr;  // null: no districts
  const HandoverPoints* handover_points = nullptr;  // null: none known
};

// --- Projection ----------------------------------------------------------

bool Handles(std::string_view event_type);
Status Apply(WriteTx& tx, const Event& e, const json::object& body);

// --- Commands ------------------------------------------------------------

// The scheduler's work at `ctx.now`: return.overdue once per stage for every
// case past its stage's limit, at most `limit` events.
Result<json::value> RaiseDue(CommandContext& ctx, std::int64_t limit, const Settings& s);

// --- Queries -------------------------------------------------------------

// How many cases are past their stage's limit without their return.overdue.
Result<std::int64_t> CountDue(Tx& tx, Micros now, const Settings& s);

}  // namespace liaison::returns
