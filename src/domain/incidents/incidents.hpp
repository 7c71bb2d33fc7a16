// Incidents: the reports the agreements require at once, their timeline of
// updates, acknowledgements by severity, and the map layer. Each incident
// has a crisis room (domain/messaging), channel "incident:<id>".
//
// An incident is owned by the reporting party and shared with the parties it
// names and the coordinator; each of its events carries that scope. Nothing
// is overwritten: the incident as shown is its report followed by its
// updates, all kept in the timeline. See docs/incidents.md.
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

namespace liaison::incidents {

struct Settings {
  std::array<Micros, 5> acknowledge{};             // by severity 1..5
  const requests::Geography* geography = nullptr;  // null: no districts
};

// The crisis room of an incident.
std::string ChannelId(std::string_view incident_id);

// --- Projection ----------------------------------------------------------

bool Handles(std::string_view event_type);
Status Apply(WriteTx& tx, const Event& e, const json::object& body);

// --- Commands ------------------------------------------------------------

// {"type","severity","title","description","location","occurred_at",
//  "shared_with","unit"?,"casualties"?,"links"?}
Result<json::value> Report(CommandContext& ctx, const json::object& in, const Settings& s);
// {"text"?,"severity"?,"state"?,"casualties"?,"location"?,"links"?}, at least one.
Result<json::value> Update(CommandContext& ctx, std::string_view id, const json::object& in,
                           const Settings& s);
// {"note"?}: the caller's party has seen the incident.
Result<json::value> Acknowledge(CommandContext& ctx, std::string_view id, const json::object& in,
                                const Settings& s);
// {"summary"}
Result<json::value> Close(CommandContext& ctx, std::string_view id, const json::object& in,
                          const Settings& s);

// The scheduler's work at `ctx.now`: incident.ack_overdue once per party for
// every passed acknowledgement deadline of an incident not closed, at most
// `limit` events.
Result<json::value> RaiseDue(CommandContext& ctx, std::int64_t limit);

// --- Queries -------------------------------------------------------------

// How many acknowledgement deadlines have passed without their event.
Result<std::int64_t> CountDue(Tx& tx, Micros now);

struct ListQuery {
  std::vector<std::string> states;  // may hold "active": not closed
  std::vector<std::string> types;
  std::int64_t severity_min = 1;
  std::string party;
  std::string district;
  std::optional<Micros> from, to;  // on occurred_at
  std::optional<geo::Box> bbox;
  std::int64_t limit = 50;
  std::optional<std::int64_t> cursor;  // created_seq of the last item seen
};

struct HeatQuery {
  Micros from = 0, to = 0;
  double cell_m = 2000;
  std::vector<std::string> types;
  std::int64_t severity_min = 1;
};

Result<ListQuery> ParseListQuery(const QueryParam& get);
Result<HeatQuery> ParseHeatQuery(const QueryParam& get);

// {"items":[...],"next":cursor|null}, newest first.
Result<json::value> List(Tx& tx, const Principal& p, const ListQuery& q, Micros now);
// The incident with its timeline; kNotFound when `p` may not read it.
Result<json::value> Get(Tx& tx, const Principal& p, std::string_view id, Micros now);
// {"cell_m","cells":[{"lon","lat","count","max_severity"}]}
Result<json::value> Heat(Tx& tx, const Principal& p, const HeatQuery& q);

// Across all parties, for monitoring: incidents not closed, and the
// acknowledgements of those whose deadline has passed unanswered.
Result<std::int64_t> CountActive(Tx& tx);
Result<std::int64_t> CountOverdueAcks(Tx& tx, Micros now);

}  // namespace liaison::incidents
