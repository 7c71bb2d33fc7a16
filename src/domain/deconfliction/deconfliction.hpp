// Deconfliction: planned activities, the conflicts between them (and open
// coordination requests with a footprint), and protected sites. Commands,
// the projection, and queries; the disclosure rules of the pointer model
// live here. See docs/deconfliction.md.
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
#include "domain/command.hpp"
#include "domain/deconfliction/index.hpp"
#include "domain/list_query.hpp"
#include "domain/requests/geography.hpp"
#include "domain/requests/requests.hpp"

namespace liaison::deconfliction {

// Whom a side is told to call about a conflict.
enum class Contact { kCoordinator, kCounterpart };

struct Settings {
  Index* index = nullptr;                          // never null in a server
  const requests::Geography* geography = nullptr;  // null: no districts
  Contact contact = Contact::kCoordinator;
};

// --- Projection ----------------------------------------------------------

bool Handles(std::string_view event_type);
Status Apply(WriteTx& tx, const Event& e, const json::object& body);

// --- Commands ------------------------------------------------------------

// {"kind","title","details"?,"unit"?,"poc"?,"confidentiality"?,"footprint"}
Result<json::value> Register(CommandContext& ctx, const json::object& in, const Settings& s);
// Any of the fields of Register; the footprint is checked again.
Result<json::value> Change(CommandContext& ctx, std::string_view id, const json::object& in,
                           const Settings& s);
// {"reason"?}
Result<json::value> Cancel(CommandContext& ctx, std::string_view id, const json::object& in,
                           const Settings& s);
// {"note"?}: a side has seen the conflict.
Result<json::value> Acknowledge(CommandContext& ctx, std::string_view id, const json::object& in,
                                const Settings& s);
// {"outcome","note"}: the coordinator's duty desk.
Result<json::value> Resolve(CommandContext& ctx, std::string_view id, const json::object& in,
                            const Settings& s);
// {"kind","name","geometry","buffer_m"?,"start"?,"end"?,"notes"?}
Result<json::value> RegisterSite(CommandContext& ctx, const json::object& in, const Settings& s);

// A coordination request's footprint changed (requests::Settings::on_footprint).
Status TrackRequest(CommandContext& ctx, const requests::FootprintChange& change,
                    const Settings& s);

// --- Queries -------------------------------------------------------------

struct ActivityQuery {
  std::vector<std::string> states;  // planned, cancelled
  std::vector<std::string> kinds;
  std::string party;
  bool active_only = false;  // windows not ended at `now`
  std::optional<Micros> from, to;
  std::optional<geo::Box> bbox;
  std::int64_t limit = 50;
  std::optional<std::int64_t> cursor;  // created_seq of the last item seen
};

struct ConflictQuery {
  std::vector<std::string> states;  // open, acknowledged, resolved, unresolved
  std::string party;
  std::string district;
  std::int64_t limit = 50;
  std::optional<std::int64_t> cursor;
};

Result<ActivityQuery> ParseActivityQuery(const QueryParam& get);
Result<ConflictQuery> ParseConflictQuery(const QueryParam& get);

// {"items":[...],"next":cursor|null}
Result<json::value> ListActivities(Tx& tx, const Principal& p, const ActivityQuery& q, Micros now);
// The activity with its conflicts as `p` sees them; kNotFound when `p` may
// not read it.
Result<json::value> GetActivity(Tx& tx, const Principal& p, std::string_view id, Micros now,
                                const Settings& s);
Result<json::value> ListConflicts(Tx& tx, const Principal& p, const ConflictQuery& q,
                                  const Settings& s);
Result<json::value> GetConflict(Tx& tx, const Principal& p, std::string_view id, const Settings& s);
// {"footprint","kind"?,"exclude"?} → {"conflicts":[...],"warnings":[...]}; stores nothing.
// At `now`: records whose window ended take no part.
Result<json::value> DryRun(Tx& tx, const Principal& p, const json::object& in, Micros now,
                           const Settings& s);
// {"items":[...]} (every site: sites are few and public).
Result<json::value> ListSites(Tx& tx, std::string_view kind);

// Across all parties, for monitoring: conflicts not yet resolved.
Result<std::int64_t> CountUnresolved(Tx& tx);

// The SQL condition over `activities` equivalent to Can(p, kReadActivities):
// the owner's readers, and the coordinator's deconfliction desk for what is
// shared with it. params_out is extended by the bound values.
std::string ActivityVisibilitySql(const Principal& p, std::vector<std::string>& params_out);

}  // namespace liaison::deconfliction
