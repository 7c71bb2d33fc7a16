// The safe return of persons: return cases, their stages and receipts, the
// handover points, and the figures. See docs/returns.md.
//
// A case is owned by the reporting party and shared with the holding party
// (once known), the receiving party and the coordinator; each event carries
// the case's scope as it stands when the event is recorded. The person's name
// lives in its own event (return.name_recorded) and table, scoped to the
// holding and receiving parties and the coordinator only, so no list, figure
// or other party's stream ever carries it.
//
// Commands run on the writer thread (domain/command.hpp); queries take a read
// transaction and are safe from any thread.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.hpp"
#include "domain/command.hpp"
#include "domain/list_query.hpp"
#include "domain/requests/geography.hpp"
#include "domain/returns/handover_points.hpp"
#include "domain/returns/stages.hpp"

namespace liaison::returns {

struct Settings {
  // How long a case may stay at reported, located, secured,
  // handover_arranged and handed_over (kAllStages order).
  std::array<Micros, kTimedStages> stage_limits{};
  const requests::Geography* geography = nullptr;   // null: no districts
  const HandoverPoints* handover_points = nullptr;  // null: none known
};

// --- Projection ----------------------------------------------------------

bool Handles(std::string_view event_type);
Status Apply(WriteTx& tx, const Event& e, const json::object& body);

// --- Commands ------------------------------------------------------------

// {"category","count","location","receiving_party","circumstances",
//  "holding_party"?,"holding_unit"?,"reporting_unit"?,"receiving_unit"?,
//  "medical_status"?,"name"?,"incident"?}. Replies with the case (without
// the name).
Result<json::value> Report(CommandContext& ctx, const json::object& in, const Settings& s);

// {"stage", ...the stage's data}: the next stage, taken by the party the
// stage belongs to or the coordinator's duty desk. Replies with the case
// (without the name).
Result<json::value> Advance(CommandContext& ctx, std::string_view id, const json::object& in,
                            const Settings& s);

// {"name"}: the holding or receiving party or the coordinator records or
// corrects the person's name. Replies with the case and that name.
Result<json::value> RecordName(CommandContext& ctx, std::string_view id, const json::object& in,
                               const Settings& s);

// The scheduler's work at `ctx.now`: return.overdue once per stage for every
// case past its stage's limit, at most `limit` events. Replies {"overdue": n}.
Result<json::value> RaiseDue(CommandContext& ctx, std::int64_t limit, const Settings& s);

// --- Queries -------------------------------------------------------------

// How many cases are past their stage's limit without their return.overdue.
Result<std::int64_t> CountDue(Tx& tx, Micros now, const Settings& s);

struct ListQuery {
  std::vector<std::string> stages;  // may hold "active" (every stage but closed)
  std::vector<std::string> categories;
  std::string party;  // reporting, holding or receiving
  std::string district;
  std::optional<Micros> from, to;  // reported in [from, to)
  std::int64_t limit = 50;
  std::optional<std::int64_t> cursor;  // created_seq of the last item seen
};

Result<ListQuery> ParseListQuery(const QueryParam& get);

// {"items":[...],"next":cursor|null}, newest first; items are cases without
// their stages and without the name.
Result<json::value> List(Tx& tx, const Principal& p, const ListQuery& q, Micros now,
                         const Settings& s);

// A case with its stages, as `p` may see it.
struct CaseView {
  json::value json;
  // The name was recorded and `p` is entitled to it: the view holds it, and
  // reading it is an access to be logged.
  bool name_disclosed = false;
};

// kNotFound when `p` may not see the case. `with_name`: include the name for
// a reader entitled to it.
Result<CaseView> Get(Tx& tx, const Principal& p, std::string_view id, Micros now, const Settings& s,
                     bool with_name);

struct FiguresQuery {
  std::optional<Micros> from, to;  // reported in [from, to)
  std::string party;               // reporting, holding or receiving
  std::string district;
};

Result<FiguresQuery> ParseFiguresQuery(const QueryParam& get);

// {"cases","handed_over","time_to_handover":{"p50_minutes","p90_minutes","n"},
//  "per_month":[...],"per_district":[...],"per_stage":[...]} over the cases
// `p` can see.
Result<json::value> FiguresOf(Tx& tx, const Principal& p, const FiguresQuery& q);

// {"items":[{"id","name","name_ar","name_he","kind","governorate","location"}]};
// `kind` filters when not empty.
Result<json::value> ListHandoverPoints(const Settings& s, std::string_view kind);

}  // namespace liaison::returns
