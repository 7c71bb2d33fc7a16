// Coordination requests: commands, the projection, and queries.
//
// A request is owned by the requesting party and shared with the receiving
// party and the coordinator; each of its events carries that same scope, so
// the stream, the audit log and the lists all show it to exactly those
// parties. See docs/requests.md.
//
// Commands run on the writer thread (domain/command.hpp); queries take a read
// transaction and are safe from any thread.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.hpp"
#include "deconflict/footprint.hpp"
#include "domain/command.hpp"
#include "domain/list_query.hpp"
#include "domain/requests/geography.hpp"
#include "domain/requests/lifecycle.hpp"

namespace liaison::requests {

// A change to the part a request plays in deconfliction: an open request's
// footprint takes part in the checks (docs/deconfliction.md).
struct FootprintChange {
  std::string id;
  std::string party;  // the requesting party
  std::string kind;   // as an activity kind: "movement" or "other"
  std::string title;
  std::optional<deconflict::Footprint> before;  // what took part until now
  std::optional<deconflict::Footprint> after;   // nullopt: it no longer takes part
  // What a conflict that the change removes resolves as: "changed",
  // "cancelled" (denied or withdrawn) or "proceed" (completed).
  std::string outcome;
};

// What the commands need besides the transaction: the deadline table in
// force, the geography (null when the map data is not loaded: requests
// without a footprint still work), and who to tell about footprint changes
// (empty: nobody; the deconfliction capability in a server).
struct Settings {
  DeadlineTable deadlines;
  const Geography* geography = nullptr;
  std::function<Status(CommandContext&, const FootprintChange&)> on_footprint;
};

// --- Projection ----------------------------------------------------------

bool Handles(std::string_view event_type);
Status Apply(WriteTx& tx, const Event& e, const json::object& body);

// --- Commands ------------------------------------------------------------

// {"type","to_party","precedence","title","details","footprint"?,"movement"?,
//  "links"?,"from_unit"?,"to_unit"?,"logged_call"?}
Result<json::value> Submit(CommandContext& ctx, const json::object& in, const Settings& s);

// acknowledge {"note"?}; decide {"outcome","reason"?,"conditions"?,"footprint"?};
// start/complete {"note"?}; withdraw {"reason"?}.
Result<json::value> Transition(CommandContext& ctx, std::string_view id, Op op,
                               const json::object& in, const Settings& s);

// {"text","kind"?: "comment"|"reminder","links"?}
Result<json::value> Comment(CommandContext& ctx, std::string_view id, const json::object& in);

// {"channel","caller","summary","action"?,...}: a call taken by a duty
// officer, optionally carrying a transition on behalf of the party that must
// make it.
Result<json::value> LogCall(CommandContext& ctx, std::string_view id, const json::object& in,
                            const Settings& s);

// The deadline scheduler's work at `ctx.now`: raises request.overdue once per
// stage for every passed deadline and expires requests whose window ended
// without a decision, at most `limit` events. Replies {"overdue": n,
// "expired": n}.
Result<json::value> RaiseDue(CommandContext& ctx, std::int64_t limit);

// --- Queries -------------------------------------------------------------

// How many deadlines or windows have passed at `now` without their event:
// whether RaiseDue has work.
Result<std::int64_t> CountDue(Tx& tx, Micros now);

// Across all parties, for monitoring: requests still open, and those of them
// waiting for an answer whose deadline has passed.
struct OpenCounts {
  std::int64_t open = 0;
  std::int64_t overdue = 0;
};
Result<OpenCounts> CountOpen(Tx& tx, Micros now);

struct ListQuery {
  std::string role;                 // "", "inbox", "outbox"
  std::vector<std::string> states;  // may hold "open"
  std::vector<std::string> types;
  std::vector<std::string> precedences;
  std::string party;
  std::string district;
  std::optional<Micros> from, to;
  std::string text;
  std::optional<geo::Box> bbox;
  std::int64_t limit = 50;
  std::optional<std::int64_t> cursor;  // created_seq of the last item seen
};

// Parses the list query parameters; `get` returns a parameter or nullopt.
Result<ListQuery> ParseListQuery(const QueryParam& get);

// {"items":[...],"next":cursor|null}
Result<json::value> List(Tx& tx, const Principal& p, const ListQuery& q);
// The request with its timeline; kNotFound when `p` may not see it.
Result<json::value> Get(Tx& tx, const Principal& p, std::string_view id, bool timeline = true);
// What a draft would cover and need: {"areas","outside","districts","district","coordination"}.
Result<json::value> Evaluate(Tx& tx, const Principal& p, const json::object& draft,
                             const Settings& s);

// A request row as the API shows it, for other capabilities (the duty queue,
// the figures). The columns are kColumns.
extern const std::string_view kColumns;
inline constexpr size_t kColumnCount = 39;  // the columns in kColumns
json::object RowJson(const Row& r);

}  // namespace liaison::requests
